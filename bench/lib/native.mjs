// The native criterion benchmarks (bench/native): build, run, read estimates.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './harness.mjs';

export const NATIVE_DIR = join(BENCH_DIR, 'native');

/**
 * The two native runs: as built for this CPU (SHA-1 with the CPU's SHA
 * instructions where it has them) and with SHA-1's portable code, the code
 * the WebAssembly build runs. Each has its own target directory, so criterion
 * keeps both results.
 */
export const NATIVE_VARIANTS = {
  cpu: { targetDir: process.env.CARGO_TARGET_DIR || join(NATIVE_DIR, 'target'), features: [] },
  soft: { targetDir: join(NATIVE_DIR, 'target-soft'), features: ['--features', 'soft-sha1'] },
};
const criterionDir = (variant) => join(NATIVE_VARIANTS[variant].targetDir, 'criterion');
const runInfoFile = (variant) => join(criterionDir(variant), 'twofa-run-info.json');

/** compare.mjs `operation id` (twofa) or `operation id:library` -> criterion benchmark name. */
export const NATIVE_NAMES = {
  totp: 'totp_generate',
  'totp:twofa-key': 'key_generate',
  verifyValid: 'verify_valid',
  'verifyValid:twofa-key': 'key_verify_valid',
  verifyInvalid: 'verify_invalid',
  'verifyInvalid:twofa-key': 'key_verify_invalid',
  secret: 'generate_secret',
  buildUri: 'build_uri',
  parseUri: 'parse_uri',
  qrSvg: 'qr_svg',
};

// cargo's and criterion's output go to stderr, keeping stdout for the tables.
function cargo(variant, args) {
  const { targetDir, features } = NATIVE_VARIANTS[variant];
  execFileSync('cargo', [...args, ...features], {
    cwd: NATIVE_DIR, stdio: ['ignore', 2, 'inherit'], env: { ...process.env, CARGO_TARGET_DIR: targetDir },
  });
}

export function buildNative() {
  for (const variant of Object.keys(NATIVE_VARIANTS)) cargo(variant, ['bench', '--bench', 'core', '--no-run']);
}

/** Runs the criterion benchmarks of both variants (BENCH_NATIVE_* env vars tune them) and records how. */
export function runNative() {
  for (const variant of Object.keys(NATIVE_VARIANTS)) {
    cargo(variant, ['bench', '--bench', 'core']);
    const info = {
      date: new Date().toISOString(),
      rustc: execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim(),
      optLevel: process.env.CARGO_PROFILE_BENCH_OPT_LEVEL ?? '3 (bench/native/Cargo.toml, as the server WebAssembly build)',
      sha1: variant === 'soft' ? 'portable code (sha1/force-soft), as in WebAssembly' : "as detected for this CPU (SHA instructions if it has them)",
      warmupMs: Number(process.env.BENCH_NATIVE_WARMUP_MS || 1000),
      measureMs: Number(process.env.BENCH_NATIVE_MEASURE_MS || 3000),
      samples: Number(process.env.BENCH_NATIVE_SAMPLES || 50),
    };
    writeFileSync(runInfoFile(variant), `${JSON.stringify(info, null, 2)}\n`);
  }
}

export function nativeRunInfo(variant = 'cpu') {
  return existsSync(runInfoFile(variant)) ? JSON.parse(readFileSync(runInfoFile(variant), 'utf8')) : null;
}

/** Criterion's median (ns) and its 95 % interval per NATIVE_NAMES key, or null where missing. */
export function readNativeEstimates(variant = 'cpu') {
  const out = {};
  for (const [op, name] of Object.entries(NATIVE_NAMES)) {
    const file = join(criterionDir(variant), name, 'new', 'estimates.json');
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
