// The native criterion benchmarks (bench/native): build, run, read estimates.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './harness.mjs';

export const NATIVE_DIR = join(BENCH_DIR, 'native');
const TARGET_DIR = process.env.CARGO_TARGET_DIR || join(NATIVE_DIR, 'target');
export const CRITERION_DIR = join(TARGET_DIR, 'criterion');
const RUN_INFO = join(CRITERION_DIR, 'twofa-run-info.json');

/** compare.mjs operation id -> criterion benchmark name. */
export const NATIVE_NAMES = {
  totp: 'totp_generate',
  verifyValid: 'verify_valid',
  verifyInvalid: 'verify_invalid',
  secret: 'generate_secret',
  buildUri: 'build_uri',
  parseUri: 'parse_uri',
  qrSvg: 'qr_svg',
};

// cargo's and criterion's output go to stderr, keeping stdout for the tables.
const cargo = (args) => execFileSync('cargo', args, { cwd: NATIVE_DIR, stdio: ['ignore', 2, 'inherit'] });

export function buildNative() {
  cargo(['bench', '--bench', 'core', '--no-run']);
}

/** Runs the criterion benchmarks (BENCH_NATIVE_* env vars tune them) and records how. */
export function runNative() {
  cargo(['bench', '--bench', 'core']);
  const info = {
    date: new Date().toISOString(),
    rustc: execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim(),
    optLevel: process.env.CARGO_PROFILE_BENCH_OPT_LEVEL ?? 'z (bench/native/Cargo.toml, as the WebAssembly build)',
    warmupMs: Number(process.env.BENCH_NATIVE_WARMUP_MS || 1000),
    measureMs: Number(process.env.BENCH_NATIVE_MEASURE_MS || 3000),
    samples: Number(process.env.BENCH_NATIVE_SAMPLES || 50),
  };
  writeFileSync(RUN_INFO, `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

export function nativeRunInfo() {
  return existsSync(RUN_INFO) ? JSON.parse(readFileSync(RUN_INFO, 'utf8')) : null;
}

/** Criterion's median (ns) and its 95 % interval per operation id, or null where missing. */
export function readNativeEstimates() {
  const out = {};
  for (const [op, name] of Object.entries(NATIVE_NAMES)) {
    const file = join(CRITERION_DIR, name, 'new', 'estimates.json');
    if (!existsSync(file)) {
      out[op] = null;
      continue;
    }
    const { median } = JSON.parse(readFileSync(file, 'utf8'));
    out[op] = {
      name,
      medianNs: median.point_estimate,
      lowNs: median.confidence_interval.lower_bound,
      highNs: median.confidence_interval.upper_bound,
    };
  }
  return out;
}
