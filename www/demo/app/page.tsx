import Link from 'next/link';
import { enrollmentDueAt } from '@/lib/policy';
import { currentUser } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export default async function Home() {
  const user = await currentUser();
  if (!user) {
    return (
      <section>
        <h1>A forum with two-factor authentication</h1>
        <p>Sign up, turn on 2FA with an authenticator app, then log out and back in.</p>
        <p><Link href="/signup">Sign up</Link> or <Link href="/login">log in</Link>.</p>
      </section>
    );
  }
  const status = twofa().status(user);
  const due = status.enabled ? null : await enrollmentDueAt();
  return (
    <section>
      <h1 id="welcome">Welcome, {user.email}</h1>
      {due ? (
        <p className="notice" data-testid="enrollment-due">
          This site requires two-factor authentication: <Link href="/settings">turn it on</Link> before {new Date(due).toLocaleString()}.
        </p>
      ) : null}
      <p data-testid="home-2fa">
        Two-factor authentication is <strong>{status.enabled ? 'on' : 'off'}</strong>
        {status.enabled ? ` (${status.backupRemaining} backup codes left)` : ''}.{' '}
        <Link href="/settings">Security settings</Link>
      </p>
    </section>
  );
}
