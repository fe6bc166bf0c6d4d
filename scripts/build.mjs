#!/usr/bin/env node
// Builds everything from source, skipping what is up to date:
//   cargo (wasm32, one build per WebAssembly module) -> wasm-bindgen -> wasm-opt (npm binaryen) -> inlined module bytes
//   -> esbuild bundles (node CJS + ESM wrapper, web ESM, browser lite ESM) -> tsc types.
// Usage: node scripts/build.mjs [--force]
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES, gluePath, nodeFile, wasmBuild, wasmFile } from './esbuild-wasm.mjs';
import { FLOWS_FILE, asFlowsFactory, flowsFilePlugin, lazyFlowsPlugin } from './node-split.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
const bin = (name) => join(root, 'node_modules', '.bin', name);
// `cargo install` puts wasm-bindgen here, which may not be on PATH yet.
process.env.PATH = `${process.env.CARGO_HOME ?? join(homedir(), '.cargo')}/bin${delimiter}${process.env.PATH}`;

// wasm-bindgen's output runs on these features; `--all-features` would emit stringref, which Node rejects.
const WASM_OPT_FEATURES = [
  '--strip-debug', '--strip-producers', '--strip-target-features',
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
];

/**
 * The builds, each cut into modules (scripts/esbuild-wasm.mjs: which concerns
 * each serves, started on its first call). The server build (Node, edge) is
 * optimised for speed (Cargo profile `server`, opt-level 3: HMAC about twice
 * as fast); the lite build, downloaded by browsers, for size, without
 * prepared keys or terminal QR (feature `lite`).
 */
const BUILDS = [
  { name: 'server', profile: 'server', wasmOpt: '-O3', parts: Object.keys(MODULES.server), features: [] },
  { name: 'lite', profile: 'release', wasmOpt: '-Oz', parts: Object.keys(MODULES.lite), features: ['--no-default-features'], lite: true },
];
const partFeatures = (build, module) => [...build.features, '--features', [...(build.lite ? ['lite'] : []), ...MODULES[build.name][module].map((c) => `part-${c}`)].join(',')];

/** Entries of the stores that several server instances share: `twofa/redis`, `twofa/postgres`. */
const SHARED_STORES = ['redis', 'postgres'];

/**
 * With a nightly toolchain and its rust-src, std is rebuilt with
 * `-Cpanic=immediate-abort`: no panic messages or formatting machinery in the
 * module (about 23 KB less for the lite build). Behaviour is the same: a
 * panic, which the core must never reach, traps either way. Without nightly
 * (or with TWOFA_STABLE=1) the stable toolchain builds the same code.
 */
function nightlyAvailable() {
  if (process.env.TWOFA_STABLE === '1') return false;
  try {
    execFileSync('cargo', ['+nightly', '--version'], { stdio: 'ignore' });
    const components = execFileSync('rustup', ['component', 'list', '--toolchain', 'nightly', '--installed'], { encoding: 'utf8' });
    return components.split('\n').some((line) => line.trim() === 'rust-src');
  } catch {
    return false;
  }
}

/**
 * Without the `multivalue` target feature (on by default for wasm32 since
 * Rust 1.82), wasm-bindgen returns results through memory instead of as
 * several values: V8 compiles a JavaScript-to-WebAssembly wrapper per
 * exported signature when it compiles a module, eagerly and with its
 * optimising compiler for multi-value returns (about 0.3 ms each on Node 20;
 * the `otp` module has a dozen), cheaply for single values. `new
 * WebAssembly.Module` on the server `otp` module went from 5.9 to 2.9 ms.
 */
const TARGET_FLAGS = '-Ctarget-feature=-multivalue';
/**
 * The lite build's modules pass no JavaScript values (the codes module only
 * numbers, `parse` strings and thrown errors): without reference types
 * wasm-bindgen keeps those few in a JavaScript array instead of an externref
 * table that the module creates and the glue fills (codes module 0.1 KB gzip
 * smaller and 0.3 KB less glue; `parse` 0.4 KB smaller, 0.3 KB more glue).
 * Nightly builds only, which rebuild std with the flag: stable's prebuilt
 * std uses reference types, and wasm-bindgen then needs its table.
 */
const LITE_TARGET_FLAGS = '-Ctarget-feature=-reference-types';
/**
 * Panic locations name the crates' source files (bounds checks that cannot
 * fail but are not proven so), which no panic prints: nightly builds leave
 * them out (`-Zlocation-detail=none`: 0.2 KB gzip of the lite codes module
 * with the flag above); stable builds name them without the machine's
 * registry path, shorter (0.1 KB gzip) and the same on every machine.
 */
const CRATES = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'registry', 'src');
const REMAP_FLAGS = existsSync(CRATES) ? readdirSync(CRATES).map((index) => `--remap-path-prefix=${join(CRATES, index)}/=`).join(' ') : '';

function cargoBuild(profile, cargoArgs, lite) {
  const flags = `${TARGET_FLAGS} ${REMAP_FLAGS}`;
  const common = ['build', '--quiet', '--profile', profile, '--lib', '--target', 'wasm32-unknown-unknown', ...cargoArgs];
  if (nightlyAvailable()) {
    run('cargo', ['+nightly', ...common, '-Z', 'build-std=std,panic_abort', '--target-dir', 'target/nightly'], {
      env: { ...process.env, RUSTFLAGS: `${process.env.RUSTFLAGS ?? ''} -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none ${lite ? LITE_TARGET_FLAGS : ''} ${flags}`.replace(/\s+/g, ' ').trim() },
    });
    return { flavor: 'nightly-immediate-abort', wasm: `target/nightly/wasm32-unknown-unknown/${profile}/twofa.wasm` };
  }
  run('cargo', common, { env: { ...process.env, RUSTFLAGS: `${process.env.RUSTFLAGS ?? ''} ${flags}`.replace(/\s+/g, ' ').trim() } });
  return { flavor: 'stable', wasm: `target/wasm32-unknown-unknown/${profile}/twofa.wasm` };
}

function run(command, args, options = {}) {
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

function newestMtime(paths) {
  let newest = 0;
  for (const path of paths) {
    const full = join(root, path);
    if (!existsSync(full)) continue;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestMtime(readdirSync(full).map((entry) => join(path, entry))));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

function upToDate(output, inputs) {
  if (force || !existsSync(join(root, output))) return false;
  return statSync(join(root, output)).mtimeMs >= newestMtime(inputs);
}

/**
 * wasm-bindgen's `initSync` tests `module instanceof WebAssembly.Module`, which
 * fails for a module compiled in another realm: Next.js compiles an edge
 * route's `?module` import outside the sandbox the route runs in. A brand
 * check (`WebAssembly.Module.exports` accepts only modules) works in every realm.
 */
function patchGlue(file) {
  const before = 'if (!(module instanceof WebAssembly.Module)) {';
  const glue = readFileSync(file, 'utf8');
  if (!glue.includes(before)) throw new Error(`wasm-bindgen glue changed: "${before}" not found in ${file}`);
  writeFileSync(file, dropUnused(glue.replace(before, 'if (!isWasmModule(module)) {')) + `
function isWasmModule(value) {
    try { WebAssembly.Module.exports(value); return true; } catch { return false; }
}
`);
}

/**
 * The glue's statements that run at import, which a bundler keeps even in a
 * page that never calls the module (twofa/browser's glue of `parse` in a page
 * that builds URIs: 0.1 KB gzip): the value heap is made in a pure function,
 * the text decoder is made (and warmed up, as wasm-bindgen does) in a pure
 * function, the `encodeInto` fallback goes (the SDK
 * itself calls `encodeInto`, which every runtime it supports has); and
 * `initSync`'s warning for a form of its argument the SDK does not use. Each
 * change is made only where the glue has the statement.
 */
function dropUnused(glue) {
  return glue
    .replace('let heap = new Array(1024).fill(undefined);\nheap.push(undefined, null, true, false);\n\nlet heap_next = heap.length;',
      'let heap = /* @__PURE__ */ (() => {\n    const heap = new Array(1024).fill(undefined);\n    heap.push(undefined, null, true, false);\n    return heap;\n})();\n\nlet heap_next = /* @__PURE__ */ (() => heap.length)();')
    .replace("let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });\ncachedTextDecoder.decode();\n",
      "let cachedTextDecoder = /* @__PURE__ */ (() => {\n    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });\n    decoder.decode();\n    return decoder;\n})();\n")
    .replace(/^const cachedTextEncoder = new TextEncoder\(\);\n\nif \(!\('encodeInto' in cachedTextEncoder\)\) \{\n[\s\S]*?\n\}\n/m,
      'const cachedTextEncoder = /* @__PURE__ */ new TextEncoder();\n')
    // The SDK passes `initSync` an object (or nothing): no warning for the deprecated form.
    .replace(/^( +)if \(Object\.getPrototypeOf\(module\) === Object\.prototype\) \{\n +\(\{module\} = module\)\n +\} else \{\n +console\.warn\('using deprecated parameters for `initSync\(\)`; pass a single object instead'\)\n +\}\n/m,
      '$1({module} = module);\n');
}

/**
 * What each byte of a module inlined in a script is XORed with (`BYTE_MASK`
 * in sdk/load.ts, which undoes it): of the 512 XOR and additive masks, about
 * the smallest gzip for the lite codes module; every module's bytes take
 * 0.3 to 1.4 KB gzip less in a bundle than unmasked, with esbuild's ASCII
 * and UTF-8 output alike.
 */
const BYTE_MASK = 0x35;

function buildWasm(build, part) {
  const { name, profile, wasmOpt } = build;
  const outDir = join('pkg', name, part);
  const marker = join(outDir, 'wasm-bytes.js');
  // scripts/esbuild-wasm.mjs says which concerns (features) each module serves.
  if (upToDate(marker, ['src', 'Cargo.toml', 'Cargo.lock', 'scripts/build.mjs', 'scripts/esbuild-wasm.mjs'])) return false;
  const { flavor, wasm: built } = cargoBuild(profile, partFeatures(build, part), build.lite);
  console.log(`build: ${name} ${part} wasm (${flavor})`);
  rmSync(join(root, outDir), { recursive: true, force: true });
  run('wasm-bindgen', [
    built,
    '--out-dir', outDir, '--out-name', 'twofa', '--target', 'web',
    '--omit-default-module-path', '--experimental-reset-state-function',
  ]);
  patchGlue(join(root, outDir, 'twofa.js'));
  const wasm = join(outDir, 'twofa_bg.wasm');
  run(bin('wasm-opt'), [wasmOpt, ...WASM_OPT_FEATURES, wasm, '-o', wasm]);
  writeFileSync(join(root, outDir, 'flavor.txt'), `${flavor}\n`);
  // One character per byte (U+0000 to U+00FF): compressed with the rest of a
  // bundle it costs about 8 KB gzip less than base64, whose 6-bit groups hide
  // the module's byte patterns from gzip and brotli. (Node takes base64 from
  // its own files, see buildJs: V8 parses a base64 literal faster.) Each
  // byte is XORed with BYTE_MASK: a module is full of bytes 0x00 to 0x0D
  // (small LEB128 numbers, local indices), which bundlers write escaped
  // (`\0`, `\b`, `\x07`...), as esbuild writes U+007F to U+00FF (`\xNN`)
  // by default; the mask makes the common ones letters and digits.
  const bytes = readFileSync(join(root, wasm)).map((byte) => byte ^ BYTE_MASK);
  writeFileSync(join(root, marker), `// Generated by scripts/build.mjs: ${part} module, ${name} build, one character per byte (XOR ${BYTE_MASK}).\nexport default ${JSON.stringify(bytes.toString('latin1'))};\n`);
  return true;
}

async function buildJs() {
  const esbuild = await import('esbuild');
  // The module files this build writes (below): none left from a build whose modules had other names,
  // which `npm pack` would ship.
  for (const file of readdirSync(join(root, 'dist'))) {
    if (/^twofa_[a-z0-9_]+\.(cjs|wasm)$/.test(file)) rmSync(join(root, 'dist', file));
  }
  // ES modules are for bundlers, which drop what a page does not call (a whole
  // WebAssembly module when none of its functions is used): no keepNames there,
  // whose `__name()` calls would keep every function. The glue's classes are
  // named Core* (src/wasm.rs), so the SDK's classes keep their names anyway.
  // CommonJS builds (Node, Jest) keep every name for stack traces and inspection.
  const common = { bundle: true, target: 'es2022', legalComments: 'none', logLevel: 'warning' };
  const cjs = { ...common, format: 'cjs', keepNames: true };
  // The backup-code worker thread (Node): bundled first into a string, shipped as dist/twofa_backup_worker.cjs,
  // which the Node entry requires on first use and starts with `new Worker(source, { eval: true })` (no file
  // path for bundlers to lose), handing it the backup module's bytes.
  const worker = await esbuild.build({
    ...cjs, entryPoints: ['sdk/worker/backup-worker.ts'], platform: 'node', write: false, minify: true, plugins: [wasmBuild('server', 'worker')],
  });
  writeFileSync(join(root, 'dist/twofa_backup_worker.cjs'), `module.exports = ${JSON.stringify(worker.outputFiles[0].text)};\n`);
  // `#backup-worker`: what the Node entry needs to start a worker, required when the first one starts.
  const workerFiles = { name: 'twofa-backup-worker', setup(b) {
    b.onResolve({ filter: /^#backup-worker$/ }, () => ({ path: 'backup-worker', namespace: 'twofa-worker' }));
    b.onResolve({ filter: /^\.\/twofa_backup_(worker|bg)\.cjs$/ }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'twofa-worker' }, () => ({ loader: 'js', contents: [
      'export const workerStart = () => ({',
      "  source: require('./twofa_backup_worker.cjs'),",
      `  workerData: { wasm: require(${JSON.stringify(`./${nodeFile('server', 'backup')}`)}).wasmBase64 },`,
      '});',
    ].join('\n') }));
  } };
  // The Node entry's flows file first: node.cjs hands it the modules it imports (scripts/node-split.mjs).
  const shared = new Set();
  const flows = await esbuild.build({
    ...cjs, entryPoints: ['sdk/entries/node-flows.ts'], write: false, platform: 'node', plugins: [flowsFilePlugin(shared), workerFiles],
  });
  writeFileSync(join(root, 'dist', FLOWS_FILE), asFlowsFactory(flows.outputFiles[0].text));
  await Promise.all([
    // What the Node entry requires on a module's first call: its glue and bytes (scripts/esbuild-wasm.mjs, 'file').
    ...Object.keys(MODULES.server).map((module) => esbuild.build({
      ...cjs, outfile: `dist/${nodeFile('server', module)}`, platform: 'node',
      stdin: { resolveDir: root, loader: 'js', contents: [
        `export * from ${JSON.stringify(gluePath('server', module))};`,
        `export const wasmBase64 = ${JSON.stringify(readFileSync(join(root, 'pkg/server', module, 'twofa_bg.wasm')).toString('base64'))};`,
      ].join('\n') },
    })),
    esbuild.build({
      ...cjs, entryPoints: ['sdk/entries/node.ts'], outfile: 'dist/node.cjs', platform: 'node',
      plugins: [lazyFlowsPlugin(shared), wasmBuild('server', 'file')],
    }),
    esbuild.build({
      ...common, entryPoints: ['sdk/entries/web.ts'], outfile: 'dist/web.mjs',
      platform: 'neutral', format: 'esm', plugins: [wasmBuild('server', 'bytes')],
    }),
    esbuild.build({
      ...common, entryPoints: ['sdk/entries/browser.ts'], outfile: 'dist/browser.mjs',
      platform: 'neutral', format: 'esm', plugins: [wasmBuild('lite', 'bytes')],
    }),
    // Edge runtimes (Next.js / Vercel, condition `edge-light`) forbid compiling WebAssembly from
    // bytes: the bundler compiles the shipped .wasm files, imported with `?module`.
    ...[['server', 'edge'], ['lite', 'browser-edge']].map(([build, out]) => esbuild.build({
      ...common, entryPoints: [`sdk/entries/${out}.ts`], outfile: `dist/${out}.mjs`,
      platform: 'neutral', format: 'esm', plugins: [wasmBuild(build, 'module')],
    })),
    // CommonJS copy of the lite entry, for `require('twofa/browser')` (Jest, older tooling).
    esbuild.build({
      ...cjs, entryPoints: ['sdk/entries/browser.ts'], outfile: 'dist/browser.cjs',
      platform: 'neutral', plugins: [wasmBuild('lite', 'bytes')],
    }),
    // twofa/widget holds no WebAssembly (it redraws the server's QR code): one file per module format.
    ...[['esm', 'mjs'], ['cjs', 'cjs']].map(([format, extension]) => esbuild.build({
      ...(format === 'cjs' ? cjs : common), entryPoints: ['www/widget/index.ts'], outfile: `dist/widget.${extension}`, platform: 'browser', format,
    })),
    // twofa/redis and twofa/postgres hold no WebAssembly and no state: one copy per module format.
    ...SHARED_STORES.flatMap((store) => [['cjs', 'cjs'], ['esm', 'mjs']].map(([format, extension]) => esbuild.build({
      ...(format === 'cjs' ? cjs : common), entryPoints: [`sdk/${store}.ts`], outfile: `dist/${store}.${extension}`, platform: 'neutral', format,
    }))),
    // The `twofa` command runs on the Node entry next to it rather than bundling a second copy of the wasm.
    esbuild.build({
      ...cjs, entryPoints: ['sdk/cli/main.ts'], outfile: 'dist/cli.cjs', platform: 'node',
      banner: { js: '#!/usr/bin/env node' }, define: { TWOFA_VERSION: JSON.stringify(packageVersion()) },
      plugins: [{ name: 'twofa-node-external', setup(build) {
        build.onResolve({ filter: /^twofa$/ }, () => ({ path: './node.cjs', external: true }));
      } }],
    }),
  ]);
  chmodSync(join(root, 'dist/cli.cjs'), 0o755);
  for (const build of BUILDS) {
    for (const part of build.parts) copyFileSync(join(root, 'pkg', build.name, part, 'twofa_bg.wasm'), join(root, 'dist', wasmFile(build.name, part)));
  }
  // ESM in Node re-exports the CommonJS build, so `require` and `import` share
  // one module instance (one error class). It loads it with `createRequire`:
  // `import` of a CommonJS file makes Node scan all of it for export names,
  // which for this file (the inlined wasm) costs ~20 ms of start-up.
  const nodeEntry = await import(join(root, 'dist/node.cjs'));
  const names = Object.keys(nodeEntry).filter((n) => n !== 'default' && n !== 'module.exports').sort();
  writeFileSync(join(root, 'dist/node.mjs'),
    `import { createRequire } from 'node:module';\nconst twofa = createRequire(import.meta.url)('./node.cjs');\n` +
    `export const { ${names.join(', ')} } = twofa;\nexport default twofa;\n`);
}

function packageVersion() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

function buildTypes() {
  rmSync(join(root, 'dist/types'), { recursive: true, force: true });
  run(bin('tsc'), ['-p', 'tsconfig.json']);
  // The command line is a program, not an API: no declarations for it in the package.
  rmSync(join(root, 'dist/types/sdk/cli'), { recursive: true, force: true });
  // Written by hand (tsc emits no .d.ts inputs): the widget's JSX types for React.
  copyFileSync(join(root, 'www/widget/jsx.d.ts'), join(root, 'dist/types/www/widget/jsx.d.ts'));
  // One declaration file per entry, in the module format of its JavaScript.
  const entry = (file, source) => writeFileSync(join(root, 'dist', file), `export * from './types/${source}.js';` + '\n');
  entry('node.d.cts', 'sdk/entries/node');
  entry('node.d.mts', 'sdk/entries/node');
  entry('web.d.mts', 'sdk/entries/web');
  entry('browser.d.mts', 'sdk/entries/browser');
  entry('browser.d.cts', 'sdk/entries/browser');
  entry('edge.d.mts', 'sdk/entries/edge');
  entry('browser-edge.d.mts', 'sdk/entries/browser-edge');
  entry('widget.d.cts', 'www/widget/index');
  for (const store of SHARED_STORES) {
    entry(`${store}.d.cts`, `sdk/${store}`);
    entry(`${store}.d.mts`, `sdk/${store}`);
  }
  entry('widget.d.mts', 'www/widget/index');
}

mkdirSync(join(root, 'dist'), { recursive: true });
let changed = false;
for (const build of BUILDS) {
  for (const part of build.parts) changed = buildWasm(build, part) || changed;
}
if (changed || !upToDate('dist/node.mjs', ['sdk', 'www/widget', 'pkg', 'scripts/build.mjs', 'scripts/esbuild-wasm.mjs', 'scripts/node-split.mjs', 'tsconfig.json', 'package.json'])) {
  console.log('build: JavaScript and types');
  // Types first: if tsc fails, dist/node.mjs (the up-to-date marker) is not rewritten.
  buildTypes();
  await buildJs();
}
for (const build of BUILDS) {
  const sizes = build.parts.map((part) => `${part} ${readFileSync(join(root, 'pkg', build.name, part, 'twofa_bg.wasm')).length}`);
  console.log(`build: ${build.name} wasm bytes: ${sizes.join(', ')}`);
}
