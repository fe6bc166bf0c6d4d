// Backup-code verification cost in Node: median of 20 `useBackupCode` calls
// on a record of 10 codes with the default Argon2id cost (19 MiB, t = 2, p = 1),
// which is one Argon2id computation per call, whatever the number of codes.
// Run: node bench/argon2.mjs (after npm run build)
import { generateBackupCodes, hashBackupCodes, useBackupCode } from '../dist/node.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const codes = generateBackupCodes();
let start = performance.now();
const record = hashBackupCodes(codes, 'bench-user');
const hashMs = performance.now() - start;

const times = [];
for (let i = 0; i < 20; i++) {
  start = performance.now();
  const used = useBackupCode(record, codes[i % codes.length], 'bench-user');
  times.push(performance.now() - start);
  if (!used) throw new Error('a valid code did not match');
}
const miss = [];
for (let i = 0; i < 20; i++) {
  start = performance.now();
  if (useBackupCode(record, '00000-00000', 'bench-user') !== null) throw new Error('an invalid code matched');
  miss.push(performance.now() - start);
}
console.log(JSON.stringify({
  node: process.version,
  hashTenCodesMs: Math.round(hashMs),
  verifyMedianMs: Number(median(times).toFixed(1)),
  verifyMissMedianMs: Number(median(miss).toFixed(1)),
  runs: times.length,
}));
