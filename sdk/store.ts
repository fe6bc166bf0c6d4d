/**
 * Where the server flows keep their short-lived state: failure counters for
 * throttling, claims for replay protection, and small values.
 * @module
 */

/** What a {@link TwoFactorStore.hit} returns. */
export interface StoreHit {
  /** The counter after this hit (1 for the first hit in a window). */
  count: number;
  /** Milliseconds until the counter expires (its window ends). */
  resetInMs: number;
}

/**
 * Storage for the server flows. Every method must be atomic across all
 * server instances that share the store: twofa relies on it to refuse a code
 * that two concurrent requests carry, and to count failures exactly.
 *
 * Keys are printable ASCII, at most 1,024 characters; TTLs are whole seconds
 * from 1 to 400 days; values are strings of at most 4 KiB (UTF-8) without
 * U+0000. "Absent" always includes expired: an expired entry never changes
 * an answer. A store throws on anything unexpected rather than guess.
 *
 * `memoryStore()` is the default (one process); `redisStore(client)` from
 * `twofa/redis` and `postgresStore(client)` from `twofa/postgres` serve many.
 * If a method throws or does not answer in time, verification fails closed
 * with `STORE_UNAVAILABLE`.
 */
export interface TwoFactorStore {
  /** Increments `key`; if it is absent (missing or expired) it starts at 1 with a window of `ttlSeconds`. */
  hit(key: string, ttlSeconds: number): Promise<StoreHit>;
  /** Removes `key`, whatever it holds. */
  reset(key: string): Promise<void>;
  /**
   * Sets `key` for `ttlSeconds` if it is absent (missing or expired): `true`
   * for exactly one caller. `owner` names the claim for {@link TwoFactorStore.release}.
   */
  claim(key: string, ttlSeconds: number, owner?: string): Promise<boolean>;
  /** The value {@link TwoFactorStore.put} stored, or `null` if absent or expired. */
  get(key: string): Promise<string | null>;
  /** Stores `value` (at most 4 KiB) under `key` for `ttlSeconds`, replacing anything there. */
  put(key: string, value: string, ttlSeconds: number): Promise<void>;
  /**
   * Removes `key` only if `owner` holds its claim: a request undoing its own
   * claim, even one whose answer it never saw, cannot remove another's.
   * Optional: without it the flows release with `reset`, and cannot release
   * a claim whose answer was lost.
   */
  release?(key: string, owner: string): Promise<void>;
}

export { memoryStore, type MemoryStoreOptions } from './memory-store.js';
