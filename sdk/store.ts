/**
 * Where the server flows keep their short-lived state: failure counters for
 * throttling and claims for replay protection.
 * @module
 */

import { num, options } from './checks.js';
import { TwoFactorError } from './errors.js';

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
 * `memoryStore()` is the default (one process); `redisStore(client)` from
 * `twofa/redis` serves many. If a method throws or does not answer in time,
 * verification fails closed with `STORE_UNAVAILABLE`.
 */
export interface TwoFactorStore {
  /** Increments `key`; the first hit starts a window of `ttlSeconds` after which the counter is gone. */
  hit(key: string, ttlSeconds: number): Promise<StoreHit>;
  /** Removes `key`. */
  reset(key: string): Promise<void>;
  /** Sets `key` for `ttlSeconds` if it is absent: `true` for the one caller that set it. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** The value `put` stored under `key`, or null if absent or expired. */
  get(key: string): Promise<string | null>;
  /** Stores `value` under `key` for `ttlSeconds`, replacing anything there. */
  put(key: string, value: string, ttlSeconds: number): Promise<void>;
}

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** The clock, in milliseconds; default `Date.now` (inject one in tests). */
  now?: () => number;
  /** Most keys held; default 100,000. Expired keys go first, then the oldest. */
  maxKeys?: number;
}

interface Entry {
  count: number;
  expiresAt: number;
  value?: string;
}

/**
 * A store in this process's memory: right for one server process (and for
 * tests), wrong for several instances behind a load balancer, which must
 * share a store such as `redisStore`. Memory is bounded: expired keys are
 * swept, and past `maxKeys` the oldest keys are dropped.
 *
 * @example
 * ```ts
 * const twofa = createTwoFactor({ issuer: 'Acme', keys, store: memoryStore() });
 * ```
 */
export function memoryStore(opts?: MemoryStoreOptions): TwoFactorStore {
  const o = options('memoryStore', opts, ['now', 'maxKeys'], false);
  if (o.now !== undefined && typeof o.now !== 'function') {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `now`: expected a function returning milliseconds');
  }
  const now = (o.now as (() => number) | undefined) ?? Date.now;
  const maxKeys = num('maxKeys', o.maxKeys, 100_000);
  if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `maxKeys`: must be a whole number, at least 1');
  }
  const entries = new Map<string, Entry>();
  let operations = 0;

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function insert(key: string, entry: Entry): void {
    entries.set(key, entry);
    if (++operations % 1024 === 0 || entries.size > maxKeys) {
      const t = now();
      for (const [k, e] of entries) if (e.expiresAt <= t) entries.delete(k);
      // Maps iterate in insertion order: the first keys are the oldest.
      for (const k of entries.keys()) {
        if (entries.size <= maxKeys) break;
        entries.delete(k);
      }
    }
  }

  return {
    async hit(key, ttlSeconds) {
      const entry = live(key);
      if (entry) {
        entry.count++;
        return { count: entry.count, resetInMs: entry.expiresAt - now() };
      }
      insert(key, { count: 1, expiresAt: now() + ttlSeconds * 1000 });
      return { count: 1, resetInMs: ttlSeconds * 1000 };
    },
    async reset(key) {
      entries.delete(key);
    },
    async claim(key, ttlSeconds) {
      if (live(key)) return false;
      insert(key, { count: 1, expiresAt: now() + ttlSeconds * 1000 });
      return true;
    },
    async get(key) {
      return live(key)?.value ?? null;
    },
    async put(key, value, ttlSeconds) {
      entries.delete(key);
      insert(key, { count: 1, expiresAt: now() + ttlSeconds * 1000, value });
    },
  };
}
