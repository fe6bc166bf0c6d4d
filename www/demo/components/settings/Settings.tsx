'use client';
// The security settings page: each section is its own component.
import { useState } from 'react';
import { Devices } from './Devices';
import { EmailCodes } from './EmailCodes';
import { Password } from './Password';
import { PendingReset } from './PendingReset';
import { TwoFactor } from './TwoFactor';
import type { Status } from './types';

export function Settings({ email, status, enrollmentDueAt }: { email: string; status: Status; enrollmentDueAt: number | null }) {
  const [notice, setNotice] = useState('');
  return (
    <section>
      <h1>Security settings</h1>
      <p>Account: {email}</p>
      <p role="status" className="ok">{notice}</p>
      {enrollmentDueAt && !status.enabled ? (
        <p className="notice" data-testid="enrollment-due">This site requires two-factor authentication: turn it on before {new Date(enrollmentDueAt).toLocaleString()}.</p>
      ) : null}
      {status.factorResetAt ? <PendingReset at={status.factorResetAt} onNotice={setNotice} /> : null}
      <h2>Authenticator app</h2>
      <TwoFactor status={status} onNotice={setNotice} />
      <h2>Codes by email</h2>
      <EmailCodes email={email} status={status} onNotice={setNotice} />
      <h2>Devices</h2>
      <Devices status={status} onNotice={setNotice} />
      <h2>Password</h2>
      <Password onNotice={setNotice} />
    </section>
  );
}
