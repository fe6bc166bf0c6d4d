'use client';
// The reset link's page. The link carries the token in the fragment
// (#token=…), which the browser never sends to a server.
// An account with 2FA is asked for a current code (the route answers
// MFA_REQUIRED); an emailed code does not count here (the link came by email).
import Link from 'next/link';
import { useEffect, useState, type FormEvent } from 'react';
import { messageOf, post } from './post';

export function ResetPassword() {
  const [token, setToken] = useState<string>();
  const [needsCode, setNeedsCode] = useState(false);
  const [message, setMessage] = useState('');
  const [done, setDone] = useState(false);
  useEffect(() => {
    setToken(new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '');
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const answer = await post('/api/auth/reset', { token, password: form.get('password'), code: form.get('code') ?? undefined });
    if (answer.data.error === 'MFA_REQUIRED') setNeedsCode(true);
    setMessage(answer.ok ? '' : answer.data.error === 'MFA_REQUIRED' ? 'Your account has two-factor authentication: enter a current code.' : messageOf(answer));
    setDone(answer.ok);
  }

  if (done) return <p role="status" className="ok" data-testid="reset-done">Your password was changed. <Link href="/login">Log in</Link> with it.</p>;
  return (
    <section>
      <h1>Choose a new password</h1>
      <form onSubmit={submit} className="stack">
        <label htmlFor="password">New password</label>
        <input id="password" name="password" type="password" minLength={8} autoComplete="new-password" required />
        {needsCode ? (
          <>
            <label htmlFor="code">Code from your authenticator app, or a backup code</label>
            <input id="code" name="code" autoComplete="one-time-code" required />
          </>
        ) : null}
        <button type="submit" disabled={token === undefined}>Change password</button>
        <p role="alert" className="error" data-testid="reset-message">{message}</p>
      </form>
    </section>
  );
}
