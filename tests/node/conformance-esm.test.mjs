// Conformance suite through `import 'twofa'`, as an ES module user loads it;
// also checks that ESM and CommonJS share one module instance.
import { createRequire } from 'node:module';
import { test } from 'node:test';
import * as lib from 'twofa';
import * as browserLib from 'twofa/browser';
import { conformance } from '../conformance/suite.mjs';
import { vectors } from '../conformance/vectors.mjs';

test('import and require share one instance and one error class', () => {
  const cjs = createRequire(import.meta.url)('twofa');
  if (cjs.totp !== lib.totp) throw new Error('two copies of the module were loaded');
  if (!(new browserLib.TwoFactorError('INVALID_CODE', 'x') instanceof lib.TwoFactorError)) {
    throw new Error('errors from twofa/browser are not instanceof TwoFactorError of twofa');
  }
});

test('conformance (ESM, server build)', async (t) => {
  for (const { name, run } of conformance(lib, vectors, 'server')) await t.test(name, run);
});

test('conformance (ESM, twofa/browser lite build in Node)', async (t) => {
  for (const { name, run } of conformance(browserLib, vectors, 'lite')) await t.test(name, run);
});
