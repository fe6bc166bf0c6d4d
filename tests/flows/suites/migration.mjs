// Moving users from another system: plain secrets and URIs become sealed
// secrets (with warnings), plain backup codes a hashed record.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { totp } from 'twofa';
import { codeAt, newId, rejects, save } from '../harness.mjs';

export default function migration(h) {
  describe(`migration (${h.name})`, () => {
    test('a plain base32 secret, in any spelling, signs in with the old authenticator entry', async () => {
      const { twofa, clock } = h.setup();
      const userId = newId();
      const imported = twofa.importSecret({ userId, secret: 'jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp' });
      assert.deepEqual(imported.warnings, []);
      assert.equal(imported.update.lastUsedStep, Math.floor(clock.now / 30_000), 'codes seen before the import never pass after it');
      assert.deepEqual(imported.previous, { sealedSecret: null, lastUsedStep: null });
      const user = {};
      assert.ok(save(user, imported));
      await rejects(twofa.verifyCode({ userId, user, code: codeAt('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', clock) }), 'CODE_ALREADY_USED');
      clock.now += 30_000;
      assert.equal((await twofa.verifyCode({ userId, user, code: codeAt('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', clock) })).method, 'totp');
    });

    test('warnings for short secrets and odd padding; an otpauth URI works; mismatched parameters are refused', async () => {
      const { twofa, clock } = h.setup();
      const short = twofa.importSecret({ userId: 7, secret: 'JBSWY3DPEHPK3PXP==' });
      assert.deepEqual(short.warnings.map((w) => w.split(':')[0]), ['SECRET_PADDING', 'SHORT_SECRET']);
      const uri = twofa.importSecret({ userId: 7, secret: 'otpauth://totp/Old:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Old' });
      assert.deepEqual(uri.warnings, []);
      const user = {};
      save(user, uri);
      clock.now += 30_000;
      assert.equal((await twofa.verifyCode({ userId: '7', user, code: totp({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', timestamp: clock.now }) })).method, 'totp');
      assert.throws(() => twofa.importSecret({ userId: 7, secret: 'otpauth://totp/Old:a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8' }), { code: 'INVALID_OPTION' });
      assert.throws(() => twofa.importSecret({ userId: 7, secret: 'otpauth://hotp/Old:a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=1' }), { code: 'INVALID_OPTION' });
      assert.throws(() => twofa.importSecret({ userId: 7, secret: 'not a secret!' }), { code: 'INVALID_URI' });
      assert.throws(() => twofa.importSecret({ userId: 7, secret: 'MZXW6YQ' }), { code: 'INVALID_URI' }, 'fewer than 10 bytes');
    });

    test('plain backup codes of legacy shapes become a record bound to the user', async () => {
      const { twofa } = h.setup();
      const imported = await twofa.importBackupCodes({ userId: 42, codes: ['000111', 'QWERTY12', 'k3m9x-q2w7p'] });
      assert.match(imported.update.backupRecord, /^tfb2\$/);
      assert.deepEqual(imported.warnings.map((w) => w.split(':')[0]), ['WEAK_BACKUP_CODES']);
      assert.match(imported.warnings[0], /^WEAK_BACKUP_CODES: 1 of 3 imported codes/);
      assert.deepEqual((await twofa.importBackupCodes({ userId: 42, codes: ['QWERTY12', 'ABCDEFGHJK'] })).warnings, []);
      assert.deepEqual(imported.previous, { backupRecord: null });
      await rejects(twofa.importBackupCodes({ userId: 42, codes: ['12345'] }), 'INVALID_OPTION');
      await rejects(twofa.importBackupCodes({ userId: 42, codes: '000111' }), 'INVALID_OPTION');
    });
  });
}
