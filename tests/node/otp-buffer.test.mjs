// The browser build's codes module passes texts through a static buffer
// instead of strings (src/wasm.rs, mod codes; sdk/otp-buffer.ts), the server
// build's modules pass strings: both must give every call the same result or
// the same error, values too long for the buffer included, and no secret may
// stay in the buffer after a call.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as server from 'twofa';
import * as lite from 'twofa/browser';
import { wasmBuild } from '../../scripts/esbuild-wasm.mjs';
import { otpCases, outcome, qrCases } from '../support/otp-cases.mjs';

test('the lite and server builds agree on 3,000 calls of every OTP, secret and URI function', () => {
  const cases = otpCases(3000);
  let matched = 0;
  for (const [name, call] of cases) {
    const expected = outcome(server, call);
    assert.equal(outcome(lite, call), expected, name);
    if (/^\{"(step|counter)"/.test(expected)) matched += 1;
  }
  // The cases reach past the checks: codes that match, and each kind of error.
  const outcomes = cases.map(([, call]) => outcome(server, call));
  assert.ok(matched > 50, `${matched} matches`);
  for (const code of ['INVALID_OPTION', 'INVALID_BASE32', 'INVALID_CODE_FORMAT', 'SECRET_TOO_SHORT']) {
    assert.ok(outcomes.some((o) => o.startsWith(`${code}:`)), code);
  }
});

test('the lite and server builds draw the same QR codes (and refuse the same ones) for 400 calls', () => {
  const cases = qrCases(400);
  let drawn = 0;
  const codes = new Set();
  for (const [name, call] of cases) {
    const expected = outcome(server, call);
    assert.equal(outcome(lite, call), expected, name);
    if (expected.startsWith('"<svg ')) drawn += 1;
    else codes.add(expected.slice(0, expected.indexOf(':')));
  }
  assert.ok(drawn > 150, `${drawn} drawn`);
  assert.ok(codes.has('INVALID_OPTION'), [...codes].join());
});

const S = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const HUGE = 20_000; // longer than the module's input buffer on its own

test('values too long for the buffer are refused as values just too long for their check, in the same order', () => {
  const same = (call) => assert.equal(outcome(lite, call), outcome(server, call));
  for (const t of [lite, server]) {
    assert.throws(() => t.totp({ secret: 'A'.repeat(HUGE) }), { code: 'INVALID_BASE32', message: /longer than 1024 characters/ });
    assert.throws(() => t.totp({ secret: 'A'.repeat(HUGE), algorithm: 'x'.repeat(HUGE) }), { message: /`algorithm`/ });
    assert.throws(() => t.verifyTotp({ secret: S, code: '1'.repeat(HUGE) }), { code: 'INVALID_CODE_FORMAT' });
    assert.throws(() => t.buildUri({ secret: S, account: 'a', issuer: `${'i'.repeat(HUGE)}:` }), { message: /`issuer`: must not contain ':'/ });
    assert.throws(() => t.buildUri({ secret: S, account: 'a', issuer: 'i'.repeat(HUGE) }), { message: /`issuer`: at most 256 bytes/ });
    assert.throws(() => t.buildUri({ secret: S, account: 'a', image: 'i'.repeat(HUGE) }), { message: /`image`: at most 2048 bytes/ });
    assert.throws(() => t.buildUri({ type: 't'.repeat(HUGE), secret: 'A'.repeat(HUGE), account: 'a' }), { message: /`type`/ });
  }
  // Names are trimmed before they are checked: spaces around one take no room.
  const padded = `${' '.repeat(HUGE)}bob${'\u2003'.repeat(HUGE)}`;
  same((t) => t.buildUri({ secret: S, account: padded, issuer: padded, image: 'i'.repeat(2048) }));
  assert.match(lite.buildUri({ secret: S, account: padded, issuer: padded }), /^otpauth:\/\/totp\/bob:bob\?/);
  // The longest valid values fit together.
  const longest = { type: 'hotp', secret: 'A'.repeat(1024), account: 'é'.repeat(128), issuer: '😀'.repeat(64), algorithm: 'SHA-512', digits: 10, counter: 2 ** 53 - 1, image: 'é'.repeat(1024) };
  same((t) => t.buildUri(longest));
  assert.ok(lite.buildUri(longest).length > 9000);
});

/** The bytes of a base32 text (A-Z, 2-7, no padding). */
function base32Bytes(text) {
  let bits = 0;
  let value = 0;
  const bytes = [];
  for (const char of text) {
    value = (value << 5) | 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(char);
    bits += 5;
    if (bits >= 8) bytes.push((value >>> (bits -= 8)) & 0xff);
  }
  return Buffer.from(bytes);
}

/** What of a secret could be left in memory: its base32, its key, and the key as HMAC pads it. */
const traces = (secret) => {
  const key = base32Bytes(secret);
  return { base32: Buffer.from(secret), key, inner: key.map((b) => b ^ 0x36), outer: key.map((b) => b ^ 0x5c) };
};

/** The browser build's SDK with its codes module's glue: `initSync` (the memory) and `otpBuffer`. */
async function liteWithGlue() {
  const out = await build({
    stdin: {
      contents: "export * from './sdk/lite.ts'; export { initSync, otpBuffer } from '#glue/otp';",
      resolveDir: fileURLToPath(new URL('../..', import.meta.url)), loader: 'ts',
    },
    bundle: true, write: false, format: 'esm', platform: 'node', plugins: [wasmBuild('lite', 'bytes')],
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/** One of each kind of call, valid and refused, handling the secret `S` (or making one). */
const secretCalls = (t) => [
  () => t.totp({ secret: S }),
  () => t.verifyTotp({ secret: S, code: '123456', algorithm: 'SHA256' }),
  () => t.verifyHotp({ secret: S, code: '123456', counter: 0 }),
  () => t.buildUri({ secret: S, account: 'a', issuer: 'b', image: 'c' }),
  () => t.formatSecret(S),
  () => t.normalizeSecret(S.toLowerCase()),
  () => t.generateSecret(),
  () => t.buildUri({ secret: S, account: 'a'.repeat(HUGE) }),
  () => t.totp({ secret: `${S}${'A'.repeat(HUGE)}` }),
  () => t.qrSvg(`otpauth://totp/a?secret=${S}`),
  () => t.qrSvg(`otpauth://totp/a?secret=${S}&image=${'i'.repeat(HUGE)}`),
  () => t.qrSvg(`otpauth://totp/a?secret=${S}`, { title: 't'.repeat(HUGE) }),
];

test('no secret stays in the module\'s buffer or memory after a call', async () => {
  const t = await liteWithGlue();
  const buffer = () => new Uint8Array(t.initSync().memory.buffer, t.otpBuffer(), 16_384);
  for (const call of secretCalls(t)) {
    let answer;
    try { answer = call(); } catch { /* the refused ones: their error is no secret */ }
    // The SDK wipes answers too (an SVG draws the secret), so the buffer is all zeros.
    const left = buffer().findIndex((byte) => byte !== 0);
    assert.equal(left, -1, `${call}: byte ${left} left`);
    // Nor anywhere else in the module's memory: the stack below the export
    // held copies of the input, the decoded key and HMAC's pads (src/wasm.rs, wiping_stack).
    const memory = Buffer.from(t.initSync().memory.buffer);
    const secret = String(call).includes('generateSecret') ? answer : S;
    for (const [what, bytes] of Object.entries(traces(secret))) {
      assert.equal(memory.indexOf(bytes.subarray(0, 16)), -1, `${call}: the secret's ${what} left in memory`);
    }
  }
});

// Rust's wasm32 stack is the first MiB of memory, growing down from its top,
// below the module's data: filled with a marker while no call runs, what a
// call leaves behind shows, in whatever form (a QR code's modules, say).
const STACK_TOP = 1 << 20;
const MARK = 0xa5;

test('after each call, what it wrote on the stack is zeros, however deep it went', async () => {
  const t = await liteWithGlue();
  for (const call of secretCalls(t)) {
    new Uint8Array(t.initSync().memory.buffer).fill(MARK, 0, STACK_TOP);
    try { call(); } catch { /* refused */ }
    const stack = new Uint8Array(t.initSync().memory.buffer, 0, STACK_TOP);
    assert.ok(stack.findIndex((byte) => byte !== MARK) < STACK_TOP - 64 * 1024, `${call}: the wipe ran`);
    // Left: the few words of the frames around the wipe (lengths, addresses; 39 to 213 bytes
    // measured), where a call that went deeper than its wipe (CODES_WIPE, QR_WIPE in
    // src/wasm.rs) leaves thousands: a QR code's modules, its data, the input.
    const left = stack.reduce((count, byte) => count + (byte !== MARK && byte !== 0 ? 1 : 0), 0);
    assert.ok(left <= 256, `${call}: ${left} bytes of the stack left written`);
  }
});
