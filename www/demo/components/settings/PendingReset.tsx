'use client';
// A pending removal of 2FA (someone who knew the password asked for it).
// This session may have skipped the code (a trusted browser), so a code cancels it here.
import { useRouter } from 'next/navigation';
import { localTime } from '../post';
import { StepUp } from './StepUp';

export function PendingReset({ at, onNotice }: { at: number; onNotice: (text: string) => void }) {
  const router = useRouter();
  return (
    <div className="notice" data-testid="pending-reset">
      <p>
        A removal of two-factor authentication was requested for this account: it takes effect at {localTime(at)}.
        If you did not ask for it, cancel it with a code.
      </p>
      <StepUp label="Cancel the removal" action="/api/user/setting/2fa/cancel-reset" onDone={() => { onNotice('The removal was cancelled.'); router.refresh(); }} />
    </div>
  );
}
