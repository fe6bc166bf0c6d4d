// Loading twofa compiles nothing: the module is compiled on the first call
// (synchronously) or by init() (asynchronously, off the main thread). Each
// case runs in a fresh process that counts WebAssembly compilations.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const COUNT = `
  const counts = { sync: 0, async: 0 };
  const { Module } = WebAssembly;
  WebAssembly.Module = function (bytes) { counts.sync++; return new Module(bytes); };
  WebAssembly.Module.prototype = Module.prototype;
  Object.setPrototypeOf(WebAssembly.Module, Module);
  const compile = WebAssembly.compile;
  WebAssembly.compile = (bytes) => { counts.async++; return compile(bytes); };
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
    assert.deepEqual(out.afterInit, { sync: 0, async: 1 });
    assert.deepEqual(out.after, { sync: 0, async: 1 });
    assert.equal(out.code, '287082');
  });
}

test('init() after the first call does not compile again', () => {
  const out = run('cjs', `
    t.hotp({ secret: '${SECRET}', counter: 0 });
    t.init().then(() => console.log(JSON.stringify(counts)));`);
  assert.deepEqual(out, { sync: 1, async: 0 });
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
  assert.deepEqual(out.counts, { sync: 0, async: 1 }, 'the retry compiled asynchronously once');
});

test('bytes altered on the way (a script decoded in the wrong charset) are reported as such', () => {
  const out = run('cjs', `
    const realFrom = Buffer.from;
    Buffer.from = (value, encoding) => { const b = realFrom(value, encoding); if (encoding === 'base64') b[1] ^= 0xff; return b; };
    try { t.hotp({ secret: '${SECRET}', counter: 0 }); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`);
  assert.equal(out.code, 'INTERNAL_ERROR');
  assert.match(out.message, /altered/);
});
