// The WebAssembly modules of each build, and the esbuild plugin that wires
// them into the SDK.
//
// The core's bindings are cut by concern (src/wasm.rs). Each build groups
// the concerns into modules: the server build has about one module per
// concern, so that a process compiles only what it calls (checking SHA-1
// codes compiles `otp` alone, without SHA-2; reading and building URIs share
// one); the lite build (browsers) serves `otp`, `sha2`, `uri` and `qr` from
// one module, which a page that enrolls users and checks codes needs together
// anyway (one glue and one buffer less to download; the widget loads no
// WebAssembly), and `parse` (reading a URI) alone, which such a page does not
// need.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** build -> module -> the concerns it serves (Cargo features `part-<concern>`). */
export const MODULES = {
  server: { otp: ['otp'], sha2: ['sha2'], uri: ['uri', 'parse'], qr: ['qr'], vault: ['vault'], backup: ['backup'] },
  lite: { otp: ['otp', 'sha2', 'uri', 'qr'], parse: ['parse'] },
};

/**
 * build -> module -> the SDK file that stands for the module's glue: the lite
 * codes module passes texts through a buffer instead of strings
 * (src/wasm.rs, `mod codes`), and sdk/otp-buffer.ts gives the SDK the
 * server glue's functions over it.
 */
export const ADAPTERS = { lite: { otp: 'sdk/otp-buffer.ts' } };

/** The file a module is shipped as in dist/. */
export const wasmFile = (build, module) => `twofa_${build === 'lite' ? 'lite_' : ''}${module}_bg.wasm`;

/**
 * The CommonJS file in dist/ that the Node entry requires on a module's first
 * call: the module's wasm-bindgen glue, and its bytes as base64 (`wasmBase64`).
 */
export const nodeFile = (build, module) => wasmFile(build, module).replace(/\.wasm$/, '.cjs');

/** The wasm-bindgen glue of a module, as built in pkg/. */
export const gluePath = (build, module) => join(root, 'pkg', build, module, 'twofa.js');

/**
 * A stand-in for a module's glue that requires the real one (`nodeFile`) on
 * its first call: each export starts as a function that loads the glue, which
 * puts the glue's own function in its place (live bindings: later calls go
 * straight to the glue), then forwards the call (with `new` for the glue's
 * classes, which the SDK only constructs).
 */
function lazyGlue(build, module) {
  const source = readFileSync(gluePath(build, module), 'utf8');
  const declared = [...source.matchAll(/^export (?:async )?(function|class) (\w+)/gm)].map(([, kind, name]) => ({ kind, name }));
  const listed = [...source.matchAll(/^export \{([^}]*)\}/gm)].flatMap(([, list]) => list.split(',').map((item) => item.trim().split(/\s+as\s+/).pop()));
  const exports = [...declared, ...listed.filter((name) => name && name !== 'default').map((name) => ({ kind: 'function', name }))];
  return [
    'let glue;',
    'function load() {',
    '  if (glue !== undefined) return;',
    `  glue = require(${JSON.stringify(`./${nodeFile(build, module)}`)});`,
    ...exports.map(({ name }) => `  ${name} = glue.${name};`),
    '}',
    ...exports.map(({ kind, name }) => `export let ${name} = function (...args) { load(); return ${kind === 'class' ? 'new ' : ''}${name}(...args); };`),
  ].join('\n');
}

/**
 * The plugin for one build and one way of shipping the bytes. For each
 * concern the SDK imports:
 *   `#wasm/<concern>`  the wasm-bindgen glue of the module serving it (pkg/<build>/<module>/twofa.js);
 *   `#part/<concern>`  `part`, that module's {@link Part} (one per module, however many concerns it serves):
 *                      started on first use from its source, which is
 *      'bytes'  the bytes inlined one character per byte (compresses like the binary: bundles),
 *      'file'   the glue and the bytes as base64 in dist/<file>.cjs (`nodeFile`), required on
 *               first use through a stand-in: `require('twofa')` parses neither (Node; a bundler
 *               follows the static requires like any others);
 *      'module' the shipped dist/<file> imported with `?module`, compiled by the bundler (edge runtimes),
 *      'worker' base64 handed over in `workerData.wasm` (the backup-code worker thread);
 * Each module's Part and source are pure, so a bundle that never calls into
 * a module drops its bytes.
 */
export function wasmBuild(build, shipping) {
  const moduleOf = (concern) => {
    const found = Object.entries(MODULES[build]).find(([, concerns]) => concerns.includes(concern));
    if (!found) throw new Error(`the ${build} build has no WebAssembly module for '${concern}'`);
    return found[0];
  };
  const sources = {
    bytes: (module) => [`import text from ${JSON.stringify(join(root, 'pkg', build, module, 'wasm-bytes.js'))};`,
      `import { textToBytes } from ${JSON.stringify(join(root, 'sdk/load.ts'))};`,
      'const source = () => textToBytes(text);'],
    file: (module) => [`const source = () => Buffer.from(require(${JSON.stringify(`./${nodeFile(build, module)}`)}).wasmBase64, 'base64');`],
    module: (module) => [`import compiled from ${JSON.stringify(`./${wasmFile(build, module)}?module`)};`,
      'const source = () => compiled;'],
    // A worker thread gets the bytes from the thread that started it, which already holds them.
    worker: () => ["import { workerData } from 'node:worker_threads';", "const source = () => Buffer.from(workerData.wasm, 'base64');"],
  };
  // The lite build's codes, secrets, URIs and QR codes report few errors: their words only
  // (sdk/messages.ts). (The server build's modules keep every word.)
  const serves = (module, concerns) => MODULES[build][module].every((concern) => concerns.includes(concern));
  const tables = (module) => (build === 'lite' && serves(module, ['otp', 'sha2', 'uri', 'qr']) ? 'OTP_TABLES' : 'ALL_TABLES');
  const part = (module) => [
    `import { __wbg_reset_state, initSync } from ${JSON.stringify(`#glue/${module}`)};`,
    `import { Part } from ${JSON.stringify(join(root, 'sdk/load.ts'))};`,
    `import { ${tables(module)} as tables } from ${JSON.stringify(join(root, 'sdk/messages.ts'))};`,
    ...sources[shipping](module),
    `export const part = /* @__PURE__ */ new Part(${JSON.stringify(module)}, initSync, __wbg_reset_state, source, tables);`,
  ].join('\n');
  return {
    name: `twofa-${build}-wasm-${shipping}`,
    setup(b) {
      // `#glue/<module>`: the glue itself, or for 'file' its stand-in.
      const glue = (module) => (shipping === 'file' ? { path: module, namespace: 'twofa-lazy-glue' } : { path: gluePath(build, module) });
      // `#wasm/<concern>`: the glue of the module serving it, or the SDK file standing for it (ADAPTERS).
      const adapted = (module) => ADAPTERS[build]?.[module] && { path: join(root, ADAPTERS[build][module]) };
      b.onResolve({ filter: /^#wasm\/[a-z0-9]+$/ }, (args) => adapted(moduleOf(args.path.slice(6))) || glue(moduleOf(args.path.slice(6))));
      b.onResolve({ filter: /^#glue\/[a-z0-9]+$/ }, (args) => glue(args.path.slice(6)));
      b.onLoad({ filter: /.*/, namespace: 'twofa-lazy-glue' }, (args) => ({ contents: lazyGlue(build, args.path), loader: 'js' }));
      b.onResolve({ filter: /^#part\/[a-z0-9]+$/ }, (args) => ({ path: moduleOf(args.path.slice(6)), namespace: 'twofa-part' }));
      b.onResolve({ filter: /^\.\/twofa_[a-z0-9_]+_bg\.cjs$/ }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /\.wasm\?module$/ }, (args) => ({ path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: 'twofa-part' }, (args) => ({ contents: part(args.path), resolveDir: root, loader: 'js' }));
    },
  };
}
