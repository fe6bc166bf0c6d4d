/**
 * One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238).
 * @module
 */
import { num, optionalNum, options, str, timestamp } from './checks.js';
import * as sha1 from '#wasm/otp';
import * as sha2 from '#wasm/sha2';
import { call } from './wasm.js';
import { answer, code as codeOf, codeModule, common, OTP_KEYS, padCode, totpMatch } from './otp-params.js';

/** HMAC hash function. Authenticator apps widely support only `SHA1`. */
export type Algorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** Parameters shared by HOTP and TOTP. */
export interface OtpParameters {
  /** Base32 secret (lower case, spaces, hyphens and padding accepted). */
  secret: string;
  /** Default `'SHA1'`. */
  algorithm?: Algorithm;
  /** Digits per code, 6 to 10; default 6. */
  digits?: number;
}

/** Options of {@link hotp}. */
export interface HotpOptions extends OtpParameters {
  /** The counter, a whole number from 0 to 2^53 - 1. */
  counter: number;
}

/** Options of {@link totp}. */
export interface TotpOptions extends OtpParameters {
  /** Milliseconds since 1970; default `Date.now()`. */
  timestamp?: number;
  /** Seconds per code, at least 1; default 30. */
  period?: number;
}

/** Options of {@link verifyHotp}. */
export interface VerifyHotpOptions extends HotpOptions {
  /** The code the user typed. */
  code: string;
  /** Also accept the next `lookAhead` counters (0 to 100); default 0. */
  lookAhead?: number;
}

/** Options of {@link verifyTotp}. */
export interface VerifyTotpOptions extends TotpOptions {
  /** The code the user typed. */
  code: string;
  /** Steps accepted either side of the current one (0 to 10); default 1. */
  window?: number;
  /** The last step this user used: only later steps match, so a code cannot be replayed. */
  afterStep?: number | null;
}

/** A matched TOTP code. */
export interface TotpMatch {
  /** The time step of the code: store it as the user's `lastUsedStep`. */
  step: number;
  /** Steps between the code and now: -1 is one period behind, 0 on time. */
  drift: number;
}

/** A matched HOTP code. */
export interface HotpMatch {
  /** The counter that matched: store `counter + 1` for the next verification. */
  counter: number;
}

const HOTP_KEYS = [...OTP_KEYS, 'counter'] as const;
const TOTP_KEYS = [...OTP_KEYS, 'timestamp', 'period'] as const;
// Built once: verification is the hot path of a server.
const VERIFY_HOTP_KEYS = [...HOTP_KEYS, 'code', 'lookAhead'] as const;
const VERIFY_TOTP_KEYS = [...TOTP_KEYS, 'code', 'window', 'afterStep'] as const;

/**
 * The HOTP code for a counter.
 *
 * @example
 * ```ts
 * hotp({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', counter: 0 }); // '755224'
 * ```
 * @throws {TwoFactorError} `INVALID_BASE32`, `INVALID_OPTION`.
 */
export function hotp(opts: HotpOptions): string {
  const o = options('hotp', opts, HOTP_KEYS);
  const [secret, algorithm, digits] = common(o);
  const counter = num('counter', o.counter);
  const [hotpCore, otp, failure] = codeModule(algorithm, sha1.hotp, sha2.hotp);
  return padCode(call(otp, () => codeOf(hotpCore(secret, counter, algorithm, digits), failure)), digits);
}

/**
 * The TOTP code at a time (now by default).
 *
 * @example
 * ```ts
 * totp({ secret, timestamp: 59_000, digits: 8 }); // '94287082' (RFC 6238)
 * ```
 * @throws {TwoFactorError} `INVALID_BASE32`, `INVALID_OPTION`.
 */
export function totp(opts: TotpOptions): string {
  const o = options('totp', opts, TOTP_KEYS);
  const [secret, algorithm, digits] = common(o);
  const ts = timestamp(o.timestamp);
  const period = num('period', o.period, 30);
  const [totpCore, otp, failure] = codeModule(algorithm, sha1.totp, sha2.totp);
  return padCode(call(otp, () => codeOf(totpCore(secret, ts, algorithm, digits, period), failure)), digits);
}

/**
 * Checks an HOTP code against `counter ..= counter + lookAhead`.
 * Returns the lowest matching counter or `null`; a code that is not `digits` digits
 * throws `INVALID_CODE_FORMAT` instead of quietly not matching.
 *
 * @example
 * ```ts
 * const match = verifyHotp({ secret, code: '287082', counter: 0, lookAhead: 2 }); // { counter: 1 }
 * if (match) user.counter = match.counter + 1;
 * ```
 * @throws {TwoFactorError} `INVALID_CODE_FORMAT`, `INVALID_BASE32`, `INVALID_OPTION`.
 */
export function verifyHotp(opts: VerifyHotpOptions): HotpMatch | null {
  const o = options('verifyHotp', opts, VERIFY_HOTP_KEYS);
  const [secret, algorithm, digits] = common(o);
  const code = str('code', o.code);
  const counter = num('counter', o.counter);
  const lookAhead = num('lookAhead', o.lookAhead, 0);
  const [verifyHotpCore, otp, failure] = codeModule(algorithm, sha1.verifyHotp, sha2.verifyHotp);
  const found = call(otp, () => answer(verifyHotpCore(secret, code, counter, lookAhead, algorithm, digits), failure));
  return found === undefined ? null : { counter: found };
}

/**
 * Checks a TOTP code against the steps within `window` of now and returns
 * the match after `afterStep`, or `null`. Steps are tried nearest first, the
 * past before the future; codes are compared in constant time, and a code
 * that matches nothing (or only a used step) costs every step.
 *
 * @example
 * ```ts
 * const match = verifyTotp({ secret, code: '123456', afterStep: user.lastUsedStep });
 * if (match) user.lastUsedStep = match.step; // the same code cannot be used again
 * ```
 * @throws {TwoFactorError} `INVALID_CODE_FORMAT`, `INVALID_BASE32`, `INVALID_OPTION`.
 */
export function verifyTotp(opts: VerifyTotpOptions): TotpMatch | null {
  const o = options('verifyTotp', opts, VERIFY_TOTP_KEYS);
  const [secret, algorithm, digits] = common(o);
  const code = str('code', o.code);
  const ts = timestamp(o.timestamp);
  const period = num('period', o.period, 30);
  const window = num('window', o.window, 1);
  const afterStep = optionalNum('afterStep', o.afterStep);
  const [verifyTotpCore, otp, failure] = codeModule(algorithm, sha1.verifyTotp, sha2.verifyTotp);
  return totpMatch(call(otp, () => answer(verifyTotpCore(secret, code, ts, window, afterStep, algorithm, digits, period), failure)), ts, period);
}

