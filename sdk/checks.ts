/**
 * Shared argument checks. JavaScript types are checked here, each failure
 * naming the argument; ranges and formats are checked once, in the Rust core.
 * @internal
 * @module
 */
import { TwoFactorError } from './errors.js';

type Options = Record<string, unknown>;

/** `INVALID_OPTION` naming the argument and what is wrong with it. */
export function invalid(name: string, reason: string): TwoFactorError {
  return new TwoFactorError('INVALID_OPTION', `invalid option \`${name}\`: ${reason}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * An options object with only the `allowed` keys: a misspelt option (say
 * `windows` for `window`) is an error, never silently ignored.
 */
export function options(name: string, value: unknown, allowed: readonly string[], required = true): Options {
  if (value === undefined && !required) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(name, `expected an options object, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw invalid(key, `unknown option for ${name}; expected one of ${allowed.join(', ')}`);
    }
  }
  return value as Options;
}

const hasIsWellFormed = typeof ''.isWellFormed === 'function';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string of well-formed Unicode (a lone surrogate would be altered on its way to WebAssembly). */
export function str(name: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(name, `expected a string, got ${describe(value)}`);
  if (hasIsWellFormed ? !value.isWellFormed() : LONE_SURROGATE.test(value)) {
    throw invalid(name, 'contains a lone UTF-16 surrogate (invalid Unicode)');
  }
  return value;
}

/** An optional string: `undefined` and `null` (a database's empty column) mean absent. */
export function optionalStr(name: string, value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : str(name, value);
}

/**
 * A user id (or other sealing context) as the one string form twofa uses:
 * a non-empty string, or a safe integer (Prisma's default ids), so that 42
 * and '42' are the same user.
 */
export function contextOf(value: unknown, name = 'userId'): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw invalid(name, 'a number id must be a safe integer');
    return String(value);
  }
  const text = str(name, value);
  if (text === '') throw invalid(name, 'must not be empty');
  return text;
}

/**
 * A user id for the server flows: a {@link contextOf} that also fits in the
 * store's keys, which carry it URI-encoded (a long or far-from-ASCII id would
 * not fit: refused here rather than failing as a store error).
 */
export function userIdOf(value: unknown): string {
  const id = contextOf(value, 'userId');
  if (encodeURIComponent(id).length > MAX_ENCODED_ID) throw invalid('userId', `at most ${MAX_ENCODED_ID} characters once URI-encoded`);
  return id;
}

/** Longest user id or client, URI-encoded, so that every store key built from it fits. */
export const MAX_ENCODED_ID = 256;

/** A number; whether it is whole and in range is checked by the core. */
export function num(name: string, value: unknown, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number') throw invalid(name, `expected a number, got ${describe(value)}`);
  return value;
}

/** An optional number: `undefined` and `null` (a database's empty column) mean absent. */
export function optionalNum(name: string, value: unknown): number | undefined {
  return value === undefined || value === null ? undefined : num(name, value);
}

/** A string from a fixed set, with a default. */
export function choice<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(name, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as T;
}

/** The current time in milliseconds unless a timestamp was given. */
export function timestamp(value: unknown): number {
  return value === undefined ? Date.now() : num('timestamp', value);
}
