/**
 * The server flows: enrollment, the login challenge, step-up verification,
 * backup codes, status and key rotation, with replay protection and
 * throttling in a shared store.
 * @module
 */
import { countBackupCodes, generateBackupCodes, hashBackupCodes, useBackupCode } from './backup.js';
import { num, optionalNum, optionalStr, options, str } from './checks.js';
import { TwoFactorError } from './errors.js';
import { KeyRing, type KeyRingOptions } from './keyring.js';
import { verifyTotp, type Algorithm, type TotpMatch } from './otp.js';
import { qrSvg } from './qr.js';
import { generateSecret } from './secret.js';
import { memoryStore, type StoreHit, type TwoFactorStore } from './store.js';
import { buildUri } from './uri.js';
import * as glue from '#wasm';
import { call } from './wasm.js';

/** Configuration of {@link createTwoFactor}. */
export interface TwoFactorConfig {
  /** Your service's name, shown in authenticator apps. */
  issuer: string;
  /** The key ring that seals secrets and tokens (or its options). */
  keys: KeyRing | KeyRingOptions;
  /** Default `memoryStore()` (one process); use `redisStore(client)` from `twofa/redis` for several. */
  store?: TwoFactorStore;
  /** TOTP parameters; defaults SHA1, 6 digits, 30 s, window ±1 step. */
  totp?: { algorithm?: Algorithm; digits?: number; period?: number; window?: number };
  /** Throttling; default 5 failures per user per 300 s window. */
  limits?: { maxFailures?: number; windowSeconds?: number };
  /** Default 10 backup codes. */
  backupCodes?: { count?: number };
  /** Token lifetimes; defaults 900 s for enrollment, 600 s for the login challenge. */
  tokens?: { enrollmentSeconds?: number; challengeSeconds?: number };
  /** How long to wait for the store before failing closed; default 2,000 ms. */
  storeTimeoutMs?: number;
  /** Receives audit events; never secrets or codes. Errors it throws are ignored. */
  onEvent?: (event: TwoFactorEvent) => void | Promise<void>;
  /** The clock in milliseconds; default `Date.now` (inject one in tests). */
  now?: () => number;
}

/** What the application stores per user: three plain values. */
export interface TwoFactorUser {
  /** From {@link TwoFactor.confirmEnrollment}; absent when 2FA is off. */
  sealedSecret?: string | null;
  /** The last TOTP step used; codes at or before it are refused. */
  lastUsedStep?: number | null;
  /** From `hashBackupCodes`; absent when there are none. */
  backupRecord?: string | null;
}

/** Audit event types. */
export type TwoFactorEventType =
  | 'enrollment.started'
  | 'enrollment.failed'
  | 'enrolled'
  | 'challenge.started'
  | 'challenge.passed'
  | 'challenge.failed'
  | 'code.passed'
  | 'code.failed'
  | 'locked'
  | 'backup.used'
  | 'backup.regenerated'
  | 'rotated';

/** An audit event. `detail` never holds secrets or codes. */
export interface TwoFactorEvent {
  type: TwoFactorEventType;
  userId: string;
  /** Milliseconds since 1970. */
  at: number;
  detail: Record<string, string | number | boolean>;
}

/** What {@link TwoFactor.beginEnrollment} returns: show the QR code, keep the token. */
export interface Enrollment {
  /** Base32 secret, for people who type it instead of scanning. */
  secret: string;
  /** The `otpauth://` URI (for a link on mobile). */
  uri: string;
  /** The QR code of `uri`, drawn locally. */
  qrSvg: string;
  /** Carries the pending secret, sealed; send it back with the first code. */
  enrollmentToken: string;
}

/** What {@link TwoFactor.confirmEnrollment} returns: store all but `backupCodes`, show those once. */
export interface ConfirmedEnrollment {
  sealedSecret: string;
  backupCodes: string[];
  backupRecord: string;
  lastUsedStep: number;
}

/**
 * Loads the stored values of the user a challenge token names. Passing a
 * loader instead of a record lets the token decide whose record is used.
 */
export type UserLoader = (userId: string) => TwoFactorUser | null | undefined | Promise<TwoFactorUser | null | undefined>;

/** A passed verification: persist `lastUsedStep`, or the new `backupRecord`. */
export type VerifyResult =
  | { userId: string; method: 'totp'; lastUsedStep: number }
  | { userId: string; method: 'backup'; backupRecord: string; backupRemaining: number };

/** The flows returned by {@link createTwoFactor}. */
export interface TwoFactor {
  /** The key ring, for other tokens (for example password-reset links). */
  readonly keyRing: KeyRing;
  beginEnrollment(opts: { userId: string; account: string }): Enrollment;
  confirmEnrollment(opts: { userId: string; enrollmentToken: string; code: string }): Promise<ConfirmedEnrollment>;
  startChallenge(opts: { userId: string }): string;
  readChallenge(challengeToken: string): { userId: string; expiresAt: number };
  verifyChallenge(opts: { challengeToken: string; code: string; user: TwoFactorUser | UserLoader }): Promise<VerifyResult>;
  verifyCode(opts: { userId: string; code: string; user: TwoFactorUser | UserLoader }): Promise<VerifyResult>;
  regenerateBackupCodes(opts?: { userId?: string }): { backupCodes: string[]; backupRecord: string };
  status(user: TwoFactorUser | null | undefined): { enabled: boolean; backupRemaining: number; needsRotation: boolean };
  rotate(opts: { userId: string; user: TwoFactorUser }): { sealedSecret: string };
}

const ENROLL = 'twofa.enroll';
const CHALLENGE = 'twofa.challenge';

type Factor = { kind: 'totp'; code: string } | { kind: 'backup'; code: string };
type Kind = 'enrollment' | 'challenge' | 'code';

/**
 * Everything between "the password was right" and "the user is in".
 *
 * @example
 * ```ts
 * import { createTwoFactor } from 'twofa';
 * export const twofa = createTwoFactor({
 *   issuer: 'Acme',
 *   keys: { current: 'k1', keys: { k1: process.env.TWOFA_KEY_K1! } },
 * });
 * // save-secret: const { qrSvg, enrollmentToken } = twofa.beginEnrollment({ userId, account: email });
 * // enable:      const done = await twofa.confirmEnrollment({ userId, enrollmentToken, code });
 * // login:       const challengeToken = twofa.startChallenge({ userId }); // after the password
 * // verify-2fa:  const result = await twofa.verifyChallenge({ challengeToken, code, user });
 * ```
 * @throws {TwoFactorError} `INVALID_OPTION`, `KEY_TOO_SHORT` for a bad configuration.
 */
export function createTwoFactor(config: TwoFactorConfig): TwoFactor {
  const c = options('createTwoFactor', config, [
    'issuer', 'keys', 'store', 'totp', 'limits', 'backupCodes', 'tokens', 'storeTimeoutMs', 'onEvent', 'now',
  ]);
  const issuer = str('issuer', c.issuer);
  if (issuer.trim() === '') throw new TwoFactorError('INVALID_OPTION', 'invalid option `issuer`: your service name, shown in authenticator apps');
  const ring = c.keys instanceof KeyRing ? c.keys : new KeyRing(c.keys as KeyRingOptions);
  const totpOptions = options('totp', c.totp, ['algorithm', 'digits', 'period', 'window'], false);
  const algorithm = (optionalStr('totp.algorithm', totpOptions.algorithm) ?? 'SHA1') as Algorithm;
  const digits = num('totp.digits', totpOptions.digits, 6);
  const period = num('totp.period', totpOptions.period, 30);
  const window = num('totp.window', totpOptions.window, 1);
  const limits = options('limits', c.limits, ['maxFailures', 'windowSeconds'], false);
  const maxFailures = positiveInteger('limits.maxFailures', limits.maxFailures, 5);
  const windowSeconds = positiveInteger('limits.windowSeconds', limits.windowSeconds, 300);
  const backupCount = positiveInteger('backupCodes.count', options('backupCodes', c.backupCodes, ['count'], false).count, 10, 100);
  const tokens = options('tokens', c.tokens, ['enrollmentSeconds', 'challengeSeconds'], false);
  const enrollmentSeconds = positiveInteger('tokens.enrollmentSeconds', tokens.enrollmentSeconds, 900, 86_400);
  const challengeSeconds = positiveInteger('tokens.challengeSeconds', tokens.challengeSeconds, 600, 86_400);
  const storeTimeoutMs = positiveInteger('storeTimeoutMs', c.storeTimeoutMs, 2000);
  const store = checkStore(c.store ?? memoryStore(c.now === undefined ? {} : { now: c.now as () => number }));
  const onEvent = optionalFunction('onEvent', c.onEvent) as TwoFactorConfig['onEvent'];
  const clock = (optionalFunction('now', c.now) ?? Date.now) as () => number;
  // Check the TOTP parameters and issuer once, now, rather than at the first enrollment.
  buildUri({ secret: generateSecret(), account: 'check', issuer, algorithm, digits, period });
  verifyTotp({ secret: generateSecret(), code: '0'.repeat(digits), timestamp: 0, algorithm, digits, period, window });
  // A claimed step must outlive the window in which its code is accepted.
  const stepClaimSeconds = (2 * window + 2) * period;

  function now(): number {
    const t = clock();
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new TwoFactorError('INVALID_OPTION', 'invalid option `now`: must return milliseconds as a finite number');
    }
    return t;
  }

  function emit(type: TwoFactorEventType, userId: string, detail: TwoFactorEvent['detail'] = {}): void {
    if (!onEvent) return;
    try {
      const pending = onEvent({ type, userId, at: now(), detail });
      if (pending && typeof pending.then === 'function') pending.then(undefined, () => {});
    } catch {
      // An audit hook that fails must not lock users out or let them in.
    }
  }

  async function fromStore<T>(run: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        Promise.resolve().then(run),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the store did not answer within ${storeTimeoutMs} ms`)), storeTimeoutMs);
        }),
      ]);
    } catch (cause) {
      throw new TwoFactorError(
        'STORE_UNAVAILABLE',
        'the two-factor store (replay protection and throttling) is unavailable; no code is accepted until it is back',
        { cause },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  const key = (...parts: (string | number)[]) => `twofa:${parts.map((p) => encodeURIComponent(String(p))).join(':')}`;

  async function claim(parts: (string | number)[], ttlSeconds: number): Promise<boolean> {
    const claimed = await fromStore(() => store.claim(key(...parts), ttlSeconds));
    if (typeof claimed !== 'boolean') throw storeAnswer('claim', claimed);
    return claimed;
  }

  /**
   * Runs one verification attempt under the per-user throttle: every attempt
   * counts, a success resets the count, and past `maxFailures` attempts in
   * the window are refused before any code is looked at.
   */
  async function throttled<T>(userId: string, kind: Kind, attempt: () => Promise<T>): Promise<T> {
    const failKey = key('fail', userId);
    const hit = normalizeHit(await fromStore(() => store.hit(failKey, windowSeconds)), windowSeconds);
    if (hit.count > maxFailures) {
      const seconds = Math.max(1, Math.ceil(hit.resetInMs / 1000));
      throw new TwoFactorError('RATE_LIMITED', `too many failed attempts; try again in ${seconds} s`, {
        retryAfterMs: hit.resetInMs,
      });
    }
    try {
      const result = await attempt();
      await fromStore(() => store.reset(failKey));
      return result;
    } catch (error) {
      if (error instanceof TwoFactorError && (error.code === 'INVALID_CODE' || error.code === 'CODE_ALREADY_USED')) {
        emit(`${kind}.failed`, userId, { reason: error.code, failures: hit.count });
        if (hit.count === maxFailures) emit('locked', userId, { retryAfterMs: hit.resetInMs });
      }
      throw error;
    }
  }

  function classify(code: unknown, allowBackup: boolean): Factor {
    const raw = str('code', code);
    const compact = raw.replace(/[\s-]/g, '');
    if (/^[0-9]+$/.test(compact) && compact.length === digits) return { kind: 'totp', code: compact };
    if (allowBackup && call(() => glue.looksLikeBackupCode(raw))) return { kind: 'backup', code: raw };
    throw new TwoFactorError(
      'INVALID_CODE_FORMAT',
      allowBackup
        ? `enter the ${digits}-digit code from your authenticator app, or one of your backup codes`
        : `enter the ${digits}-digit code from your authenticator app`,
    );
  }

  function totpMatch(secret: string, code: string, afterStep: number | undefined): TotpMatch | null {
    return verifyTotp({ secret, code, timestamp: now(), window, afterStep, algorithm, digits, period });
  }

  /** Checks a TOTP code and claims its step, so it passes once across all instances. */
  async function passTotp(userId: string, secret: string, code: string, lastUsedStep: number | undefined): Promise<number> {
    const match = totpMatch(secret, code, lastUsedStep);
    if (!match) {
      if (lastUsedStep !== undefined && totpMatch(secret, code, undefined)) {
        throw new TwoFactorError('CODE_ALREADY_USED', 'this code was already used; wait for the next code in your app');
      }
      throw new TwoFactorError('INVALID_CODE', 'wrong code; check the time on your device and try the current code');
    }
    if (!(await claim(['step', userId, match.step], stepClaimSeconds))) {
      throw new TwoFactorError('CODE_ALREADY_USED', 'this code was already used; wait for the next code in your app');
    }
    return match.step;
  }

  function checkUser(value: unknown): { sealedSecret: string; lastUsedStep?: number; backupRecord?: string } {
    if (value === null || value === undefined) {
      throw new TwoFactorError('NOT_ENROLLED', 'two-factor authentication is not enabled for this user');
    }
    const u = record(value);
    const sealedSecret = optionalStr('user.sealedSecret', u.sealedSecret);
    if (!sealedSecret) {
      throw new TwoFactorError('NOT_ENROLLED', 'two-factor authentication is not enabled for this user');
    }
    const lastUsedStep = optionalNum('user.lastUsedStep', u.lastUsedStep);
    const backupRecord = optionalStr('user.backupRecord', u.backupRecord);
    return {
      sealedSecret,
      ...(lastUsedStep === undefined ? {} : { lastUsedStep }),
      ...(backupRecord === undefined || backupRecord === '' ? {} : { backupRecord }),
    };
  }

  /** A code or backup code for an enrolled user, completing `token` (a challenge) if given. */
  async function verifyFactor(
    kind: 'challenge' | 'code',
    userId: string,
    code: unknown,
    rawUser: unknown,
    token?: string,
  ): Promise<VerifyResult> {
    const user = checkUser(typeof rawUser === 'function' ? await (rawUser as UserLoader)(userId) : rawUser);
    const factor = classify(code, true);
    const result = await throttled(userId, kind, () =>
      completing(token, 'login', async (): Promise<VerifyResult> => {
        if (factor.kind === 'totp') {
          const secret = ring.open(user.sealedSecret, userId);
          const lastUsedStep = await passTotp(userId, secret, factor.code, user.lastUsedStep);
          return { userId, method: 'totp', lastUsedStep };
        }
        const used = user.backupRecord === undefined ? null : useBackupCode(user.backupRecord, factor.code);
        if (!used) throw new TwoFactorError('INVALID_CODE', 'wrong backup code, or one that was already used');
        // One consumption per stored record, so two requests with codes from the same record cannot both pass.
        if (!(await claim(['backup', userId, fingerprint(user.backupRecord!)], challengeSeconds))) {
          throw new TwoFactorError('CODE_ALREADY_USED', 'a backup code was just used; try again');
        }
        return { userId, method: 'backup', backupRecord: used.record, backupRemaining: used.remaining };
      }),
    );
    emit(`${kind}.passed`, userId, { method: result.method });
    if (result.method === 'backup') emit('backup.used', userId, { remaining: result.backupRemaining });
    return result;
  }

  /**
   * Runs `attempt` as the one completion of `token` (an enrollment or login
   * challenge): the token is claimed first, so a used token is refused before
   * any code is spent, and released again if the attempt fails, so the user
   * can retype with the same token.
   */
  async function completing<T>(token: string | undefined, what: string, attempt: () => Promise<T>): Promise<T> {
    if (token === undefined) return attempt();
    const parts = ['token', fingerprint(token)];
    if (!(await claim(parts, Math.max(enrollmentSeconds, challengeSeconds)))) {
      throw new TwoFactorError('TOKEN_EXPIRED', `this ${what} was already completed, or is being completed; start again`);
    }
    try {
      return await attempt();
    } catch (error) {
      await fromStore(() => store.reset(key(...parts))).catch(() => {});
      throw error;
    }
  }

  return {
    keyRing: ring,

    beginEnrollment(opts) {
      const o = options('beginEnrollment', opts, ['userId', 'account']);
      const userId = str('userId', o.userId);
      const account = str('account', o.account);
      const secret = generateSecret();
      const uri = buildUri({ secret, account, issuer, algorithm, digits, period });
      const enrollmentToken = ring.issueToken({
        purpose: ENROLL, subject: userId, ttlSeconds: enrollmentSeconds, data: secret, timestamp: now(),
      });
      emit('enrollment.started', userId);
      return { secret, uri, qrSvg: qrSvg(uri, { title: `Scan with your authenticator app to add ${issuer}` }), enrollmentToken };
    },

    async confirmEnrollment(opts) {
      const o = options('confirmEnrollment', opts, ['userId', 'enrollmentToken', 'code']);
      const userId = str('userId', o.userId);
      const token = str('enrollmentToken', o.enrollmentToken);
      const claims = ring.openToken(token, ENROLL, { timestamp: now() });
      if (claims.subject !== userId || claims.data === undefined) {
        throw new TwoFactorError('SEAL_INVALID', 'this enrollment token belongs to another user');
      }
      const secret = claims.data;
      const factor = classify(o.code, false);
      const result = await throttled(userId, 'enrollment', () => completing(token, 'enrollment', async () => {
        const lastUsedStep = await passTotp(userId, secret, factor.code, undefined);
        const backupCodes = generateBackupCodes({ count: backupCount });
        return {
          sealedSecret: ring.seal(secret, userId),
          backupCodes,
          backupRecord: hashBackupCodes(backupCodes),
          lastUsedStep,
        };
      }));
      emit('enrolled', userId, { backupCodes: result.backupCodes.length });
      return result;
    },

    startChallenge(opts) {
      const o = options('startChallenge', opts, ['userId']);
      const userId = str('userId', o.userId);
      const token = ring.issueToken({ purpose: CHALLENGE, subject: userId, ttlSeconds: challengeSeconds, timestamp: now() });
      emit('challenge.started', userId);
      return token;
    },

    readChallenge(challengeToken) {
      const token = str('challengeToken', challengeToken);
      const { subject, expiresAt } = ring.openToken(token, CHALLENGE, { timestamp: now() });
      return { userId: subject, expiresAt };
    },

    async verifyChallenge(opts) {
      const o = options('verifyChallenge', opts, ['challengeToken', 'code', 'user']);
      const token = str('challengeToken', o.challengeToken);
      const { subject: userId } = ring.openToken(token, CHALLENGE, { timestamp: now() });
      return verifyFactor('challenge', userId, o.code, o.user, token);
    },

    async verifyCode(opts) {
      const o = options('verifyCode', opts, ['userId', 'code', 'user']);
      const userId = str('userId', o.userId);
      return verifyFactor('code', userId, o.code, o.user);
    },

    regenerateBackupCodes(opts) {
      const o = options('regenerateBackupCodes', opts, ['userId'], false);
      const userId = optionalStr('userId', o.userId);
      const backupCodes = generateBackupCodes({ count: backupCount });
      const backupRecord = hashBackupCodes(backupCodes);
      if (userId !== undefined) emit('backup.regenerated', userId, { count: backupCodes.length });
      return { backupCodes, backupRecord };
    },

    status(user) {
      if (user === null || user === undefined) return { enabled: false, backupRemaining: 0, needsRotation: false };
      const u = record(user);
      const sealedSecret = optionalStr('user.sealedSecret', u.sealedSecret);
      const backupRecord = optionalStr('user.backupRecord', u.backupRecord);
      return {
        enabled: Boolean(sealedSecret),
        backupRemaining: backupRecord ? countBackupCodes(backupRecord) : 0,
        needsRotation: sealedSecret ? ring.needsRotation(sealedSecret) : false,
      };
    },

    rotate(opts) {
      const o = options('rotate', opts, ['userId', 'user']);
      const userId = str('userId', o.userId);
      const { sealedSecret } = checkUser(o.user);
      ring.open(sealedSecret, userId); // it must open for this user, rotated or not
      if (!ring.needsRotation(sealedSecret)) return { sealedSecret };
      const resealed = ring.reseal(sealedSecret, userId);
      emit('rotated', userId, { to: ring.currentKeyId });
      return { sealedSecret: resealed };
    },
  };
}

/**
 * A user record: an object from which twofa reads `sealedSecret`,
 * `lastUsedStep` and `backupRecord`. Other fields (a whole database row) are
 * ignored, unlike in option objects.
 */
function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `user`: expected the user record { sealedSecret, lastUsedStep, backupRecord }');
  }
  return value as Record<string, unknown>;
}

function positiveInteger(name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = num(name, value, fallback);
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new TwoFactorError('INVALID_OPTION', `invalid option \`${name}\`: must be a whole number from 1 to ${max}`);
  }
  return n;
}

function optionalFunction(name: string, value: unknown): ((...args: never[]) => unknown) | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw new TwoFactorError('INVALID_OPTION', `invalid option \`${name}\`: expected a function`);
  return value as (...args: never[]) => unknown;
}

function checkStore(store: unknown): TwoFactorStore {
  const s = store as Partial<TwoFactorStore> | null;
  if (!s || typeof s.hit !== 'function' || typeof s.reset !== 'function' || typeof s.claim !== 'function') {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `store`: expected { hit, reset, claim } (see memoryStore and redisStore)');
  }
  return s as TwoFactorStore;
}

function storeAnswer(method: string, value: unknown): TwoFactorError {
  return new TwoFactorError('STORE_UNAVAILABLE', `the store's ${method} gave an unexpected answer (${typeof value})`);
}

/** Accepts `{ count, resetInMs }`, or a bare count from stores written for the first design. */
function normalizeHit(value: unknown, windowSeconds: number): StoreHit {
  if (typeof value === 'number' && Number.isFinite(value)) return { count: value, resetInMs: windowSeconds * 1000 };
  const hit = value as Partial<StoreHit> | null;
  if (hit && typeof hit.count === 'number' && Number.isFinite(hit.count)) {
    const resetInMs = typeof hit.resetInMs === 'number' && hit.resetInMs >= 0 ? hit.resetInMs : windowSeconds * 1000;
    return { count: hit.count, resetInMs };
  }
  throw storeAnswer('hit', value);
}

/** A short digest naming a token or record in store keys, without revealing it. */
function fingerprint(text: string): string {
  return call(() => glue.fingerprint(text));
}
