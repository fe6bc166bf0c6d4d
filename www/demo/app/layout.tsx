import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LogoutButton } from '@/components/LogoutButton';
import { outboxEnabled } from '@/lib/mail';
import { currentUser } from '@/lib/session';
import './globals.css';

export const metadata: Metadata = { title: 'twofa demo', description: 'Two-factor authentication on twofa, end to end.' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <header>
          <Link href="/" className="brand">twofa demo</Link>
          <nav aria-label="Account">
            {outboxEnabled() ? <Link href="/outbox">Outbox</Link> : null}
            {user ? (
              <>
                <span className="who">{user.email}</span>
                {user.role === 'admin' ? <Link href="/admin">Admin</Link> : null}
                <Link href="/settings">Security settings</Link>
                <LogoutButton />
              </>
            ) : (
              <>
                <Link href="/login">Log in</Link>
                <Link href="/signup">Sign up</Link>
              </>
            )}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
