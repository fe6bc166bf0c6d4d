// Loading twofa compiles nothing: each concern's module (otp, sha2, uri,
// qr, vault, backup) is compiled on its first call (synchronously) or by
// init() (all of them, asynchronously, off the main thread). Each case runs
// in a fresh process that counts WebAssembly compilations and names the modules.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MODULES, wasmFile } from '../../scripts/esbuild-wasm.mjs';

// The otp (SHA-1) and sha2 modules export the same functions: modules are
// named by their size, that of the shipped file with the same bytes.
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const BY_SIZE = Object.fromEntries(Object.keys(MODULES.server).map((m) => [statSync(dist + wasmFile('server', m)).size, m]));
const MODULE_COUNT = Object.keys(MODULES.server).length;

const COUNT = `
  const counts = { sync: 0, async: 0 };
  const compiled = [];
  const { Module } = WebAssembly;
  const BY_SIZE = ${JSON.stringify(BY_SIZE)};
  const named = (bytes) => compiled.push(BY_SIZE[bytes.byteLength] ?? 'unknown');
  WebAssembly.Module = function (bytes) { counts.sync++; const m = new Module(bytes); named(bytes); return m; };
  WebAssembly.Module.prototype = Module.prototype;
  Object.setPrototypeOf(WebAssembly.Module, Module);
  const compile = WebAssembly.compile;
  WebAssembly.compile = (bytes) => { counts.async++; return compile(bytes).then((m) => { named(bytes); return m; }); };
`;
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

function run(kind, body) {
  const script = kind === 'esm'
    ? `${COUNT} const t = await import('twofa'); ${body}`
    : `${COUNT} const t = require('twofa'); ${body}`;
  const args = kind === 'esm' ? ['--input-type=module', '-e', script] : ['-e', script];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }));
}

for (const kind of ['cjs', 'esm']) {
  test(`${kind}: nothing is compiled at load; the first call compiles once`, () => {
    const out = run(kind, `
      const atLoad = { ...counts };
      const code = t.hotp({ secret: '${SECRET}', counter: 0 });
      t.totp({ secret: '${SECRET}' });
      console.log(JSON.stringify({ atLoad, after: counts, code }));`);
    assert.deepEqual(out.atLoad, { sync: 0, async: 0 });
    assert.deepEqual(out.after, { sync: 1, async: 0 });
    assert.equal(out.code, '755224');
  });

  test(`${kind}: init() compiles asynchronously, once, and calls after it compile nothing`, () => {
    const out = run(kind, `
      Promise.all([t.init(), t.init()]).then(() => {
        const afterInit = { ...counts };
        const code = t.hotp({ secret: '${SECRET}', counter: 1 });
        return t.init().then(() => console.log(JSON.stringify({ afterInit, after: counts, code })));
      });`);
    assert.deepEqual(out.afterInit, { sync: 0, async: MODULE_COUNT }, 'every module, once');
    assert.deepEqual(out.after, { sync: 0, async: MODULE_COUNT });
    assert.equal(out.code, '287082');
  });
}

test('init() after the first call compiles only the modules not started yet', () => {
  const out = run('cjs', `
    t.hotp({ secret: '${SECRET}', counter: 0 });
    t.init().then(() => console.log(JSON.stringify({ counts, compiled })));`);
  assert.deepEqual(out.counts, { sync: 1, async: MODULE_COUNT - 1 });
  assert.deepEqual(out.compiled.sort(), ['backup', 'otp', 'qr', 'sha2', 'uri', 'vault']);
});

test('checking SHA-1 codes compiles only the otp module (no SHA-2, URIs, QR, XChaCha20 or Argon2id)', () => {
  const out = run('cjs', `
    const code = t.totp({ secret: '${SECRET}', timestamp: 59_000 });
    const match = t.verifyTotp({ secret: '${SECRET}', code, timestamp: 59_000, algorithm: 'SHA1' });
    t.totpKey({ secret: '${SECRET}', algorithm: 'sha-1' }).verify(code, { timestamp: 59_000 });
    t.hotpKey({ secret: '${SECRET}' }).verify(t.hotp({ secret: '${SECRET}', counter: 3 }), { counter: 3 });
    console.log(JSON.stringify({ compiled, match }));`);
  assert.deepEqual(out.compiled, ['otp']);
  assert.deepEqual(out.match, { step: 1, drift: 0 });
});

test('SHA-256 and SHA-512 codes, and a wrong algorithm name, go to the sha2 module', () => {
  const out = run('cjs', `
    const code = t.totp({ secret: '${SECRET}', timestamp: 59_000, algorithm: 'SHA256' });
    const match = t.totpKey({ secret: '${SECRET}', algorithm: 'sha-256' }).verify(code, { timestamp: 59_000 });
    const hotp = t.hotp({ secret: '${SECRET}', counter: 0, algorithm: 'SHA512' });
    let wrong;
    try { t.verifyTotp({ secret: '${SECRET}', code, algorithm: 'SHA-3' }); } catch (e) { wrong = e.code; }
    console.log(JSON.stringify({ compiled, match, hotp, wrong }));`);
  assert.deepEqual(out.compiled, ['sha2']);
  assert.deepEqual(out.match, { step: 1, drift: 0 });
  assert.equal(out.hotp.length, 6);
  assert.equal(out.wrong, 'INVALID_OPTION');
});

test('each concern compiles its own module on its first call', () => {
  const out = run('cjs', `
    t.buildUri({ secret: t.generateSecret(), account: 'a' });
    t.qrSvg('x');
    const ring = new t.KeyRing({ current: 'k1', keys: { k1: 'first-key-0123456789abcdef0123456789' } });
    ring.open(ring.seal('x', 'u'), 'u');
    t.countBackupCodes(t.hashBackupCodes(['abcde-12345'], 'u1'));
    t.qrSvg('y');
    console.log(JSON.stringify({ compiled, counts }));`);
  assert.deepEqual(out.compiled, ['uri', 'qr', 'vault', 'backup']);
  assert.deepEqual(out.counts, { sync: 4, async: 0 });
});

test('a runtime that refuses to compile WebAssembly gets INTERNAL_ERROR naming the CSP fix, and a later call retries', () => {
  const out = run('cjs', `
    const Refusing = function () { throw new WebAssembly.CompileError('WebAssembly.Module(): Refused to compile (CSP)'); };
    const Real = WebAssembly.Module;
    WebAssembly.Module = Refusing;
    let first;
    try { t.hotp({ secret: '${SECRET}', counter: 0 }); } catch (e) {
      first = { code: e.code, isTwoFactorError: e instanceof t.TwoFactorError, message: e.message, cause: e.cause?.name };
    }
    WebAssembly.Module = Real;
    console.log(JSON.stringify({ first, later: t.hotp({ secret: '${SECRET}', counter: 0 }) }));`);
  assert.equal(out.first.code, 'INTERNAL_ERROR');
  assert.ok(out.first.isTwoFactorError);
  assert.equal(out.first.cause, 'CompileError');
  assert.match(out.first.message, /could not be started.*'wasm-unsafe-eval'/);
  assert.equal(out.later, '755224');
});

test('init() in a runtime that refuses to compile rejects with the same INTERNAL_ERROR, and a later init() retries', () => {
  const out = run('cjs', `
    const realCompile = WebAssembly.compile;
    WebAssembly.compile = () => Promise.reject(new WebAssembly.CompileError('Refused to compile (CSP)'));
    t.init().then(
      () => console.log(JSON.stringify({ resolved: true })),
      (e) => {
        const first = { code: e.code, isTwoFactorError: e instanceof t.TwoFactorError, message: e.message, cause: e.cause?.name };
        WebAssembly.compile = realCompile;
        return t.init().then(() => console.log(JSON.stringify({ first, later: t.hotp({ secret: '${SECRET}', counter: 0 }), counts })));
      });`);
  assert.equal(out.first.code, 'INTERNAL_ERROR');
  assert.ok(out.first.isTwoFactorError);
  assert.equal(out.first.cause, 'CompileError');
  assert.match(out.first.message, /'wasm-unsafe-eval'/);
  assert.equal(out.later, '755224');
  assert.deepEqual(out.counts, { sync: 0, async: MODULE_COUNT }, 'the retry compiled each module asynchronously once');
});

test('bytes altered on the way (a script decoded in the wrong charset) are reported as such', () => {
  const out = run('cjs', `
    const realFrom = Buffer.from;
    Buffer.from = (value, encoding) => { const b = realFrom(value, encoding); if (encoding === 'base64') b[1] ^= 0xff; return b; };
    try { t.hotp({ secret: '${SECRET}', counter: 0 }); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`);
  assert.equal(out.code, 'INTERNAL_ERROR');
  assert.match(out.message, /altered/);
});

test('a worker thread that hashes and checks backup codes compiles the backup module alone', () => {
  // How Argon2id can leave the main thread: the worker loads twofa like any
  // code and compiles only the module it calls (its own instance).
  const out = run('cjs', `
    const { Worker } = require('node:worker_threads');
    const worker = new Worker(\`
      const { parentPort } = require('node:worker_threads');
      ${COUNT.replace(/`/g, '\\`')}
      const t = require('twofa');
      const record = t.hashBackupCodes(['abcde-12345', 'fghjk-67890'], 'user-1');
      const used = t.useBackupCode(record, 'FGHJK 67890', 'user-1');
      parentPort.postMessage({ compiled, remaining: used.remaining, again: t.useBackupCode(used.record, 'fghjk-67890', 'user-1') });
    \`, { eval: true });
    worker.on('message', (inWorker) => { console.log(JSON.stringify({ inWorker, inMain: compiled })); worker.terminate(); });`);
  assert.deepEqual(out.inWorker, { compiled: ['backup'], remaining: 1, again: null });
  assert.deepEqual(out.inMain, [], 'the main thread compiled nothing');
});

// The flows are a file of their own (dist/twofa_flows.cjs, scripts/node-split.mjs), a function node.cjs
// calls with its own modules: nothing on the package's exports hands them over.
test('the flows load from a frozen require("twofa"), and a flows file required first cannot take over', () => {
  const out = run('cjs', `
    const factory = require(${JSON.stringify(`${dist}twofa_flows.cjs`)});
    let hijacked = false;
    const fake = new Proxy({}, { get() { hijacked = true; return {}; } });
    try { factory(fake); } catch {}
    hijacked = false;
    Object.freeze(t);
    const twofa = t.createTwoFactor({ issuer: 'Forum', keys: { current: 'k1', keys: { k1: 'k'.repeat(32) } } });
    const begun = twofa.beginEnrollment({ userId: 'u', account: 'u' });
    const refused = twofa.confirmEnrollment({ userId: 'u', enrollmentToken: begun.enrollmentToken, code: '000000', user: null })
      .then(() => 'accepted', (error) => error instanceof t.TwoFactorError ? error.code : String(error));
    refused.then((wrong) => console.log(JSON.stringify({
      factory: typeof factory, wrong, hijacked, symbols: Object.getOwnPropertySymbols(t).length,
    })));`);
  assert.equal(out.factory, 'function');
  assert.equal(out.wrong, 'INVALID_CODE');
  assert.equal(out.hijacked, false, 'node.cjs gave the flows its own modules');
  assert.equal(out.symbols, 0, 'nothing hidden on the exports');
});

test('a file missing from dist/ is INTERNAL_ERROR saying so, for init(), a first call and backup codes, and nothing hangs', async () => {
  const { cpSync, mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const copy = mkdtempSync(`${tmpdir()}/twofa-dist-`);
  try {
    cpSync(dist, copy, { recursive: true });
    rmSync(`${copy}/twofa_qr_bg.cjs`);
    rmSync(`${copy}/twofa_backup_worker.cjs`);
    const script = `
      const t = require(${JSON.stringify(`${copy}/node.cjs`)});
      const codeOf = (error) => error instanceof t.TwoFactorError ? error.code + ': ' + error.message : 'not a TwoFactorError: ' + error;
      const sync = (run) => { try { run(); return 'no error'; } catch (error) { return codeOf(error); } };
      const later = (promise) => Promise.race([promise.then(() => 'no error', codeOf), new Promise((r) => setTimeout(() => r('hangs'), 5000))]);
      (async () => {
        const init = await later(t.init());
        const first = sync(() => t.qrSvg('otpauth://totp/x?secret=GEZDGNBVGY3TQOJQ'));
        const twofa = t.createTwoFactor({ issuer: 'Forum', keys: { current: 'k1', keys: { k1: 'k'.repeat(32) } } });
        const imports = await Promise.all([1, 2, 3].map((id) => later(twofa.importBackupCodes({ userId: id, codes: ['123456', '234567'] }))));
        const again = await later(twofa.importBackupCodes({ userId: 4, codes: ['123456', '234567'] }));
        console.log(JSON.stringify({ init, first, imports, again }));
      })();`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    const missing = /^INTERNAL_ERROR: .*keep the files of twofa's dist\/ folder together/;
    assert.match(out.init, missing);
    assert.match(out.first, missing);
    for (const result of [...out.imports, out.again]) assert.match(result, missing);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
