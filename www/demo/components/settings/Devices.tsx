'use client';
// "Sign out all other devices": other sessions end and every remembered browser must pass a code again.
import { useRouter } from 'next/navigation';
import { localTime, messageOf, post } from '../post';
import type { Status } from './types';

export function Devices({ status, onNotice }: { status: Status; onNotice: (text: string) => void }) {
  const router = useRouter();
  async function signOutEverywhere() {
    const answer = await post('/api/user/setting/2fa/forget-devices');
    onNotice(answer.ok ? 'Every other device is signed out, and no browser skips the code any more.' : messageOf(answer));
    router.refresh();
  }
  return (
    <>
      <p className="small">
        A browser you ask to remember skips the code for {status.devices.rememberDays} days.
        {status.devices.revokedAt ? ` Every device was last signed out at ${localTime(status.devices.revokedAt)}.` : ''}
      </p>
      <button type="button" onClick={signOutEverywhere}>Sign out all other devices</button>
    </>
  );
}
