// Cold start: what loading twofa adds to a fresh Node process, against an
// empty process and against otpauth. Every round spawns one process per
// variant, in turn (interleaved, the order rotating each round), and each
// child measures itself with performance.now():
//   load  — the require()/import() alone (twofa compiles nothing here);
//   first — the first call after loading (TOTP code), for the "+ first call" variants;
//   total — performance.now() at the end: time since the process started,
//           Node's own bootstrap included;
//   cpu   — CPU time of the child (all its threads) from before the load to
//           the end: what load + first call cost, even when other processes
//           share the cores (wall times then include waiting for one).
// The parent also times each spawnSync (wall, including process exit).
// "Added" is a variant's median minus the empty process's median.
//
// Run: node bench/coldstart.mjs   (after npm install --prefix bench)
// Env: BENCH_COLD_ROUNDS (30).
// Writes bench/results/coldstart.json and coldstart.md.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, ROOT, environment, markdownTable, median, writeResults } from './lib/harness.mjs';
import { SECRET, TIMESTAMP, VALID_CODE } from './lib/inputs.mjs';

const ROUNDS = Math.max(1, Math.round(Number(process.env.BENCH_COLD_ROUNDS || 30)));

// Children import by package name, as users do: from the repository root
// `twofa` resolves to this package (self-reference through its "exports"),
// from bench/ `otpauth` resolves to bench/node_modules.
const FIRST = {
  twofa: `const code = m.totp({ secret: '${SECRET}', timestamp: ${TIMESTAMP} });`,
  otpauth: `const code = new m.TOTP({ secret: m.Secret.fromBase32('${SECRET}') }).generate({ timestamp: ${TIMESTAMP} });`,
};

function script({ esm, specifier, lib, first }) {
  const load = !specifier ? 'const m = null;' : esm ? `const m = await import('${specifier}');` : `const m = require('${specifier}');`;
  const call = first ? `${FIRST[lib]} if (code !== '${VALID_CODE}') throw new Error('wrong code ' + code);` : '';
  return [
    'const c0 = process.cpuUsage();',
    'const t0 = performance.now();',
    load,
    'const t1 = performance.now();',
    call,
    'const t2 = performance.now();',
    'const c = process.cpuUsage(c0);',
    "process.stdout.write(JSON.stringify({ load: t1 - t0, first: t2 - t1, total: t2, cpu: (c.user + c.system) / 1000 }));",
  ].join('\n');
}

const VARIANTS = [
  { id: 'empty-cjs', label: 'empty process (CommonJS -e)', esm: false, cwd: ROOT },
  { id: 'twofa-require', label: "require('twofa')", esm: false, specifier: 'twofa', lib: 'twofa', cwd: ROOT },
  { id: 'twofa-require-first', label: "require('twofa') + first totp()", esm: false, specifier: 'twofa', lib: 'twofa', first: true, cwd: ROOT },
  { id: 'otpauth-require', label: "require('otpauth')", esm: false, specifier: 'otpauth', lib: 'otpauth', cwd: BENCH_DIR },
  { id: 'otpauth-require-first', label: "require('otpauth') + first generate()", esm: false, specifier: 'otpauth', lib: 'otpauth', first: true, cwd: BENCH_DIR },
  { id: 'empty-esm', label: 'empty process (ES module -e)', esm: true, cwd: ROOT },
  { id: 'twofa-import', label: "import('twofa')", esm: true, specifier: 'twofa', lib: 'twofa', cwd: ROOT },
  { id: 'twofa-import-first', label: "import('twofa') + first totp()", esm: true, specifier: 'twofa', lib: 'twofa', first: true, cwd: ROOT },
  { id: 'twofa-browser-import', label: "import('twofa/browser') (lite build)", esm: true, specifier: 'twofa/browser', lib: 'twofa', cwd: ROOT },
  { id: 'otpauth-import', label: "import('otpauth')", esm: true, specifier: 'otpauth', lib: 'otpauth', cwd: BENCH_DIR },
  { id: 'otpauth-import-first', label: "import('otpauth') + first generate()", esm: true, specifier: 'otpauth', lib: 'otpauth', first: true, cwd: BENCH_DIR },
];

function runOnce(variant) {
  const args = [...(variant.esm ? ['--input-type=module'] : []), '-e', script(variant)];
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd: variant.cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`${variant.label}: exit ${child.status}\n${child.stderr}`);
  return { ...JSON.parse(child.stdout), wall };
}

const round2 = (x) => Math.round(x * 100) / 100;
const signed = (x, digits) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;

/** The goal: `require` + first call of twofa against otpauth's, as ratios (lower is better; 1.00× is parity). */
function goalLines(stats) {
  const by = (id) => stats.find((s) => s.id === id);
  const ratio = (key, a, b) => (a[key] / b[key]).toFixed(2);
  const lines = [];
  for (const [mode, twofa, otpauth] of [['require', 'twofa-require-first', 'otpauth-require-first'], ['import', 'twofa-import-first', 'otpauth-import-first']]) {
    const t = { ...by(twofa), both: by(twofa).loadMs + by(twofa).firstCallMs };
    const o = { ...by(otpauth), both: by(otpauth).loadMs + by(otpauth).firstCallMs };
    lines.push(`- \`${mode}\` + first call, twofa ÷ otpauth: ${ratio('both', t, o)}× timed in the child (${t.both.toFixed(2)} against ${o.both.toFixed(2)} ms), ${ratio('cpuMs', t, o)}× in CPU time, ${(t.addedWallMs / o.addedWallMs).toFixed(2)}× added to the process (wall).`);
  }
  return lines;
}

function main() {
  const samples = Object.fromEntries(VARIANTS.map((v) => [v.id, []]));
  for (const v of VARIANTS) runOnce(v); // warm the OS file cache; not recorded
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < VARIANTS.length; k++) {
      const v = VARIANTS[(round + k) % VARIANTS.length];
      samples[v.id].push(runOnce(v));
    }
    if ((round + 1) % 10 === 0) process.stderr.write(`coldstart: ${round + 1}/${ROUNDS} rounds\n`);
  }
  const stats = VARIANTS.map((v) => {
    const s = samples[v.id];
    return {
      id: v.id,
      label: v.label,
      loadMs: round2(median(s.map((x) => x.load))),
      firstCallMs: round2(median(s.map((x) => x.first))),
      totalMs: round2(median(s.map((x) => x.total))),
      cpuMs: round2(median(s.map((x) => x.cpu))),
      wallMs: round2(median(s.map((x) => x.wall))),
    };
  });
  for (const s of stats) {
    const empty = stats.find((e) => e.id === (s.id.includes('import') || s.id === 'empty-esm' ? 'empty-esm' : 'empty-cjs'));
    s.addedTotalMs = round2(s.totalMs - empty.totalMs);
    s.addedWallMs = round2(s.wallMs - empty.wallMs);
  }
  const env = environment();
  const md = [
    '## Cold start (milliseconds, lower is better)',
    '',
    `Medians of ${ROUNDS} interleaved rounds, one fresh \`node -e\` process per variant per round. Node ${env.node} on ${env.cpu} (${env.cpus} CPUs), load average ${env.loadavg1mAtStart} at start, ${env.date.slice(0, 10)}.`,
    '',
    '- **load**: the `require()`/`import()` itself, timed inside the child (twofa compiles nothing here).',
    '- **first call**: the first `totp()` (twofa) or `new TOTP(...).generate()` (otpauth) after loading.',
    "- **in-process total**: `performance.now()` at the end of the child (time since the process started); **added** subtracts the empty process's.",
    '- **wall**: `spawnSync` from the parent, process start to exit; **added** subtracts the empty process\'s.',
    '- **CPU**: CPU time of the child (every thread) for the load and the first call.',
    '',
    markdownTable(
      ['Variant', 'load', 'first call', 'load + first', 'CPU', 'in-process total', 'added', 'wall', 'added (wall)'],
      stats.map((s) => [s.label, s.loadMs.toFixed(2), s.firstCallMs.toFixed(2), (s.loadMs + s.firstCallMs).toFixed(2), s.cpuMs.toFixed(2), s.totalMs.toFixed(2), s.id.startsWith('empty') ? '–' : signed(s.addedTotalMs, 2), s.wallMs.toFixed(1), s.id.startsWith('empty') ? '–' : signed(s.addedWallMs, 1)]),
    ),
    '',
    ...goalLines(stats),
  ].join('\n');
  writeResults('coldstart', { environment: env, rounds: ROUNDS, variants: stats, samples }, md);
  console.log(md);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
