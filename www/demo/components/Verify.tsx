'use client';
// MFA_REQUIRED: the <twofa-challenge> element with the user's methods
// (authenticator app, backup code, a code by email), "Remember this
// browser", a pending factor reset, and "Lost your phone and backup codes?".
import Link from 'next/link';
import { useState } from 'react';
import 'twofa/widget';
import { ChallengeExpiry } from './ChallengeExpiry';
import { LostFactor } from './LostFactor';
import { localTime } from './post';
import { useChallenge, useGoHome, withoutChallenge } from './useChallenge';

export function Verify() {
  const [challenge, update] = useChallenge();
  const [expired, setExpired] = useState(false);
  const goHome = useGoHome();

  if (!challenge?.pending || challenge.state !== 'MFA_REQUIRED') return withoutChallenge(challenge, 'MFA_REQUIRED');
  // The element is created in the browser (once the challenge is known), so
  // React attaches its ontwofa-… props; it would not on server-rendered HTML.
  return (
    <section>
      <twofa-challenge verify-url="/api/auth/verify-2fa" send-code-url="/api/auth/send-code"
        methods={challenge.methods?.join(' ')} remember-device remember-days={30}
        ontwofa-verified={goHome} ontwofa-expired={() => setExpired(true)} />
      <ChallengeExpiry />
      {challenge.factorResetAt ? (
        <p className="notice" data-testid="pending-reset">
          A removal of two-factor authentication is pending: it takes effect at {localTime(challenge.factorResetAt)}.
          Signing in with a code cancels it.
        </p>
      ) : (
        <LostFactor onRequested={(factorResetAt) => update({ factorResetAt })} />
      )}
      {expired ? <p><Link href="/login">Sign in again</Link></p> : null}
    </section>
  );
}
