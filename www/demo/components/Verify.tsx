'use client';
// MFA_REQUIRED: the <twofa-challenge> element with the user's methods
// (authenticator app, backup code, a code by email), "Remember this
// browser", a pending factor reset, and "Lost your phone and backup codes?".
import Link from 'next/link';
import { useCallback, useRef, useState } from 'react';
import 'twofa/widget';
import { ChallengeExpiry } from './ChallengeExpiry';
import { LostFactor } from './LostFactor';
import { localTime } from './post';
import { useChallenge, useGoHome, withoutChallenge } from './useChallenge';
import { useElementEvent } from './useElementEvent';

export function Verify() {
  const element = useRef<HTMLElement>(null);
  const [challenge, update] = useChallenge();
  const [expired, setExpired] = useState(false);
  const verified = useGoHome();
  const expire = useCallback(() => setExpired(true), []);
  useElementEvent(element, 'twofa-verified', verified, challenge);
  useElementEvent(element, 'twofa-expired', expire, challenge);

  if (!challenge?.pending || challenge.state !== 'MFA_REQUIRED') return withoutChallenge(challenge, 'MFA_REQUIRED');
  return (
    <section>
      <twofa-challenge ref={element} verify-url="/api/auth/verify-2fa" send-code-url="/api/auth/send-code"
        methods={challenge.methods?.join(' ')} remember-device="" remember-days="30" />
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
