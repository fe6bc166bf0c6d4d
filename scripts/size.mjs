#!/usr/bin/env node
// `npm run size`: raw, gzip and brotli sizes of each shipped WebAssembly
// module and JavaScript artifact, and of esbuild bundles as users make them:
// twofa/browser used for TOTP + URI + QR, and everything `import 'twofa/widget'`
// pulls; with peers (otpauth + qrcode, qrcode alone) when bench/node_modules
// has them.
//   --check   fail if an artifact is more than 10% over size-budget.json
//   --update  write the current sizes to size-budget.json
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { MODULES, wasmFile } from './esbuild-wasm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const budgetFile = join(root, 'size-budget.json');
const TOLERANCE = 1.1;

const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const read = (path) => readFileSync(join(root, path));
/** The JavaScript of an entry without its inlined wasm: the string assigned to each `wasm_bytes_default`. */
function withoutWasm(path) {
  const text = read(path).toString('utf8');
  let out = '';
  let at = 0;
  for (const match of text.matchAll(/wasm_bytes_default\d* = (['"`])/g)) {
    const open = match.index + match[0].length - 1;
    let end = open + 1; // the closing quote, skipping escapes
    while (end < text.length && text[end] !== match[1]) end += text[end] === '\\' ? 2 : 1;
    out += `${text.slice(at, open)}''`;
    at = end + 1;
  }
  return Buffer.from(out + text.slice(at));
}

async function bundle(name, contents, resolveDir = root) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'js' }, bundle: true, minify: true, write: false, format: 'esm',
    platform: 'browser', target: 'es2022', logLevel: 'silent', legalComments: 'none',
    alias: { 'twofa/browser': join(root, 'dist/browser.mjs'), 'twofa/widget': join(root, 'dist/widget.mjs') },
  });
  return [name, sizes(Buffer.from(result.outputFiles[0].contents))];
}

const USE_TWOFA = `import { buildUri, qrSvg, totp, verifyTotp } from 'twofa/browser';
const uri = buildUri({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', account: 'a@b.c', issuer: 'X' });
export const out = [qrSvg(uri), totp({ secret: 'JBSWY3DPEHPK3PXP' }), verifyTotp({ secret: 'JBSWY3DPEHPK3PXP', code: '123456' })];`;
const USE_WIDGET = `import 'twofa/widget';`;
const USE_QRCODE = `import QRCode from 'qrcode';
export const out = QRCode.toString('otpauth://totp/X:a@b.c?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=X', { type: 'svg' });`;
const USE_PEERS = `import { TOTP, Secret, URI } from 'otpauth'; import QRCode from 'qrcode';
const totp = new TOTP({ secret: Secret.fromBase32('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'), issuer: 'X', label: 'a@b.c' });
export const out = [QRCode.toString(totp.toString(), { type: 'svg' }), totp.generate(), totp.validate({ token: '123456', window: 1 }), URI.parse(totp.toString())];`;

const flavor = (build) => (existsSync(join(root, `pkg/${build}/otp/flavor.txt`)) ? read(`pkg/${build}/otp/flavor.txt`).toString().trim() : 'unknown');
const rows = [
  ...Object.entries(MODULES).flatMap(([build, modules]) => Object.keys(modules).map((module) => {
    const file = `dist/${wasmFile(build, module)}`;
    return [`${build} ${module} wasm (${file})`, sizes(read(file))];
  })),
  ['server JS glue + SDK (dist/web.mjs without wasm)', sizes(withoutWasm('dist/web.mjs'))],
  ['lite JS glue + SDK (dist/browser.mjs without wasm)', sizes(withoutWasm('dist/browser.mjs'))],
  ['widget (dist/widget.mjs)', sizes(read('dist/widget.mjs'))],
  await bundle('browser bundle: twofa/browser TOTP + URI + QR (esbuild, minified)', USE_TWOFA),
  await bundle("widget bundle: everything `import 'twofa/widget'` pulls (esbuild, minified)", USE_WIDGET),
];
const peers = join(root, 'bench');
if (existsSync(join(peers, 'node_modules/otpauth')) && existsSync(join(peers, 'node_modules/qrcode'))) {
  rows.push(await bundle('peers: otpauth + qrcode, same use as the browser bundle (esbuild, minified)', USE_PEERS, peers));
  rows.push(await bundle('peers: qrcode alone, an SVG (esbuild, minified)', USE_QRCODE, peers));
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`builds: server ${flavor('server')}, lite ${flavor('lite')}\n`);
console.log('| artifact | raw | gzip | brotli |\n|---|---:|---:|---:|');
for (const [name, s] of rows) console.log(`| ${name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);

const key = flavor('lite');
const budgets = existsSync(budgetFile) ? JSON.parse(readFileSync(budgetFile, 'utf8')) : {};
if (process.argv.includes('--update')) {
  budgets[key] = Object.fromEntries(rows.filter(([n]) => !n.startsWith('peers')).map(([n, s]) => [n, s.gzip]));
  writeFileSync(budgetFile, `${JSON.stringify(budgets, null, 2)}\n`);
  console.log(`\nbudgets for ${key} written to size-budget.json (gzip bytes)`);
}
if (process.argv.includes('--check')) {
  const budget = budgets[key];
  if (!budget) {
    console.error(`\nno size budget for builds of flavor "${key}" in size-budget.json`);
    process.exit(1);
  }
  const over = rows.filter(([n, s]) => budget[n] !== undefined && s.gzip > budget[n] * TOLERANCE);
  for (const [n, s] of over) console.error(`over budget: ${n}: ${s.gzip} B gzip > ${budget[n]} B + 10%`);
  const missing = Object.keys(budget).filter((n) => !rows.some(([r]) => r === n));
  for (const n of missing) console.error(`not measured: ${n}`);
  if (over.length || missing.length) process.exit(1);
  console.log(`\nall artifacts within 10% of their ${key} budgets`);
}
