// The server flows on each store, through the built package with real
// servers started here. Shared stores (Redis with node-redis and ioredis,
// PostgreSQL with pg and postgres.js): one code submitted 200 times at once
// on two instances passes once; instances with clocks minutes apart share one
// throttle window; a server stopped mid-run fails every call closed and the
// service resumes when it is back. memoryStore: flooded past maxKeys it keeps
// every live claim and counter and fails closed.
// (Kept apart from flows.test.mjs: written against the flows' public API.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTwoFactor, memoryStore, totp } from 'twofa';
import { postgresStore } from 'twofa/postgres';
import { redisStore } from 'twofa/redis';
import { storeServers } from '../support/store-servers.mjs';

const KEYS = { current: 'k1', keys: { k1: 'first-key-0123456789abcdef0123456789' } };
const START = 1_700_000_000_000;
const MINUTES = 60_000;
const servers = storeServers();

/** The shared backends: `connect()` resolves to a new store with its own connections (a pool of 10). */
const BACKENDS = {
  'Redis (node-redis)': { server: () => servers.redis, connect: async () => redisStore(await servers.redisClient('node-redis')) },
  'Redis (ioredis)': { server: () => servers.redis, connect: async () => redisStore(await servers.redisClient('ioredis')) },
  'PostgreSQL (pg Pool)': { server: () => servers.db, connect: async () => postgresStore(servers.pgPool()) },
  'PostgreSQL (postgres.js)': { server: () => servers.db, connect: async () => postgresStore(servers.postgresJs()) },
};

/** How many client connections PostgreSQL has open now (not counting this one). */
async function clientConnections() {
  const client = await servers.pgClient();
  return (await client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend'")).rows[0].n - 1;
}

/** Enrolls `userId`; resolves to the stored record, the secret and the backup codes. */
async function enroll(twofa, now, userId) {
  const { secret, enrollmentToken } = twofa.beginEnrollment({ userId, account: userId });
  const done = await twofa.confirmEnrollment({ userId, enrollmentToken, code: totp({ secret, timestamp: now }), user: null });
  return { user: { ...done.update }, secret, backupCodes: done.backupCodes };
}

/** A 6-digit code that no step of the ±1 window at `now` accepts. */
function wrongCode(secret, now) {
  const valid = [-30_000, 0, 30_000].map((d) => totp({ secret, timestamp: now + d }));
  return ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c));
}

const outcome = (promise) => promise.then(() => 'passed', (error) => error.code);

for (const [name, backend] of Object.entries(BACKENDS)) {
  describe(`flows on ${name}`, () => {
    const userId = (label) => `${name}/${label}`; // backends share servers: never share a user

    test('one code submitted 200 times at once on two instances passes exactly once', async () => {
      const now = START;
      const make = async () => createTwoFactor({ issuer: 'Forum', keys: KEYS, store: await backend.connect(), now: () => now + 30_000, limits: { maxFailures: 1000 } });
      const instances = [await make(), await make()];
      const id = userId('race');
      const { user, secret } = await enroll(createTwoFactor({ issuer: 'Forum', keys: KEYS, store: await backend.connect(), now: () => now }), now, id);
      const code = totp({ secret, timestamp: now + 30_000 });
      const connectionsBefore = backend.server() === servers.db ? await clientConnections() : 0;
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => {
        const twofa = instances[i % 2];
        return outcome(twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId: id }), code, user }));
      }));
      assert.equal(results.filter((r) => r === 'passed').length, 1);
      assert.equal(results.filter((r) => r === 'CODE_ALREADY_USED').length, 199, results.join(' '));
      if (backend.server() === servers.db) assert.ok(await clientConnections() >= connectionsBefore + 4, 'the requests ran on many connections');
    });

    test('instances with clocks minutes apart share one throttle window, timed by the store', async () => {
      const skews = [0, 4 * MINUTES, -4 * MINUTES];
      const [a, ahead, behind] = await Promise.all(skews.map(async (skew) =>
        createTwoFactor({ issuer: 'Forum', keys: KEYS, store: await backend.connect(), now: () => START + skew })));
      const id = userId('skew');
      const { user, secret } = await enroll(a, START - 30_000, id);
      for (let i = 0; i < 5; i++) {
        assert.equal(await outcome(a.verifyCode({ userId: id, code: wrongCode(secret, START), user })), 'INVALID_CODE');
      }
      // Each instance offers the right code by its own clock; the window that A's failures opened holds for all.
      const limited = await Promise.all([[ahead, 4 * MINUTES], [behind, -4 * MINUTES], [a, 0]].map(([twofa, skew]) =>
        twofa.verifyCode({ userId: id, code: totp({ secret, timestamp: START + skew }), user }).catch((e) => e)));
      for (const error of limited) {
        assert.equal(error.code, 'RATE_LIMITED');
        assert.ok(error.retryAfterMs > 280_000 && error.retryAfterMs <= 300_000, `retry after ${error.retryAfterMs} ms`);
      }
    });

    test('the server stopped mid-run: every call is STORE_UNAVAILABLE, nothing is accepted or spent; it resumes when back', async () => {
      const clock = { now: START };
      const store = await backend.connect();
      const twofa = createTwoFactor({ issuer: 'Forum', keys: KEYS, store, now: () => clock.now, storeTimeoutMs: 500 });
      const id = userId('outage');
      const { user, secret, backupCodes } = await enroll(twofa, clock.now, id);
      const server = backend.server();
      const outcomes = [];
      let refusedCode;
      for (let i = 1; i <= 9; i++) {
        clock.now += 30_000;
        if (i === 4) await (server.kill ?? server.stop)();
        if (i === 7) {
          // Redis restarts empty; PostgreSQL on its data directory. Wait for the client to reconnect.
          await server.start();
          for (let tries = 0; !(await store.get('twofa:probe').then(() => true, () => false)); tries++) {
            assert.ok(tries < 100, 'the store answers again after the restart');
            await sleep(50);
          }
          // The code refused in the outage was not spent: it is still good (one step late).
          assert.equal(await outcome(twofa.verifyCode({ userId: id, code: refusedCode, user }).then((r) => { Object.assign(user, r.update); })), 'passed');
        }
        const code = totp({ secret, timestamp: clock.now });
        if (i >= 4 && i < 7) {
          refusedCode = code;
          const challenge = twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId: id }), code, user });
          assert.equal(await outcome(challenge), 'STORE_UNAVAILABLE');
          assert.equal(await outcome(twofa.verifyCode({ userId: id, code: backupCodes[0], user })), 'STORE_UNAVAILABLE');
        }
        outcomes.push(await outcome(twofa.verifyCode({ userId: id, code, user }).then((r) => { Object.assign(user, r.update); })));
      }
      assert.deepEqual(outcomes, ['passed', 'passed', 'passed', ...Array(3).fill('STORE_UNAVAILABLE'), 'passed', 'passed', 'passed']);
      const backup = await twofa.verifyCode({ userId: id, code: backupCodes[0], user });
      assert.equal(backup.backupRemaining, 9, 'the backup code refused in the outage was not spent');
    });
  });
}

describe('flows on memoryStore flooded past maxKeys', () => {
  test('used steps and tokens stay used, counters keep counting, new keys fail closed until entries expire', async () => {
    const clock = { now: START };
    const store = memoryStore({ now: () => clock.now, maxKeys: 100 });
    const twofa = createTwoFactor({ issuer: 'Forum', keys: KEYS, store, now: () => clock.now });
    const victim = await enroll(twofa, clock.now, 'victim');
    const other = await enroll(twofa, clock.now, 'other');
    clock.now += 30_000;
    // The victim logs in (its step and its challenge token are now claimed), then mistypes once.
    const stale = { ...victim.user };
    const code = totp({ secret: victim.secret, timestamp: clock.now });
    const usedToken = twofa.startChallenge({ userId: 'victim' });
    const login = await twofa.verifyChallenge({ challengeToken: usedToken, code, user: victim.user });
    const fresh = { ...victim.user, ...login.update };
    assert.equal(await outcome(twofa.verifyCode({ userId: 'victim', code: wrongCode(victim.secret, clock.now), user: fresh })), 'INVALID_CODE');
    for (let i = 0; i < 4; i++) {
      assert.equal(await outcome(twofa.verifyCode({ userId: 'other', code: wrongCode(other.secret, clock.now), user: other.user })), 'INVALID_CODE');
    }
    // An attacker floods the store with attempts for made-up users (each leaves a failure counter).
    const flood = await Promise.all(Array.from({ length: 300 }, (_, i) =>
      outcome(twofa.verifyCode({ userId: `flood-${i}`, code: '123456', user: victim.user }))));
    const refused = flood.filter((o) => o === 'STORE_UNAVAILABLE').length;
    assert.ok(refused > 200 && flood.every((o) => o === 'STORE_UNAVAILABLE' || o === 'SEAL_INVALID'), `${refused} refused`);
    const full = await twofa.verifyCode({ userId: 'newcomer', code: '123456', user: victim.user }).catch((e) => e);
    assert.equal(full.code, 'STORE_UNAVAILABLE');
    assert.match(full.message, /^memoryStore is full: 100 live entries \(maxKeys\); raise maxKeys/);
    clock.now += 10_000;
    // The replayed code (from a request that read the user before the login) and the used token stay refused.
    assert.equal(await outcome(twofa.verifyCode({ userId: 'victim', code, user: stale })), 'CODE_ALREADY_USED');
    const next = totp({ secret: victim.secret, timestamp: clock.now + 30_000 });
    assert.equal(await outcome(twofa.verifyChallenge({ challengeToken: usedToken, code: next, user: fresh })), 'TOKEN_EXPIRED');
    // The other user's counter kept its 4 failures: the 5th fails, then even the right code is throttled.
    assert.equal(await outcome(twofa.verifyCode({ userId: 'other', code: wrongCode(other.secret, clock.now), user: other.user })), 'INVALID_CODE');
    assert.equal(await outcome(twofa.verifyCode({ userId: 'other', code: totp({ secret: other.secret, timestamp: clock.now }), user: other.user })), 'RATE_LIMITED');
    // Once the flood's counters expire (5 minutes), there is room again; the used token is still refused.
    clock.now += 5 * MINUTES;
    assert.equal(await outcome(twofa.verifyCode({ userId: 'newcomer', code: '123456', user: victim.user })), 'SEAL_INVALID');
    assert.equal(await outcome(twofa.verifyChallenge({ challengeToken: usedToken, code: totp({ secret: victim.secret, timestamp: clock.now }), user: fresh })), 'TOKEN_EXPIRED');
  });
});
