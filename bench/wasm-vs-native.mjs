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
import { NATIVE_NAMES, nativeRunInfo, readNativeEstimates, runNative } from './lib/native.mjs';

const COMPARE = join(RESULTS_DIR, 'compare.json');
const COMPARE_SCRIPT = fileURLToPath(new URL('./compare.mjs', import.meta.url));

/** The rows: `operation` (one-shot twofa) or `operation:twofa-key` (a reused totpKey). */
const ROWS = Object.keys(NATIVE_NAMES).map((key) => {
  const [id, lib = 'twofa'] = key.split(':');
  const title = OPERATIONS.find((op) => op.id === id).title;
  return { key, id, lib, title: lib === 'twofa-key' ? `${title}, reused key` : title };
});

/** twofa's median ns/op per row, from compare.json or measured now (twofa alone). */
function wasmTimes(fresh) {
  if (!fresh && existsSync(COMPARE)) {
    const report = JSON.parse(readFileSync(COMPARE, 'utf8'));
    const times = {};
    for (const row of ROWS) {
      const r = report.tables.find((t) => t.id === row.id)?.results.find((x) => x.lib === row.lib);
      if (r) times[row.key] = r.nsPerOp;
    }
    if (ROWS.every((row) => times[row.key] !== undefined)) return { source: 'bench/results/compare.json', times, config: report.config };
  }
  const times = {};
  for (const row of ROWS) {
    process.stderr.write(`wasm-vs-native: ${row.lib} ${row.id} ...\n`);
    const { results } = runChildJson(COMPARE_SCRIPT, ['--child', row.id, row.lib], ['--expose-gc']);
    times[row.key] = results[0].nsPerOp;
  }
  return { source: 'measured now (twofa only)', times, config };
}

function main() {
  const args = new Set(process.argv.slice(2));
  if (args.has('--native')) runNative();
  const native = readNativeEstimates('cpu');
  const soft = readNativeEstimates('soft');
  const missing = [...Object.entries(native), ...Object.entries(soft)].filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) {
    throw new Error(`no criterion results for ${missing.join(', ')}: run \`node bench/wasm-vs-native.mjs --native\` (needs cargo) or \`node bench/run.mjs\``);
  }
  const wasm = wasmTimes(args.has('--fresh'));
  const rows = ROWS.map(({ key, id, lib, title }) => ({
    id,
    lib,
    title,
    wasmNs: wasm.times[key],
    nativeNs: native[key].medianNs,
    nativeCi95Ns: [native[key].lowNs, native[key].highNs],
    nativeSoftNs: soft[key].medianNs,
    wasmOverNative: wasm.times[key] / native[key].medianNs,
    wasmOverNativeSoft: wasm.times[key] / soft[key].medianNs,
  }));
  const env = environment();
  const info = nativeRunInfo();
  const md = [
    '## WebAssembly in Node vs native Rust (time per operation, lower is better)',
    '',
    `WASM: twofa's dist/node.mjs called from Node ${env.node}, median ops/s (${wasm.source}), SDK checks and string copies included.`,
    `Native: criterion median of the same Rust calls (bench/native/benches/core.rs), opt-level ${info?.optLevel ?? 'as in bench/native/Cargo.toml'}${info ? `, ${info.rustc}` : ''}.`,
    '"native" uses this CPU\'s SHA instructions where it has them; "portable SHA-1" is the same build with SHA-1\'s portable code (`--features soft-sha1`), the code WebAssembly runs.',
    `${env.cpu} (${env.cpus} CPUs), load average ${env.loadavg1mAtStart} at start, ${env.date.slice(0, 10)}.`,
    '',
    markdownTable(
      ['Operation', 'WASM in Node', 'native', 'WASM ÷ native', 'native, portable SHA-1', 'WASM ÷ portable'],
      rows.map((r) => [r.title, formatNs(r.wasmNs), formatNs(r.nativeNs), formatRatio(r.wasmOverNative), formatNs(r.nativeSoftNs), formatRatio(r.wasmOverNativeSoft)]),
    ),
  ].join('\n');
  writeResults('native', { environment: env, wasmSource: wasm.source, wasmConfig: wasm.config, nativeRun: info, nativeSoftRun: nativeRunInfo('soft'), operations: rows }, md);
  console.log(md);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
