// The TwoFactorStore contract, as one suite that every store must pass:
// memoryStore, redisStore (node-redis, ioredis) and postgresStore (pg,
// postgres.js). `storeConformance(name, open)` declares the tests; `open()`
// resolves to `{ store, advance }`, where `advance(ms)` lets at least `ms` of
// the store's time pass (a fake clock moved, or a real wait).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';

const DAY = 86_400;
const MAX_TTL = 400 * DAY;
const ALL_PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
// Values a store must give back unchanged: quotes, SQL, Lua, escapes, non-ASCII, exactly 4 KiB of UTF-8.
const VALUES = [
  '', ' ', 'plain', `it's "quoted" \\ back; DROP TABLE twofa_store; --`, 'line\nbreak\ttab\r',
  ']] .. redis.call("FLUSHALL") .. [[', 'émoji 🔐 中文', 'é'.repeat(2048), 'x'.repeat(4096),
];

const invalid = { code: 'INVALID_OPTION' };

/** Declares the conformance tests of one store. */
export function storeConformance(name, open) {
  describe(`${name}: TwoFactorStore contract`, () => {
    // Every test uses its own keys: shared servers keep what earlier tests wrote.
    const keys = () => {
      const id = randomUUID();
      return (label) => `twofa:conformance:${id}:${label}`;
    };

    test('hit counts each caller once, in one window that later hits do not extend', async () => {
      const { store } = await open();
      const k = keys();
      const first = await store.hit(k('h'), 60);
      assert.equal(first.count, 1);
      assert.ok(first.resetInMs > 55_000 && first.resetInMs <= 60_000, String(first.resetInMs));
      const second = await store.hit(k('h'), 600);
      assert.equal(second.count, 2);
      assert.ok(second.resetInMs <= first.resetInMs, 'a later hit keeps the first window');
      const concurrent = await Promise.all(Array.from({ length: 30 }, () => store.hit(k('h'), 60)));
      assert.deepEqual(concurrent.map((h) => h.count).sort((a, b) => a - b), Array.from({ length: 30 }, (_, i) => i + 3));
      assert.equal((await store.hit(k('other'), 60)).count, 1, 'keys are independent');
    });

    test('claim is true for exactly one of many concurrent callers', async () => {
      const { store } = await open();
      const k = keys();
      const claims = await Promise.all(Array.from({ length: 50 }, () => store.claim(k('c'), 60)));
      assert.equal(claims.filter((c) => c === true).length, 1);
      assert.ok(claims.every((c) => typeof c === 'boolean'));
      assert.equal(await store.claim(k('c'), 60), false);
      assert.equal(await store.claim(k('d'), 60), true);
    });

    test('release removes a claim only for its owner', async () => {
      const { store } = await open();
      const k = keys();
      assert.equal(await store.claim(k('c'), 60, 'owner-a'), true);
      assert.equal(await store.claim(k('c'), 60, 'owner-b'), false);
      assert.equal(await store.release(k('c'), 'owner-b'), undefined);
      assert.equal(await store.claim(k('c'), 60, 'owner-b'), false, "another owner's release leaves the claim");
      await store.release(k('c'), 'owner-a');
      assert.equal(await store.claim(k('c'), 60, 'owner-b'), true, 'its owner released it');
      await store.claim(k('unowned'), 60);
      await store.release(k('unowned'), 'owner-a');
      assert.equal(await store.claim(k('unowned'), 60), false, 'a claim without owner is released only by reset');
      await store.release(k('never-set'), 'owner-a');
      await assert.rejects(store.release(k('c'), ''), invalid);
      await assert.rejects(store.release(k('c'), undefined), invalid);
      await assert.rejects(store.claim(k('d'), 60, 'é'), invalid);
    });

    test('put stores and replaces values; get reads them back unchanged', async () => {
      const { store } = await open();
      const k = keys();
      assert.equal(await store.get(k('absent')), null);
      for (const [i, value] of VALUES.entries()) {
        await store.put(k(`v${i}`), value, 60);
        assert.equal(await store.get(k(`v${i}`)), value, `value ${i}`);
      }
      await store.put(k('v0'), 'replaced', 60);
      assert.equal(await store.get(k('v0')), 'replaced');
      assert.equal(await store.put(k('v0'), 'again', 60), undefined);
    });

    test('reset removes whatever a key holds', async () => {
      const { store } = await open();
      const k = keys();
      await store.hit(k('h'), 60);
      await store.hit(k('h'), 60);
      await store.claim(k('c'), 60);
      await store.put(k('p'), 'value', 60);
      for (const label of ['h', 'c', 'p', 'never-set']) assert.equal(await store.reset(k(label)), undefined);
      assert.equal((await store.hit(k('h'), 60)).count, 1);
      assert.equal(await store.claim(k('c'), 60), true);
      assert.equal(await store.get(k('p')), null);
    });

    test('an expired entry never changes an answer', async () => {
      const { store, advance } = await open();
      const k = keys();
      for (let i = 0; i < 3; i++) await store.hit(k('h'), 1);
      await store.claim(k('c'), 1);
      await store.claim(k('owned'), 1, 'owner-a');
      await store.put(k('p'), 'short-lived', 1);
      await store.put(k('replaced'), 'short-lived', 1);
      await store.hit(k('live-h'), 60);
      await store.claim(k('live-c'), 60);
      await store.put(k('live-p'), 'kept', 60);
      await advance(1_100);
      const fresh = await store.hit(k('h'), 60);
      assert.equal(fresh.count, 1, 'an expired counter starts again');
      assert.ok(fresh.resetInMs > 55_000, `a new window of the new ttl (${fresh.resetInMs})`);
      assert.equal(await store.claim(k('c'), 60), true, 'an expired claim does not block');
      assert.equal(await store.claim(k('c'), 60), false);
      assert.equal(await store.get(k('p')), null);
      assert.equal(await store.claim(k('owned'), 60, 'owner-b'), true, 'an expired claim goes to a new owner');
      await store.release(k('owned'), 'owner-a');
      assert.equal(await store.claim(k('owned'), 60, 'owner-c'), false, "the old owner cannot release the new owner's claim");
      await store.put(k('replaced'), 'new', 60);
      assert.equal(await store.get(k('replaced')), 'new');
      assert.equal((await store.hit(k('live-h'), 60)).count, 2);
      assert.equal(await store.claim(k('live-c'), 60), false);
      assert.equal(await store.get(k('live-p')), 'kept');
    });

    test('keys of 1,024 printable characters and TTLs of 400 days work', async () => {
      const { store } = await open();
      const k = keys();
      const long = k('').padEnd(1024 - ALL_PRINTABLE.length, 'x') + ALL_PRINTABLE;
      assert.equal(long.length, 1024);
      assert.equal(await store.claim(long, MAX_TTL), true);
      assert.equal(await store.claim(long, MAX_TTL), false);
      // Keys differ by case and by a trailing space: no collation may merge them.
      for (const key of [k('case'), k('CASE'), `${k('case')} `]) assert.equal((await store.hit(key, MAX_TTL)).count, 1);
      const hit = await store.hit(k('case'), MAX_TTL);
      assert.ok(hit.resetInMs > (MAX_TTL - 60) * 1000 && hit.resetInMs <= MAX_TTL * 1000, String(hit.resetInMs));
      await store.put(k('p'), 'v', MAX_TTL);
      assert.equal(await store.get(k('p')), 'v');
    });

    test('keys, TTLs and values outside the contract are refused with INVALID_OPTION', async () => {
      const { store } = await open();
      const k = keys();
      const badKeys = ['', 'x'.repeat(1025), 'twofa:é', 'twofa:\n', 'twofa:\0', 5, null, undefined];
      const badTtls = [0, -1, 1.5, MAX_TTL + 1, NaN, Infinity, '60', null];
      const badValues = ['x'.repeat(4097), 'é'.repeat(2049), 'nul\0', '\uD800', 5, null, undefined];
      for (const key of badKeys) {
        await assert.rejects(store.hit(key, 60), invalid);
        await assert.rejects(store.claim(key, 60), invalid);
        await assert.rejects(store.reset(key), invalid);
        await assert.rejects(store.get(key), invalid);
        await assert.rejects(store.put(key, 'v', 60), invalid);
      }
      for (const ttl of badTtls) {
        await assert.rejects(store.hit(k('t'), ttl), invalid);
        await assert.rejects(store.claim(k('t'), ttl), invalid);
        await assert.rejects(store.put(k('t'), 'v', ttl), invalid);
      }
      for (const value of badValues) await assert.rejects(store.put(k('v'), value, 60), invalid);
      assert.equal(await store.claim(k('t'), 60), true, 'nothing was written by a refused call');
      assert.equal(await store.get(k('v')), null);
    });
  });
}
