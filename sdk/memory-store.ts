/**
 * The default {@link TwoFactorStore}: this process's memory.
 * @module
 */
import { num, options } from './checks.js';
import { TwoFactorError } from './errors.js';
import { ExpiryBuckets } from './expiry-buckets.js';
import { claimOwner, storeKey, storeTtl, storeValue } from './store-args.js';
import type { TwoFactorStore } from './store.js';

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** The clock, in milliseconds; default `Date.now` (inject one in tests). */
  now?: () => number;
  /** Most live entries held; default 100,000. Past it, a new entry fails closed. */
  maxKeys?: number;
}

interface Entry {
  count: number;
  value: string | null;
  expiresAt: number;
}

/**
 * A store in this process's memory: right for one server process (and for
 * tests), wrong for several instances behind a load balancer, which must
 * share a store such as `redisStore` or `postgresStore`.
 *
 * It never forgets a live entry (a used code or token, a failure count):
 * expired entries are dropped as their second passes, and when `maxKeys`
 * live entries leave no room, a new entry throws (verification fails closed
 * with `STORE_UNAVAILABLE`) while existing ones keep working.
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
  const clock = (o.now as (() => number) | undefined) ?? Date.now;
  const maxKeys = num('maxKeys', o.maxKeys, 100_000);
  if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `maxKeys`: must be a whole number, at least 1');
  }
  const entries = new Map<string, Entry>();
  const expiries = new ExpiryBuckets();
  const dropExpired = (key: string) => { entries.delete(key); };

  function now(): number {
    const t = clock();
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new TwoFactorError('INVALID_OPTION', 'invalid option `now`: must return milliseconds as a finite number');
    }
    return t;
  }

  function forget(key: string, entry: Entry): void {
    entries.delete(key);
    expiries.remove(key, entry.expiresAt);
  }

  function live(key: string, t: number): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= t) {
      forget(key, entry);
      return undefined;
    }
    return entry;
  }

  /** Sets `key`, replacing what it holds; a new key needs room, which only expired entries make. */
  function set(key: string, entry: Entry, t: number): void {
    expiries.sweep(t, dropExpired);
    const old = entries.get(key);
    if (old) {
      expiries.remove(key, old.expiresAt);
    } else if (entries.size >= maxKeys) {
      throw new TwoFactorError(
        'STORE_UNAVAILABLE',
        `memoryStore is full: ${maxKeys} live entries (maxKeys); raise maxKeys or share a store: ` +
          'redisStore from twofa/redis or postgresStore from twofa/postgres',
      );
    }
    entries.set(key, entry);
    expiries.add(key, entry.expiresAt);
  }

  return {
    async hit(key, ttlSeconds) {
      storeKey(key);
      storeTtl(ttlSeconds);
      const t = now();
      const entry = live(key, t);
      if (entry) {
        entry.count++;
        return { count: entry.count, resetInMs: entry.expiresAt - t };
      }
      set(key, { count: 1, value: null, expiresAt: t + ttlSeconds * 1000 }, t);
      return { count: 1, resetInMs: ttlSeconds * 1000 };
    },
    async reset(key) {
      storeKey(key);
      const entry = entries.get(key);
      if (entry) forget(key, entry);
    },
    async claim(key, ttlSeconds, owner) {
      storeKey(key);
      storeTtl(ttlSeconds);
      const value = claimOwner(owner);
      const t = now();
      if (live(key, t)) return false;
      set(key, { count: 1, value, expiresAt: t + ttlSeconds * 1000 }, t);
      return true;
    },
    async release(key, owner) {
      storeKey(key);
      storeKey(owner, 'owner');
      const entry = live(key, now());
      if (entry && entry.value === owner) forget(key, entry);
    },
    async get(key) {
      storeKey(key);
      return live(key, now())?.value ?? null;
    },
    async put(key, value, ttlSeconds) {
      storeKey(key);
      storeValue(value);
      storeTtl(ttlSeconds);
      const t = now();
      set(key, { count: 0, value, expiresAt: t + ttlSeconds * 1000 }, t);
    },
  };
}
