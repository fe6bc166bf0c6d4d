// Argon2id never blocks Node's event loop: backup codes are hashed and
// checked in a worker thread. 50 concurrent attempts leave the loop free
// (in place they would block it for about 50 x 35 ms); a script that only
// awaits a backup-code job is kept alive until it is done, then exits.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { test } from 'node:test';
import { createTwoFactor, totp, useBackupCode } from 'twofa';

test('50 concurrent backup-code attempts: right answers, and the event loop is never blocked for long', async () => {
  const twofa = createTwoFactor({ issuer: 'Forum', keys: { current: 'k1', keys: { k1: 'k'.repeat(32) } }, limits: { maxFailures: 1000 } });
  const begun = twofa.beginEnrollment({ userId: 'u', account: 'u' });
  const done = await twofa.confirmEnrollment({ userId: 'u', enrollmentToken: begun.enrollmentToken, code: totp({ secret: begun.secret }), user: null });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) =>
    twofa.verifyCode({ userId: 'u', user: done.update, code: i === 17 ? done.backupCodes[2] : '00000-00000' })));
  delay.disable();
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  assert.ok(results.every((r) => r.status === 'fulfilled' || r.reason.code === 'INVALID_CODE'));
  // One Argon2id in place blocks about 35 ms (50 of them: 1.7 s); a generous bound still tells the two apart on a loaded machine.
  assert.ok(delay.max / 1e6 < 100, `the longest event-loop delay was ${(delay.max / 1e6).toFixed(1)} ms`);
  // The worker's answers are the same as the synchronous function's.
  const used = useBackupCode(done.update.backupRecord, done.backupCodes[2], 'u');
  assert.equal(used.remaining, 9);
});

test('a full queue refuses at once (RATE_LIMITED) instead of making everyone wait; checks go first', async () => {
  const twofa = createTwoFactor({ issuer: 'Forum', keys: { current: 'k1', keys: { k1: 'k'.repeat(32) } } });
  const codes = Array.from({ length: 10 }, (_, i) => String(100000 + i));
  const imports = await Promise.allSettled(Array.from({ length: 80 }, (_, i) => twofa.importBackupCodes({ userId: i, codes })));
  const refused = imports.filter((r) => r.status === 'rejected');
  assert.ok(refused.length > 0 && refused.every((r) => r.reason.code === 'RATE_LIMITED' && r.reason.retryAfterMs > 0), `${refused.length} refused`);
  assert.ok(imports.filter((r) => r.status === 'fulfilled').length >= 13, 'the queue holds a dozen sets');
});

test('checking a code (someone signing in) goes before hashing new codes', async () => {
  const twofa = createTwoFactor({ issuer: 'Forum', keys: { current: 'k1', keys: { k1: 'k'.repeat(32) } } });
  const begun = twofa.beginEnrollment({ userId: 'p', account: 'p' });
  const done = await twofa.confirmEnrollment({ userId: 'p', enrollmentToken: begun.enrollmentToken, code: totp({ secret: begun.secret }), user: null });
  const finished = [];
  const codes = Array.from({ length: 10 }, (_, i) => String(200000 + i));
  const imports = Array.from({ length: 8 }, (_, i) => twofa.importBackupCodes({ userId: `i${i}`, codes }).then(() => finished.push(`import ${i}`)));
  const check = twofa.verifyCode({ userId: 'p', user: done.update, code: done.backupCodes[0] }).then(() => finished.push('check'));
  await Promise.all([...imports, check]);
  assert.ok(finished.indexOf('check') < finished.length - 1, `order: ${finished.join(', ')}`);
  assert.ok(finished.indexOf('check') <= 4, `the check waited behind ${finished.indexOf('check')} imports`);
});

test('a script that awaits only a backup-code job runs to its end and exits', () => {
  const script = `
    const { createTwoFactor } = require('twofa');
    const twofa = createTwoFactor({ issuer: 'Forum', keys: { current: 'k1', keys: { k1: 'k'.repeat(32) } } });
    twofa.importBackupCodes({ userId: 7, codes: ['123456', 'legacy99'] }).then((r) => console.log(r.update.backupRecord.slice(0, 5)));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: new URL('../..', import.meta.url), timeout: 30_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'tfb2$');
});
