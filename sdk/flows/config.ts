/**
 * Reading {@link TwoFactorConfig} once, at creation: every option checked and
 * defaulted, so a typo in a security option is an error now rather than a
 * surprise later. Only the key ring waits for first use.
 * @internal
 * @module
 */
import { num, optionalStr, options, str } from '../checks.js';
import { TwoFactorError } from '../errors.js';
import { KeyRing, type KeyRingOptions } from '../keyring.js';
import { verifyTotp, type Algorithm } from '../otp.js';
import { generateSecret } from '../secret.js';
import { memoryStore, type TwoFactorStore } from '../store.js';
import { buildUri } from '../uri.js';
import type { ChannelSender, PolicyDecision, TwoFactorConfig, TwoFactorEvent, TwoFactorUser } from './types.js';

/** A channel's sender, and where its codes go (when the app says): codes are bound to that address. */
export interface ChannelConfig {
  send: ChannelSender;
  to?: (user: TwoFactorUser & Record<string, unknown>) => unknown;
}

/** The checked configuration the flows run on. */
export interface Settings {
  issuer: string;
  keyRing: () => KeyRing;
  store: TwoFactorStore;
  totp: { algorithm: Algorithm; digits: number; period: number; window: number; skewSteps: number };
  limits: { maxFailures: number; windowSeconds: number; perClient: { maxAttempts: number; windowSeconds: number } | null };
  backupCount: number;
  enrollmentSeconds: number;
  challengeSeconds: number;
  deviceDays: number;
  senders: { email?: ChannelConfig; sms?: ChannelConfig };
  passwordVersion?: (user: TwoFactorUser & Record<string, unknown>) => unknown;
  channelCodes: { digits: number; lifetimeSeconds: number; resendSeconds: number; maxSends: number; sendWindowSeconds: number };
  policy?: (user: TwoFactorUser & Record<string, unknown>) => PolicyDecision | null | undefined | Promise<PolicyDecision | null | undefined>;
  recovery: { resetMinutes: number; maxResets: number; factorResetHours: number };
  storeTimeoutMs: number;
  onEvent?: (event: TwoFactorEvent) => void | Promise<void>;
  clock: () => number;
}

const CONFIG_KEYS = [
  'issuer', 'keys', 'store', 'totp', 'limits', 'backupCodes', 'tokens', 'devices', 'channels', 'channelCodes',
  'policy', 'passwordVersion', 'recovery', 'storeTimeoutMs', 'onEvent', 'now',
] as const;

/** Checks `config`; throws `INVALID_OPTION` naming the first bad option. */
export function readConfig(config: TwoFactorConfig): Settings {
  const c = options('createTwoFactor', config, CONFIG_KEYS);
  const issuer = str('issuer', c.issuer);
  if (issuer.trim() === '') throw invalid('issuer', 'your service name, shown in authenticator apps');
  const clock = (optionalFunction('now', c.now) ?? Date.now) as () => number;
  const settings: Settings = {
    issuer,
    keyRing: lazyKeyRing(c.keys),
    store: checkStore(c.store ?? defaultStore(c.now === undefined ? undefined : clock)),
    totp: readTotp(c.totp),
    limits: readLimits(c.limits),
    backupCount: wholeNumber('backupCodes.count', options('backupCodes', c.backupCodes, ['count'], false).count, 10, 1, 100),
    ...readTokens(c.tokens),
    deviceDays: wholeNumber('devices.days', options('devices', c.devices, ['days'], false).days, 30, 1, 365),
    senders: readSenders(c.channels),
    channelCodes: readChannelCodes(c.channelCodes),
    policy: optionalFunction('policy', c.policy) as Settings['policy'],
    passwordVersion: optionalFunction('passwordVersion', c.passwordVersion) as Settings['passwordVersion'],
    recovery: readRecovery(c.recovery),
    storeTimeoutMs: wholeNumber('storeTimeoutMs', c.storeTimeoutMs, 2000, 1, 60_000),
    onEvent: optionalFunction('onEvent', c.onEvent) as Settings['onEvent'],
    clock,
  };
  // Check the TOTP parameters and issuer now rather than at the first enrollment.
  const { algorithm, digits, period, window } = settings.totp;
  buildUri({ secret: generateSecret(), account: 'check', issuer, algorithm, digits, period });
  verifyTotp({ secret: generateSecret(), code: '0'.repeat(digits), timestamp: 0, algorithm, digits, period, window });
  return settings;
}

function readTotp(value: unknown): Settings['totp'] {
  const t = options('totp', value, ['algorithm', 'digits', 'period', 'window', 'skewSteps'], false);
  const window = num('totp.window', t.window, 1);
  const skewSteps = wholeNumber('totp.skewSteps', t.skewSteps, 10, 0, 10);
  return {
    algorithm: (optionalStr('totp.algorithm', t.algorithm) ?? 'SHA1') as Algorithm,
    digits: num('totp.digits', t.digits, 6),
    period: num('totp.period', t.period, 30),
    window,
    // A hint only makes sense beyond the accepted window.
    skewSteps: skewSteps > window ? skewSteps : 0,
  };
}

function readLimits(value: unknown): Settings['limits'] {
  const l = options('limits', value, ['maxFailures', 'windowSeconds', 'perClient'], false);
  let perClient: Settings['limits']['perClient'] = null;
  if (l.perClient !== false) {
    const p = options('limits.perClient', l.perClient, ['maxAttempts', 'windowSeconds'], false);
    perClient = {
      maxAttempts: wholeNumber('limits.perClient.maxAttempts', p.maxAttempts, 300),
      windowSeconds: wholeNumber('limits.perClient.windowSeconds', p.windowSeconds, 300, 1, 86_400),
    };
  }
  return {
    maxFailures: wholeNumber('limits.maxFailures', l.maxFailures, 5),
    windowSeconds: wholeNumber('limits.windowSeconds', l.windowSeconds, 300, 1, 86_400),
    perClient,
  };
}

function readTokens(value: unknown): { enrollmentSeconds: number; challengeSeconds: number } {
  const t = options('tokens', value, ['enrollmentSeconds', 'challengeSeconds'], false);
  return {
    enrollmentSeconds: wholeNumber('tokens.enrollmentSeconds', t.enrollmentSeconds, 900, 1, 86_400),
    challengeSeconds: wholeNumber('tokens.challengeSeconds', t.challengeSeconds, 600, 1, 86_400),
  };
}

/** Each channel: a sender function, or `{ to, send }` (codes bound to the address `to(user)` returns). */
function readSenders(value: unknown): Settings['senders'] {
  const c = options('channels', value, ['email', 'sms'], false);
  const senders: Settings['senders'] = {};
  for (const channel of ['email', 'sms'] as const) {
    const given = c[channel];
    if (given === undefined) continue;
    if (typeof given === 'function') {
      senders[channel] = { send: given as ChannelSender };
      continue;
    }
    const o = options(`channels.${channel}`, given, ['to', 'send']);
    const send = optionalFunction(`channels.${channel}.send`, o.send);
    if (!send) throw invalid(`channels.${channel}.send`, 'expected a function that sends the code');
    senders[channel] = { send: send as ChannelSender, to: optionalFunction(`channels.${channel}.to`, o.to) as ChannelConfig['to'] };
  }
  return senders;
}

function readChannelCodes(value: unknown): Settings['channelCodes'] {
  const c = options('channelCodes', value, ['digits', 'lifetimeSeconds', 'resendSeconds', 'maxSends', 'sendWindowSeconds'], false);
  return {
    digits: wholeNumber('channelCodes.digits', c.digits, 6, 6, 10),
    lifetimeSeconds: wholeNumber('channelCodes.lifetimeSeconds', c.lifetimeSeconds, 600, 30, 86_400),
    resendSeconds: wholeNumber('channelCodes.resendSeconds', c.resendSeconds, 60, 1, 3_600),
    maxSends: wholeNumber('channelCodes.maxSends', c.maxSends, 5, 1, 1_000),
    sendWindowSeconds: wholeNumber('channelCodes.sendWindowSeconds', c.sendWindowSeconds, 3_600, 60, 86_400),
  };
}

function readRecovery(value: unknown): Settings['recovery'] {
  const r = options('recovery', value, ['resetMinutes', 'maxResets', 'factorResetHours'], false);
  return {
    resetMinutes: wholeNumber('recovery.resetMinutes', r.resetMinutes, 30, 1, 24 * 60),
    maxResets: wholeNumber('recovery.maxResets', r.maxResets, 5, 1, 1_000),
    factorResetHours: wholeNumber('recovery.factorResetHours', r.factorResetHours, 72, 1, 24 * 30),
  };
}

/**
 * The key ring, made at first use and kept: creating the flows never fails
 * for a key that is not set yet (a `next build` without secrets), and the
 * first flow that needs the ring reports what to set.
 */
function lazyKeyRing(value: unknown): () => KeyRing {
  if (value instanceof KeyRing) return () => value;
  if (typeof value !== 'function' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw invalid('keys', 'expected a KeyRing, its options { current, keys }, or a function returning either (such as keysFromEnv())');
  }
  let ring: KeyRing | undefined;
  return () => {
    if (ring) return ring;
    const made = typeof value === 'function' ? (value as () => unknown)() : value;
    ring = made instanceof KeyRing ? made : new KeyRing(checkKeys(made));
    return ring;
  };
}

/** Key ring options whose keys may be absent at creation: an absent one is a server-side `KEY_NOT_FOUND`. */
function checkKeys(value: unknown): KeyRingOptions {
  const o = value as Partial<KeyRingOptions> | null;
  if (o && typeof o === 'object' && o.keys && typeof o.keys === 'object') {
    for (const [id, key] of Object.entries(o.keys)) {
      if (key === undefined || key === null || key === '') {
        throw new TwoFactorError(
          'KEY_NOT_FOUND',
          `the key ring's key \`${id}\` is not set (is its environment variable missing?); set it to 32 or more random bytes (\`npx twofa keygen\` prints one)`,
        );
      }
    }
  }
  return value as KeyRingOptions;
}

let warnedMemoryStore = false;

/** The default store; in production it warns once that a process-local store does not scale out. */
function defaultStore(now?: () => number): TwoFactorStore {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env?.NODE_ENV === 'production' && !warnedMemoryStore) {
    warnedMemoryStore = true;
    console.warn(
      'twofa: using the default memoryStore in production: replay claims and throttling live in this process only. ' +
        'With more than one server process, pass store: redisStore(client) from twofa/redis or postgresStore(client) from twofa/postgres.',
    );
  }
  return memoryStore(now ? { now } : {});
}

/** `get` and `put` (for email and SMS codes) may be missing from stores written for the first design. */
function checkStore(store: unknown): TwoFactorStore {
  const s = store as Record<string, unknown> | null;
  const required = ['hit', 'reset', 'claim'];
  if (!s || required.some((m) => typeof s[m] !== 'function')) {
    throw invalid('store', 'expected { hit, reset, claim, get, put } (see memoryStore, redisStore and postgresStore)');
  }
  return s as unknown as TwoFactorStore;
}

/** A whole number from `min` to `max`, or `fallback` when absent. */
export function wholeNumber(name: string, value: unknown, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const n = num(name, value, fallback);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw invalid(name, `must be a whole number from ${min} to ${max}`);
  return n;
}

function optionalFunction(name: string, value: unknown): ((...args: never[]) => unknown) | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw invalid(name, 'expected a function');
  return value as (...args: never[]) => unknown;
}

function invalid(name: string, reason: string): TwoFactorError {
  return new TwoFactorError('INVALID_OPTION', `invalid option \`${name}\`: ${reason}`);
}
