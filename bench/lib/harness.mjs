// Measurement helpers shared by compare.mjs and wasm-vs-native.mjs: warm-up,
// calibration, interleaved rounds, medians, child processes, tables.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(BENCH_DIR);
export const RESULTS_DIR = join(BENCH_DIR, 'results');

function envNumber(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** Run counts and durations, all overridable from the environment. */
export const config = {
  /** Measured runs per library per operation (interleaved rounds). */
  runs: Math.max(1, Math.round(envNumber('BENCH_RUNS', 7))),
  /** Target duration of one measured run. */
  runMs: envNumber('BENCH_RUN_MS', 250),
  /** Warm-up per library per operation, before any measured run. */
  warmupMs: envNumber('BENCH_WARMUP_MS', 500),
};

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * A fresh loop function per candidate: `new Function` gives each its own
 * code and type feedback, so the `fn()` call site stays monomorphic and one
 * library's calls cannot make another's loop megamorphic.
 */
function makeLoop(isAsync) {
  return isAsync
    ? new Function('fn', 'n', 'return (async () => { let out; for (let i = 0; i < n; i++) out = await fn(); return out; })();')
    : new Function('fn', 'n', 'let out; for (let i = 0; i < n; i++) out = fn(); return out;');
}

const gc = globalThis.gc ?? (() => {});

async function timeRun(candidate, n) {
  const start = performance.now();
  const out = candidate.loop(candidate.fn, n);
  if (candidate.async) await out;
  candidate.sink = out; // keep the result alive: nothing is dead code
  return performance.now() - start;
}

/** Runs the candidate until warmupMs has passed and picks n so one run lasts about runMs. */
async function warmUp(candidate, { runMs, warmupMs }) {
  let n = 1;
  let spent = 0;
  let perOp = Infinity;
  while (spent < warmupMs) {
    const ms = await timeRun(candidate, n);
    spent += ms;
    if (ms > 5) perOp = Math.min(perOp, ms / n);
    if (ms < runMs / 4) n *= 2;
  }
  if (perOp === Infinity) perOp = (await timeRun(candidate, n)) / n;
  candidate.iterations = Math.max(1, Math.ceil(runMs / perOp));
}

/**
 * Measures candidates `{ lib, fn, async? }` of one operation: each is warmed up,
 * then the measured runs are interleaved in rounds (A B C D, B C D A, ...:
 * the order rotates so no library always follows the same one), with a GC
 * before every run when node runs with --expose-gc. Returns per candidate
 * the ops/s of every run and their median.
 */
export async function measure(candidates, cfg = config) {
  for (const c of candidates) {
    c.loop = makeLoop(c.async);
    await warmUp(c, cfg);
  }
  const samples = candidates.map(() => []);
  for (let round = 0; round < cfg.runs; round++) {
    for (let k = 0; k < candidates.length; k++) {
      const i = (round + k) % candidates.length;
      const c = candidates[i];
      gc();
      const ms = await timeRun(c, c.iterations);
      samples[i].push((c.iterations / ms) * 1000);
    }
  }
  return candidates.map((c, i) => ({
    lib: c.lib,
    opsPerSec: median(samples[i]),
    nsPerOp: 1e9 / median(samples[i]),
    runs: samples[i].length,
    iterationsPerRun: c.iterations,
    minOpsPerSec: Math.min(...samples[i]),
    maxOpsPerSec: Math.max(...samples[i]),
  }));
}

/** Runs `node [flags] script args` and returns its last stdout line parsed as JSON. */
export function runChildJson(script, args = [], nodeFlags = []) {
  const child = spawnSync(process.execPath, [...nodeFlags, script, ...args], {
    cwd: BENCH_DIR,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${child.status ?? child.signal}`);
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

/** Where and under what load the numbers were taken. */
export function environment() {
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    loadavg1mAtStart: Number(loadavg()[0].toFixed(2)),
  };
}

/** A GitHub-flavoured Markdown table; `align` holds 'l' or 'r' per column. */
export function markdownTable(header, rows, align = header.map((_, i) => (i === 0 ? 'l' : 'r'))) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((a) => (a === 'r' ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

/** 1234567.8 -> "1,234,568"; small numbers keep three significant digits. */
export function formatOps(value) {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

/** Nanoseconds as "812 ns", "3.41 µs", "1.02 ms". */
export function formatNs(ns) {
  if (ns < 1000) return `${ns.toPrecision(3)} ns`;
  if (ns < 1e6) return `${(ns / 1000).toPrecision(3)} µs`;
  return `${(ns / 1e6).toPrecision(3)} ms`;
}

export const formatRatio = (r) => (r === undefined || !Number.isFinite(r) ? '–' : `${r.toFixed(2)}×`);

export function writeResults(name, json, markdown) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, `${name}.md`), `${markdown.trimEnd()}\n`);
}
