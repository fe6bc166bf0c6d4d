// What the demo tells users by mail: one-time codes, reset links, and a
// notice on every change to how they sign in, so an owner learns at once if
// someone else changed it.
import type { TwoFactorEvent } from 'twofa';
import { findUser } from './db';
import { sendMail } from './mail';

const when = (ms: number) => new Date(ms).toUTCString();

/** twofa's email channel: a code to sign in or to confirm the address. */
export async function emailCode({ to, code, expiresAt }: { to?: string; code: string; expiresAt: number }): Promise<void> {
  if (!to) throw new Error('no address to send the code to');
  await sendMail({
    to,
    subject: 'Your twofa demo code',
    text: `Your code is ${code}. It works once, until ${when(expiresAt)}. If you did not ask for it, change your password.`,
  });
}

export async function emailResetLink(to: string, link: string, expiresAt: number): Promise<void> {
  await sendMail({
    to,
    subject: 'Reset your twofa demo password',
    text: `Open this link to choose a new password (it works once, until ${when(expiresAt)}):\n${link}\nIf you did not ask for it, ignore this message.`,
  });
}

/** A security notice; one that cannot be sent is logged and never fails the request that caused it. */
async function notice(to: string, text: string): Promise<void> {
  await sendMail({ to, subject: 'Security notice', text: `${text}\nIf this was not you, reset your password and sign out all devices.` })
    .catch((error) => console.error('[notice] not sent:', (error as Error).message));
}

export function notifyPasswordChanged(to: string): Promise<void> {
  return notice(to, 'Your password was changed; sessions signed in before were signed out.');
}

const FACTOR_CHANGES: Record<string, string> = {
  enrolled: 'Two-factor authentication was turned on.',
  replaced: 'Your authenticator app was replaced.',
  disabled: 'Two-factor authentication was turned off.',
  'backup-codes': 'New backup codes were made; the old ones no longer work.',
  'channel-added': 'Codes by email were turned on.',
  reset: 'Two-factor authentication was removed after the reset you asked for. Set up a new authenticator app.',
};

/** The notice for a twofa event, if it is one the user must hear about. */
function noticeFor(event: TwoFactorEvent): string | undefined {
  switch (event.type) {
    case 'factor.changed':
      return FACTOR_CHANGES[String(event.detail.change)] ?? 'Your two-factor authentication changed.';
    case 'factor-reset.requested':
      return `Someone who knows your password asked to remove two-factor authentication from your account. It happens at ${when(Number(event.detail.at))} unless you sign in with a code before then: that cancels it.`;
    case 'factor-reset.cancelled':
      return 'The pending removal of your two-factor authentication was cancelled: you signed in with a code.';
    default:
      return undefined;
  }
}

/** twofa's onEvent: mail the owner about changes to their factor. */
export async function notifyEvent(event: TwoFactorEvent): Promise<void> {
  const text = noticeFor(event);
  const user = text ? await findUser(event.userId) : undefined;
  if (user && text) await notice(user.email, text);
}
