/**
 * `twofa/redis`: a {@link TwoFactorStore} on Redis, for several server
 * instances. Works with `redis` (node-redis v4 and v5) and `ioredis`.
 * @module
 */
import { claimOwner, storeKey, storeTtl, storeValue } from './store-args.js';
import type { StoreHit, TwoFactorStore } from './store.js';

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /** Prefix of every key; default `''` (twofa's keys already start with `twofa:`). */
  prefix?: string;
}

/** The one method twofa needs from a client: run a raw command. */
type Command = (args: string[]) => Promise<unknown>;

// INCR and PEXPIRE in one script, so a counter never lives without its window.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

// GET and DEL in one script: the key goes only while its owner still holds it.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

function commandOf(client: unknown): Command {
  const c = client as {
    call?: (...args: string[]) => Promise<unknown>;
    sendCommand?: (args: string[]) => Promise<unknown>;
  } | null;
  // ioredis: client.call(name, ...args). node-redis v4/v5: client.sendCommand([name, ...args]).
  if (c && typeof c.call === 'function') return (args) => c.call!(...args);
  if (c && typeof c.sendCommand === 'function') return (args) => c.sendCommand!(args);
  throw new TypeError('redisStore: expected a client from the `redis` (node-redis) or `ioredis` package');
}

function unexpected(command: string, reply: unknown): Error {
  return new Error(`redisStore: unexpected reply from Redis to ${command} (${Array.isArray(reply) ? 'an array' : typeof reply})`);
}

/**
 * A store on Redis: `hit` is `INCR` and `PEXPIRE` in one Lua script, `claim`
 * is `SET key owner NX EX ttl`, `put` is `SET key value EX ttl`, so concurrent
 * requests on any number of server instances agree on which one used a code.
 * Expiry is Redis's own, so instances with skewed clocks share one window.
 *
 * With node-redis, create the client with `disableOfflineQueue: true`: its
 * offline queue would otherwise run the commands of requests that already
 * failed (counting their attempts) once Redis is back.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { redisStore } from 'twofa/redis';
 * const client = await createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true }).connect();
 * const twofa = createTwoFactor({ issuer: 'Acme', keys, store: redisStore(client) });
 * ```
 */
export function redisStore(client: unknown, opts: RedisStoreOptions = {}): TwoFactorStore {
  const command = commandOf(client);
  const prefix = opts.prefix ?? '';
  return {
    async hit(key: string, ttlSeconds: number): Promise<StoreHit> {
      const reply = await command(['EVAL', HIT_SCRIPT, '1', prefix + storeKey(key), String(storeTtl(ttlSeconds) * 1000)]);
      const [count, resetInMs] = Array.isArray(reply) ? reply : [];
      if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(resetInMs) || resetInMs < 0) {
        throw unexpected('the hit script', reply);
      }
      return { count, resetInMs };
    },
    async reset(key: string): Promise<void> {
      await command(['DEL', prefix + storeKey(key)]);
    },
    async claim(key: string, ttlSeconds: number, owner?: string): Promise<boolean> {
      const reply = await command(['SET', prefix + storeKey(key), claimOwner(owner), 'NX', 'EX', String(storeTtl(ttlSeconds))]);
      if (reply === 'OK' || reply === null) return reply === 'OK';
      throw unexpected('SET NX', reply);
    },
    async release(key: string, owner: string): Promise<void> {
      const reply = await command(['EVAL', RELEASE_SCRIPT, '1', prefix + storeKey(key), storeKey(owner, 'owner')]);
      if (reply !== 0 && reply !== 1) throw unexpected('the release script', reply);
    },
    async get(key: string): Promise<string | null> {
      const reply = await command(['GET', prefix + storeKey(key)]);
      if (typeof reply === 'string' || reply === null) return reply;
      throw unexpected('GET', reply);
    },
    async put(key: string, value: string, ttlSeconds: number): Promise<void> {
      const reply = await command(['SET', prefix + storeKey(key), storeValue(value), 'EX', String(storeTtl(ttlSeconds))]);
      if (reply !== 'OK') throw unexpected('SET', reply);
    },
  };
}
