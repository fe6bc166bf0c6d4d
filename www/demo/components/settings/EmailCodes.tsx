'use client';
// Codes by email: confirm the address with a code sent to it (plus a current
// code if 2FA is already on); then it is a way to sign in, or to confirm
// the actions on this page.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { localTime, messageOf, post } from '../post';
import type { Status } from './types';

export function EmailCodes({ email, status, onNotice }: { email: string; status: Status; onNotice: (text: string) => void }) {
  const router = useRouter();
  const [sent, setSent] = useState(false);
  const [message, setMessage] = useState('');
  const [backupCodes, setBackupCodes] = useState<string[]>([]);
  const confirmed = status.methods.includes('email');

  async function send() {
    const answer = await post('/api/user/setting/2fa/email/send');
    setMessage(answer.ok ? `We sent a code to ${email}; it works until ${localTime(Number(answer.data.expiresAt))}.` : messageOf(answer));
    setSent(answer.ok || sent);
  }
  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const answer = await post('/api/user/setting/2fa/email/confirm', { code: form.get('code'), currentCode: form.get('currentCode') ?? undefined });
    if (!answer.ok) return setMessage(messageOf(answer));
    setSent(false);
    setMessage('');
    setBackupCodes(Array.isArray(answer.data.backupCodes) ? (answer.data.backupCodes as string[]) : []);
    onNotice('Codes by email are on.');
    router.refresh();
  }

  return (
    <div data-testid="email-codes">
      <p>{confirmed ? `Codes by email are on (${email}).` : `Get codes by email at ${email}, as a fallback or as your only second factor.`}</p>
      <button type="button" onClick={send}>{confirmed ? 'Email me a code' : 'Send a confirmation code'}</button>
      {sent && !confirmed ? (
        <form onSubmit={confirm} className="stack">
          <label htmlFor="email-code">Code from the email</label>
          <input id="email-code" name="code" inputMode="numeric" autoComplete="one-time-code" required />
          {status.enabled ? (
            <>
              <label htmlFor="email-current-code">A current code from your app, or a backup code</label>
              <input id="email-current-code" name="currentCode" autoComplete="one-time-code" required />
            </>
          ) : null}
          <button type="submit">Turn on codes by email</button>
        </form>
      ) : null}
      {backupCodes.length ? (
        <>
          <p>Save these backup codes: each works once, if you lose access to your email.</p>
          <ol className="codes" data-testid="email-backup-codes">{backupCodes.map((c) => <li key={c}>{c}</li>)}</ol>
        </>
      ) : null}
      <p role="status" className="small" data-testid="email-message">{message}</p>
    </div>
  );
}
