// If a WebAssembly instance ever traps (a bug: the core must not panic),
// the SDK restarts it, so that one failed call does not become a failure of
// every later call. Each module (otp, sha2, uri, qr, vault, backup) restarts on its own.
// The SDK's bridge is bundled here with the real glue and modules, and a
// trap is triggered through a test-only export every module has.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { wasmBuild } from '../../scripts/esbuild-wasm.mjs';

const PARTS = ['otp', 'sha2', 'uri', 'qr', 'vault', 'backup'];
const entry = `
  export { call } from './sdk/wasm.ts';
  export { totpKey } from './sdk/otp-key.ts';
  export { KeyRing } from './sdk/keyring.ts';
  export { qrSvg } from './sdk/qr.ts';
  ${PARTS.map((p) => `export * as ${p}Glue from '#wasm/${p}'; export { part as ${p} } from '#part/${p}';`).join('\n')}
`;

/** A fresh copy of the bridge, glue and module (its own instance). */
async function loadBridge() {
  const out = await build({
    stdin: { contents: entry, resolveDir: fileURLToPath(new URL('../..', import.meta.url)), loader: 'ts' },
    bundle: true, write: false, format: 'esm', platform: 'node', plugins: [wasmBuild('server', 'bytes')],
  });
  const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`;
  return import(url);
}

test('a trapped instance is restarted and reported as INTERNAL_ERROR', async () => {
  const { call, otp, otpGlue: glue } = await loadBridge();
  const { TwoFactorError } = await import('twofa');
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  assert.equal(call(otp, () => glue.hotp(secret, 0, 'SHA1', 6)), 755224); // the SDK adds leading zeros
  for (let i = 0; i < 100; i++) {
    assert.throws(() => call(otp, () => glue.__trapForTests()), (error) => {
      assert.ok(error instanceof TwoFactorError);
      assert.equal(error.code, 'INTERNAL_ERROR');
      assert.ok(error.cause instanceof WebAssembly.RuntimeError);
      return true;
    });
    assert.equal(glue.__trapLeftStateForTests(), false, 'the instance was restarted');
    assert.ok(call(otp, () => glue.hotp(secret, i, 'SHA1', 6)) < 1e6);
  }
  assert.equal(call(otp, () => glue.hotp(secret, 1, 'SHA1', 6)), 287082);
});

test('each module restarts on its own; the others keep their instance', async () => {
  const bridge = await loadBridge();
  for (const name of PARTS) {
    const before = Object.fromEntries(PARTS.map((p) => [p, bridge[p].generation]));
    assert.throws(() => bridge.call(bridge[name], () => bridge[`${name}Glue`].__trapForTests()),
      (error) => error.code === 'INTERNAL_ERROR' && error.cause instanceof WebAssembly.RuntimeError);
    assert.equal(bridge[`${name}Glue`].__trapLeftStateForTests(), false, `${name} was restarted`);
    for (const p of PARTS) assert.equal(bridge[p].generation, before[p] + (p === name ? 1 : 0), `${p} after a trap in ${name}`);
  }
  assert.equal(bridge.call(bridge.otp, () => bridge.otpGlue.hotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1, 'SHA1', 6)), 287082);
  assert.match(bridge.qrSvg('x'), /^<svg/);
});

test('objects made before a restart (prepared keys, key rings) still work after it', async () => {
  const { call, otp, vault, otpGlue, vaultGlue, totpKey, KeyRing } = await loadBridge();
  const trapped = (error) => error.code === 'INTERNAL_ERROR' && error.cause instanceof WebAssembly.RuntimeError;
  const trapBoth = () => {
    assert.throws(() => call(otp, () => otpGlue.__trapForTests()), trapped);
    assert.throws(() => call(vault, () => vaultGlue.__trapForTests()), trapped);
  };
  const key = totpKey({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', digits: 8 });
  const ring = new KeyRing({ current: 'k1', keys: { k1: 'first-key-0123456789abcdef0123456789' } });
  const sealed = ring.seal('kept', 'u1');
  for (let i = 0; i < 3; i++) {
    trapBoth();
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
  trapBoth();
  for (const k of kept) assert.equal(k.generate(59_000), '94287082'); // rebuilt in the new instance
  old.dispose();
  const fresh = [1, 2, 3].map(() => totpKey({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', digits: 8 }));
  for (const k of [...kept, ...fresh]) assert.equal(k.generate(59_000), '94287082');
  assert.equal(ring.open(sealed, 'u1'), 'kept');
  assert.throws(() => old.generate(59_000), { code: 'KEY_DISPOSED' });
});
