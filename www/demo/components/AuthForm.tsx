'use client';
// Sign up or log in with a password. With 2FA on, login continues at /verify.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

export function AuthForm({ mode }: { mode: 'signup' | 'login' }) {
  const router = useRouter();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const title = mode === 'signup' ? 'Sign up' : 'Log in';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const form = new FormData(event.currentTarget);
    const response = await fetch(`/api/auth/${mode}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
    });
    const data = await response.json().catch(() => ({}));
    setBusy(false);
    if (!response.ok) return setMessage(data.message ?? 'Something went wrong.');
    router.push(data.mfaRequired ? '/verify' : mode === 'signup' ? '/settings' : '/');
    router.refresh();
  }

  return (
    <section>
      <h1>{title}</h1>
      <form onSubmit={submit} className="stack">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" minLength={8} required
          autoComplete={mode === 'signup' ? 'new-password' : 'current-password'} />
        <button type="submit" disabled={busy}>{title}</button>
        <p role="alert" className="error">{message}</p>
      </form>
    </section>
  );
}
