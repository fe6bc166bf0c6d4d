// redisStore against a real redis-server (started by the test on a free
// loopback port), with both supported clients: node-redis and ioredis.
// Replay protection holds across two twofa instances sharing one Redis, and
// when Redis dies every later verification fails closed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { createTwoFactor, totp, TwoFactorError } from 'twofa';
import { redisStore } from 'twofa/redis';
import { startRedis } from '../support/redis.mjs';

const K1 = 'first-key-0123456789abcdef0123456789';
const CLIENTS = {
  'node-redis': async (url) => {
    const client = createClient({ url, socket: { reconnectStrategy: () => 50 } });
    client.on('error', () => {}); // reconnect noise once the server is killed
    await client.connect();
    return { client, close: () => client.destroy() };
  },
  ioredis: async (url) => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    await client.connect();
    return { client, close: () => client.disconnect() };
  },
};

for (const [name, connect] of Object.entries(CLIENTS)) {
  describe(`redisStore with ${name}`, () => {
    let redis;
    const open = [];
    const client = async () => {
      const c = await connect(redis.url);
      open.push(c);
      return c.client;
    };
    before(async () => { redis = await startRedis(); });
    after(async () => {
      for (const c of open) c.close();
      await redis?.kill();
    });

    test('hit counts within a window, reset and claim are atomic commands', async () => {
      const store = redisStore(await client(), { prefix: `${name}:` });
      assert.deepEqual((await store.hit('h', 60)).count, 1);
      const second = await store.hit('h', 60);
      assert.equal(second.count, 2);
      assert.ok(second.resetInMs > 58_000 && second.resetInMs <= 60_000, String(second.resetInMs));
      await store.reset('h');
      assert.equal((await store.hit('h', 1)).count, 1);
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await store.hit('h', 1)).count, 1, 'the window expired');
      const claims = await Promise.all(Array.from({ length: 50 }, () => store.claim('c', 60)));
      assert.equal(claims.filter(Boolean).length, 1);
    });

    test('200 concurrent verifyChallenge calls on two instances: exactly 1 success', async () => {
      const clock = { now: 1_700_000_000_000 };
      const make = async () => createTwoFactor({
        issuer: 'Forum', keys: { current: 'k1', keys: { k1: K1 } }, store: redisStore(await client(), { prefix: `${name}:` }),
        now: () => clock.now, limits: { maxFailures: 1000 },
      });
      const instances = [await make(), await make()];
      const { secret, enrollmentToken } = instances[0].beginEnrollment({ userId: 'u1', account: 'u1' });
      const done = await instances[1].confirmEnrollment({ userId: 'u1', enrollmentToken, code: totp({ secret, timestamp: clock.now }), user: null });
      const user = { ...done.update };
      clock.now += 30_000;
      const code = totp({ secret, timestamp: clock.now });
      const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => {
        const twofa = instances[i % 2];
        return twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId: 'u1' }), code, user });
      }));
      const passed = results.filter((r) => r.status === 'fulfilled');
      assert.equal(passed.length, 1);
      assert.ok(results.every((r) => r.status === 'fulfilled' || r.reason.code === 'CODE_ALREADY_USED'));
    });

    test('throttling is shared through Redis', async () => {
      const clock = { now: 1_700_000_000_000 };
      const twofa = createTwoFactor({
        issuer: 'Forum', keys: { current: 'k1', keys: { k1: K1 } }, store: redisStore(await client(), { prefix: `${name}:t:` }), now: () => clock.now,
      });
      const { secret, enrollmentToken } = twofa.beginEnrollment({ userId: 'u2', account: 'u2' });
      const done = await twofa.confirmEnrollment({ userId: 'u2', enrollmentToken, code: totp({ secret, timestamp: clock.now }), user: null });
      const user = { ...done.update };
      for (let i = 0; i < 5; i++) await assert.rejects(twofa.verifyCode({ userId: 'u2', code: '000000', user }), { code: 'INVALID_CODE' });
      clock.now += 30_000;
      const limited = await twofa.verifyCode({ userId: 'u2', code: totp({ secret, timestamp: clock.now }), user }).catch((e) => e);
      assert.equal(limited.code, 'RATE_LIMITED');
      assert.ok(limited.retryAfterMs > 290_000, String(limited.retryAfterMs));
    });

    test('killing Redis mid-run: every later call is STORE_UNAVAILABLE, none accepted', async () => {
      const clock = { now: 1_700_000_000_000 };
      const twofa = createTwoFactor({
        issuer: 'Forum', keys: { current: 'k1', keys: { k1: K1 } }, store: redisStore(await client(), { prefix: `${name}:k:` }),
        now: () => clock.now, storeTimeoutMs: 300,
      });
      const { secret, enrollmentToken } = twofa.beginEnrollment({ userId: 'u3', account: 'u3' });
      const done = await twofa.confirmEnrollment({ userId: 'u3', enrollmentToken, code: totp({ secret, timestamp: clock.now }), user: null });
      const user = { ...done.update };
      const outcomes = [];
      for (let i = 1; i <= 12; i++) {
        clock.now += 30_000;
        if (i === 4) await redis.kill();
        const code = totp({ secret, timestamp: clock.now });
        const outcome = await twofa.verifyCode({ userId: 'u3', code, user }).then((r) => { Object.assign(user, r.update); return 'passed'; }, (e) => e.code);
        outcomes.push(outcome);
      }
      assert.deepEqual(outcomes.slice(0, 3), ['passed', 'passed', 'passed']);
      assert.deepEqual(outcomes.slice(3), Array(9).fill('STORE_UNAVAILABLE'));
      const backup = await twofa.verifyCode({ userId: 'u3', code: done.backupCodes[0], user }).catch((e) => e);
      assert.ok(backup instanceof TwoFactorError && backup.code === 'STORE_UNAVAILABLE');
    });
  });
}
