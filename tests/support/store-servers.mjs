// A private Redis and PostgreSQL (with the store's table) for one test file,
// started before its tests and stopped after them, and clients of each
// supported package that are closed at the end.
import { after, before } from 'node:test';
import pg from 'pg';
import postgres from 'postgres';
import { POSTGRES_TABLE_SQL } from 'twofa/postgres';
import { startPostgres } from './postgres.mjs';
import { redisClients, startRedis } from './redis.mjs';

/** Registers the servers' start and stop with node:test; returns the servers and client factories. */
export function storeServers() {
  let redis;
  let db;
  const closers = [];
  before(async () => {
    [redis, db] = await Promise.all([startRedis(), startPostgres()]);
    const pool = pgPool();
    await pool.query(POSTGRES_TABLE_SQL);
  });
  after(async () => {
    for (const close of closers.reverse()) await close();
    await redis?.kill();
    db?.destroy();
  });

  /** A pg Pool; connections lost while the server is down are replaced, as the README advises. */
  function pgPool(options = {}) {
    const pool = new pg.Pool({ ...db.config, max: 10, ...options });
    pool.on('error', () => {});
    closers.push(() => pool.end());
    return pool;
  }

  return {
    get redis() { return redis; },
    get db() { return db; },
    pgPool,
    /** A postgres.js `sql` with a pool of 10. */
    postgresJs() {
      const sql = postgres({ ...db.config, max: 10, onnotice: () => {} });
      closers.push(() => sql.end({ timeout: 1 }));
      return sql;
    },
    /** A connected single pg Client. */
    async pgClient() {
      const client = new pg.Client(db.config);
      client.on('error', () => {}); // lost in a server restart: the tests that restart use pools
      await client.connect();
      closers.push(() => client.end());
      return client;
    },
    /** A connected client of the `redis` or `ioredis` package (see redisClients). */
    async redisClient(name) {
      const { client, close } = await redisClients[name](redis.url);
      closers.push(close);
      return client;
    },
  };
}
