/**
 * Prepared keys: an HOTP/TOTP secret decoded and its HMAC key state computed
 * once, for servers that check or generate many codes with one secret.
 * Server build only (`twofa`, not `twofa/browser`).
 * @module
 */
import { num, optionalNum, options, str, timestamp } from './checks.js';
import * as sha1 from '#wasm/otp';
import * as sha2 from '#wasm/sha2';
import { call, CoreObject } from './wasm.js';
import { answer, code, codeModule, common, OTP_KEYS, padCode, totpMatch } from './otp-params.js';
import type { HotpMatch, OtpParameters, TotpMatch, VerifyHotpOptions, VerifyTotpOptions } from './otp.js';

/** Options of {@link hotpKey}. */
export type HotpKeyOptions = OtpParameters;

/** Options of {@link totpKey}. */
export interface TotpKeyOptions extends OtpParameters {
  /** Seconds per code, at least 1; default 30. */
  period?: number;
}

/** Options of {@link TotpKey.verify}: as {@link verifyTotp}'s. */
export type TotpKeyVerifyOptions = Pick<VerifyTotpOptions, 'timestamp' | 'window' | 'afterStep'>;

/** Options of {@link HotpKey.verify}: as {@link verifyHotp}'s. */
export type HotpKeyVerifyOptions = Pick<VerifyHotpOptions, 'counter' | 'lookAhead'>;

/**
 * A TOTP secret prepared once (decoded, HMAC key state computed): the same
 * answers as {@link totp} and {@link verifyTotp}, 2 to 4 times faster per call.
 * Made by {@link totpKey}.
 */
export interface TotpKey {
  /** The code at `timestamp` (milliseconds, default now), as {@link totp}. */
  generate(timestamp?: number): string;
  /** As {@link verifyTotp} with this key's secret and parameters. */
  verify(code: string, opts?: TotpKeyVerifyOptions): TotpMatch | null;
  /** Frees the key state now instead of at garbage collection; later calls throw `KEY_DISPOSED`. */
  dispose(): void;
}

/** An HOTP secret prepared once; see {@link TotpKey}. Made by {@link hotpKey}. */
export interface HotpKey {
  /** The code for `counter`, as {@link hotp}. */
  generate(counter: number): string;
  /** As {@link verifyHotp} with this key's secret and parameters. */
  verify(code: string, opts: HotpKeyVerifyOptions): HotpMatch | null;
  /** Frees the key state now instead of at garbage collection; later calls throw `KEY_DISPOSED`. */
  dispose(): void;
}

/**
 * Prepares a TOTP secret for many codes, for a server that checks one
 * user's code several times or generates codes in bulk. One-off checks can
 * use {@link verifyTotp}, which is the same computation.
 *
 * @example
 * ```ts
 * const key = totpKey({ secret });
 * const match = key.verify(code, { afterStep: user.lastUsedStep });
 * key.generate(59_000); // as totp({ secret, timestamp: 59_000 })
 * ```
 * @throws {TwoFactorError} `INVALID_BASE32`, `INVALID_OPTION`; its methods as {@link totp} and {@link verifyTotp}, and `KEY_DISPOSED`.
 */
export function totpKey(opts: TotpKeyOptions): TotpKey {
  const o = options('totpKey', opts, [...OTP_KEYS, 'period']);
  const [secret, algorithm, digits] = common(o);
  const period = num('period', o.period, 30);
  const [CoreTotpKey, otp, failure] = codeModule(algorithm, sha1.CoreTotpKey, sha2.CoreTotpKey);
  const key = new CoreObject(otp, 'TotpKey', () => new CoreTotpKey(secret, algorithm, digits, period));
  return {
    generate(at?: number) {
      const ts = timestamp(at);
      return padCode(call(otp, () => code(key.get().generate(ts), failure)), digits);
    },
    verify(code: string, verifyOpts?: TotpKeyVerifyOptions) {
      const c = str('code', code);
      const v = options('verify', verifyOpts, ['timestamp', 'window', 'afterStep'], false);
      const ts = timestamp(v.timestamp);
      const window = num('window', v.window, 1);
      const afterStep = optionalNum('afterStep', v.afterStep);
      return totpMatch(call(otp, () => answer(key.get().verify(c, ts, window, afterStep), failure)), ts, period);
    },
    dispose: () => key.dispose(),
  };
}

/**
 * Prepares an HOTP secret for many codes; see {@link totpKey}.
 *
 * @example
 * ```ts
 * const key = hotpKey({ secret });
 * key.generate(0); // '755224'
 * key.verify('287082', { counter: 0, lookAhead: 2 }); // { counter: 1 }
 * ```
 * @throws {TwoFactorError} `INVALID_BASE32`, `INVALID_OPTION`; its methods as {@link hotp} and {@link verifyHotp}, and `KEY_DISPOSED`.
 */
export function hotpKey(opts: HotpKeyOptions): HotpKey {
  const o = options('hotpKey', opts, OTP_KEYS);
  const [secret, algorithm, digits] = common(o);
  const [CoreHotpKey, otp, failure] = codeModule(algorithm, sha1.CoreHotpKey, sha2.CoreHotpKey);
  const key = new CoreObject(otp, 'HotpKey', () => new CoreHotpKey(secret, algorithm, digits));
  return {
    generate(counter: number) {
      const n = num('counter', counter);
      return padCode(call(otp, () => code(key.get().generate(n), failure)), digits);
    },
    verify(code: string, verifyOpts: HotpKeyVerifyOptions) {
      const c = str('code', code);
      const v = options('verify', verifyOpts, ['counter', 'lookAhead']);
      const counter = num('counter', v.counter);
      const lookAhead = num('lookAhead', v.lookAhead, 0);
      const found = call(otp, () => answer(key.get().verify(c, counter, lookAhead), failure));
      return found === undefined ? null : { counter: found };
    },
    dispose: () => key.dispose(),
  };
}
