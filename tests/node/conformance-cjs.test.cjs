// Conformance suite through `require('twofa')`, as a CommonJS user loads it.
const { test } = require('node:test');
const lib = require('twofa');

test('require("twofa") resolves to the CommonJS build', () => {
  if (!require.resolve('twofa').endsWith('dist/node.cjs')) throw new Error(require.resolve('twofa'));
});

test('conformance (CommonJS)', async (t) => {
  const { conformance } = await import('../conformance/suite.mjs');
  const { vectors } = await import('../conformance/vectors.mjs');
  for (const { name, run } of conformance(lib, vectors, 'server')) await t.test(name, run);
});
