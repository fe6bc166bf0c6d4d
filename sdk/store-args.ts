/**
 * The limits of the {@link TwoFactorStore} contract, checked the same way by
 * every store shipped with twofa, so that a key or value one store accepts
 * works in all of them.
 * @internal
 * @module
 */
import { invalid, str } from './checks.js';

/** Longest key: twofa's keys are `twofa:<kind>:<encoded parts>`, far shorter. */
export const MAX_KEY_LENGTH = 1024;
/** Longest TTL: 400 days (device trust lasts up to a year). */
export const MAX_TTL_SECONDS = 400 * 86_400;
/** Largest value, in UTF-8 bytes. */
export const MAX_VALUE_BYTES = 4096;

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** A key (or a claim's owner) of 1 to 1,024 printable ASCII characters. */
export function storeKey(key: unknown, name = 'key'): string {
  if (typeof key !== 'string' || key.length > MAX_KEY_LENGTH || !PRINTABLE_ASCII.test(key)) {
    throw invalid(name, `store ${name}s are 1 to ${MAX_KEY_LENGTH} printable ASCII characters`);
  }
  return key;
}

/** What a claim holds: its owner, or `1` for a claim without one. */
export function claimOwner(owner: unknown): string {
  return owner === undefined ? '1' : storeKey(owner, 'owner');
}

/** A TTL of whole seconds, from 1 to 400 days. */
export function storeTtl(ttlSeconds: unknown): number {
  if (typeof ttlSeconds !== 'number' || !Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
    throw invalid('ttlSeconds', `expected whole seconds from 1 to ${MAX_TTL_SECONDS} (400 days)`);
  }
  return ttlSeconds;
}

/** A value of at most 4 KiB of UTF-8, without U+0000 (which PostgreSQL's text refuses). */
export function storeValue(value: unknown): string {
  const text = str('value', value);
  // Up to 3 UTF-8 bytes per UTF-16 unit: short strings need no encoding to be measured.
  if (text.length * 3 > MAX_VALUE_BYTES && new TextEncoder().encode(text).length > MAX_VALUE_BYTES) {
    throw invalid('value', `store values are at most ${MAX_VALUE_BYTES} bytes of UTF-8`);
  }
  if (text.includes('\0')) throw invalid('value', 'store values cannot contain U+0000');
  return text;
}
