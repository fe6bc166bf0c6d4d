// Recovery: password-reset links that never bypass 2FA, and the time-locked
// self-service factor reset for a user who lost every factor.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeAt, enroll, newId, rejects, save } from '../harness.mjs';

export default function recovery(h) {
  describe(`password reset (${h.name})`, () => {
    test('single use, for its user, dead after exactly 30 minutes', async () => {
      const { twofa, clock, events } = h.setup();
      const userId = newId();
      const started = await twofa.startPasswordReset({ userId, passwordVersion: 'pw1' });
      assert.equal(started.expiresAt, clock.now + 30 * 60_000);
      const done = await twofa.completePasswordReset({ resetToken: started.resetToken, passwordVersion: 'pw1', user: {} });
      assert.deepEqual(done, { userId, update: {}, previous: {} });
      assert.deepEqual(twofa.readPasswordReset(started.resetToken), { userId, expiresAt: started.expiresAt });
      await rejects(twofa.completePasswordReset({ resetToken: started.resetToken, passwordVersion: 'pw1' }), 'INVALID_OPTION',
        () => {}, 'a link never completes against nobody');
      await rejects(twofa.completePasswordReset({ resetToken: started.resetToken, passwordVersion: 'pw1', user: {} }), 'TOKEN_EXPIRED');
      const late = await twofa.startPasswordReset({ userId, passwordVersion: 'pw1' });
      clock.now += 30 * 60_000 - 1;
      const fresh = await twofa.startPasswordReset({ userId, passwordVersion: 'pw1' });
      clock.now += 1;
      await rejects(twofa.completePasswordReset({ resetToken: late.resetToken, passwordVersion: 'pw1', user: {} }), 'TOKEN_EXPIRED');
      assert.ok(await twofa.completePasswordReset({ resetToken: fresh.resetToken, passwordVersion: 'pw1', user: {} }));
      assert.deepEqual(events.map((e) => e.type).filter((t) => t.startsWith('password-reset')),
        ['password-reset.started', 'password-reset.completed', 'password-reset.started', 'password-reset.started', 'password-reset.completed']);
      // Only a reset token is a reset token.
      await rejects(twofa.completePasswordReset({ resetToken: twofa.startChallenge({ userId }), passwordVersion: 'pw1', user: {} }), 'TOKEN_EXPIRED');
    });

    test('every link dies once the password changes', async () => {
      const { twofa } = h.setup();
      const userId = newId();
      const first = await twofa.startPasswordReset({ userId, passwordVersion: 'pw1' });
      const second = await twofa.startPasswordReset({ userId, passwordVersion: 'pw1' });
      await twofa.completePasswordReset({ resetToken: first.resetToken, passwordVersion: 'pw1', user: {} });
      // The app stores the new password: its version changes.
      await rejects(twofa.completePasswordReset({ resetToken: second.resetToken, passwordVersion: 'pw2', user: {} }), 'TOKEN_EXPIRED',
        (e) => assert.match(e.message, /password changed/));
    });

    test('throttled per user (null, like an unknown user) and per client (RATE_LIMITED, for any address)', async () => {
      const { twofa } = h.setup({ recovery: { maxResets: 2 } });
      const userId = newId();
      assert.ok(await twofa.startPasswordReset({ userId }));
      assert.ok(await twofa.startPasswordReset({ userId }));
      assert.equal(await twofa.startPasswordReset({ userId }), null);
      // Another client is not silenced by the first one (up to 4 times the limit from all clients).
      assert.ok(await twofa.startPasswordReset({ userId, client: newId('client') }));
      const client = newId('client');
      assert.equal(await twofa.startPasswordReset({ userId: null, client }), null, 'an unknown address counts for the client');
      assert.ok(await twofa.startPasswordReset({ userId: newId(), client }));
      await rejects(twofa.startPasswordReset({ userId: newId(), client }), 'RATE_LIMITED');
      await rejects(twofa.startPasswordReset({ userId: null, client }), 'RATE_LIMITED');
    });

    test('a user with 2FA: MFA_REQUIRED without a code; a wrong code counts; the right code completes it', async () => {
      const { twofa, clock } = h.setup({ limits: { maxFailures: 2 } });
      const { userId, user, secret, backupCodes } = await enroll(twofa, clock);
      const { resetToken } = await twofa.startPasswordReset({ userId, passwordVersion: 'pw1' });
      await rejects(twofa.completePasswordReset({ resetToken, passwordVersion: 'pw1', user }), 'MFA_REQUIRED');
      clock.now += 30_000;
      await rejects(twofa.completePasswordReset({ resetToken, passwordVersion: 'pw1', user, code: '000000' }), 'INVALID_CODE');
      const done = await twofa.completePasswordReset({ resetToken, passwordVersion: 'pw1', user, code: codeAt(secret, clock) });
      assert.equal(done.method, 'totp');
      assert.ok(save(user, done));
      assert.equal(twofa.status(user).enabled, true, 'a password reset never turns 2FA off');
      const second = await twofa.startPasswordReset({ userId, passwordVersion: 'pw2' });
      await rejects(twofa.completePasswordReset({ resetToken: second.resetToken, passwordVersion: 'pw2', user, code: '000000' }), 'INVALID_CODE');
      await rejects(twofa.completePasswordReset({ resetToken: second.resetToken, passwordVersion: 'pw2', user, code: '000000' }), 'INVALID_CODE');
      await rejects(twofa.completePasswordReset({ resetToken: second.resetToken, passwordVersion: 'pw2', user, code: backupCodes[0] }), 'RATE_LIMITED',
        () => {}, 'the same throttle as a login');
    });

    test('with the passwordVersion option, the record says the version: links, challenges and devices die with the password', async () => {
      const { twofa, clock } = h.setup({ passwordVersion: (u) => u.passwordHash });
      const { userId, user, secret } = await enroll(twofa, clock);
      user.passwordHash = 'hash-1';
      const link = await twofa.startPasswordReset({ userId, user });
      const next = await twofa.afterPassword({ userId, user });
      user.passwordHash = 'hash-2';
      clock.now += 30_000;
      await rejects(twofa.verifyChallenge({ challengeToken: next.challengeToken, code: codeAt(secret, clock), user }), 'TOKEN_EXPIRED',
        (e) => assert.match(e.message, /password changed/));
      await rejects(twofa.requestFactorReset({ challengeToken: next.challengeToken, user }), 'TOKEN_EXPIRED');
      await rejects(twofa.completePasswordReset({ resetToken: link.resetToken, user: async () => user, code: codeAt(secret, clock) }), 'TOKEN_EXPIRED');
      const fresh = await twofa.afterPassword({ userId, user });
      assert.equal((await twofa.verifyChallenge({ challengeToken: fresh.challengeToken, code: codeAt(secret, clock), user })).method, 'totp');
    });

    test('a forced enrollment started before a password change cannot be finished after it', async () => {
      const { twofa, clock } = h.setup({ passwordVersion: (u) => u.passwordHash, policy: () => ({ required: true }) });
      const userId = newId();
      const user = { passwordHash: 'hash-1' };
      const next = await twofa.afterPassword({ userId, user });
      assert.equal(next.state, 'ENROLLMENT_REQUIRED');
      const begun = twofa.beginEnrollment({ challengeToken: next.challengeToken, account: 'a' });
      user.passwordHash = 'hash-2';
      await rejects(twofa.confirmEnrollment({ challengeToken: next.challengeToken, enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock), user }),
        'TOKEN_EXPIRED', (e) => assert.match(e.message, /password changed/));
    });
  });

  describe(`self-service factor reset (${h.name})`, () => {
    test('requested after the password; after 72 hours the old factor is gone and enrollment is due', async () => {
      const { twofa, clock, events } = h.setup();
      const { userId, user, secret } = await enroll(twofa, clock);
      const next = await twofa.afterPassword({ userId, user });
      const requested = await twofa.requestFactorReset({ challengeToken: next.challengeToken, user });
      assert.equal(requested.factorResetAt, clock.now + 72 * 3_600_000);
      assert.deepEqual(requested.previous, { factorResetAt: null });
      assert.ok(save(user, requested));
      assert.ok(events.some((e) => e.type === 'factor-reset.requested'));
      assert.equal(twofa.status(user).factorResetAt, requested.factorResetAt);
      // No way to complete early: asking again never moves the time; the old factor still rules.
      clock.now += 72 * 3_600_000 - 1;
      const again = await twofa.requestFactorReset({ challengeToken: (await twofa.afterPassword({ userId, user })).challengeToken, user });
      assert.equal(again.factorResetAt, requested.factorResetAt);
      const early = await twofa.afterPassword({ userId, user });
      assert.equal(early.state, 'MFA_REQUIRED');
      assert.equal(early.factorResetAt, requested.factorResetAt);
      await rejects(twofa.confirmEnrollment({ userId, enrollmentToken: twofa.beginEnrollment({ userId, account: 'x' }).enrollmentToken, code: '123456', user }), 'ALREADY_ENROLLED');
      clock.now += 1;
      const due = await twofa.afterPassword({ userId, user });
      assert.equal(due.state, 'ENROLLMENT_REQUIRED');
      assert.equal(due.reason, 'factor-reset');
      assert.deepEqual(due.update, { sealedSecret: null, lastUsedStep: null, backupRecord: null, channels: null, factorResetAt: null, devicesRevokedAt: clock.now });
      await rejects(twofa.verifyCode({ userId, user, code: codeAt(secret, clock) }), 'NOT_ENROLLED', () => {}, 'the old factor no longer counts, stored or not');
      assert.ok(save(user, due));
      const begun = twofa.beginEnrollment({ challengeToken: due.challengeToken, account: 'new' });
      const done = await twofa.confirmEnrollment({ challengeToken: due.challengeToken, enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock), user });
      assert.ok(save(user, done));
      assert.equal(twofa.status(user).enabled, true);
    });

    test('any sign-in with a code before the time cancels it', async () => {
      const { twofa, clock, events } = h.setup();
      const { userId, user, secret } = await enroll(twofa, clock);
      const next = await twofa.afterPassword({ userId, user });
      assert.ok(save(user, await twofa.requestFactorReset({ challengeToken: next.challengeToken, user })));
      clock.now += 3_600_000;
      const later = await twofa.afterPassword({ userId, user });
      const signedIn = await twofa.verifyChallenge({ challengeToken: later.challengeToken, code: codeAt(secret, clock), user });
      assert.equal(signedIn.factorResetCancelled, true);
      assert.equal(signedIn.update.factorResetAt, null);
      assert.ok(save(user, signedIn));
      assert.ok(events.some((e) => e.type === 'factor-reset.cancelled'));
      clock.now += 72 * 3_600_000;
      assert.equal((await twofa.afterPassword({ userId, user })).state, 'MFA_REQUIRED');
    });

    test('a sign-in on a trusted device cancels it too; once due, a password reset waits for the new enrollment', async () => {
      const { twofa, clock, events } = h.setup();
      const { userId, user, secret } = await enroll(twofa, clock);
      clock.now += 30_000;
      const first = await twofa.afterPassword({ userId, user });
      const trusted = await twofa.verifyChallenge({ challengeToken: first.challengeToken, code: codeAt(secret, clock), user, rememberDevice: true });
      assert.ok(save(user, trusted));
      const asked = await twofa.requestFactorReset({ challengeToken: (await twofa.afterPassword({ userId, user })).challengeToken, user });
      assert.ok(save(user, asked));
      clock.now += 3_600_000;
      const viaDevice = await twofa.afterPassword({ userId, user, deviceToken: trusted.deviceToken });
      assert.deepEqual([viaDevice.state, viaDevice.factorResetCancelled, viaDevice.update], ['LOGIN_SUCCESS', true, { devicesRevokedAt: null, factorResetAt: null }]);
      assert.ok(events.some((e) => e.type === 'factor-reset.cancelled' && e.detail.method === 'device'));
      // Asked again and left to run out: the inbox alone cannot then set a password.
      const again = await twofa.requestFactorReset({ challengeToken: (await twofa.afterPassword({ userId, user })).challengeToken, user: { ...user, factorResetAt: null } });
      const pending = { ...user, factorResetAt: again.factorResetAt };
      clock.now += 72 * 3_600_000;
      const { resetToken } = await twofa.startPasswordReset({ userId });
      await rejects(twofa.completePasswordReset({ resetToken, user: pending }), 'MFA_REQUIRED', (e) => assert.match(e.message, /set it up again/));
    });

    test('only after the password (a challenge), only for an enrolled user', async () => {
      const { twofa } = h.setup();
      const userId = newId();
      await rejects(twofa.requestFactorReset({ challengeToken: 'nope', user: {} }), 'TOKEN_EXPIRED');
      await rejects(twofa.requestFactorReset({ challengeToken: twofa.startChallenge({ userId }), user: {} }), 'NOT_ENROLLED');
    });
  });
}
