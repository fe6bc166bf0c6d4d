// Throttling per user and per client, failing closed on a store that errors,
// is silent or answers nonsense, and releasing what a failed request claimed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { memoryStore } from 'twofa';
import { codeAt, enroll, newId, rejects } from '../harness.mjs';

export default function throttle(h) {
  describe(`throttling (${h.name})`, () => {
    test('the sixth attempt within 5 minutes is RATE_LIMITED even with the right code; codes and backup codes count together', async () => {
      const { twofa, clock, events } = h.setup();
      const { userId, user, secret, backupCodes } = await enroll(twofa, clock);
      clock.now += 30_000;
      const challenge = () => twofa.startChallenge({ userId });
      for (let i = 0; i < 4; i++) await rejects(twofa.verifyChallenge({ challengeToken: challenge(), code: '000000', user }), 'INVALID_CODE');
      await rejects(twofa.verifyChallenge({ challengeToken: challenge(), code: '00000-00000', user }), 'INVALID_CODE');
      assert.ok(events.some((e) => e.type === 'locked'));
      await rejects(twofa.verifyChallenge({ challengeToken: challenge(), code: codeAt(secret, clock), user }), 'RATE_LIMITED',
        (e) => assert.ok(e.retryAfterMs > 0 && e.retryAfterMs <= 300_000, String(e.retryAfterMs)));
      await rejects(twofa.verifyCode({ userId, code: backupCodes[0], user }), 'RATE_LIMITED');
    });

    test('after the window the right code passes again', { skip: !h.storeFollowsClock && 'the store keeps its own time' }, async () => {
      const { twofa, clock } = h.setup({ limits: { maxFailures: 2, windowSeconds: 60 } });
      const { userId, user, secret } = await enroll(twofa, clock);
      clock.now += 30_000;
      for (let i = 0; i < 2; i++) await rejects(twofa.verifyCode({ userId, code: '000000', user }), 'INVALID_CODE');
      await rejects(twofa.verifyCode({ userId, code: codeAt(secret, clock), user }), 'RATE_LIMITED');
      clock.now += 60_000;
      assert.equal((await twofa.verifyCode({ userId, code: codeAt(secret, clock), user })).method, 'totp');
    });

    test('a success resets the per-user count', async () => {
      const { twofa, clock } = h.setup();
      const { userId, user, secret } = await enroll(twofa, clock);
      for (let round = 0; round < 3; round++) {
        clock.now += 30_000;
        for (let i = 0; i < 4; i++) await rejects(twofa.verifyCode({ userId, code: '000000', user }), 'INVALID_CODE');
        user.lastUsedStep = (await twofa.verifyCode({ userId, code: codeAt(secret, clock), user })).update.lastUsedStep;
      }
    });

    test('per client: one client guessing across many users is stopped, other clients are not', async () => {
      const { twofa, clock } = h.setup({ limits: { perClient: { maxAttempts: 6, windowSeconds: 600 } } });
      const client = `203.0.113.${Math.floor(Math.random() * 250)}-${newId()}`;
      const victims = await Promise.all([1, 2, 3].map(() => enroll(twofa, clock)));
      clock.now += 30_000;
      for (const v of victims) {
        for (let i = 0; i < 2; i++) await rejects(twofa.verifyCode({ userId: v.userId, user: v.user, code: '000000', client }), 'INVALID_CODE');
      }
      const [first] = victims;
      await rejects(twofa.verifyCode({ userId: first.userId, user: first.user, code: codeAt(first.secret, clock), client }), 'RATE_LIMITED');
      assert.equal((await twofa.verifyCode({ userId: first.userId, user: first.user, code: codeAt(first.secret, clock), client: `${client}-other` })).method, 'totp');
      await rejects(twofa.verifyCode({ userId: first.userId, user: first.user, code: '000000', client: '' }), 'INVALID_OPTION');
    });
  });

  describe(`failing closed (${h.name})`, () => {
    const wrap = (base, override) => ({ ...Object.fromEntries(['hit', 'reset', 'claim', 'get', 'put'].map((m) => [m, (...a) => base[m](...a)])), ...override });

    test('a failing, silent or nonsense-answering store accepts nothing: STORE_UNAVAILABLE', async () => {
      const { twofa: good, clock } = h.setup();
      const { userId, user, secret } = await enroll(good, clock);
      clock.now += 30_000;
      const base = memoryStore({ now: () => clock.now });
      const stores = {
        'hit throws': wrap(base, { hit: async () => { throw new Error('connection refused'); } }),
        'hit never answers': wrap(base, { hit: () => new Promise(() => {}) }),
        'claim throws': wrap(base, { claim: async () => { throw new Error('down'); } }),
        'negative count': wrap(base, { hit: async () => ({ count: -5, resetInMs: 1000 }) }),
        'NaN count': wrap(base, { hit: async () => ({ count: Number.NaN, resetInMs: 1000 }) }),
        'zero count': wrap(base, { hit: async () => 0 }),
        'string count': wrap(base, { hit: async () => ({ count: '1', resetInMs: 1000 }) }),
        'claim says yes as a string': wrap(base, { claim: async () => 'OK' }),
        'claim answers null': wrap(base, { claim: async () => null }),
      };
      for (const [label, store] of Object.entries(stores)) {
        const { twofa, clock: c } = h.setup({ store, storeTimeoutMs: 100 });
        c.now = clock.now;
        const error = await twofa.verifyCode({ userId, code: codeAt(secret, clock), user }).catch((e) => e);
        assert.equal(error.code, 'STORE_UNAVAILABLE', `${label}: ${error.message}`);
        assert.ok(error.cause instanceof Error, label);
      }
    });

    test('a request that fails after claiming releases its claims: the code still works when the store is back', async () => {
      const { twofa: good, clock } = h.setup();
      const { userId, user, secret } = await enroll(good, clock);
      clock.now += 30_000;
      const base = memoryStore({ now: () => clock.now });
      let down = true;
      const flaky = wrap(base, { reset: async (key) => { if (down && key.startsWith('twofa:fail:')) throw new Error('timeout'); return base.reset(key); } });
      const { twofa, clock: c } = h.setup({ store: flaky });
      c.now = clock.now;
      const challengeToken = twofa.startChallenge({ userId });
      await rejects(twofa.verifyChallenge({ challengeToken, code: codeAt(secret, clock), user }), 'STORE_UNAVAILABLE');
      down = false;
      const result = await twofa.verifyChallenge({ challengeToken, code: codeAt(secret, clock), user });
      assert.equal(result.method, 'totp', 'neither the code nor the challenge was used up');
    });

    test('an audit hook that throws does not change the outcome', async () => {
      const { twofa, clock } = h.setup({ onEvent: () => { throw new Error('logger down'); } });
      const { userId, user, secret } = await enroll(twofa, clock);
      clock.now += 30_000;
      assert.equal((await twofa.verifyCode({ userId, code: codeAt(secret, clock), user })).method, 'totp');
      const { twofa: rejecting, clock: c2 } = h.setup({ onEvent: async () => { throw new Error('async logger down'); } });
      assert.ok((await enroll(rejecting, c2)).user.sealedSecret);
    });

    test('stores written for the first design (hit returns a number; no get/put) still verify TOTP codes', async () => {
      const { clock } = h.setup();
      const base = memoryStore({ now: () => clock.now });
      const store = { hit: async (k, t) => (await base.hit(k, t)).count, reset: (k) => base.reset(k), claim: (k, t) => base.claim(k, t) };
      const { twofa, clock: c } = h.setup({ store });
      const { userId, user, secret } = await enroll(twofa, c);
      c.now += 30_000;
      assert.equal((await twofa.verifyCode({ userId, code: codeAt(secret, c), user })).method, 'totp');
      const next = await twofa.afterPassword({ userId, user: { ...user, channels: 'email' } });
      await rejects(twofa.sendCode({ challengeToken: next.challengeToken, channel: 'email', user: { ...user, channels: 'email' } }), 'INVALID_OPTION',
        (e) => assert.match(e.message, /no `put`/));
    });
  });
}
