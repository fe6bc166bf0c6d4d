// qrSvg passes no strings to its module (src/wasm.rs, mod qr): the SDK writes
// the options and the text into the module's 16 KiB input buffer, and reads the
// SVG or the error back from it. Values too long for the buffer must be refused
// with the same errors, in the same order, as values just too long for their
// check; the largest SVG must fit; and the browser (lite) and server modules
// must draw the same bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { wasmBuild } from '../../scripts/esbuild-wasm.mjs';

/** The SDK's qrSvg bundled with one build's QR module. */
async function qrSvgOf(buildName) {
  const out = await build({
    stdin: { contents: "export { qrSvg } from './sdk/qr.ts';", resolveDir: fileURLToPath(new URL('../..', import.meta.url)), loader: 'ts' },
    bundle: true, write: false, format: 'esm', platform: 'node', plugins: [wasmBuild(buildName, 'bytes')],
  });
  return (await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`)).qrSvg;
}

const builds = { lite: await qrSvgOf('lite'), server: await qrSvgOf('server') };
const HUGE = 20_000; // longer than the module's input buffer on its own

const refused = (name) => ({ code: 'INVALID_OPTION', message: new RegExp(`^invalid option \`${name}\``) });

for (const [name, qrSvg] of Object.entries(builds)) {
  test(`${name}: a value too long for the buffer is refused as one just too long for its check`, () => {
    assert.throws(() => qrSvg('x', { dark: 'a'.repeat(HUGE) }), refused('dark'));
    assert.throws(() => qrSvg('x', { dark: 'a'.repeat(33) }), refused('dark'));
    assert.throws(() => qrSvg('x', { light: '#'.repeat(HUGE) }), refused('light'));
    assert.throws(() => qrSvg('x', { title: 't'.repeat(HUGE) }), { message: /`title`: at most 1024 characters/ });
    assert.throws(() => qrSvg('x', { title: '😀'.repeat(1025) }), { message: /`title`: at most 1024 characters/ });
    assert.throws(() => qrSvg('7'.repeat(HUGE), { ecc: 'L' }), { message: /`text`: too long for a QR code/ });
    assert.throws(() => qrSvg('7'.repeat(7090), { ecc: 'L' }), { message: /`text`: too long for a QR code/ });
  });

  test(`${name}: errors come in the checks' order whatever fits the buffer`, () => {
    const long = { dark: 'a'.repeat(HUGE), light: 'b'.repeat(HUGE), title: 't'.repeat(HUGE) };
    assert.throws(() => qrSvg('7'.repeat(HUGE), { margin: 65, ...long }), refused('margin'));
    assert.throws(() => qrSvg('7'.repeat(HUGE), long), refused('dark'));
    assert.throws(() => qrSvg('7'.repeat(HUGE), { ...long, dark: '#000' }), refused('light'));
    assert.throws(() => qrSvg('7'.repeat(HUGE), { title: long.title }), refused('title'));
    // Valid values up to their limits leave room for the longest text.
    const widest = { ecc: 'L', margin: 64, dark: 'a'.repeat(32), light: 'b'.repeat(32), title: '😀'.repeat(1024) };
    assert.throws(() => qrSvg('7'.repeat(7090), widest), refused('text'));
    assert.match(qrSvg('7'.repeat(7089), widest), /^<svg /);
  });
}

test('the largest SVG fits, and both modules draw the same bytes', () => {
  const texts = ['', 'x', 'otpauth://totp/Acme:bob?secret=GEZDGNBVGY3TQOJQ', 'a'.repeat(2953), 'Z'.repeat(4296), '\u0085é€😀'.repeat(200)];
  const options = [
    {},
    { ecc: 'H', margin: 0, light: 'none', title: 'Scan <me> & "you" \'now\'\u0001' },
    { ecc: 'L', margin: 64, dark: 'a'.repeat(32), light: 'b'.repeat(32), title: '"'.repeat(1024) },
  ];
  for (const text of texts) {
    for (const opts of options) {
      const outcome = (qrSvg) => { try { return qrSvg(text, opts); } catch (error) { return `${error.code}: ${error.message}`; } };
      const lite = outcome(builds.lite);
      assert.equal(lite, outcome(builds.server), `${text.slice(0, 20)} ${JSON.stringify(opts).slice(0, 60)}`);
      // Short texts fit at every level; the long ones at level L.
      if (text.length < 100 || opts.ecc === 'L') assert.match(lite, /^<svg /);
    }
  }
  const largest = builds.lite('a'.repeat(2953), options[2]);
  assert.ok(largest.length > 60_000 && largest.includes('viewBox="0 0 305 305"'), `${largest.length} bytes`);
});
