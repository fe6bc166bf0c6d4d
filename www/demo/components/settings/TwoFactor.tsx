'use client';
// The authenticator app: turn it on (the enrollment widget), replace it
// (the widget asks for a current code too), new backup codes, re-seal
// under a new key, turn it off.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import 'twofa/widget';
import { post } from '../post';
import { StepUp } from './StepUp';
import type { Status } from './types';

/** The enrollment widget, created after a click (so React attaches the event prop); `replace` also asks for a current code. */
function Enroll({ replace, onDone }: { replace: boolean; onDone: () => void }) {
  return (
    <twofa-enroll begin-url="/api/user/setting/2fa/save-secret" confirm-url="/api/user/setting/2fa/enable"
      replace={replace} ontwofa-enrolled={onDone} />
  );
}

export function TwoFactor({ status, onNotice }: { status: Status; onNotice: (text: string) => void }) {
  const router = useRouter();
  const [enrolling, setEnrolling] = useState(false);
  const [newCodes, setNewCodes] = useState<string[]>([]);
  const hasApp = status.methods.includes('totp');
  const enrolled = () => {
    setEnrolling(false);
    onNotice(hasApp ? 'Your authenticator app was replaced.' : 'Your authenticator app is set up.');
    router.refresh();
  };

  if (enrolling) return <Enroll replace={status.enabled} onDone={enrolled} />;
  return (
    <>
      <p data-testid="status">
        Two-factor authentication is <strong>{status.enabled ? 'on' : 'off'}</strong>
        {status.enabled ? <>. Backup codes left: <strong data-testid="backup-remaining">{status.backupRemaining}</strong></> : null}.
      </p>
      <button type="button" onClick={() => setEnrolling(true)}>
        {hasApp ? 'Replace your authenticator app' : status.enabled ? 'Add an authenticator app' : 'Turn on two-factor authentication'}
      </button>
      {status.needsRotation ? (
        <p>
          Your secret is sealed with an older key.{' '}
          <button type="button" onClick={async () => { await post('/api/user/setting/2fa/rotate'); router.refresh(); }}>Re-seal with the current key</button>
        </p>
      ) : null}
      {status.enabled ? (
        <>
          <h2>New backup codes</h2>
          <StepUp label="New backup codes" action="/api/user/setting/2fa/regenerate" onDone={(data) => { setNewCodes(data.backupCodes as string[]); router.refresh(); }} />
          {newCodes.length ? <ol className="codes" data-testid="new-codes">{newCodes.map((c) => <li key={c}>{c}</li>)}</ol> : null}
          <h2>Turn off</h2>
          <StepUp label="Turn off 2FA" action="/api/user/setting/2fa/disable" onDone={() => { onNotice('Two-factor authentication is off.'); router.refresh(); }} />
        </>
      ) : null}
    </>
  );
}
