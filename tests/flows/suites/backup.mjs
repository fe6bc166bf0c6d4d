// Backup codes in the flows: single use, bound to their user, new codes only
// behind a current code, imported codes, and no lost update when a backup
// login and "new backup codes" race (conditional writes, as the README says).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeAt, enroll, newId, rejects, save } from '../harness.mjs';

export default function backup(h) {
  describe(`backup codes (${h.name})`, () => {
    test('single use, remaining count, any typing; events carry no codes', async () => {
      const { twofa, clock, events } = h.setup();
      const { userId, user, backupCodes } = await enroll(twofa, clock);
      const typed = backupCodes[2].toUpperCase().replace('-', ' ');
      const result = await twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId }), code: typed, user });
      assert.equal(result.method, 'backup');
      assert.equal(result.backupRemaining, 3);
      assert.deepEqual(result.previous, { backupRecord: user.backupRecord });
      assert.ok(save(user, result));
      await rejects(twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId }), code: backupCodes[2], user }), 'INVALID_CODE');
      assert.equal((await twofa.verifyCode({ userId, code: backupCodes[0], user })).backupRemaining, 2);
      assert.equal(twofa.status(user).backupRemaining, 3);
      assert.ok(events.some((e) => e.type === 'backup.used' && e.detail.remaining === 3));
      const json = JSON.stringify(events);
      for (const secretish of [...backupCodes, user.sealedSecret]) assert.ok(!json.includes(secretish), 'no secrets or codes in events');
    });

    test("a record copied from another user's row never verifies", async () => {
      const { twofa, clock } = h.setup();
      const alice = await enroll(twofa, clock);
      const mallory = await enroll(twofa, clock);
      const forged = { ...mallory.user, backupRecord: alice.user.backupRecord };
      for (const code of alice.backupCodes) await rejects(twofa.verifyCode({ userId: mallory.userId, user: forged, code }), 'INVALID_CODE');
    });

    test('new backup codes need a current code; the old ones stop working', async () => {
      const { twofa, clock, events } = h.setup();
      const { userId, user, secret, backupCodes } = await enroll(twofa, clock);
      await rejects(twofa.regenerateBackupCodes({ userId, user }), 'INVALID_OPTION');
      await rejects(twofa.regenerateBackupCodes({ userId, user, code: '000000' }), 'INVALID_CODE');
      clock.now += 30_000;
      const fresh = await twofa.regenerateBackupCodes({ userId, user, code: codeAt(secret, clock) });
      assert.equal(fresh.backupCodes.length, 4);
      assert.deepEqual(Object.keys(fresh.update).sort(), ['backupRecord', 'lastUsedStep']);
      assert.ok(save(user, fresh));
      assert.deepEqual(events.slice(-2).map((e) => e.type), ['backup.regenerated', 'factor.changed']);
      await rejects(twofa.verifyCode({ userId, user, code: backupCodes[1] }), 'INVALID_CODE');
      assert.equal((await twofa.verifyCode({ userId, user, code: fresh.backupCodes[1] })).backupRemaining, 3);
    });

    test('new backup codes are limited to 20 sets per user per hour (each set is Argon2id work for everyone)', async () => {
      const { twofa, clock } = h.setup();
      const { userId, user, backupCodes } = await enroll(twofa, clock);
      let code = backupCodes[0];
      for (let i = 0; i < 19; i++) {
        const fresh = await twofa.regenerateBackupCodes({ userId, user, code });
        assert.ok(save(user, fresh));
        code = fresh.backupCodes[0];
      }
      await rejects(twofa.regenerateBackupCodes({ userId, user, code }), 'RATE_LIMITED');
      assert.equal((await twofa.verifyCode({ userId, user, code })).method, 'backup', 'the refused request used up nothing');
    });

    test('turning 2FA off needs a current code and clears every stored value', async () => {
      const { twofa, clock } = h.setup();
      const { userId, user, backupCodes } = await enroll(twofa, clock);
      await rejects(twofa.disable({ userId, user, code: '00000-00000' }), 'INVALID_CODE');
      const off = await twofa.disable({ userId, user, code: backupCodes[0] });
      assert.deepEqual(off.update, { sealedSecret: null, lastUsedStep: null, backupRecord: null, channels: null, factorResetAt: null, devicesRevokedAt: clock.now });
      assert.ok(save(user, off));
      assert.equal(twofa.status(user).enabled, false);
    });

    test('a backup login racing "new backup codes": at every offset exactly what each request reported is stored', async () => {
      const { twofa, clock } = h.setup({ limits: { maxFailures: 1000 } });
      const { userId, user, secret, backupCodes } = await enroll(twofa, clock);
      const offsets = [0, 1, 2, 5, 10, 20, 40, 80];
      const outcomes = new Set();
      let codeIndex = 0;
      for (const delay of offsets) {
        clock.now += 30_000;
        const before = { ...user };
        const login = (async () => {
          const result = await twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId }), code: backupCodes[codeIndex], user: { ...before } });
          return save(user, result) ? result : null;
        })();
        const regenerate = (async () => {
          await new Promise((r) => setTimeout(r, delay));
          const result = await twofa.regenerateBackupCodes({ userId, user: { ...before }, code: codeAt(secret, clock) });
          return save(user, result) ? result : null;
        })();
        const [logged, renewed] = await Promise.all([login.catch(() => null), regenerate.catch(() => null)]);
        assert.ok(!(logged && renewed), 'both conditional writes cannot succeed from the same read');
        if (renewed) {
          assert.equal(user.backupRecord, renewed.update.backupRecord, 'the new codes are stored');
          backupCodes.splice(0, backupCodes.length, ...renewed.backupCodes);
          codeIndex = 0;
          outcomes.add('regenerate won');
        } else if (logged) {
          assert.equal(user.backupRecord, logged.update.backupRecord, "the login's consumption is stored");
          await rejects(twofa.verifyCode({ userId, user, code: backupCodes[codeIndex] }), 'INVALID_CODE');
          codeIndex += 1;
          outcomes.add('login won');
        }
      }
      assert.ok(outcomes.size >= 1);
    });

    test('imported backup codes (legacy 6-digit and letters) work once each; a 6-digit code tries TOTP first', async () => {
      const { twofa, clock } = h.setup();
      const userId = newId();
      const { secret } = { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };
      const imported = twofa.importSecret({ userId, secret });
      const codes = await twofa.importBackupCodes({ userId, codes: ['123456', '987654', 'ab12cd34'] });
      const user = {};
      assert.ok(save(user, imported));
      assert.ok(save(user, codes));
      assert.deepEqual(twofa.status(user).methods, ['totp', 'backup']);
      clock.now += 30_000;
      assert.equal((await twofa.verifyCode({ userId, user, code: codeAt(secret, clock) })).method, 'totp');
      const legacy = await twofa.verifyCode({ userId, user, code: '123 456' });
      assert.equal(legacy.method, 'backup');
      assert.ok(save(user, legacy));
      await rejects(twofa.verifyCode({ userId, user, code: '123456' }), 'INVALID_CODE');
      assert.equal((await twofa.verifyCode({ userId, user, code: 'AB12-CD34' })).backupRemaining, 1);
    });
  });
}
