/**
 * Checking one code against a user's factors: a TOTP code (with a clock-skew
 * hint when it matches a nearby step outside the window), a backup code
 * (generated or imported), or an email/SMS code. Every pass claims what it
 * used in the store, so it passes once across all server instances.
 * @internal
 * @module
 */
import { str } from '../checks.js';
import { TwoFactorError } from '../errors.js';
import type { KeyRing } from '../keyring.js';
import { verifyTotp, type TotpMatch } from '../otp.js';
import * as glue from '#wasm/backup';
import { part as backup } from '#part/backup';
import { call } from '../wasm.js';
import { backupHasher } from './backup-check.js';
import type { Settings } from './config.js';
import type { Claims, Guard } from './guard.js';
import type { UserRecord } from './records.js';
import { fingerprint } from './tokens.js';
import type { Channel, Method, UserUpdate } from './types.js';

/** A passed factor: what to store, and how. */
export interface FactorPass {
  method: Method;
  update: UserUpdate;
  backupRemaining?: number;
}

/** What one attempt checks. */
export interface FactorAttempt {
  userId: string;
  user: UserRecord;
  /** The code, in the shape decided by {@link Factors.shape}. */
  code: string;
  method: Method;
  /** For email/SMS codes: which sending they answer (a challenge, a confirmation, a reset). */
  binding?: string;
}

const METHODS: readonly Method[] = ['totp', 'backup', 'email', 'sms'];
/** Longer than any code with separators people type. */
const MAX_CODE_CHARS = 64;
const CHANNEL_CODE = 'twofa.channel-code';

export class Factors {
  readonly #settings: Settings;
  readonly #guard: Guard;

  constructor(settings: Settings, guard: Guard) {
    this.#settings = settings;
    this.#guard = guard;
  }

  /**
   * Decides which factor a code is for, before anything is counted: the
   * `method` asked for, or the code's shape (digits: TOTP; 10 letters and
   * digits: a backup code). A code of no usable shape is `INVALID_CODE_FORMAT`
   * and does not use an attempt.
   */
  shape(code: unknown, method: unknown, user: UserRecord, allowed: readonly Method[]): { code: string; method: Method } {
    const raw = str('code', code);
    // No code of any shape is longer: refuse before any work on a huge string.
    if (raw.length > MAX_CODE_CHARS) throw new TwoFactorError('INVALID_CODE_FORMAT', 'that is not a code: enter the code you were given');
    const compact = raw.replace(/[\s-]/g, '');
    const { digits } = this.#settings.totp;
    if (method !== undefined) {
      if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) {
        throw new TwoFactorError('INVALID_OPTION', `invalid option \`method\`: expected one of ${METHODS.join(', ')}`);
      }
      if (!allowed.includes(method as Method)) {
        throw new TwoFactorError('NOT_ENROLLED', `${describe(method as Method)} is not set up for this account`);
      }
    }
    // Without an authenticator app, digits of a sent code's length are that code (when one channel could have sent it).
    const channels = allowed.filter(isChannel);
    const sentShape = /^[0-9]+$/.test(compact) && compact.length === this.#settings.channelCodes.digits;
    const channel = method === 'email' || method === 'sms' ? method
      : method === undefined && !allowed.includes('totp') && channels.length === 1 && (sentShape || !allowed.includes('backup')) ? channels[0] : undefined;
    if (channel) {
      const length = this.#settings.channelCodes.digits;
      if (/^[0-9]+$/.test(compact) && compact.length === length) return { code: compact, method: channel };
      throw new TwoFactorError('INVALID_CODE_FORMAT', `enter the ${length}-digit code we sent you`);
    }
    if (method !== 'backup' && allowed.includes('totp') && /^[0-9]+$/.test(compact) && compact.length === digits) {
      return { code: compact, method: 'totp' };
    }
    if (method !== 'totp' && allowed.includes('backup') && couldBeBackup(user, raw)) return { code: raw, method: 'backup' };
    throw new TwoFactorError(
      'INVALID_CODE_FORMAT',
      allowed.includes('backup')
        ? `enter the ${digits}-digit code from your authenticator app, or one of your backup codes`
        : `enter the ${digits}-digit code from your authenticator app`,
    );
  }

  /** Checks the code and claims what it used; `INVALID_CODE` or `CODE_ALREADY_USED` otherwise. */
  async check(attempt: FactorAttempt, ring: KeyRing, claims: Claims): Promise<FactorPass> {
    switch (attempt.method) {
      case 'totp':
        return this.#totpOrImportedBackup(attempt, ring, claims);
      case 'backup':
        return this.#backup(attempt, claims);
      default:
        return this.#channel(attempt, ring, claims);
    }
  }

  /** A TOTP code; if it is wrong and the record holds imported codes of its shape, a backup code. */
  async #totpOrImportedBackup(attempt: FactorAttempt, ring: KeyRing, claims: Claims): Promise<FactorPass> {
    const secret = openSecret(this.#guard, ring, attempt.userId, attempt.user.sealedSecret!);
    try {
      const step = await this.passTotp(attempt.userId, secret, attempt.code, attempt.user.lastUsedStep, claims);
      return { method: 'totp', update: { lastUsedStep: step } };
    } catch (error) {
      const record = attempt.user.backupRecord;
      if (!(error instanceof TwoFactorError) || error.code !== 'INVALID_CODE' || !record) throw error;
      if (!couldBeBackup(attempt.user, attempt.code)) throw error;
      // A legacy 6-digit backup code has the shape of a TOTP code: the one attempt tries both.
      return this.#backup({ ...attempt, method: 'backup' }, claims).catch((backupError: unknown) => {
        throw backupError instanceof TwoFactorError && backupError.code === 'INVALID_CODE' ? error : backupError;
      });
    }
  }

  /**
   * Checks a TOTP code for `secret` and claims its step for the user, so it
   * passes once. A wrong code that matches a step near the window says how
   * far the device's clock is off; a future step found that way is claimed
   * too, so the hint never hands out a code that will work later.
   */
  async passTotp(userId: string, secret: string, code: string, lastUsedStep: number | undefined, claims: Claims): Promise<number> {
    const match = this.#totpMatch(secret, code, this.#settings.totp.window, lastUsedStep);
    if (match) {
      if (!(await claims.take(stepKey(userId, secret, match.step), this.#stepClaimSeconds(match.drift)))) throw alreadyUsed();
      return match.step;
    }
    if (lastUsedStep !== undefined && this.#totpMatch(secret, code, this.#settings.totp.window, undefined)) throw alreadyUsed();
    throw await this.#wrongTotp(userId, secret, code);
  }

  async #wrongTotp(userId: string, secret: string, code: string): Promise<TwoFactorError> {
    const { skewSteps, window, period } = this.#settings.totp;
    const near = skewSteps > 0 ? this.#totpMatch(secret, code, skewSteps, undefined) : null;
    if (!near || Math.abs(near.drift) <= window) {
      return new TwoFactorError('INVALID_CODE', 'wrong code; check the time on your device and try the current code');
    }
    if (near.drift > 0) {
      const burn = this.#guard.claims();
      await burn.take(stepKey(userId, secret, near.step), this.#stepClaimSeconds(near.drift));
      burn.keep();
    }
    const skew = near.drift * period;
    return new TwoFactorError('INVALID_CODE', `wrong code: your device's clock is ${aboutTime(skew)} ${skew > 0 ? 'ahead' : 'behind'}; set it to update automatically, then try the current code`, {
      clockSkewSeconds: skew,
    });
  }

  #totpMatch(secret: string, code: string, window: number, afterStep: number | undefined): TotpMatch | null {
    const { algorithm, digits, period } = this.#settings.totp;
    return verifyTotp({ secret, code, timestamp: this.#guard.now(), window, afterStep, algorithm, digits, period });
  }

  /** A claimed step must outlive the time its code is accepted. */
  #stepClaimSeconds(drift: number): number {
    const { window, period } = this.#settings.totp;
    return (Math.max(0, drift) + 2 * window + 2) * period;
  }

  async #backup(attempt: FactorAttempt, claims: Claims): Promise<FactorPass> {
    const record = attempt.user.backupRecord;
    const used = record === undefined ? null : await backupHasher().use(record, attempt.code, attempt.userId);
    if (!used) throw new TwoFactorError('INVALID_CODE', 'wrong backup code, or one that was already used');
    // One consumption per stored record: two requests with codes from the same record cannot both pass.
    if (!(await claims.take(['backup', attempt.userId, fingerprint(record!)], this.#settings.challengeSeconds))) {
      throw new TwoFactorError('CODE_ALREADY_USED', 'a backup code was just used; try again');
    }
    return { method: 'backup', update: { backupRecord: used.record }, backupRemaining: used.remaining };
  }

  async #channel(attempt: FactorAttempt, ring: KeyRing, claims: Claims): Promise<FactorPass> {
    const channel = attempt.method as Channel;
    const binding = attempt.binding ?? '';
    const tag = await this.#guard.get(channelCodeKey(attempt.userId, channel, binding));
    if (tag === null) throw new TwoFactorError('INVALID_CODE', 'there is no current code; ask for a new one');
    if (!safeVerifyMac(ring, channelCodeData(attempt.userId, channel, binding, attempt.code), tag)) {
      throw new TwoFactorError('INVALID_CODE', 'wrong code; check the latest code we sent you');
    }
    if (!(await claims.take(['code-used', fingerprint(tag)], this.#settings.channelCodes.lifetimeSeconds))) throw alreadyUsed();
    return { method: channel, update: {} };
  }
}

/**
 * The claim of one TOTP step. It names the secret by a short digest, so the
 * current and the new secret of a user replacing theirs never collide.
 */
function stepKey(userId: string, secret: string, step: number): string[] {
  return ['step', userId, fingerprint(`secret\0${secret}`).slice(0, 8), String(step)];
}

/** Where a sent code's digest waits: one per user, channel and what it answers. */
export function channelCodeKey(userId: string, channel: Channel, binding: string): string[] {
  return ['code', userId, channel, binding];
}

/** What the digest of a sent code covers: the code is only good for this user, channel and purpose. */
export function channelCodeData(userId: string, channel: Channel, binding: string, code: string): string {
  return `${userId}\0${channel}\0${binding}\0${code}`;
}

export const CHANNEL_CODE_PURPOSE = CHANNEL_CODE;

/** A digest made with a key since removed from the ring is simply not a match (the code expired with the key). */
function safeVerifyMac(ring: KeyRing, data: string, tag: string): boolean {
  try {
    return ring.verifyMac(CHANNEL_CODE, data, tag);
  } catch (error) {
    if (error instanceof TwoFactorError && (error.code === 'KEY_NOT_FOUND' || error.code === 'SEAL_MALFORMED')) return false;
    throw error;
  }
}

/**
 * Opens the user's sealed secret. It lives on the server: a key the ring
 * lacks, or one changed under the same id, is the operator's problem (a 500
 * and a `key.error` event), never the user's wrong code.
 */
export function openSecret(guard: Guard, ring: KeyRing, userId: string, sealedSecret: string): string {
  try {
    return ring.open(sealedSecret, userId);
  } catch (error) {
    if (error instanceof TwoFactorError) guard.emit('key.error', userId, { code: error.code, where: 'sealedSecret' });
    throw error;
  }
}

/** The generated shape, or an imported code's shape when the user's record holds some. */
function couldBeBackup(user: UserRecord, raw: string): boolean {
  const record = user.backupRecord;
  return record === undefined ? false : call(backup, () => glue.couldBeBackupCode(record, raw));
}

function alreadyUsed(): TwoFactorError {
  return new TwoFactorError('CODE_ALREADY_USED', 'this code was already used; wait for the next code');
}

function isChannel(method: Method): method is Channel {
  return method === 'email' || method === 'sms';
}

function describe(method: Method): string {
  return { totp: 'an authenticator app', backup: 'backup codes', email: 'email codes', sms: 'SMS codes' }[method];
}

/** "about 2 minutes", "about 40 seconds". */
function aboutTime(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 90) return `about ${s} seconds`;
  const minutes = Math.round(s / 60);
  return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
}
