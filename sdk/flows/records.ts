/**
 * The user record the application stores: reading it (a whole database row
 * may come in; only twofa's fields are read), what factors it holds, and the
 * conditional write each flow hands back.
 * @internal
 * @module
 */
import { optionalStr } from '../checks.js';
import { TwoFactorError } from '../errors.js';
import type { Channel, Method, Persist, TwoFactorUser, UserLoader, UserUpdate } from './types.js';

/** The user record as the flows read it. */
export interface UserRecord {
  sealedSecret?: string;
  lastUsedStep?: number;
  backupRecord?: string;
  /** Confirmed channels, and the digest of the address each was confirmed at (absent when unbound). */
  channels: Channel[];
  channelStamps: Partial<Record<Channel, string>>;
  factorResetAt?: number;
  devicesRevokedAt?: number;
  /** The record exactly as given, for `previous` and the policy. */
  raw: TwoFactorUser & Record<string, unknown>;
}

const CHANNELS: readonly Channel[] = ['email', 'sms'];

/** Reads a user record; `null` or `undefined` is a user with nothing stored. */
export function readUser(value: unknown): UserRecord {
  if (value === null || value === undefined) return { channels: [], channelStamps: {}, raw: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `user`: expected the user record { sealedSecret, lastUsedStep, backupRecord, ... }');
  }
  const u = value as Record<string, unknown>;
  const { channels, stamps } = readChannels(optionalStr('user.channels', u.channels));
  const record: UserRecord = { channels, channelStamps: stamps, raw: u };
  const sealedSecret = optionalStr('user.sealedSecret', u.sealedSecret);
  if (sealedSecret) record.sealedSecret = sealedSecret;
  const lastUsedStep = storedInteger('user.lastUsedStep', u.lastUsedStep);
  if (lastUsedStep !== undefined) record.lastUsedStep = lastUsedStep;
  const backupRecord = optionalStr('user.backupRecord', u.backupRecord);
  if (backupRecord) record.backupRecord = backupRecord;
  const factorResetAt = storedInteger('user.factorResetAt', u.factorResetAt, true);
  if (factorResetAt !== undefined) record.factorResetAt = factorResetAt;
  const devicesRevokedAt = storedInteger('user.devicesRevokedAt', u.devicesRevokedAt, true);
  if (devicesRevokedAt !== undefined) record.devicesRevokedAt = devicesRevokedAt;
  return record;
}

/**
 * A whole number from a database column, as drivers return them: a number, a
 * bigint (Prisma's BigInt), a string of digits (node-postgres' int8), or for
 * times a Date. `null` and `undefined` are absent.
 */
function storedInteger(name: string, value: unknown, time = false): number | undefined {
  if (value === null || value === undefined) return undefined;
  let n: number = Number.NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && /^-?[0-9]{1,16}$/.test(value)) n = Number(value);
  else if (time && value instanceof Date) n = value.getTime();
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new TwoFactorError('INVALID_OPTION', `invalid option \`${name}\`: expected a whole number${time ? ' of milliseconds' : ''} as twofa returned it`);
  }
  return n;
}

/** A record given directly, or loaded for the user a token names. */
export async function loadUser(value: unknown, userId: string): Promise<UserRecord> {
  return readUser(typeof value === 'function' ? await (value as UserLoader)(userId) : value);
}

/** `email`, `sms:<stamp>`, …: each confirmed channel, with the digest of its address when bound. */
function readChannels(text: string | undefined): { channels: Channel[]; stamps: Partial<Record<Channel, string>> } {
  const stamps: Partial<Record<Channel, string>> = {};
  const names: string[] = [];
  for (const entry of (text ?? '').split(',').map((c) => c.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const name = colon < 0 ? entry : entry.slice(0, colon);
    if (!(CHANNELS as readonly string[]).includes(name)) {
      throw new TwoFactorError('INVALID_OPTION', `invalid option \`user.channels\`: unknown channel '${name}'; store what confirmChannel returns`);
    }
    names.push(name);
    if (colon >= 0) stamps[name as Channel] = entry.slice(colon + 1);
  }
  return { channels: CHANNELS.filter((c) => names.includes(c)), stamps };
}

/** Channels written back in their one stored form. */
export function writeChannels(channels: readonly Channel[], stamps: Partial<Record<Channel, string>>): string | null {
  const list = CHANNELS.filter((c) => channels.includes(c)).map((c) => (stamps[c] ? `${c}:${stamps[c]}` : c));
  return list.length ? list.join(',') : null;
}

/** A self-service factor reset whose wait is over: the old factor no longer counts. */
export function resetDue(user: UserRecord, now: number): boolean {
  return user.factorResetAt !== undefined && user.factorResetAt <= now;
}

/** What the user can verify with now. */
export function methodsOf(user: UserRecord, now: number): Method[] {
  if (resetDue(user, now)) return [];
  const methods: Method[] = [];
  if (user.sealedSecret) methods.push('totp');
  if (user.backupRecord && (user.sealedSecret || user.channels.length)) methods.push('backup');
  methods.push(...user.channels);
  return methods;
}

/** The user has a second factor (a TOTP secret or a confirmed channel) that still counts. */
export function enrolled(user: UserRecord, now: number): boolean {
  return methodsOf(user, now).length > 0;
}

/** The user must be enrolled; otherwise `NOT_ENROLLED`. */
export function requireEnrolled(user: UserRecord, now: number): void {
  if (!enrolled(user, now)) {
    throw new TwoFactorError('NOT_ENROLLED', 'two-factor authentication is not enabled for this user');
  }
}

/** `update`, and `previous` with the same keys as the record held them (null when absent). */
export function persist(user: UserRecord, update: UserUpdate): Persist {
  const previous: UserUpdate = {};
  for (const key of Object.keys(update) as (keyof UserUpdate)[]) {
    const value = user.raw[key];
    (previous as Record<string, unknown>)[key] = value === undefined ? null : value;
  }
  return { update, previous };
}

/** Every stored factor cleared (turning 2FA off, or a completed factor reset). */
export const CLEARED: UserUpdate = Object.freeze({
  sealedSecret: null,
  lastUsedStep: null,
  backupRecord: null,
  channels: null,
  factorResetAt: null,
});
