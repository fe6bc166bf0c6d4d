/**
 * Reading the values commands take: a secret or `otpauth://` URI, a time.
 * @internal
 * @module
 */
import { readFileSync } from 'node:fs';
import { parseUri, type Algorithm } from 'twofa';
import { UsageError, wholeNumber, type ParsedArgs } from './args.js';

/**
 * The argument itself, or standard input for `-`: a secret typed on the
 * command line stays in the shell's history and shows in the process list.
 */
export function argumentValue(value: string): string {
  return value === '-' ? readFileSync(0, 'utf8').trim() : value;
}

/** What computing or checking a code needs, from a bare secret or a URI and the options. */
export interface OtpInput {
  type: 'totp' | 'hotp';
  secret: string;
  algorithm: Algorithm;
  digits: number;
  period: number;
  /** HOTP: `--counter`, else the URI's. */
  counter: number;
  /** TOTP: `--time`, else `undefined` (now). */
  timestamp: number | undefined;
}

/**
 * A base32 secret (TOTP, SHA-1, 6 digits, 30 s, as `oathtool --totp -b`), or
 * an `otpauth://` URI whose type, algorithm, digits, period and counter apply;
 * `--time` (TOTP) and `--counter` (HOTP) override, and the other is refused.
 */
export function otpInput(argument: string, args: ParsedArgs): OtpInput {
  const text = argumentValue(argument);
  const uri = /^otpauth:/i.test(text) ? parseUri(text) : undefined;
  const type = uri?.type ?? 'totp';
  if (type === 'hotp' && args.values.time !== undefined) throw new UsageError('--time applies to TOTP; an HOTP code depends on its counter (--counter)');
  if (type === 'totp' && args.values.counter !== undefined) throw new UsageError('--counter applies to HOTP URIs (otpauth://hotp/...)');
  return {
    type,
    secret: uri?.secret ?? text,
    algorithm: uri?.algorithm ?? 'SHA1',
    digits: uri?.digits ?? 6,
    period: uri?.period ?? 30,
    counter: wholeNumber(args, 'counter') ?? uri?.counter ?? 0,
    timestamp: timeOption(args),
  };
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** `--time`: milliseconds since 1970, or an ISO 8601 date or time; `undefined` (now) when absent. */
function timeOption(args: ParsedArgs): number | undefined {
  const value = args.values.time;
  if (value === undefined) return undefined;
  const ms = typeof value !== 'string' ? NaN : /^\d{1,16}$/.test(value) ? Number(value) : ISO_TIME.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new UsageError('--time expects milliseconds since 1970 (1767225600000) or an ISO 8601 time (2026-01-01T00:00:00Z; without a zone, local time)');
  }
  return ms;
}
