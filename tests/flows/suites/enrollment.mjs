// Enrollment: a typo keeps the QR code, the token is bound to its user, and
// replacing a factor that counts needs a current code of it (ALREADY_ENROLLED
// without one: a stolen session cannot replace the owner's factor).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeAt, enroll, newId, rejects, save, wrongCode } from '../harness.mjs';

export default function enrollment(h) {
  describe(`enrollment (${h.name})`, () => {
    test('a wrong code keeps the same token working; the confirming step cannot sign in again', async () => {
      const { twofa, clock, events } = h.setup();
      const userId = newId();
      const begun = twofa.beginEnrollment({ userId, account: 'u1@example.com' });
      assert.match(begun.secret, /^[A-Z2-7]{32}$/);
      assert.equal(begun.uri, `otpauth://totp/Forum:u1@example.com?secret=${begun.secret}&issuer=Forum`);
      assert.match(begun.qrSvg, /^<svg .*<title>Scan with your authenticator app to add Forum<\/title>/);
      assert.ok(!begun.enrollmentToken.includes(begun.secret), 'the token carries the secret encrypted');
      await rejects(twofa.confirmEnrollment({ userId, enrollmentToken: begun.enrollmentToken, code: wrongCode(codeAt(begun.secret, clock)), user: null }), 'INVALID_CODE');
      clock.now += 20_000;
      const done = await twofa.confirmEnrollment({ userId, enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock), user: null });
      assert.equal(done.userId, userId);
      assert.deepEqual(Object.keys(done.update).sort(), ['backupRecord', 'factorResetAt', 'lastUsedStep', 'sealedSecret']);
      assert.deepEqual(done.previous, { sealedSecret: null, lastUsedStep: null, backupRecord: null, factorResetAt: null });
      assert.match(done.update.sealedSecret, /^tf1\.k1\./);
      assert.match(done.update.backupRecord, /^tfb2\$/);
      assert.equal(done.backupCodes.length, 4);
      assert.equal(done.update.lastUsedStep, Math.floor(clock.now / 30_000));
      assert.deepEqual(events.map((e) => e.type), ['enrollment.started', 'enrollment.failed', 'enrolled', 'factor.changed']);
      await rejects(twofa.confirmEnrollment({ userId, enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock, 30_000), user: null }), 'TOKEN_EXPIRED');
    });

    test('the token is bound to its user and expires after 15 minutes; user is required', async () => {
      const { twofa, clock } = h.setup();
      const [u1, u2] = [newId(), newId()];
      const begun = twofa.beginEnrollment({ userId: u1, account: 'a' });
      await rejects(twofa.confirmEnrollment({ userId: u2, enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock), user: null }), 'TOKEN_EXPIRED',
        (e) => assert.match(String(e.cause?.message), /another user/));
      await rejects(twofa.confirmEnrollment({ userId: u1, enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock) }), 'INVALID_OPTION',
        (e) => assert.match(e.message, /`user`/));
      clock.now += 15 * 60_000;
      await rejects(twofa.confirmEnrollment({ userId: u1, enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock), user: null }), 'TOKEN_EXPIRED');
    });

    test('a malformed code is refused without using up an attempt', async () => {
      const { twofa, clock } = h.setup({ limits: { maxFailures: 1 } });
      const userId = newId();
      const begun = twofa.beginEnrollment({ userId, account: 'a' });
      for (const code of ['12345', 'abcdef', '', '1234567']) {
        await rejects(twofa.confirmEnrollment({ userId, enrollmentToken: begun.enrollmentToken, code, user: null }), 'INVALID_CODE_FORMAT');
      }
      const pasted = codeAt(begun.secret, clock).replace(/(\d{3})/, '$1 ');
      assert.ok((await twofa.confirmEnrollment({ userId, enrollmentToken: begun.enrollmentToken, code: pasted, user: null })).update.sealedSecret);
    });

    test('an enrolled user: ALREADY_ENROLLED without a current code, and nothing is issued', async () => {
      const { twofa, clock, events } = h.setup();
      const { userId, user } = await enroll(twofa, clock);
      const stolen = twofa.beginEnrollment({ userId, account: 'attacker' });
      const before = events.length;
      await rejects(twofa.confirmEnrollment({ userId, enrollmentToken: stolen.enrollmentToken, code: codeAt(stolen.secret, clock), user }), 'ALREADY_ENROLLED');
      assert.deepEqual(events.slice(before).map((e) => e.type), [], 'nothing issued, nothing counted');
      // The record given as a loader works the same.
      await rejects(twofa.confirmEnrollment({ userId, enrollmentToken: stolen.enrollmentToken, code: codeAt(stolen.secret, clock), user: async () => user }), 'ALREADY_ENROLLED');
    });

    test('replacing the factor with a current TOTP code or backup code; a wrong current code is a counted failure', async () => {
      const { twofa, clock } = h.setup({ limits: { maxFailures: 3 } });
      const { userId, user, secret, backupCodes } = await enroll(twofa, clock);
      clock.now += 30_000;
      const next = twofa.beginEnrollment({ userId, account: 'new phone' });
      await rejects(twofa.confirmEnrollment({ userId, enrollmentToken: next.enrollmentToken, code: codeAt(next.secret, clock), user, currentCode: wrongCode(codeAt(secret, clock)) }), 'INVALID_CODE');
      // Both codes at the same step: the old secret's and the new one's claims never collide.
      const done = await twofa.confirmEnrollment({ userId, enrollmentToken: next.enrollmentToken, code: codeAt(next.secret, clock), user, currentCode: codeAt(secret, clock) });
      assert.equal(done.previous.sealedSecret, user.sealedSecret);
      assert.ok(save(user, done));
      clock.now += 30_000;
      const third = twofa.beginEnrollment({ userId, account: 'third' });
      const viaBackup = await twofa.confirmEnrollment({ userId, enrollmentToken: third.enrollmentToken, code: codeAt(third.secret, clock), user, currentCode: done.backupCodes[0] });
      assert.ok(save(user, viaBackup));
      await rejects(twofa.verifyCode({ userId, user, code: backupCodes[1] }), 'INVALID_CODE', () => {}, 'old backup codes are gone');
    });

    test('a wrong code from a device whose clock is off says so, at enrollment too', async () => {
      const { twofa, clock } = h.setup();
      const userId = newId();
      const begun = twofa.beginEnrollment({ userId, account: 'a' });
      await rejects(twofa.confirmEnrollment({ userId, enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock, -120_000), user: null }), 'INVALID_CODE', (e) => {
        assert.equal(e.clockSkewSeconds, -120);
        assert.match(e.message, /your device's clock is about 2 minutes behind/);
      });
    });

    test('numeric user ids: 42 and "42" are the same user; results carry "42"', async () => {
      const { twofa, clock } = h.setup();
      const id = Math.floor(Math.random() * 1e12);
      const begun = twofa.beginEnrollment({ userId: id, account: 'n@example.com' });
      const done = await twofa.confirmEnrollment({ userId: String(id), enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock), user: null });
      assert.equal(done.userId, String(id));
      const user = {};
      save(user, done);
      clock.now += 30_000;
      assert.equal((await twofa.verifyCode({ userId: id, user, code: codeAt(begun.secret, clock) })).userId, String(id));
      assert.equal(twofa.keyRing.open(user.sealedSecret, id), begun.secret);
      for (const bad of [1.5, -0.5, 2 ** 53, Number.NaN, '']) {
        assert.throws(() => twofa.beginEnrollment({ userId: bad, account: 'a' }), { code: 'INVALID_OPTION' });
      }
    });
  });
}
