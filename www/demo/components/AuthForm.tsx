'use client';
// Sign up, or log in with a password; the answer's state says where to go:
// home, the code (/verify) or a required enrollment (/enroll).
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { messageOf, post } from './post';

/** Where the login continues, by the state the route answered. */
function nextPage(data: Record<string, unknown>, mode: 'signup' | 'login'): string {
  if (data.state === 'MFA_REQUIRED') return '/verify';
  if (data.state === 'ENROLLMENT_REQUIRED') return `/enroll?reason=${data.reason}`;
  return mode === 'signup' ? '/settings' : '/';
}

export function AuthForm({ mode }: { mode: 'signup' | 'login' }) {
  const router = useRouter();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const title = mode === 'signup' ? 'Sign up' : 'Log in';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const form = new FormData(event.currentTarget);
    const answer = await post(`/api/auth/${mode}`, { email: form.get('email'), password: form.get('password') });
    setBusy(false);
    if (!answer.ok) return setMessage(messageOf(answer));
    router.push(nextPage(answer.data, mode));
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
      {mode === 'login' ? <p><Link href="/forgot-password">Forgot your password?</Link></p> : null}
    </section>
  );
}
