'use client';
// The life of a 2FA account: enable (the widget), status, rotate, new backup
// codes and disable, the last two behind a current code (step-up).
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import 'twofa/widget';

interface Status { enabled: boolean; backupRemaining: number; needsRotation: boolean }

async function post(path: string, body: unknown = {}): Promise<Record<string, unknown> & { ok: boolean }> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { ...(await response.json().catch(() => ({}))), ok: response.ok };
}

function StepUp({ label, action, onDone }: { label: string; action: string; onDone: (data: Record<string, unknown>) => void }) {
  const [message, setMessage] = useState('');
  const id = `code-${action.split('/').pop()}`;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = await post(action, { code: new FormData(form).get('code') });
    if (!data.ok) return setMessage(String(data.message ?? 'Something went wrong.'));
    form.reset();
    setMessage('');
    onDone(data);
  }
  return (
    <form onSubmit={submit} className="row" data-testid={id}>
      <label htmlFor={id}>{label}: code from your app or a backup code</label>
      <input id={id} name="code" autoComplete="one-time-code" required />
      <button type="submit">Confirm</button>
      <p role="alert" className="error">{message}</p>
    </form>
  );
}

export function Settings({ email, status }: { email: string; status: Status }) {
  const router = useRouter();
  const [enrolling, setEnrolling] = useState(false);
  const [newCodes, setNewCodes] = useState<string[]>([]);
  const [notice, setNotice] = useState('');
  const enrolled = () => { setEnrolling(false); setNotice('Two-factor authentication is on.'); router.refresh(); };

  return (
    <section>
      <h1>Security settings</h1>
      <p>Account: {email}</p>
      <p role="status" className="ok">{notice}</p>
      {!status.enabled ? (
        enrolling ? (
          // Created in the browser after the click, so React attaches the event prop
          // (on server-rendered HTML it would not: see Verify.tsx).
          <twofa-enroll begin-url="/api/user/setting/2fa/save-secret" confirm-url="/api/user/setting/2fa/enable" ontwofa-enrolled={enrolled} />
        ) : (
          <>
            <p data-testid="status">Two-factor authentication is <strong>off</strong>.</p>
            <button type="button" onClick={() => setEnrolling(true)}>Turn on two-factor authentication</button>
          </>
        )
      ) : (
        <>
          <p data-testid="status">
            Two-factor authentication is <strong>on</strong>. Backup codes left: <strong data-testid="backup-remaining">{status.backupRemaining}</strong>.
          </p>
          {status.needsRotation ? (
            <p>
              Your secret is sealed with an older key.{' '}
              <button type="button" onClick={async () => { await post('/api/user/setting/2fa/rotate'); router.refresh(); }}>Re-seal with the current key</button>
            </p>
          ) : null}
          <h2>New backup codes</h2>
          <StepUp label="New backup codes" action="/api/user/setting/2fa/regenerate" onDone={(data) => { setNewCodes(data.backupCodes as string[]); router.refresh(); }} />
          {newCodes.length ? (
            <ol className="codes" data-testid="new-codes">{newCodes.map((c) => <li key={c}>{c}</li>)}</ol>
          ) : null}
          <h2>Turn off</h2>
          <StepUp label="Turn off 2FA" action="/api/user/setting/2fa/disable" onDone={() => { setNotice('Two-factor authentication is off.'); router.refresh(); }} />
        </>
      )}
    </section>
  );
}
