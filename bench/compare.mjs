// twofa (WebAssembly, dist/node.mjs) against otpauth, otplib 13, otplib 12
// and qrcode, operation by operation. Each operation is measured in its own
// Node process (so the JIT state left by one table cannot help or hurt the
// next), every library's answer is checked once before timing, each library
// is warmed up, then runs are interleaved in rounds and the median ops/s kept.
//
// Run: npm install --prefix bench && node bench/compare.mjs
// Env: BENCH_RUNS (7), BENCH_RUN_MS (250), BENCH_WARMUP_MS (500),
//      BENCH_OPS (comma list of operation ids), BENCH_LIBS (comma list).
// Writes bench/results/compare.json and compare.md.
import { fileURLToPath } from 'node:url';
import { LIBS, OPERATIONS, candidates } from './lib/cases.mjs';
import { config, environment, formatNs, formatOps, formatRatio, markdownTable, measure, runChildJson, writeResults } from './lib/harness.mjs';
import { EPOCH_SECONDS, INVALID_CODE, TIMESTAMP, URI, VALID_CODE } from './lib/inputs.mjs';

const LABELS = {
  twofa: 'twofa 0.1.0 (WASM)',
  'twofa-key': 'twofa 0.1.0 (WASM), totpKey',
  otpauth: 'otpauth 9.5.2',
  'otpauth-request': 'otpauth 9.5.2, built per call',
  otplib13: 'otplib 13.5.0',
  otplib12: 'otplib 12.0.1',
  qrcode: 'qrcode 1.5.4 (callback)',
  'qrcode-promise': 'qrcode 1.5.4 (promise)',
};

const list = (name, all) => {
  const raw = process.env[name];
  if (!raw) return all;
  const picked = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of picked) if (!all.includes(p)) throw new Error(`${name}: unknown "${p}" (known: ${all.join(', ')})`);
  return picked;
};

/** Child mode: `node --expose-gc compare.mjs --child <operation> [libs]` prints one JSON line. */
async function child(opId, libs) {
  const list = await candidates(opId, libs);
  const results = await measure(list, config);
  for (const r of results) {
    const c = list.find((x) => x.lib === r.lib);
    Object.assign(r, { note: c.note, detail: c.detail, async: Boolean(c.async) });
  }
  process.stdout.write(`${JSON.stringify({ op: opId, results })}\n`);
}

/** Measures every operation, each in a fresh `node --expose-gc` child. */
export function measureOperations(ops, libs) {
  const tables = [];
  for (const op of ops) {
    process.stderr.write(`compare: ${op.id} ...\n`);
    const { results } = runChildJson(fileURLToPath(import.meta.url), ['--child', op.id, libs.join(',')], ['--expose-gc']);
    const base = results.find((r) => r.lib === op.baseline);
    const twofa = results.find((r) => r.lib === 'twofa');
    const twofaKey = results.find((r) => r.lib === 'twofa-key');
    const perRequest = results.find((r) => r.lib === 'otpauth-request');
    for (const r of results) r.relativeToTwofa = twofa ? r.opsPerSec / twofa.opsPerSec : undefined;
    tables.push({
      id: op.id,
      title: op.title,
      baseline: op.baseline,
      twofaOverBaseline: twofa && base ? twofa.opsPerSec / base.opsPerSec : undefined,
      // The configuration comparable to otpauth's reused TOTP object.
      twofaKeyOverBaseline: twofaKey && base ? twofaKey.opsPerSec / base.opsPerSec : undefined,
      // One call from the stored string against otpauth doing the same per request.
      twofaOverPerRequest: twofa && perRequest ? twofa.opsPerSec / perRequest.opsPerSec : undefined,
      results,
    });
  }
  return tables;
}

export function markdown(report) {
  const { config: cfg, environment: env } = report;
  const out = [
    '## twofa vs other JavaScript libraries (ops/s, higher is better)',
    '',
    `Median of ${cfg.runs} interleaved runs of ~${cfg.runMs} ms per library, after ${cfg.warmupMs} ms of warm-up; one Node process per table.`,
    `Node ${env.node} on ${env.cpu} (${env.cpus} CPUs), load average ${env.loadavg1mAtStart} at start, ${env.date.slice(0, 10)}.`,
    '"twofa ÷ reference" is twofa\'s ops/s over that of the reference library of the table (otpauth, or qrcode for QR): above 1× twofa is faster.',
    '"vs twofa" is each library\'s ops/s over twofa\'s; "spread" is (slowest − fastest run) ÷ median: large values mean a noisy machine.',
    '',
  ];
  const optional = (ratio) => (ratio === undefined ? '' : formatRatio(ratio));
  const summary = report.tables.map((t) => [
    t.title, formatRatio(t.twofaOverBaseline), optional(t.twofaKeyOverBaseline), optional(t.twofaOverPerRequest), t.baseline,
  ]);
  out.push('"prepared key" is twofa with one reused `totpKey`, the configuration comparable to otpauth\'s reused TOTP object;',
    '"one call ÷ otpauth per call" compares twofa\'s one-call functions with otpauth building its TOTP object from the stored base32 string on every call, as a server holding secrets as strings does.', '');
  out.push(markdownTable(['Operation', 'twofa ÷ reference', 'prepared key ÷ reference', 'one call ÷ otpauth per call', 'reference'], summary, ['l', 'r', 'r', 'r', 'l']), '');
  for (const t of report.tables) {
    out.push(`### ${t.title}`, '');
    const rows = [...t.results]
      .sort((a, b) => b.opsPerSec - a.opsPerSec)
      .map((r) => [
        LABELS[r.lib] ?? r.lib,
        formatOps(r.opsPerSec),
        formatNs(r.nsPerOp),
        r.lib === 'twofa' ? '1.00×' : formatRatio(r.relativeToTwofa),
        `${Math.round((100 * (r.maxOpsPerSec - r.minOpsPerSec)) / r.opsPerSec)} %`,
        [r.note, r.detail && Object.entries(r.detail).map(([k, v]) => `${k} ${v}`).join(', ')].filter(Boolean).join('; '),
      ]);
    out.push(markdownTable(['Library', 'ops/s (median)', 'time/op', 'vs twofa', 'spread', 'Notes'], rows, ['l', 'r', 'r', 'r', 'r', 'l']), '');
  }
  return out.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], args[2] ? args[2].split(',') : LIBS);
  const libs = list('BENCH_LIBS', LIBS);
  const ops = OPERATIONS.filter((op) => list('BENCH_OPS', OPERATIONS.map((o) => o.id)).includes(op.id));
  const env = environment();
  const tables = measureOperations(ops, libs);
  const report = {
    environment: env,
    config,
    inputs: { timestampMs: TIMESTAMP, epochSeconds: EPOCH_SECONDS, validCode: VALID_CODE, invalidCode: INVALID_CODE, uri: URI, uriLength: URI.length },
    tables,
  };
  const md = markdown(report);
  writeResults('compare', report, md);
  console.log(md);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
