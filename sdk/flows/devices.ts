/**
 * "Remember this device": a sealed token (for an HttpOnly cookie) that lets
 * a device skip the code after the password. It is bound to the user, to
 * their second factor and to the app's password version, refused once the
 * user signs out all devices, and works once: each use hands back a fresh
 * token, so a copied cookie dies at the owner's next sign-in.
 * @internal
 * @module
 */
import { PURPOSES } from '../purposes.js';
import type { Context } from './context.js';
import { openSecret } from './factors.js';
import { persist, type UserRecord } from './records.js';
import { fingerprint, tokenData } from './tokens.js';
import type { Persist } from './types.js';

/** Why a device token was not accepted (for the `device.refused` event). */
export type Refusal = 'invalid' | 'other-user' | 'revoked' | 'factor-changed' | 'password-changed' | 'busy' | 'unknown' | 'reused';

/**
 * A stamp of the user's current second factor: it changes when the secret
 * is replaced, 2FA is turned off or the channels change. Inside a sealed
 * token, so it reveals nothing; the opened secret is used, so re-sealing
 * under a new key (rotation) keeps devices trusted.
 */
function factorStamp(ctx: Context, userId: string, user: UserRecord): string {
  const secret = user.sealedSecret ? openSecret(ctx.guard, ctx.ring(), userId, user.sealedSecret) : '';
  return fingerprint(`factor\0${userId}\0${secret}\0${user.channels.join(',')}`);
}

/**
 * A device's trust is a chain of tokens: each use hands back the next one.
 * The store keeps, per device, the position of the chain's current token
 * (one entry per device, not per sign-in), so a token that is behind it was
 * copied and used meanwhile.
 */
function chainKey(userId: string, device: string): string[] {
  return ['device', userId, device];
}

/**
 * A device token at position `n` of chain `device` (a new chain when none is
 * given), trusted until `until` (default: the configured number of days from
 * now). It carries the `devicesRevokedAt` it was issued under, so any later
 * "sign out all devices" ends it, even one that raced its issue.
 */
export async function issueDeviceToken(
  ctx: Context, userId: string, user: UserRecord, passwordStamp: string,
  chain?: { device: string; n: number; until: number; factor: string },
): Promise<string> {
  const now = ctx.guard.now();
  const expiresAt = chain?.until ?? now + ctx.settings.deviceDays * 86_400_000;
  const device = chain?.device ?? randomId();
  const n = chain?.n ?? 0;
  const factor = chain?.factor ?? factorStamp(ctx, userId, user);
  const data = JSON.stringify({ f: factor, p: passwordStamp, r: user.devicesRevokedAt ?? null, d: device, n });
  const ttlSeconds = Math.max(1, Math.floor((expiresAt - now) / 1000));
  await ctx.guard.put(chainKey(userId, device), String(n), ctx.guard.untilExpiry(expiresAt));
  const token = ctx.ring().issueToken({ purpose: PURPOSES.device, subject: userId, ttlSeconds, data, timestamp: now });
  if (!chain) ctx.guard.emit('device.trusted', userId, { days: Math.round(ttlSeconds / 86_400) });
  return token;
}

/**
 * Checks a device token and moves its chain on: the next token (same
 * expiry), or why the device must pass a code. A token behind its chain was
 * copied (`reused`); two requests with one token at once (a double click,
 * two tabs) are `busy`, not a theft. Never throws for a bad token.
 */
export async function useDeviceToken(
  ctx: Context, token: string, userId: string, user: UserRecord, passwordStamp: string,
): Promise<{ token: string } | { refused: Refusal }> {
  const refused = (reason: Refusal) => {
    ctx.guard.emit('device.refused', userId, { reason });
    return { refused: reason };
  };
  let claims;
  try {
    claims = ctx.ring().openToken(token, PURPOSES.device, { timestamp: ctx.guard.now() });
  } catch {
    return refused('invalid');
  }
  if (claims.subject !== userId) return refused('other-user');
  const data = tokenData(claims) as Record<string, unknown>;
  if ((data.r ?? null) !== (user.devicesRevokedAt ?? null)) return refused('revoked');
  const factor = factorStamp(ctx, userId, user);
  if (data.f !== factor) return refused('factor-changed');
  if ((data.p ?? '') !== passwordStamp) return refused('password-changed');
  const device = typeof data.d === 'string' ? data.d : '';
  const n = typeof data.n === 'number' ? data.n : -1;
  if (device === '' || n < 0) return refused('invalid');
  const once = ctx.guard.claims();
  if (!(await once.take(['device-use', userId, device, n], BUSY_SECONDS))) return refused('busy');
  const position = await ctx.guard.get(chainKey(userId, device));
  if (position === null) return refused('unknown');
  if (Number(position) !== n) return refused('reused');
  once.keep();
  ctx.guard.emit('device.used', userId);
  return { token: await issueDeviceToken(ctx, userId, user, passwordStamp, { device, n: n + 1, until: claims.expiresAt, factor }) };
}

/** How long one use of a device token holds off another use of the same token (a double click, two tabs). */
const BUSY_SECONDS = 10;

function randomId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** "Sign out all devices": every device token issued until now is refused. */
export function forgetDevices(ctx: Context, userId: string, user: UserRecord): Persist & { userId: string } {
  ctx.guard.emit('devices.forgotten', userId);
  return { userId, ...persist(user, { devicesRevokedAt: ctx.guard.now() }) };
}
