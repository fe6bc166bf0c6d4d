// Throughput of verifyChallenge in one Node process on each store:
// memoryStore, redisStore (node-redis) against a local redis-server, and
// postgresStore (pg Pool, postgres.js) against a local PostgreSQL with its
// default durability settings, all started here. Each call opens a challenge
// token and a sealed secret, checks a TOTP code (window ±1), claims the token
// and the step, and counts and resets the failure counter.
// Then: PostgreSQL table size per active user, and memoryStore insert cost
// against maxKeys (it must not grow with the number of entries).
// Run: node bench/flows.mjs (after npm run build; needs redis-server and PostgreSQL)
// Env: CALLS (default 5000) calls per row, USERS (default 10000) simulated users for the table size.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import postgres from 'postgres';
import { createClient } from 'redis';
import { createTwoFactor, generateSecret, memoryStore, totp } from '../dist/node.mjs';
import { POSTGRES_TABLE_SQL, postgresStore } from '../dist/postgres.mjs';
import { redisStore } from '../dist/redis.mjs';
import { startPostgres } from '../tests/support/postgres.mjs';
import { startRedis } from '../tests/support/redis.mjs';

const CALLS = Number(process.env.CALLS ?? 5000);
const USERS = Number(process.env.USERS ?? 10_000);
const KEYS = { current: 'k1', keys: { k1: 'bench-key-0123456789abcdef0123456789' } };

/** `count` enrolled users with UUIDs for ids, as many apps have (sealed directly: enrollment is not measured). */
function enrollUsers(twofa, count) {
  return Array.from({ length: count }, () => {
    const id = randomUUID();
    const secret = generateSecret();
    return { id, secret, record: { sealedSecret: twofa.keyRing.seal(secret, id), lastUsedStep: null } };
  });
}

/** One login per user per simulated 30-second period: no code is a replay. */
async function loginAll(twofa, clock, users) {
  clock.now += 30_000;
  const batch = users.map((u) => ({ u, code: totp({ secret: u.secret, timestamp: clock.now }), token: twofa.startChallenge({ userId: u.id }) }));
  const start = performance.now();
  const results = await Promise.all(batch.map(({ u, code, token }) => twofa.verifyChallenge({ challengeToken: token, code, user: u.record })));
  const elapsed = performance.now() - start;
  results.forEach((r, i) => { users[i].record.lastUsedStep = r.update.lastUsedStep; });
  return elapsed;
}

async function measure(label, store, concurrency) {
  const clock = { now: 1_700_000_000_000 };
  const twofa = createTwoFactor({ issuer: 'Bench', keys: KEYS, store, now: () => clock.now });
  const users = enrollUsers(twofa, concurrency);
  let elapsed = 0;
  let done = 0;
  while (done < CALLS) {
    elapsed += await loginAll(twofa, clock, users);
    done += users.length;
  }
  return { store: label, concurrency, calls: done, perSecond: Math.round(done / (elapsed / 1000)) };
}

/** Bytes of the store's table (with its indexes and TOAST) per user who logged in within the token lifetime. */
async function tableSizePerUser(pool) {
  await pool.query('CREATE TABLE size_probe (LIKE twofa_store INCLUDING ALL)');
  const store = postgresStore(pool, { table: 'size_probe' });
  const size = async () => Number((await pool.query("SELECT pg_total_relation_size('size_probe') AS n")).rows[0].n);
  const empty = await size();
  const clock = { now: 1_800_000_000_000 };
  const twofa = createTwoFactor({ issuer: 'Bench', keys: KEYS, store, now: () => clock.now });
  const users = enrollUsers(twofa, USERS);
  for (let i = 0; i < users.length; i += 500) await loginAll(twofa, clock, users.slice(i, i + 500));
  const rows = Number((await pool.query('SELECT count(*) AS n FROM size_probe')).rows[0].n);
  const written = await size();
  await pool.query('VACUUM size_probe');
  return { users: USERS, rows, bytesPerUser: Math.round((written - empty) / USERS), bytesPerUserAfterVacuum: Math.round(((await size()) - empty) / USERS) };
}

/** Nanoseconds per claim into a store kept 99 % full, for several maxKeys. */
function memoryInsertCost() {
  return Promise.all([1_000, 100_000].map(async (maxKeys) => {
    const clock = { now: 1_700_000_000_000 };
    const store = memoryStore({ now: () => clock.now, maxKeys });
    const live = Math.floor(maxKeys * 0.99);
    for (let i = 0; i < live; i++) await store.claim(`twofa:fill:${i}`, 600);
    const inserts = 200_000;
    const start = performance.now();
    for (let i = 0; i < inserts; i++) {
      clock.now += 250; // 1-second claims expire as new ones arrive: the store stays 99 % full
      await store.claim(`twofa:new:${i}`, 1);
    }
    return { maxKeys, liveEntries: live, nsPerInsert: Math.round(((performance.now() - start) * 1e6) / inserts) };
  }));
}

const rows = [];
rows.push(await measure('memoryStore', memoryStore(), 1));
rows.push(await measure('memoryStore', memoryStore(), 50));
const [redis, db] = await Promise.all([startRedis(), startPostgres({ settings: {} })]);
const client = await createClient({ url: redis.url }).connect();
const pool = new pg.Pool({ ...db.config, max: 10 });
const sql = postgres({ ...db.config, max: 10, onnotice: () => {} });
// A pool of its own for the store, whose commits do not wait for the disk (see the README).
const asyncPool = new pg.Pool({ ...db.config, max: 10, options: '-c synchronous_commit=off' });
let size;
try {
  await pool.query(POSTGRES_TABLE_SQL);
  for (const concurrency of [1, 50]) {
    rows.push(await measure('redisStore (node-redis)', redisStore(client), concurrency));
    rows.push(await measure('postgresStore (pg Pool of 10)', postgresStore(pool), concurrency));
    rows.push(await measure('postgresStore (postgres.js, 10)', postgresStore(sql), concurrency));
    rows.push(await measure('postgresStore (pg Pool, synchronous_commit off)', postgresStore(asyncPool), concurrency));
  }
  size = await tableSizePerUser(pool);
} finally {
  client.destroy();
  await Promise.all([pool.end(), asyncPool.end(), sql.end()]);
  await redis.kill();
  db.destroy();
}
console.table(rows);
console.log('PostgreSQL table size per active user (one login in the last 15 minutes):');
console.table([size]);
const memory = await memoryInsertCost();
console.log('memoryStore claims into a store 99 % full:');
console.table(memory);
console.log(JSON.stringify({ throughput: rows, postgresSize: size, memoryInsertCost: memory }));
