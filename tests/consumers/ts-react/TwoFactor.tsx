'use client';
// A React 19 app's 2FA components as the README shows them: both elements
// with attributes, a ref, events, fetchOptions and messages, typed by the
// declarations twofa/widget ships (there is no declaration of our own here).
import { useEffect, useRef, useState } from 'react';
import { MESSAGES, type EnrolledDetail, type TwofaChallengeElement, type TwofaEnrollElement, type VerifiedDetail } from 'twofa/widget';

const fetchOptions: RequestInit = { headers: { 'x-csrf-token': 'csrf-123' } };

export function Enroll({ onDone }: { onDone: (detail: EnrolledDetail) => void }) {
  const ref = useRef<TwofaEnrollElement>(null);
  return (
    <twofa-enroll
      ref={ref}
      begin-url="/api/2fa/begin"
      confirm-url="/api/2fa/confirm"
      fetchOptions={fetchOptions}
      messages={{ ...MESSAGES, INVALID_CODE: 'Falscher Code.' }}
      ontwofa-enrolled={(event) => onDone(event.detail)}
      className="twofa"
      id="enroll"
    />
  );
}

export function Challenge({ onVerified }: { onVerified: (body: VerifiedDetail) => void }) {
  const ref = useRef<TwofaChallengeElement>(null);
  const [expired, setExpired] = useState(false);
  const [propertiesSet, setPropertiesSet] = useState(false);
  // The ref is the element itself, with its properties.
  useEffect(() => setPropertiesSet(ref.current?.messages.INVALID_CODE === 'Falscher Code.'), []);
  return (
    <>
      <twofa-challenge
        ref={ref}
        verify-url="/api/2fa/verify"
        methods="totp backup email"
        send-code-url="/api/2fa/send"
        remember-device
        remember-days={30}
        ontwofa-code-sent={(event) => event.detail.resendAt}
        fetchOptions={fetchOptions}
        messages={{ ...MESSAGES, INVALID_CODE: 'Falscher Code.' }}
        ontwofa-verified={(event) => onVerified(event.detail)}
        ontwofa-expired={() => setExpired(true)}
        style={{ maxWidth: '30rem' }}
        onClick={(event) => event.currentTarget.focus()}
      />
      <p id="properties">{propertiesSet ? 'set' : 'unset'}</p>
      {expired ? <p>Sign in again.</p> : null}
    </>
  );
}

// What the types refuse.
export function Mistakes() {
  const wide = useRef<HTMLElement>(null);
  return (
    <>
      {/* @ts-expect-error: verify-url is required */}
      <twofa-challenge />
      {/* @ts-expect-error: confirm-url is required */}
      <twofa-enroll begin-url="/begin" />
      {/* @ts-expect-error: fetchOptions is a RequestInit */}
      <twofa-challenge verify-url="/v" fetchOptions="same-origin" />
      {/* @ts-expect-error: messages are the whole set (start from MESSAGES) */}
      <twofa-challenge verify-url="/v" messages={{ INVALID_CODE: 'Nope.' }} />
      {/* @ts-expect-error: methods is the attribute's text ("totp backup"), not a list */}
      <twofa-challenge verify-url="/v" methods={['totp', 'backup']} />
      {/* @ts-expect-error: twofa-code-sent carries { channel, expiresAt, resendAt } */}
      <twofa-challenge verify-url="/v" ontwofa-code-sent={(event: CustomEvent<{ sentTo: string }>) => event} />
      <twofa-enroll begin-url="/b" confirm-url="/c" replace />
      {/* @ts-expect-error: a misspelt property */}
      <twofa-challenge verify-url="/v" fetchOption={{}} />
      {/* @ts-expect-error: the ref is the element's own type, not any HTMLElement */}
      <twofa-challenge verify-url="/v" ref={wide} />
      {/* @ts-expect-error: twofa-enrolled carries { backupCodes: number } */}
      <twofa-enroll begin-url="/b" confirm-url="/c" ontwofa-enrolled={(event: CustomEvent<{ backupCodes: string[] }>) => event} />
    </>
  );
}
