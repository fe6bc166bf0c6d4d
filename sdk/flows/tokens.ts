/**
 * Opening the tokens the flows issue. A token the user carries (a cookie, a
 * link) that cannot be used for any reason is `TOKEN_EXPIRED`, so the user
 * starts that step again; the reason stays on `error.cause` for logs, and a
 * key the ring lacks is also an operator's event.
 * @internal
 * @module
 */
import { TwoFactorError } from '../errors.js';
import type { KeyRing, TokenClaims } from '../keyring.js';
import * as glue from '#wasm/vault';
import { part as vault } from '#part/vault';
import { call } from '../wasm.js';
import type { Settings } from './config.js';
import type { Guard } from './guard.js';
import type { UserRecord } from './records.js';

/** Opens `token` for `purpose`, or throws `TOKEN_EXPIRED` (with the cause) saying to start `what` again. */
export function openUserToken(guard: Guard, ring: KeyRing, token: string, purpose: string, what: string): TokenClaims {
  try {
    return ring.openToken(token, purpose, { timestamp: guard.now() });
  } catch (cause) {
    if (!(cause instanceof TwoFactorError)) throw cause;
    if (cause.code === 'KEY_NOT_FOUND') guard.emit('key.error', '', { code: cause.code, where: purpose });
    const expired = cause.code === 'TOKEN_EXPIRED' ? `this ${what} has expired` : `this ${what} is not valid`;
    throw new TwoFactorError('TOKEN_EXPIRED', `${expired}; start again`, { cause });
  }
}

/** The data a flow token carries: a small JSON object (absent in tokens of the first design). */
export function tokenData(claims: TokenClaims): Record<string, string> {
  if (claims.data === undefined) return {};
  try {
    const data: unknown = JSON.parse(claims.data);
    // Values are strings, except a device token's `r` (a number or null).
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, string>;
  } catch {
    // Not ours: treated as carrying nothing.
  }
  return {};
}

/** A short digest naming a token, record or value in store keys and tokens, without revealing it. */
export function fingerprint(text: string): string {
  return call(vault, () => glue.fingerprint(text));
}

/** The digest of the app's password version carried in tokens ('' when the app gives none). */
export function passwordStamp(passwordVersion: unknown): string {
  if (passwordVersion === undefined || passwordVersion === null) return '';
  if (typeof passwordVersion !== 'string' && typeof passwordVersion !== 'number') {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `passwordVersion`: expected a string or number that changes when the password changes');
  }
  return fingerprint(`password\0${passwordVersion}`);
}

/**
 * The password-version stamp of a user: the one the caller gives, else what
 * the `passwordVersion` option reads from the record, else none ('').
 */
export function passwordStampOf(settings: Settings, user: UserRecord, given: unknown): string {
  if (given !== undefined && given !== null) return passwordStamp(given);
  return settings.passwordVersion ? passwordStamp(settings.passwordVersion(user.raw)) : '';
}

/**
 * A token carrying a password stamp is dead once the user's password changed.
 * A token issued without one (the app gave no version) is not compared.
 */
export function checkPasswordStamp(settings: Settings, user: UserRecord, carried: string, what: string): void {
  if (carried === '' || !settings.passwordVersion) return;
  if (carried !== passwordStampOf(settings, user, undefined)) {
    throw new TwoFactorError('TOKEN_EXPIRED', `this ${what} ended when the password changed; start again`, {
      cause: new Error('the password version changed'),
    });
  }
}
