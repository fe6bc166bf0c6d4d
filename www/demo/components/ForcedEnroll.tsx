'use client';
// ENROLLMENT_REQUIRED: no session until the account has a second factor.
// The enrollment widget talks to /api/auth/enroll/*, which read the
// challenge cookie of this sign-in.
import 'twofa/widget';
import { useChallenge, useGoHome, withoutChallenge } from './useChallenge';

const WHY: Record<string, string> = {
  policy: 'This site requires two-factor authentication, and the grace period for your account is over.',
  'factor-reset': 'The removal you asked for took effect: your old authenticator and backup codes no longer work.',
};

export function ForcedEnroll({ reason }: { reason: string }) {
  const [challenge] = useChallenge();
  const goHome = useGoHome();

  if (!challenge?.pending || challenge.state !== 'ENROLLMENT_REQUIRED') return withoutChallenge(challenge, 'ENROLLMENT_REQUIRED');
  return (
    <section>
      <h1>Set up two-factor authentication to continue</h1>
      <p data-testid="enroll-reason">{WHY[reason] ?? 'Your account needs two-factor authentication before you can continue.'}</p>
      {/* Created in the browser, so React attaches the event prop. */}
      <twofa-enroll begin-url="/api/auth/enroll/begin" confirm-url="/api/auth/enroll/confirm" ontwofa-enrolled={goHome} />
    </section>
  );
}
