// The login state machine: afterPassword, verifyChallenge, verifyCode; replay
// under concurrency; a bad challenge never strands the user; a server-side
// key problem is the operator's, never the user's wrong code.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTwoFactor, errorResponse } from 'twofa';
import { codeAt, enroll, K1, K2, newId, rejects, save } from '../harness.mjs';

export default function login(h) {
  describe(`login (${h.name})`, () => {
    test('afterPassword: no 2FA -> LOGIN_SUCCESS; with 2FA -> MFA_REQUIRED and a challenge; verifyChallenge finishes', async () => {
      const { twofa, clock } = h.setup();
      const plain = await twofa.afterPassword({ userId: newId(), user: { email: 'x' } });
      assert.equal(plain.state, 'LOGIN_SUCCESS');
      assert.equal(plain.via, 'none');
      assert.deepEqual([plain.update, plain.previous], [{}, {}]);
      const { userId, user, secret } = await enroll(twofa, clock);
      const next = await twofa.afterPassword({ userId, user });
      assert.equal(next.state, 'MFA_REQUIRED');
      assert.deepEqual(next.methods, ['totp', 'backup']);
      assert.equal(next.expiresAt, clock.now + 600_000);
      assert.deepEqual(twofa.readChallenge(next.challengeToken), { userId, expiresAt: clock.now + 600_000, state: 'MFA_REQUIRED' });
      await rejects(twofa.verifyChallenge({ challengeToken: next.challengeToken, code: codeAt(secret, clock), user }), 'CODE_ALREADY_USED');
      clock.now += 30_000;
      const result = await twofa.verifyChallenge({ challengeToken: next.challengeToken, code: codeAt(secret, clock), user });
      assert.deepEqual(result, {
        userId, method: 'totp',
        update: { lastUsedStep: Math.floor(clock.now / 30_000) }, previous: { lastUsedStep: user.lastUsedStep },
      });
      assert.ok(save(user, result));
      clock.now += 30_000;
      await rejects(twofa.verifyChallenge({ challengeToken: next.challengeToken, code: codeAt(secret, clock), user }), 'TOKEN_EXPIRED');
    });

    test('a loader picks the record of the user the token names', async () => {
      const { twofa, clock } = h.setup();
      const { userId, user, secret } = await enroll(twofa, clock);
      clock.now += 30_000;
      const seen = [];
      const result = await twofa.verifyChallenge({
        challengeToken: twofa.startChallenge({ userId }), code: codeAt(secret, clock),
        user: async (id) => { seen.push(id); return user; },
      });
      assert.deepEqual(seen, [userId]);
      assert.equal(result.userId, userId);
      await rejects(twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId: newId() }), code: '123456', user: () => null }), 'NOT_ENROLLED');
    });

    test('an unusable challenge is TOKEN_EXPIRED with the cause kept, so the user starts over', async () => {
      const { twofa, clock } = h.setup();
      const alice = await enroll(twofa, clock);
      const bob = await enroll(twofa, clock);
      clock.now += 30_000;
      const bobs = twofa.startChallenge({ userId: bob.userId });
      const cases = {
        malformed: 'tf1.k1.AAAA',
        altered: `${bobs.slice(0, -4)}${bobs.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`,
        'wrong purpose': twofa.beginEnrollment({ userId: bob.userId, account: 'b' }).enrollmentToken,
        'other key ring': createTwoFactor({ issuer: 'X', keys: { current: 'k1', keys: { k1: K2 } }, now: () => clock.now }).startChallenge({ userId: bob.userId }),
        'key missing': createTwoFactor({ issuer: 'X', keys: { current: 'k9', keys: { k9: K1 } }, now: () => clock.now }).startChallenge({ userId: bob.userId }),
      };
      for (const [label, challengeToken] of Object.entries(cases)) {
        await rejects(twofa.verifyChallenge({ challengeToken, code: codeAt(bob.secret, clock), user: bob.user }), 'TOKEN_EXPIRED', (e) => {
          assert.ok(e.cause?.code, `${label}: cause kept`);
          assert.ok(!/seal|authenticat|key/i.test(e.message), `${label}: no cryptographic message for people: ${e.message}`);
        });
      }
      assert.throws(() => twofa.readChallenge('nope'), { code: 'TOKEN_EXPIRED' });
      // Bob's challenge with Alice's record: her secret does not open for Bob -> a server-side problem.
      await rejects(twofa.verifyChallenge({ challengeToken: bobs, code: codeAt(alice.secret, clock), user: alice.user }), 'SEAL_INVALID');
      clock.now += 10 * 60_000;
      await rejects(twofa.verifyChallenge({ challengeToken: bobs, code: codeAt(bob.secret, clock), user: bob.user }), 'TOKEN_EXPIRED');
    });

    test('a missing or changed key for a stored secret is a 500 and a key.error event, not a wrong code', async () => {
      const { twofa, clock } = h.setup();
      const { userId, user, secret } = await enroll(twofa, clock);
      clock.now += 30_000;
      for (const keys of [{ current: 'k2', keys: { k2: K2 } }, { current: 'k1', keys: { k1: K2 } }]) {
        const events = [];
        const changed = createTwoFactor({ issuer: 'Forum', keys, now: () => clock.now, onEvent: (e) => events.push(e) });
        const error = await changed.verifyCode({ userId, user, code: codeAt(secret, clock) }).catch((e) => e);
        assert.ok(['KEY_NOT_FOUND', 'SEAL_INVALID'].includes(error.code), error.code);
        const response = errorResponse(error);
        assert.equal(response.status, 500);
        assert.doesNotMatch((await response.json()).message, /key|seal/i);
        assert.deepEqual(events.filter((e) => e.type === 'key.error').map((e) => e.detail.where), ['sealedSecret']);
      }
    });

    test('step-up verifies without a challenge and refuses malformed input', async () => {
      const { twofa, clock } = h.setup();
      const { userId, user, secret } = await enroll(twofa, clock);
      clock.now += 30_000;
      assert.equal((await twofa.verifyCode({ userId, code: codeAt(secret, clock), user })).method, 'totp');
      await rejects(twofa.verifyCode({ userId, code: '12', user }), 'INVALID_CODE_FORMAT');
      await rejects(twofa.verifyCode({ userId, code: '123456', user: { sealedSecret: null } }), 'NOT_ENROLLED');
      await rejects(twofa.verifyCode({ userId, code: '123456', user: 'nope' }), 'INVALID_OPTION');
      await rejects(twofa.verifyCode({ userId, code: '123456', user, extra: 1 }), 'INVALID_OPTION');
      await rejects(twofa.verifyCode({ userId, code: '123456' }), 'INVALID_OPTION');
    });

    test('200 concurrent verifyChallenge calls with one valid code: exactly 1 success', async () => {
      const { twofa, clock } = h.setup({ limits: { maxFailures: 1000 } });
      const { userId, user, secret } = await enroll(twofa, clock);
      clock.now += 30_000;
      const code = codeAt(secret, clock);
      const results = await Promise.allSettled(
        Array.from({ length: 200 }, () => twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId }), code, user })),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.ok(results.every((r) => r.status === 'fulfilled' || r.reason.code === 'CODE_ALREADY_USED'));
    });

    test('one challenge completes at most one login, even with different valid factors at once', async () => {
      const { twofa, clock } = h.setup();
      const { userId, user, secret, backupCodes } = await enroll(twofa, clock);
      clock.now += 30_000;
      const challengeToken = twofa.startChallenge({ userId });
      const results = await Promise.allSettled([
        twofa.verifyChallenge({ challengeToken, code: codeAt(secret, clock), user }),
        twofa.verifyChallenge({ challengeToken, code: backupCodes[0], user }),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    });

    test('the clock-skew hint: ahead and behind, counted, never accepted; a future step found is used up', async () => {
      const { twofa, clock } = h.setup({ limits: { maxFailures: 10 } });
      const { userId, user, secret } = await enroll(twofa, clock);
      const behind = await twofa.verifyCode({ userId, user, code: codeAt(secret, clock, -95_000) }).catch((e) => e);
      assert.equal(behind.code, 'INVALID_CODE');
      assert.equal(behind.clockSkewSeconds, -90);
      assert.match(behind.message, /about 2 minutes behind/);
      const aheadCode = codeAt(secret, clock, 150_000);
      const ahead = await twofa.verifyCode({ userId, user, code: aheadCode }).catch((e) => e);
      assert.equal(ahead.clockSkewSeconds, 150);
      assert.match(ahead.message, /about 3 minutes ahead/);
      assert.equal((await errorResponse(ahead).json()).clockSkewSeconds, 150);
      // Beyond skewSteps (10 steps): a plain wrong code.
      const far = await twofa.verifyCode({ userId, user, code: codeAt(secret, clock, 400_000) }).catch((e) => e);
      assert.equal(far.clockSkewSeconds, undefined);
      // The hint never hands out a code that works later: that step is used up.
      clock.now += 150_000;
      await rejects(twofa.verifyCode({ userId, user, code: aheadCode }), 'CODE_ALREADY_USED');
      const { twofa: off } = h.setup({ totp: { skewSteps: 0 } });
      const plain = await off.verifyCode({ userId, user, code: codeAt(secret, clock, -95_000) }).catch((e) => e);
      assert.equal(plain.clockSkewSeconds, undefined);
    });
  });
}
