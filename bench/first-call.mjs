// Where the first `totp()` of a fresh Node process goes: the steps the Node
// entry takes on a module's first call (scripts/esbuild-wasm.mjs, shipping
// 'file'), timed one by one in a child process per round, for the SHA-1
// `otp` module: requiring its file (glue and base64 bytes), decoding the
// bytes, compiling, instantiating, the first call (which compiles the
// functions it runs) and a second call. Medians of the rounds.
//
// Then the same process-level costs for every module shipped in dist/, to
// show what it scales with: compiling (after a one-function module has
// started V8's WebAssembly engine). It barely follows the module's size: a
// fixed cost per module, which a smaller module does not remove.
//
// Run: node bench/first-call.mjs   (after npm run build)   Env: BENCH_COLD_ROUNDS (30).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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

/** Runs `script` in a fresh process `ROUNDS` times: the parsed JSON each printed. */
function inFreshProcesses(script) {
  return Array.from({ length: ROUNDS }, () => {
    const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    if (out.status !== 0) throw new Error(out.stderr);
    return JSON.parse(out.stdout);
  });
}

const rounds = inFreshProcesses(child);
console.log(`First totp() in a fresh process, the otp module step by step (medians of ${ROUNDS} processes, ms):\n`);
console.log('| step | ms |\n|---|---:|');
for (const name of Object.keys(rounds[0])) console.log(`| ${name} | ${median(rounds.map((r) => r[name])).toFixed(2)} |`);

// A module with one empty function `f`: compiling it first leaves only the module's own costs.
const ONE_FUNCTION = [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 4, 1, 2, 0, 11];
const perModule = (path) => `
  const bytes = require('node:fs').readFileSync(${JSON.stringify(path)});
  new WebAssembly.Module(new Uint8Array(${JSON.stringify(ONE_FUNCTION)}));
  const t = performance.now();
  new WebAssembly.Module(bytes);
  process.stdout.write(JSON.stringify({ compile: performance.now() - t }));`;
const modules = readdirSync(join(ROOT, 'dist')).filter((file) => file.endsWith('.wasm')).sort();
console.log(`\nEach module in a fresh process, V8's engine started (medians of ${ROUNDS} processes, ms):\n`);
console.log('| module | bytes | compile |\n|---|---:|---:|');
for (const file of modules) {
  const path = join(ROOT, 'dist', file);
  const compile = median(inFreshProcesses(perModule(path)).map((r) => r.compile));
  console.log(`| ${file} | ${statSync(path).size} | ${compile.toFixed(2)} |`);
}
