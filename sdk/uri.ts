/**
 * `otpauth://` URIs (Key URI Format), the text inside an enrollment QR code.
 * @module
 */
import { num, optionalStr, options, str } from './checks.js';
import type { Algorithm } from './otp.js';
import * as glue from '#wasm/uri';
import { part as uriPart } from '#part/uri';
import * as parseGlue from '#wasm/parse';
import { part as parsePart } from '#part/parse';
import { warningText } from './messages.js';
import { call } from './wasm.js';

/** Options of {@link buildUri}. */
export interface BuildUriOptions {
  /** Default `'totp'`. */
  type?: 'totp' | 'hotp';
  /** Base32 secret. */
  secret: string;
  /** The user's account name shown in the app, e.g. an email address. */
  account: string;
  /** Your service's name shown in the app. Strongly recommended. */
  issuer?: string;
  /** Default `'SHA1'`; most apps ignore other values. */
  algorithm?: Algorithm;
  /** Default 6; most apps show only 6. */
  digits?: number;
  /** TOTP seconds per code; default 30. */
  period?: number;
  /** HOTP initial counter; default 0. */
  counter?: number;
  /** URL of a logo some apps show. */
  image?: string;
}

/** What {@link parseUri} found. */
export interface ParsedUri {
  type: 'totp' | 'hotp';
  /** Canonical base32: upper case, no padding. */
  secret: string;
  account: string;
  issuer?: string;
  algorithm: Algorithm;
  digits: number;
  /** TOTP only. */
  period?: number;
  /** HOTP only. */
  counter?: number;
  image?: string;
  /**
   * What an app may get wrong with this URI. Each starts with a stable
   * identifier: `SHORT_SECRET`, `ISSUER_MISMATCH`, `NO_ISSUER`,
   * `UNCOMMON_ALGORITHM`, `UNCOMMON_DIGITS`, `UNCOMMON_PERIOD`,
   * `IGNORED_COUNTER`, `IGNORED_PERIOD`.
   */
  warnings: string[];
}

/**
 * Builds the URI for an authenticator app. The label is `issuer:account`
 * with spaces as `%20`; the issuer is repeated as a parameter; defaults are
 * left out to keep the QR code small.
 *
 * @example
 * ```ts
 * buildUri({ secret, account: 'alice@example.com', issuer: 'Acme Co' });
 * // 'otpauth://totp/Acme%20Co:alice@example.com?secret=...&issuer=Acme%20Co'
 * ```
 * @throws {TwoFactorError} `INVALID_BASE32`, `INVALID_OPTION` (for example a `:` in the issuer).
 */
export function buildUri(opts: BuildUriOptions): string {
  const o = options('buildUri', opts, [
    'type', 'secret', 'account', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'image',
  ]);
  const type = o.type === undefined ? 'totp' : str('type', o.type);
  const secret = str('secret', o.secret);
  const account = str('account', o.account);
  const issuer = optionalStr('issuer', o.issuer);
  const algorithm = o.algorithm === undefined ? undefined : str('algorithm', o.algorithm);
  const digits = num('digits', o.digits, 6);
  const period = num('period', o.period, 30);
  const counter = num('counter', o.counter, 0);
  const image = optionalStr('image', o.image);
  return call(uriPart, () => glue.buildUri(type, secret, account, issuer, algorithm, digits, period, counter, image));
}

/**
 * Reads an `otpauth://` URI, as scanned from another service's QR code or
 * exported from an app. Accepts `+` or `%20` for spaces, any case of values,
 * an issuer in the label or the parameters; unknown parameters are ignored.
 *
 * @example
 * ```ts
 * const { secret, issuer, warnings } = parseUri('otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP');
 * // issuer 'Acme' (from the label); warnings ['SHORT_SECRET: the secret is 10 bytes, ...']
 * ```
 * @throws {TwoFactorError} `INVALID_URI` saying what is wrong.
 */
export function parseUri(uri: string): ParsedUri {
  const text = str('uri', uri);
  const parsed = JSON.parse(call(parsePart, () => parseGlue.parseUri(text))) as Omit<ParsedUri, 'warnings'> & { warnings: unknown[][] };
  return { ...parsed, warnings: parsed.warnings.map(warningText) };
}
