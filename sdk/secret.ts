/**
 * Shared secrets: generation and display.
 * @module
 */
import { num, options, str } from './checks.js';
import * as glue from '#wasm/uri';
import { part as uri } from '#part/uri';
import { call } from './wasm.js';

/** Options of {@link generateSecret}. */
export interface GenerateSecretOptions {
  /** Random bytes, 16 to 64; default 20 (160 bits). */
  bytes?: number;
}

/**
 * A new random secret as base32 without padding (32 characters for the
 * default 20 bytes), from the platform's CSPRNG.
 *
 * @example
 * ```ts
 * const secret = generateSecret(); // 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
 * ```
 * @throws {TwoFactorError} `SECRET_TOO_SHORT` below 16 bytes, `INVALID_OPTION` above 64.
 */
export function generateSecret(opts?: GenerateSecretOptions): string {
  const o = options('generateSecret', opts, ['bytes'], false);
  const bytes = num('bytes', o.bytes, 20);
  return call(uri, () => glue.generateSecret(bytes));
}

/**
 * The secret in groups of four for people to read or type into an app.
 * Accepts any spelling {@link normalizeSecret} accepts.
 *
 * @example
 * ```ts
 * formatSecret('jbswy3dpehpk3pxp'); // 'JBSW Y3DP EHPK 3PXP'
 * ```
 * @throws {TwoFactorError} `INVALID_BASE32`.
 */
export function formatSecret(secret: string): string {
  const s = str('secret', secret);
  return call(uri, () => glue.formatSecret(s));
}

/**
 * The canonical form of a base32 secret: upper case, no spaces, hyphens or
 * padding. Use it before storing a secret that a person typed.
 *
 * @example
 * ```ts
 * normalizeSecret('jbsw y3dp-ehpk 3pxp'); // 'JBSWY3DPEHPK3PXP'
 * ```
 * @throws {TwoFactorError} `INVALID_BASE32`.
 */
export function normalizeSecret(secret: string): string {
  const s = str('secret', secret);
  return call(uri, () => glue.normalizeSecret(s));
}
