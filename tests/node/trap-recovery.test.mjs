// If the WebAssembly instance ever traps (a bug: the core must not panic),
// the SDK restarts it, so that one failed call does not become a failure of
// every later call. The SDK's bridge is bundled here with the real glue and
// module, and a trap is triggered through a test-only export.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { wasmBuild } from '../../scripts/esbuild-wasm.mjs';

const entry = `
  import wasmBytes from '#wasm-bytes';
  import { register } from './sdk/load.ts';
  export { call } from './sdk/wasm.ts';
  export * as glue from '#wasm';
  export { totpKey } from './sdk/otp-key.ts';
  export { KeyRing } from './sdk/keyring.ts';
  register(() => Buffer.from(wasmBytes, 'latin1'));
`;

/** A fresh copy of the bridge, glue and module (its own instance). */
async function loadBridge() {
  const out = await build({
    stdin: { contents: entry, resolveDir: fileURLToPath(new URL('../..', import.meta.url)), loader: 'ts' },
    bundle: true, write: false, format: 'esm', platform: 'node', plugins: [wasmBuild('server')],
  });
  const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`;
  return import(url);
}

test('a trapped instance is restarted and reported as INTERNAL_ERROR', async () => {
  const { call, glue } = await loadBridge();
  const { TwoFactorError } = await import('twofa');
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  assert.equal(call(() => glue.hotp(secret, 0, 'SHA1', 6)), 755224); // the SDK adds leading zeros
  for (let i = 0; i < 100; i++) {
    assert.throws(() => call(() => glue.__trapForTests()), (error) => {
      assert.ok(error instanceof TwoFactorError);
      assert.equal(error.code, 'INTERNAL_ERROR');
      assert.ok(error.cause instanceof WebAssembly.RuntimeError);
      return true;
    });
    assert.equal(glue.__trapLeftStateForTests(), false, 'the instance was restarted');
    assert.ok(call(() => glue.hotp(secret, i, 'SHA1', 6)) < 1e6);
  }
  assert.equal(call(() => glue.hotp(secret, 1, 'SHA1', 6)), 287082);
});

test('objects made before a restart (prepared keys, key rings) still work after it', async () => {
  const { call, glue, totpKey, KeyRing } = await loadBridge();
  const key = totpKey({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', digits: 8 });
  const ring = new KeyRing({ current: 'k1', keys: { k1: 'first-key-0123456789abcdef0123456789' } });
  const sealed = ring.seal('kept', 'u1');
  for (let i = 0; i < 3; i++) {
    assert.throws(() => call(() => glue.__trapForTests()), { code: 'INTERNAL_ERROR' });
    // Their memory went with the old instance: they are rebuilt, not left pointing into the new one.
    assert.equal(key.generate(59_000), '94287082');
    assert.deepEqual(key.verify('94287082', { timestamp: 59_000 }), { step: 1, drift: 0 });
    assert.equal(ring.open(sealed, 'u1'), 'kept');
    assert.equal(ring.currentKeyId, 'k1');
  }
  // A key made before a restart and disposed after it frees nothing in the
  // new instance (its memory went with the old one): the others still work.
  const old = totpKey({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' });
  const kept = [1, 2, 3].map(() => totpKey({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', digits: 8 }));
  assert.throws(() => call(() => glue.__trapForTests()), { code: 'INTERNAL_ERROR' });
  for (const k of kept) assert.equal(k.generate(59_000), '94287082'); // rebuilt in the new instance
  old.dispose();
  const fresh = [1, 2, 3].map(() => totpKey({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', digits: 8 }));
  for (const k of [...kept, ...fresh]) assert.equal(k.generate(59_000), '94287082');
  assert.equal(ring.open(sealed, 'u1'), 'kept');
  assert.throws(() => old.generate(59_000), { code: 'KEY_DISPOSED' });
});
