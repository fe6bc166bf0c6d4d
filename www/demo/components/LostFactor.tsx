'use client';
// "Lost your phone and backup codes?": the time-locked self-service reset.
// Nothing happens for 72 hours; the owner is told by mail and cancels it by
// signing in with a code, so a thief who knows the password gains nothing quickly.
import { useState } from 'react';
import { messageOf, post } from './post';

export function LostFactor({ onRequested }: { onRequested: (factorResetAt: number) => void }) {
  const [message, setMessage] = useState('');
  async function request() {
    const answer = await post('/api/auth/lost-factor');
    if (!answer.ok) return setMessage(messageOf(answer));
    onRequested(Number(answer.data.factorResetAt));
  }
  return (
    <details className="lost">
      <summary>Lost your phone and backup codes?</summary>
      <p>
        We can remove two-factor authentication from your account after a waiting period of 72 hours, then you set it up
        again. We email you now; if it was not you, signing in with a code before then cancels it.
      </p>
      <button type="button" onClick={request}>Remove two-factor authentication in 72 hours</button>
      <p role="alert" className="error">{message}</p>
    </details>
  );
}
