// The lost-update race of issue 10: "new backup codes" and a backup-code
// login, started at many offsets from each other. When both pass twofa
// (the step-up by authenticator code), the demo writes each result only
// where the row still holds what the flow read, so the second write is
// refused (409); when both use a backup code, twofa lets one consumption
// per stored record pass (CODE_ALREADY_USED for the other). Either way what
// each request reported is what is stored, and neither write is lost.
// Needs the test clock: each round steps it 30 s on, for a fresh TOTP step.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { test } from 'node:test';
import { countBackupCodes } from 'twofa';
import { oathtool } from '../../support/oathtool.mjs';

/** Milliseconds from the login's start to the regeneration's start. */
const OFFSETS = Array.from({ length: 11 }, (_, i) => -50 + i * 10);

export default function race(demo) {
  test('racing "new backup codes" against a backup-code login at many offsets: neither write is lost', async (t) => {
    const email = 'race@example.com';
    const session = await demo.client().signup(email);
    const login = demo.client();
    const { secret } = await session.enroll();
    let usable = [...session.enrolled.backupCodes]; // in the stored record, never used
    const stored = () => demo.row(email).backupRecord;
    const outcomes = {};

    /** One round: the step-up code (TOTP or backup) against a backup-code login started `offset` ms apart. */
    async function round(offset, stepUpBy) {
      await demo.advanceClock(30_000);
      const signIn = usable.shift();
      const stepUp = stepUpBy === 'totp' ? oathtool(secret, demo.now()) : usable.shift();
      assert.equal((await login.login(email)).data.state, 'MFA_REQUIRED');
      const before = stored();
      const [regenerated, verified] = await Promise.all([
        delay(Math.max(0, offset)).then(() => session.post('/api/user/setting/2fa/regenerate', { code: stepUp })),
        delay(Math.max(0, -offset)).then(() => login.post('/api/auth/verify-2fa', { code: signIn })),
      ]);
      const after = stored();
      const outcome = `${stepUpBy}: regenerate ${regenerated.data.error ?? regenerated.status}, login ${verified.data.error ?? verified.status}`;
      outcomes[outcome] = [...(outcomes[outcome] ?? []), offset];
      if (regenerated.status === 200) {
        // The new codes are what is stored; the login came first (and its write was replaced), or was refused.
        assert.equal(countBackupCodes(after), 10, outcome);
        assert.notEqual(after, before, outcome);
        if (verified.status === 200) assert.equal(verified.data.backupRemaining, countBackupCodes(before) - 1, outcome);
        usable = [...regenerated.data.backupCodes];
      } else {
        // The login's record, one code fewer, is what is stored; the new codes were never shown.
        assert.ok(['CONFLICT', 'CODE_ALREADY_USED'].includes(regenerated.data.error), outcome);
        assert.equal(regenerated.data.backupCodes, undefined);
        assert.equal(verified.status, 200, outcome);
        assert.equal(countBackupCodes(after), verified.data.backupRemaining, outcome);
        assert.equal(countBackupCodes(after), countBackupCodes(before) - 1, outcome);
        if (stepUpBy === 'backup') usable.unshift(stepUp); // refused before use: still good
      }
      if (usable.length < 2) usable = [...(await session.post('/api/user/setting/2fa/regenerate', { code: usable[0] })).data.backupCodes];
    }

    for (const stepUpBy of ['totp', 'backup']) {
      for (const offset of OFFSETS) await round(offset, stepUpBy);
      await demo.advanceClock(3_600_000); // new backup codes are limited to 20 sets per user per hour
    }
    t.diagnostic(`outcomes by offset (ms): ${JSON.stringify(outcomes)}`);
    assert.ok(Object.keys(outcomes).some((o) => o.includes('CONFLICT')), 'a write was refused by the conditional write at least once');
    // The last codes reported are the stored ones: one of them signs in.
    assert.equal((await login.login(email)).data.state, 'MFA_REQUIRED');
    assert.equal((await login.post('/api/auth/verify-2fa', { code: usable[0] })).status, 200);
  });
}
