/**
 * What the one-shot OTP functions and the prepared keys share: the common
 * options and the shaping of the core's answers.
 * @internal
 * @module
 */
import { num, str } from './checks.js';
import { TwoFactorError } from './errors.js';
import { takeError as sha1Error } from '#wasm/otp';
import { part as sha1Part } from '#part/otp';
import { takeError as sha2Error } from '#wasm/sha2';
import { part as sha2Part } from '#part/sha2';
import type { Part } from './load.js';
import type { TotpMatch } from './otp.js';

/** Options every HOTP/TOTP call takes. */
export const OTP_KEYS = ['secret', 'algorithm', 'digits'] as const;

/**
 * The secret, algorithm and digits of an options object, with defaults. The
 * default algorithm (SHA1) stays `undefined`: the common call then copies no
 * string for it into the module.
 */
export function common(o: Record<string, unknown>): [secret: string, algorithm: string | undefined, digits: number] {
  return [
    str('secret', o.secret),
    o.algorithm === undefined ? undefined : str('algorithm', o.algorithm),
    num('digits', o.digits, 6),
  ];
}

/** The names the core reads as SHA-1 (`SHA1`, `SHA-1`, any case). */
const SHA1 = /^sha-?1$/i;

/**
 * Which of two glue functions (or classes) computes codes with `algorithm`,
 * and its module. SHA-1, the default and what most authenticators use, has
 * a module of its own in the server build (`otp`), so that a server
 * checking SHA-1 codes never compiles SHA-2; any other name goes to the
 * module that knows every algorithm (`sha2`), which also reports a name
 * that is none. In the browser build both are one module. (Functions, not
 * the glue's namespaces, are passed, so that bundlers still drop the glue
 * a page does not call.)
 */
export function codeModule<F>(algorithm: string | undefined, sha1: F, any: F): [F, Part, failure: () => unknown] {
  return algorithm === undefined || SHA1.test(algorithm) ? [sha1, sha1Part, sha1Error] : [any, sha2Part, sha2Error];
}

/**
 * The code functions answer with one number instead of throwing (see
 * `mod otp` in src/wasm.rs): the answer, -1 for no match, or -2 for a
 * failure, whose error (in its wire form) `failure` takes from the module
 * and which is thrown here, inside `call`, to be translated as every error is.
 */
export function answer(value: number, failure: () => unknown): number | undefined {
  if (value >= 0) return value;
  if (value === -1) return undefined;
  throw failure();
}

/** {@link answer} of a function that always has one (a code): "no match" there is a bug, never a code. */
export function code(value: number, failure: () => unknown): number {
  const found = answer(value, failure);
  if (found === undefined) {
    throw new TwoFactorError('INTERNAL_ERROR', 'the twofa WebAssembly module answered no code; this is a bug in twofa, please report it');
  }
  return found;
}

/** The core returns codes as numbers; written here with leading zeros. */
export function padCode(value: number, digits: number): string {
  return String(value).padStart(digits, '0');
}

/** The core returns the matching step; the drift is derived here (the core checked `ts` and `period`). */
export function totpMatch(step: number | undefined, ts: number, period: number): TotpMatch | null {
  return step === undefined ? null : { step, drift: step - Math.floor(Math.floor(ts / 1000) / period) };
}
