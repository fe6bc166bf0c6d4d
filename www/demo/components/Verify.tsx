'use client';
// MFA_REQUIRED: the <twofa-challenge> element; the challenge's expiry comes from an Edge route.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import 'twofa/widget';
import type { TwofaChallengeElement } from 'twofa/widget';

interface ChallengeStatus { runtime: string; pending: boolean; expiresAt?: number }

export function Verify() {
  const router = useRouter();
  const element = useRef<TwofaChallengeElement>(null);
  const [status, setStatus] = useState<ChallengeStatus>();
  const [expired, setExpired] = useState(false);

  // This element is rendered on the server too, and React does not attach
  // `ontwofa-…` props while hydrating: listen through the ref instead.
  useEffect(() => {
    fetch('/api/auth/challenge-status').then((r) => r.json()).then(setStatus, () => {});
    const node = element.current;
    const verified = () => { router.push('/'); router.refresh(); };
    const expire = () => setExpired(true);
    node?.addEventListener('twofa-verified', verified);
    node?.addEventListener('twofa-expired', expire);
    return () => {
      node?.removeEventListener('twofa-verified', verified);
      node?.removeEventListener('twofa-expired', expire);
    };
  }, [router]);

  return (
    <section>
      <twofa-challenge ref={element} verify-url="/api/auth/verify-2fa" />
      {status?.pending && status.expiresAt ? (
        <p className="small" data-testid="challenge-expiry" data-runtime={status.runtime}>
          This sign-in is valid until {new Date(status.expiresAt).toLocaleTimeString()}.
        </p>
      ) : null}
      {status && !status.pending ? <p className="small">No sign-in is in progress. <Link href="/login">Log in</Link>.</p> : null}
      {expired ? <p><Link href="/login">Sign in again</Link></p> : null}
    </section>
  );
}
