// How long backup-code attempts block Node's event loop: 50 concurrent
// verifyCode attempts with backup codes (each one Argon2id, 19 MiB, t = 2),
// measured with perf_hooks' event-loop delay histogram (1 ms resolution), in
// the flows (the worker thread) and, for comparison, the same 50 checks with
// the synchronous useBackupCode on the main thread.
// Run: node bench/backup-block.mjs (after npm run build)
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createTwoFactor, totp, useBackupCode } from '../dist/node.mjs';

const ATTEMPTS = 50;
const ms = (ns) => Number((ns / 1e6).toFixed(1));

/** Runs `work` with a fresh delay histogram; resolves to its max and median (ms) and the wall time. */
async function measure(work) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 20)); // the histogram's timer records the last block
  histogram.disable();
  return { maxBlockMs: ms(histogram.max), medianBlockMs: ms(histogram.percentile(50)), wallMs: Math.round(wallMs) };
}

const twofa = createTwoFactor({ issuer: 'Bench', keys: { current: 'k1', keys: { k1: 'bench-key-0123456789abcdef0123456789' } }, limits: { maxFailures: 1000 } });
const begun = twofa.beginEnrollment({ userId: 'bench', account: 'bench' });
const done = await twofa.confirmEnrollment({ userId: 'bench', enrollmentToken: begun.enrollmentToken, code: totp({ secret: begun.secret }), user: null });
const attempt = (i) => twofa.verifyCode({ userId: 'bench', user: done.update, code: i === 0 ? done.backupCodes[0] : '00000-00000' }).catch((e) => e.code);

await Promise.all(Array.from({ length: 2 }, (_, i) => attempt(i + 1))); // the worker compiled and warm
const worker = await measure(() => Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => attempt(i))));
// Each check in its own task, as 50 requests arriving together would run.
const inPlace = await measure(() => Promise.all(Array.from({ length: ATTEMPTS }, (_, i) =>
  new Promise((resolve) => setTimeout(() => resolve(useBackupCode(done.update.backupRecord, '00000-00000', 'bench')), i)))));
const rows = [
  { where: 'flows (worker thread)', attempts: ATTEMPTS, ...worker },
  { where: 'useBackupCode on the main thread', attempts: ATTEMPTS, ...inPlace },
];
console.table(rows);
console.log(JSON.stringify(rows));
