// Mandatory 2FA: a user who must have a factor and has none gets
// ENROLLMENT_REQUIRED (and enrolls with the challenge, no session yet); in
// the grace period LOGIN_SUCCESS says when enrollment is due.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeAt, enroll, newId, rejects, save } from '../harness.mjs';

export default function policy(h) {
  describe(`mandatory 2FA (${h.name})`, () => {
    const admins = (user) => ({ required: user.role === 'admin', graceUntil: user.graceUntil });

    test('required without a grace period: ENROLLMENT_REQUIRED, then enrollment with the challenge finishes the login', async () => {
      const { twofa, clock, events } = h.setup({ policy: admins });
      const userId = newId();
      const user = { role: 'admin' };
      const next = await twofa.afterPassword({ userId, user });
      assert.equal(next.state, 'ENROLLMENT_REQUIRED');
      assert.equal(next.reason, 'policy');
      assert.ok(events.some((e) => e.type === 'enrollment.required'));
      assert.deepEqual(twofa.readChallenge(next.challengeToken).state, 'ENROLLMENT_REQUIRED');
      // The challenge is not a code challenge.
      await rejects(twofa.verifyChallenge({ challengeToken: next.challengeToken, code: '123456', user }), 'TOKEN_EXPIRED');
      const begun = twofa.beginEnrollment({ challengeToken: next.challengeToken, account: 'admin@example.com' });
      const done = await twofa.confirmEnrollment({ challengeToken: next.challengeToken, enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock), user });
      assert.equal(done.userId, userId);
      assert.ok(save(user, done));
      // The challenge finished one enrollment: it cannot start another.
      const other = twofa.beginEnrollment({ challengeToken: next.challengeToken, account: 'x' });
      await rejects(twofa.confirmEnrollment({ challengeToken: next.challengeToken, enrollmentToken: other.enrollmentToken, code: codeAt(other.secret, clock), user: null }), 'TOKEN_EXPIRED');
      assert.equal((await twofa.afterPassword({ userId, user })).state, 'MFA_REQUIRED');
    });

    test('inside the grace period: LOGIN_SUCCESS with enrollmentDueAt; after it, ENROLLMENT_REQUIRED', async () => {
      const { twofa, clock } = h.setup({ policy: admins });
      const graceUntil = new Date(clock.now + 7 * 86_400_000);
      const user = { role: 'admin', graceUntil };
      const userId = newId();
      const inGrace = await twofa.afterPassword({ userId, user });
      assert.deepEqual([inGrace.state, inGrace.enrollmentDueAt], ['LOGIN_SUCCESS', graceUntil.getTime()]);
      const member = await twofa.afterPassword({ userId: newId(), user: { role: 'member' } });
      assert.deepEqual([member.state, member.enrollmentDueAt], ['LOGIN_SUCCESS', undefined]);
      clock.now = graceUntil.getTime();
      assert.equal((await twofa.afterPassword({ userId, user })).state, 'ENROLLMENT_REQUIRED');
    });

    test('an enrolled user is unaffected; a policy of the wrong shape is refused', async () => {
      const { twofa, clock } = h.setup({ policy: () => ({ required: true }) });
      const { userId, user } = await enroll(twofa, clock);
      assert.equal((await twofa.afterPassword({ userId, user })).state, 'MFA_REQUIRED');
      const { twofa: bad } = h.setup({ policy: () => ({ required: 'yes' }) });
      await rejects(bad.afterPassword({ userId: newId(), user: {} }), 'INVALID_OPTION');
      assert.throws(() => h.setup({ policy: 'admins' }), { code: 'INVALID_OPTION' });
    });
  });
}
