/**
 * `twofa/redis`: a {@link TwoFactorStore} on Redis, for several server
 * instances. Works with `redis` (node-redis v4 and v5) and `ioredis`.
 * @module
 */
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

/**
 * A store on Redis: `hit` is `INCR` and `PEXPIRE` in one Lua script, `claim`
 * is `SET key 1 NX EX ttl`, so concurrent requests on any number of server
 * instances agree on which one used a code.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { redisStore } from 'twofa/redis';
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const twofa = createTwoFactor({ issuer: 'Acme', keys, store: redisStore(client) });
 * ```
 */
export function redisStore(client: unknown, opts: RedisStoreOptions = {}): TwoFactorStore {
  const command = commandOf(client);
  const prefix = opts.prefix ?? '';
  return {
    async hit(key: string, ttlSeconds: number): Promise<StoreHit> {
      const reply = await command(['EVAL', HIT_SCRIPT, '1', prefix + key, String(ttlSeconds * 1000)]);
      if (!Array.isArray(reply) || reply.length !== 2) throw new Error('unexpected reply from Redis to the hit script');
      return { count: Number(reply[0]), resetInMs: Number(reply[1]) };
    },
    async reset(key: string): Promise<void> {
      await command(['DEL', prefix + key]);
    },
    async claim(key: string, ttlSeconds: number): Promise<boolean> {
      const reply = await command(['SET', prefix + key, '1', 'NX', 'EX', String(ttlSeconds)]);
      return reply === 'OK';
    },
    async get(key: string): Promise<string | null> {
      const reply = await command(['GET', prefix + key]);
      if (reply !== null && typeof reply !== 'string') throw new Error('unexpected reply from Redis to GET');
      return reply;
    },
    async put(key: string, value: string, ttlSeconds: number): Promise<void> {
      await command(['SET', prefix + key, value, 'EX', String(ttlSeconds)]);
    },
  };
}
