/**
 * Every failure in twofa is a {@link TwoFactorError} with a stable `code`.
 * @module
 */

/** Stable error codes. Switch on these, never on messages. */
export type TwoFactorErrorCode =
  | 'INVALID_BASE32'
  | 'SECRET_TOO_SHORT'
  | 'INVALID_OPTION'
  | 'INVALID_CODE_FORMAT'
  | 'INVALID_URI'
  | 'RANDOM_UNAVAILABLE'
  | 'KEY_NOT_FOUND'
  | 'KEY_TOO_SHORT'
  | 'SEAL_MALFORMED'
  | 'SEAL_INVALID'
  | 'KEY_DISPOSED'
  | 'TOKEN_EXPIRED'
  | 'BACKUP_RECORD_MALFORMED'
  | 'INVALID_CODE'
  | 'CODE_ALREADY_USED'
  | 'RATE_LIMITED'
  | 'NOT_ENROLLED'
  | 'ALREADY_ENROLLED'
  | 'MFA_REQUIRED'
  | 'CHANNEL_FAILED'
  | 'STORE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

// One brand for every copy of this class (CommonJS and ESM builds, server and
// browser entry points), so `instanceof` works whichever copy made the error.
const BRAND = Symbol.for('twofa.TwoFactorError');

/**
 * The one error class of twofa. Messages say what to do and never contain
 * secrets or codes.
 *
 * @example
 * ```ts
 * import { totp, TwoFactorError } from 'twofa';
 * try {
 *   totp({ secret: 'not base32!' });
 * } catch (e) {
 *   if (e instanceof TwoFactorError && e.code === 'INVALID_BASE32') console.log(e.message);
 * }
 * ```
 */
export class TwoFactorError extends Error {
  /** Stable machine-readable code. */
  readonly code: TwoFactorErrorCode;
  /** For `RATE_LIMITED`: milliseconds until a new attempt is allowed. */
  declare readonly retryAfterMs?: number;
  /**
   * For `INVALID_CODE` of a TOTP code that matches a nearby time: how far the
   * device's clock is off, in seconds (positive: ahead; negative: behind).
   */
  declare readonly clockSkewSeconds?: number;

  constructor(
    code: TwoFactorErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number; clockSkewSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TwoFactorError';
    this.code = code;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options?.clockSkewSeconds !== undefined) this.clockSkewSeconds = options.clockSkewSeconds;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
