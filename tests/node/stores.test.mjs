// The stores through the built package: one conformance suite for
// memoryStore, redisStore (node-redis, ioredis) and postgresStore (pg,
// postgres.js) against real servers started here, then what is particular
// to each: memoryStore at capacity, postgresStore's table and clean-up, and
// replies of the wrong shape.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { memoryStore } from 'twofa';
import { POSTGRES_TABLE_SQL, postgresStore, postgresTableSql } from 'twofa/postgres';
import { redisStore } from 'twofa/redis';
import { redisClients } from '../support/redis.mjs';
import { storeConformance } from '../support/store-conformance.mjs';
import { storeServers } from '../support/store-servers.mjs';

const START = 1_700_000_000_000;
const servers = storeServers();
const { pgPool, postgresJs, redisClient } = servers;
const realTime = { advance: (ms) => sleep(ms) };

storeConformance('memoryStore', async () => {
  const clock = { now: START };
  return { store: memoryStore({ now: () => clock.now }), advance: async (ms) => { clock.now += ms; } };
});
for (const name of Object.keys(redisClients)) {
  storeConformance(`redisStore (${name})`, async () => ({ store: redisStore(await redisClient(name)), ...realTime }));
}
storeConformance('postgresStore (pg Pool)', async () => ({ store: postgresStore(pgPool()), ...realTime }));
storeConformance('postgresStore (postgres.js)', async () => ({ store: postgresStore(postgresJs()), ...realTime }));

describe('memoryStore at capacity', () => {
  const full = /^memoryStore is full: 100 live entries \(maxKeys\); raise maxKeys or share a store: redisStore from twofa\/redis or postgresStore from twofa\/postgres$/;

  test('a full store refuses new keys and never drops live ones', async () => {
    const clock = { now: START };
    const store = memoryStore({ now: () => clock.now, maxKeys: 100 });
    assert.equal(await store.claim('twofa:step:u1:1', 120), true);
    await store.hit('twofa:fail:u1', 300);
    await store.put('twofa:value:u1', 'kept', 300);
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      await store.claim(`twofa:flood:${i}`, 60).catch((error) => {
        assert.equal(error.code, 'STORE_UNAVAILABLE');
        assert.match(error.message, full);
        refused++;
      });
    }
    assert.equal(refused, 1000 - 97, 'exactly maxKeys live entries');
    assert.equal(await store.claim('twofa:step:u1:1', 120), false, 'the claim is still held');
    assert.equal((await store.hit('twofa:fail:u1', 300)).count, 2, 'the counter keeps counting');
    assert.equal(await store.get('twofa:value:u1'), 'kept');
    await store.put('twofa:value:u1', 'replaced', 300);
    assert.equal(await store.get('twofa:value:u1'), 'replaced', 'a live key can be replaced when full');
    for (const insert of [() => store.hit('twofa:new', 60), () => store.put('twofa:new', 'v', 60), () => store.claim('twofa:new', 60)]) {
      await assert.rejects(insert(), { code: 'STORE_UNAVAILABLE', message: full });
    }
    await store.reset('twofa:flood:0');
    assert.equal(await store.claim('twofa:new', 60), true, 'a reset makes room');
  });

  test('expired entries make room within a second of expiring; live ones stay', async () => {
    const clock = { now: START + 123 };
    const store = memoryStore({ now: () => clock.now, maxKeys: 100 });
    await store.claim('twofa:token:long', 900);
    for (let i = 0; i < 99; i++) await store.claim(`twofa:flood:${i}`, 60);
    await assert.rejects(store.claim('twofa:new', 60), { code: 'STORE_UNAVAILABLE' });
    clock.now += 59_000;
    await assert.rejects(store.claim('twofa:new', 60), { code: 'STORE_UNAVAILABLE' }, 'nothing expired yet');
    clock.now += 2_000;
    for (let i = 0; i < 99; i++) assert.equal(await store.claim(`twofa:new:${i}`, 60), true);
    assert.equal(await store.claim('twofa:token:long', 900), false);
  });

  test('a clock that jumps forward or back loses no live entry and no room', async () => {
    const clock = { now: START };
    const store = memoryStore({ now: () => clock.now, maxKeys: 10 });
    await store.claim('twofa:a', 60);
    clock.now += 365 * 86_400_000; // a year in one step: one pass over the buckets, not a second-by-second walk
    assert.equal(await store.claim('twofa:a', 60), true);
    clock.now -= 3_600_000; // an hour back: entries written now expire by this clock
    for (let i = 1; i < 10; i++) await store.claim(`twofa:back:${i}`, 60);
    await assert.rejects(store.claim('twofa:more', 60), { code: 'STORE_UNAVAILABLE' });
    clock.now += 30_000;
    assert.equal(await store.claim('twofa:back:1', 60), false, 'still live 30 s later');
    clock.now += 31_000;
    for (let i = 1; i < 10; i++) assert.equal(await store.claim(`twofa:again:${i}`, 60), true, 'expired 61 s later: room again');
  });
});

describe('postgresStore', () => {
  const count = async (pool, table, where = 'true') => (await pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)).rows[0].n;

  test('the shipped SQL creates the table; createTable: true creates it on first use, once for many callers', async () => {
    assert.equal(postgresTableSql('twofa_store'), POSTGRES_TABLE_SQL);
    assert.match(POSTGRES_TABLE_SQL, /CREATE INDEX IF NOT EXISTS "twofa_store_expires_at" ON "twofa_store" \(expires_at\)/);
    const pool = pgPool();
    await pool.query('CREATE SCHEMA IF NOT EXISTS app');
    for (const [table, client] of [['fresh_pg', pool], ['app.fresh_js', postgresJs()]]) {
      const stores = Array.from({ length: 5 }, () => postgresStore(client, { table, createTable: true }));
      const claims = await Promise.all(stores.map((s) => s.claim('twofa:first', 60)));
      assert.equal(claims.filter(Boolean).length, 1, table);
      assert.equal(await count(pool, table), 1);
    }
    const indexes = await pool.query("SELECT indexname FROM pg_indexes WHERE tablename IN ('fresh_pg', 'fresh_js') ORDER BY 1");
    assert.deepEqual(indexes.rows.map((r) => r.indexname), ['fresh_js_expires_at', 'fresh_js_pkey', 'fresh_pg_expires_at', 'fresh_pg_pkey']);
  });

  test('a missing table is an error that says how to create it', async () => {
    for (const client of [pgPool(), postgresJs()]) {
      const store = postgresStore(client, { table: 'missing_table' });
      await assert.rejects(store.hit('twofa:x', 60), (error) => {
        assert.match(error.message, /the table missing_table does not exist; create it with POSTGRES_TABLE_SQL .* or pass \{ createTable: true \}/);
        assert.equal(error.cause.code, '42P01');
        return true;
      });
    }
    assert.throws(() => postgresStore(pgPool(), { table: 'bad name; DROP TABLE x' }), TypeError);
    assert.throws(() => postgresStore(pgPool(), { table: 'a.b.c' }), TypeError);
    assert.throws(() => postgresStore({}), /expected a Pool or Client from the `pg` package/);
  });

  test('expired rows are deleted in bounded batches piggy-backed on writes, no cron needed', async () => {
    const pool = pgPool();
    const store = postgresStore(pool, { table: 'sweep_test', createTable: true });
    await Promise.all(Array.from({ length: 700 }, (_, i) => store.put(`twofa:short:${i}`, 'v', 1)));
    await store.claim('twofa:long', 60);
    await sleep(1_100);
    assert.equal(await count(pool, 'sweep_test', 'expires_at <= now()'), 700);
    for (let i = 0; i < 64 * 3; i++) await store.hit('twofa:writes', 60);
    for (let i = 0; i < 50 && (await count(pool, 'sweep_test', 'expires_at <= now()')) > 0; i++) await sleep(20);
    assert.equal(await count(pool, 'sweep_test', 'expires_at <= now()'), 0);
    assert.equal(await count(pool, 'sweep_test'), 2, 'live rows stay');
    assert.equal(await store.removeExpired(), 0);
    // The clean-up can find expired rows by the index (the planner prefers a scan of a table this small).
    const client = await pool.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const plan = await client.query('EXPLAIN SELECT key FROM sweep_test WHERE expires_at <= now() ORDER BY expires_at LIMIT 500');
      assert.match(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), /Index Scan (using|on) sweep_test_expires_at/);
    } finally {
      client.release(true);
    }
  });

  test('a single pg Client works too (one query at a time: servers should pass a Pool)', async () => {
    const store = postgresStore(await servers.pgClient());
    assert.equal(await store.claim('twofa:single-client', 60), true);
    assert.equal(await store.claim('twofa:single-client', 60), false);
    assert.equal((await store.hit('twofa:single-client:h', 60)).count, 1);
  });
});

describe('stores throw on replies of the wrong shape instead of guessing', () => {
  const pgReplying = (rows) => ({ query: async () => ({ rows }) });
  const redisReplying = (reply) => ({ sendCommand: async () => reply });

  test('postgresStore', async () => {
    const cases = [
      ['hit', [{ count: '2', reset_in_ms: 1000 }]], ['hit', [{ count: -1, reset_in_ms: 1000 }]], ['hit', [{ count: 2, reset_in_ms: NaN }]], ['hit', []],
      ['claim', [{ claimed: 1 }, { claimed: 1 }]], ['get', [{ value: 5 }]], ['get', [{ value: 'a' }, { value: 'b' }]],
    ];
    for (const [method, rows] of cases) {
      const store = postgresStore(pgReplying(rows));
      await assert.rejects(store[method]('twofa:k', 60), /postgresStore: unexpected result/, `${method} ${JSON.stringify(rows)}`);
    }
    await assert.rejects(postgresStore({ query: async () => ({}) }).claim('twofa:k', 60), /unexpected result/);
    assert.equal(await postgresStore(pgReplying([])).get('twofa:k'), null);
    assert.equal(await postgresStore(pgReplying([{ value: null }])).get('twofa:k'), null);
  });

  test('redisStore', async () => {
    const cases = [
      ['hit', ['1', 1000]], ['hit', [0, 1000]], ['hit', [1, -5]], ['hit', 'OK'], ['hit', [1]],
      ['claim', 'QUEUED'], ['claim', 1], ['get', Buffer.from('v')], ['get', 5],
    ];
    for (const [method, reply] of cases) {
      const store = redisStore(redisReplying(reply));
      await assert.rejects(store[method]('twofa:k', 60), /redisStore: unexpected reply/, `${method} ${JSON.stringify(reply)}`);
    }
    await assert.rejects(redisStore(redisReplying(null)).put('twofa:k', 'v', 60), /unexpected reply from Redis to SET/);
    await assert.rejects(redisStore(redisReplying('OK')).release('twofa:k', 'owner'), /unexpected reply from Redis to the release script/);
    assert.equal(await redisStore(redisReplying(null)).claim('twofa:k', 60), false);
  });
});
