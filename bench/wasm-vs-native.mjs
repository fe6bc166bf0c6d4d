// Time per operation of twofa's WebAssembly build called from Node (through
// the TypeScript SDK: argument checks, string copies in and out, the wasm
// code itself) against the same Rust code compiled natively and measured by
// criterion (bench/native). The ratio is the price of WebAssembly + the JS
// boundary for each operation.
//
// Run: node bench/wasm-vs-native.mjs [--native] [--fresh]
//   --native  run the criterion benchmarks first (else read the last results
//             from bench/native/target/criterion/*/new/estimates.json)
//   --fresh   measure twofa in Node now (else reuse twofa's medians from
//             bench/results/compare.json when present)
// Writes bench/results/native.json and native.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS } from './lib/cases.mjs';
import { RESULTS_DIR, config, environment, formatNs, formatRatio, markdownTable, runChildJson, writeResults } from './lib/harness.mjs';
import { nativeRunInfo, readNativeEstimates, runNative } from './lib/native.mjs';

const COMPARE = join(RESULTS_DIR, 'compare.json');
const COMPARE_SCRIPT = fileURLToPath(new URL('./compare.mjs', import.meta.url));

/** twofa's median ns/op per operation, from compare.json or measured now (twofa alone). */
function wasmTimes(fresh) {
  if (!fresh && existsSync(COMPARE)) {
    const report = JSON.parse(readFileSync(COMPARE, 'utf8'));
    const times = {};
    for (const t of report.tables) {
      const r = t.results.find((x) => x.lib === 'twofa');
      if (r) times[t.id] = r.nsPerOp;
    }
    if (OPERATIONS.every((op) => times[op.id] !== undefined)) return { source: 'bench/results/compare.json', times, config: report.config };
  }
  const times = {};
  for (const op of OPERATIONS) {
    process.stderr.write(`wasm-vs-native: twofa ${op.id} ...\n`);
    const { results } = runChildJson(COMPARE_SCRIPT, ['--child', op.id, 'twofa'], ['--expose-gc']);
    times[op.id] = results[0].nsPerOp;
  }
  return { source: 'measured now (twofa only)', times, config };
}

function main() {
  const args = new Set(process.argv.slice(2));
  if (args.has('--native')) runNative();
  const native = readNativeEstimates();
  const missing = Object.entries(native).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) {
    throw new Error(`no criterion results for ${missing.join(', ')}: run \`node bench/wasm-vs-native.mjs --native\` (needs cargo) or \`node bench/run.mjs\``);
  }
  const wasm = wasmTimes(args.has('--fresh'));
  const rows = OPERATIONS.map((op) => ({
    id: op.id,
    title: op.title,
    wasmNs: wasm.times[op.id],
    nativeNs: native[op.id].medianNs,
    nativeCi95Ns: [native[op.id].lowNs, native[op.id].highNs],
    wasmOverNative: wasm.times[op.id] / native[op.id].medianNs,
  }));
  const env = environment();
  const info = nativeRunInfo();
  const md = [
    '## WebAssembly in Node vs native Rust (time per operation, lower is better)',
    '',
    `WASM: twofa's dist/node.mjs called from Node ${env.node}, median ops/s (${wasm.source}), SDK checks and string copies included.`,
    `Native: criterion median of the same Rust calls (bench/native/benches/core.rs), opt-level ${info?.optLevel ?? 'as in bench/native/Cargo.toml'}${info ? `, ${info.rustc}` : ''}.`,
    `${env.cpu} (${env.cpus} CPUs), load average ${env.loadavg1mAtStart} at start, ${env.date.slice(0, 10)}.`,
    '',
    markdownTable(
      ['Operation', 'WASM in Node', 'native', 'WASM ÷ native'],
      rows.map((r) => [r.title, formatNs(r.wasmNs), formatNs(r.nativeNs), formatRatio(r.wasmOverNative)]),
    ),
  ].join('\n');
  writeResults('native', { environment: env, wasmSource: wasm.source, wasmConfig: wasm.config, nativeRun: info, operations: rows }, md);
  console.log(md);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
