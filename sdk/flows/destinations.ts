/**
 * Where a channel's codes go. With `channels: { email: { to, send } }` the
 * app says where (the user's address, read from their record), and a
 * confirmed channel keeps a keyed digest of the address it was confirmed at:
 * once the address changes (a stolen session editing the profile), the
 * channel no longer verifies anything until confirmed again, which takes a
 * current code. The user still counts as having 2FA meanwhile.
 * @internal
 * @module
 */
import { TwoFactorError } from '../errors.js';
import type { KeyRing } from '../keyring.js';
import type { Settings } from './config.js';
import type { Context } from './context.js';
import { methodsOf, type UserRecord } from './records.js';
import type { Channel, Method } from './types.js';

const DESTINATION = 'twofa.destination';

/** The address `to(user)` gives, or undefined for a channel configured without `to`. */
export function destinationOf(settings: Settings, channel: Channel, user: UserRecord): string | undefined {
  const to = settings.senders[channel]?.to;
  if (!to) return undefined;
  const address = to(user.raw);
  if (typeof address !== 'string' || address.trim() === '') {
    throw new TwoFactorError('NOT_ENROLLED', `this account has no ${channel === 'email' ? 'email address' : 'phone number'} to send a code to`);
  }
  return address.trim();
}

/** The digest of an address, kept with the confirmed channel. */
export function destinationStamp(ring: KeyRing, channel: Channel, address: string | undefined): string | undefined {
  return address === undefined ? undefined : ring.mac(DESTINATION, `${channel}\0${address}`);
}

/** A confirmed channel whose address is still the one confirmed (always, for channels configured without `to`). */
function channelUsable(settings: Settings, ring: KeyRing, user: UserRecord, channel: Channel): boolean {
  if (!user.channels.includes(channel)) return false;
  if (!settings.senders[channel]?.to) return true;
  const stamp = user.channelStamps[channel];
  if (!stamp) return false;
  let address: string | undefined;
  try {
    address = destinationOf(settings, channel, user);
    return address !== undefined && ring.verifyMac(DESTINATION, `${channel}\0${address}`, stamp);
  } catch (error) {
    // No address now, a removed key, or a damaged stamp: the channel cannot be trusted, nothing more.
    if (error instanceof TwoFactorError && ['NOT_ENROLLED', 'KEY_NOT_FOUND', 'SEAL_MALFORMED'].includes(error.code)) return false;
    throw error;
  }
}

/** What the user can verify with now: their methods, less channels whose address changed. */
export function usableMethods(ctx: Context, user: UserRecord, now: number): Method[] {
  const ring = ctx.ring();
  return methodsOf(user, now).filter((m) => (m !== 'email' && m !== 'sms') || channelUsable(ctx.settings, ring, user, m));
}
