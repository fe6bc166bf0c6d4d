// "Remember this device": a trusted device skips the code; each use rotates
// the token (a copied cookie dies at the owner's next sign-in); trust ends
// with a factor change, a password change, expiry, or "sign out all devices".
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeAt, enroll, rejects, save } from '../harness.mjs';

export default function devices(h) {
  describe(`trusted devices (${h.name})`, () => {
    // The record says the password version (its `pw` field here), as the passwordVersion option reads it.
    const setup = (config = {}) => h.setup({ passwordVersion: (user) => user.pw, ...config });

    /** Enrolls, then signs in with rememberDevice; resolves to the device token too. */
    async function trusted(twofa, clock) {
      const enrolled = await enroll(twofa, clock);
      const { userId, user, secret } = enrolled;
      user.pw = 'pw1';
      clock.now += 30_000;
      const next = await twofa.afterPassword({ userId, user });
      const result = await twofa.verifyChallenge({ challengeToken: next.challengeToken, code: codeAt(secret, clock), user, rememberDevice: true });
      assert.ok(save(user, result));
      assert.match(result.deviceToken, /^tf1\.k1\./);
      return { ...enrolled, deviceToken: result.deviceToken };
    }

    test('a trusted device skips the code and gets a fresh token; the old one (a copied cookie) is refused', async () => {
      const { twofa, clock, events } = setup();
      const { userId, user, deviceToken, secret } = await trusted(twofa, clock);
      assert.ok(!deviceToken.includes(secret));
      const first = await twofa.afterPassword({ userId, user, deviceToken });
      assert.equal(first.state, 'LOGIN_SUCCESS');
      assert.equal(first.via, 'device');
      assert.notEqual(first.deviceToken, deviceToken);
      if (!h.storeFollowsClock) return; // a copy is told from a double click by time, which this store keeps itself
      clock.now += 30_000;
      const copied = await twofa.afterPassword({ userId, user, deviceToken });
      assert.equal(copied.state, 'MFA_REQUIRED');
      assert.ok(events.some((e) => e.type === 'device.refused' && e.detail.reason === 'reused'));
      // A token used twice was copied: every device of the user is signed out, the thief's chain too.
      assert.deepEqual(copied.update, { devicesRevokedAt: clock.now });
      assert.ok(save(user, copied));
      assert.equal((await twofa.afterPassword({ userId, user, deviceToken: first.deviceToken })).state, 'MFA_REQUIRED');
    });

    test('a device sign-in racing "sign out all devices" cannot be stored, and its token dies with it', async () => {
      const { twofa, clock } = setup();
      const { userId, user, deviceToken } = await trusted(twofa, clock);
      const before = { ...user };
      const raced = await twofa.afterPassword({ userId, user: before, deviceToken });
      clock.now += 1;
      assert.ok(save(user, twofa.forgetDevices({ userId, user })));
      assert.equal(save(user, raced), false, 'the conditional write sees the sign-out and refuses the session');
      clock.now += 1;
      assert.equal((await twofa.afterPassword({ userId, user, deviceToken: raced.deviceToken })).state, 'MFA_REQUIRED');
    });

    test('trust ends when the password changes, the factor changes, or for another user', async () => {
      const { twofa, clock, events } = setup();
      const a = await trusted(twofa, clock);
      const b = await trusted(twofa, clock);
      assert.equal((await twofa.afterPassword({ userId: a.userId, user: { ...a.user, pw: 'pw2' }, deviceToken: a.deviceToken })).state, 'MFA_REQUIRED');
      assert.equal((await twofa.afterPassword({ userId: b.userId, user: b.user, deviceToken: a.deviceToken })).state, 'MFA_REQUIRED');
      // Re-enrollment (a new secret) ends trust.
      clock.now += 30_000;
      const next = twofa.beginEnrollment({ userId: b.userId, account: 'b' });
      const replaced = await twofa.confirmEnrollment({ userId: b.userId, enrollmentToken: next.enrollmentToken, code: codeAt(next.secret, clock), user: b.user, currentCode: codeAt(b.secret, clock) });
      assert.ok(save(b.user, replaced));
      assert.equal((await twofa.afterPassword({ userId: b.userId, user: b.user, deviceToken: b.deviceToken })).state, 'MFA_REQUIRED');
      assert.deepEqual(events.filter((e) => e.type === 'device.refused').map((e) => e.detail.reason), ['password-changed', 'other-user', 'factor-changed']);
    });

    test('turning 2FA off ends trust; after 30 days trust expires', async () => {
      const { twofa, clock } = setup();
      const a = await trusted(twofa, clock);
      const off = await twofa.disable({ userId: a.userId, user: a.user, code: a.backupCodes[0] });
      assert.ok(save(a.user, off));
      assert.equal((await twofa.afterPassword({ userId: a.userId, user: a.user, deviceToken: a.deviceToken })).via, 'none');
      const b = await trusted(twofa, clock);
      clock.now += 30 * 86_400_000;
      assert.equal((await twofa.afterPassword({ userId: b.userId, user: b.user, deviceToken: b.deviceToken })).state, 'MFA_REQUIRED');
    });

    test('a rotated token keeps the original expiry: trust is 30 days from the code, not from the last visit', async () => {
      const { twofa, clock } = setup();
      const a = await trusted(twofa, clock);
      let token = a.deviceToken;
      for (let day = 0; day < 29; day += 7) {
        clock.now += 7 * 86_400_000;
        const next = await twofa.afterPassword({ userId: a.userId, user: a.user, deviceToken: token });
        if (day + 7 < 30) assert.equal(next.via, 'device', `day ${day + 7}`);
        token = next.deviceToken ?? token;
      }
      clock.now += 3 * 86_400_000;
      assert.equal((await twofa.afterPassword({ userId: a.userId, user: a.user, deviceToken: token })).state, 'MFA_REQUIRED');
    });

    test('"sign out all devices" refuses every token issued before it; status reports the facts', async () => {
      const { twofa, clock } = setup({ devices: { days: 7 } });
      const a = await trusted(twofa, clock);
      assert.deepEqual(twofa.status(a.user).devices, { rememberDays: 7, revokedAt: null });
      const forgotten = twofa.forgetDevices({ userId: a.userId, user: a.user });
      assert.deepEqual(forgotten.update, { devicesRevokedAt: clock.now });
      assert.deepEqual(forgotten.previous, { devicesRevokedAt: null });
      assert.ok(save(a.user, forgotten));
      clock.now += 1;
      assert.equal((await twofa.afterPassword({ userId: a.userId, user: a.user, deviceToken: a.deviceToken })).state, 'MFA_REQUIRED');
      assert.equal(twofa.status(a.user).devices.revokedAt, clock.now - 1);
      // A device trusted afterwards works.
      clock.now += 30_000;
      const next = await twofa.afterPassword({ userId: a.userId, user: a.user });
      const again = await twofa.verifyChallenge({ challengeToken: next.challengeToken, code: codeAt(a.secret, clock), user: a.user, rememberDevice: true });
      assert.ok(save(a.user, again));
      assert.equal((await twofa.afterPassword({ userId: a.userId, user: a.user, deviceToken: again.deviceToken })).via, 'device');
      await rejects(twofa.verifyChallenge({ challengeToken: next.challengeToken, code: '000000', user: a.user, rememberDevice: 'yes' }), 'INVALID_OPTION');
    });

    test('two uses of one token at once (a double click) are not a theft; a later copy is', async () => {
      const { twofa, clock, events } = setup();
      const { userId, user, deviceToken } = await trusted(twofa, clock);
      const both = await Promise.all([1, 2].map(() => twofa.afterPassword({ userId, user, deviceToken })));
      assert.deepEqual(both.map((r) => r.state).sort(), ['LOGIN_SUCCESS', 'MFA_REQUIRED']);
      const other = both.find((r) => r.state === 'MFA_REQUIRED');
      assert.deepEqual(other.update, {}, 'no device signed out for a double click');
      assert.ok(events.some((e) => e.type === 'device.refused' && e.detail.reason === 'busy'));
      if (!h.storeFollowsClock) return;
      clock.now += 30_000;
      const later = await twofa.afterPassword({ userId, user, deviceToken });
      assert.deepEqual(later.update, { devicesRevokedAt: clock.now }, 'the old token presented later was copied');
    });

    test('garbage device tokens are ignored, never an error', async () => {
      const { twofa, clock } = setup();
      const a = await trusted(twofa, clock);
      for (const deviceToken of ['', 'nope', 'tf1.k1.AAAA', a.user.sealedSecret, twofa.startChallenge({ userId: a.userId })]) {
        assert.equal((await twofa.afterPassword({ userId: a.userId, user: a.user, deviceToken })).state, 'MFA_REQUIRED');
      }
    });
  });
}
