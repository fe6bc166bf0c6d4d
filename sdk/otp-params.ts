/**
 * What the one-shot OTP functions and the prepared keys share: the common
 * options and the shaping of the core's answers.
 * @internal
 * @module
 */
import { num, str } from './checks.js';
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

/** The core returns codes as numbers; written here with leading zeros. */
export function padCode(value: number, digits: number): string {
  return String(value).padStart(digits, '0');
}

/** The core returns the matching step; the drift is derived here (the core checked `ts` and `period`). */
export function totpMatch(step: number | undefined, ts: number, period: number): TotpMatch | null {
  return step === undefined ? null : { step, drift: step - Math.floor(Math.floor(ts / 1000) / period) };
}
