'use client';
// A new password: other sessions, reset links and remembered browsers stop working.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { messageOf, post } from '../post';

export function Password({ onNotice }: { onNotice: (text: string) => void }) {
  const router = useRouter();
  const [message, setMessage] = useState('');
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const answer = await post('/api/user/password', { currentPassword: data.get('currentPassword'), password: data.get('password') });
    if (!answer.ok) return setMessage(messageOf(answer));
    form.reset();
    setMessage('');
    onNotice('Your password was changed; other sessions are signed out.');
    router.refresh();
  }
  return (
    <form onSubmit={submit} className="stack" data-testid="password-form">
      <label htmlFor="current-password">Current password</label>
      <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
      <label htmlFor="new-password">New password</label>
      <input id="new-password" name="password" type="password" minLength={8} autoComplete="new-password" required />
      <button type="submit">Change password</button>
      <p role="alert" className="error">{message}</p>
    </form>
  );
}
