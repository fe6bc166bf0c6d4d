// Where the first `totp()` of a fresh Node process goes: the steps the Node
// entry takes on a module's first call (scripts/esbuild-wasm.mjs, shipping
// 'file'), timed one by one in a child process per round, for the SHA-1
// `otp` module: requiring its file (glue and base64 bytes), decoding the
// bytes, compiling, instantiating, the first call (which compiles the
// functions it runs) and a second call. Medians of the rounds.
//
// Run: node bench/first-call.mjs   (after npm run build)   Env: BENCH_COLD_ROUNDS (30).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, median } from './lib/harness.mjs';
import { SECRET, TIMESTAMP, VALID_CODE } from './lib/inputs.mjs';

const ROUNDS = Math.max(1, Math.round(Number(process.env.BENCH_COLD_ROUNDS || 30)));
const file = join(ROOT, 'dist/twofa_otp_bg.cjs');

// node.cjs first, as a real process has it: the CommonJS loader's own first use is not the module's cost.
const child = `
  require(${JSON.stringify(join(ROOT, 'dist/node.cjs'))});
  const times = {};
  let t = performance.now();
  const step = (name) => { const now = performance.now(); times[name] = now - t; t = now; };
  const glue = require(${JSON.stringify(file)}); step('require the module file');
  const bytes = Buffer.from(glue.wasmBase64, 'base64'); step('decode the bytes');
  const module = new WebAssembly.Module(bytes); step('compile');
  glue.initSync({ module }); step('instantiate');
  const first = glue.totp(${JSON.stringify(SECRET)}, ${TIMESTAMP}, undefined, 6, 30); step('first call');
  glue.totp(${JSON.stringify(SECRET)}, ${TIMESTAMP}, undefined, 6, 30); step('second call');
  if (String(first).padStart(6, '0') !== ${JSON.stringify(VALID_CODE)}) throw new Error('wrong code ' + first);
  process.stdout.write(JSON.stringify(times));`;

const rounds = Array.from({ length: ROUNDS }, () => {
  const out = spawnSync(process.execPath, ['-e', child], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout);
});
console.log(`First totp() in a fresh process, the otp module step by step (medians of ${ROUNDS} processes, ms):\n`);
console.log('| step | ms |\n|---|---:|');
for (const name of Object.keys(rounds[0])) console.log(`| ${name} | ${median(rounds.map((r) => r[name])).toFixed(2)} |`);
