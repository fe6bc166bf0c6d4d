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
