// What each library does for each operation, and a check of its answer made
// once before timing (a benchmark of a wrong answer is worthless).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  ACCOUNT, EPOCH_SECONDS, INVALID_CODE, ISSUER, SECRET, STEP, TIMESTAMP, URI, VALID_CODE, referenceHotp, SECRET_BYTES,
} from './inputs.mjs';

const require = createRequire(import.meta.url);

export const LIBS = ['twofa', 'twofa-key', 'otpauth', 'otpauth-request', 'otplib13', 'otplib12', 'qrcode', 'qrcode-promise'];

/** The operations, in table order. `baseline` is the library twofa's ratio is taken against. */
export const OPERATIONS = [
  { id: 'totp', title: 'Generate a TOTP code', baseline: 'otpauth' },
  { id: 'verifyValid', title: 'Verify a valid code (window ±1)', baseline: 'otpauth' },
  { id: 'verifyInvalid', title: 'Verify an invalid code (window ±1, all 3 steps)', baseline: 'otpauth' },
  { id: 'secret', title: 'Generate a secret (20 bytes, base32)', baseline: 'otpauth' },
  { id: 'buildUri', title: 'Build an otpauth URI', baseline: 'otpauth' },
  { id: 'parseUri', title: 'Parse an otpauth URI', baseline: 'otpauth' },
  { id: 'qrSvg', title: 'QR SVG of a 135-character URI (ECC M)', baseline: 'qrcode' },
];

const BASE32 = /^[A-Z2-7]{32}$/;
const svgSide = (svg) => Number(/viewBox="0 0 (\d+) /.exec(svg)?.[1]);

/** Loads only what the operation needs (a child process measures one operation). */
async function load(lib) {
  switch (lib) {
    case 'twofa':
    case 'twofa-key': return import('../../dist/node.mjs');
    case 'otpauth':
    case 'otpauth-request': return import('otpauth');
    case 'otplib13': return { ...(await import('otplib')), uri: await import('@otplib/uri') };
    case 'otplib12': return require('otplib12'); // CommonJS only
    case 'qrcode':
    case 'qrcode-promise': return require('qrcode');
    default: throw new Error(`unknown library ${lib}`);
  }
}

/**
 * Each entry: `{ lib, fn, async?, check(result), note? }`. `fn` closes over
 * prepared inputs only; anything a real caller would redo per call (decoding
 * a base32 secret passed as a string, say) stays inside `fn`.
 */
const DEFINITIONS = {
  totp: {
    twofa: (t) => ({ fn: () => t.totp({ secret: SECRET, timestamp: TIMESTAMP }), check: (r) => assert.equal(r, VALID_CODE), note: 'one-shot: decodes the secret every call' }),
    'twofa-key': (t) => {
      // The configuration comparable to otpauth's reused object: one prepared key.
      const key = t.totpKey({ secret: SECRET });
      return { fn: () => key.generate(TIMESTAMP), check: (r) => assert.equal(r, VALID_CODE), note: 'one reused totpKey (secret decoded once)' };
    },
    otpauth: (O) => {
      // Fastest configuration: one TOTP object, its secret decoded once, reused for every call.
      const totp = new O.TOTP({ issuer: ISSUER, label: ACCOUNT, secret: O.Secret.fromBase32(SECRET) });
      return { fn: () => totp.generate({ timestamp: TIMESTAMP }), check: (r) => assert.equal(r, VALID_CODE), note: 'one reused TOTP object (secret decoded once)' };
    },
    'otpauth-request': (O) => ({
      // What a server holding secrets as strings does per request: the one-call configuration.
      fn: () => new O.TOTP({ secret: O.Secret.fromBase32(SECRET) }).generate({ timestamp: TIMESTAMP }),
      check: (r) => assert.equal(r, VALID_CODE),
      note: 'a TOTP object built per call from the base32 string',
    }),
    otplib13: (o) => ({ fn: () => o.generateSync({ secret: SECRET, epoch: EPOCH_SECONDS }), check: (r) => assert.equal(r, VALID_CODE), note: 'generateSync, default noble crypto' }),
    otplib12: ({ authenticator }) => {
      authenticator.options = { epoch: TIMESTAMP, window: 1 };
      return { fn: () => authenticator.generate(SECRET), check: (r) => assert.equal(r, VALID_CODE), note: 'authenticator.generate' };
    },
  },
  verifyValid: {
    twofa: (t) => ({
      fn: () => t.verifyTotp({ secret: SECRET, code: VALID_CODE, timestamp: TIMESTAMP, window: 1 }),
      check: (r) => assert.deepEqual(r, { step: STEP, drift: 0 }),
      note: 'one-shot; current step first, stops at the match: 1 HMAC',
    }),
    'twofa-key': (t) => {
      const key = t.totpKey({ secret: SECRET });
      return {
        fn: () => key.verify(VALID_CODE, { timestamp: TIMESTAMP, window: 1 }),
        check: (r) => assert.deepEqual(r, { step: STEP, drift: 0 }),
        note: 'one reused totpKey; current step first: 1 HMAC',
      };
    },
    otpauth: (O) => {
      const totp = new O.TOTP({ issuer: ISSUER, label: ACCOUNT, secret: O.Secret.fromBase32(SECRET) });
      return {
        fn: () => totp.validate({ token: VALID_CODE, timestamp: TIMESTAMP, window: 1 }),
        check: (r) => assert.equal(r, 0),
        note: 'one reused TOTP object; stops at the first match (current step first: 1 HMAC)',
      };
    },
    'otpauth-request': (O) => ({
      fn: () => new O.TOTP({ secret: O.Secret.fromBase32(SECRET) }).validate({ token: VALID_CODE, timestamp: TIMESTAMP, window: 1 }),
      check: (r) => assert.equal(r, 0),
      note: 'a TOTP object built per call from the base32 string; current step first: 1 HMAC',
    }),
    otplib13: (o) => ({
      fn: () => o.verifySync({ secret: SECRET, token: VALID_CODE, epoch: EPOCH_SECONDS, epochTolerance: 30 }),
      check: (r) => assert.deepEqual([r.valid, r.delta], [true, 0]),
      note: 'verifySync, epochTolerance 30 s; stops at the first match (oldest step first: 2 HMACs)',
    }),
    otplib12: ({ authenticator }) => {
      authenticator.options = { epoch: TIMESTAMP, window: 1 };
      return { fn: () => authenticator.check(VALID_CODE, SECRET), check: (r) => assert.equal(r, true), note: 'authenticator.check, window 1; current step first: 1 HMAC' };
    },
  },
  verifyInvalid: {
    twofa: (t) => ({ fn: () => t.verifyTotp({ secret: SECRET, code: INVALID_CODE, timestamp: TIMESTAMP, window: 1 }), check: (r) => assert.equal(r, null), note: 'one-shot' }),
    'twofa-key': (t) => {
      const key = t.totpKey({ secret: SECRET });
      return { fn: () => key.verify(INVALID_CODE, { timestamp: TIMESTAMP, window: 1 }), check: (r) => assert.equal(r, null), note: 'one reused totpKey' };
    },
    otpauth: (O) => {
      const totp = new O.TOTP({ issuer: ISSUER, label: ACCOUNT, secret: O.Secret.fromBase32(SECRET) });
      return { fn: () => totp.validate({ token: INVALID_CODE, timestamp: TIMESTAMP, window: 1 }), check: (r) => assert.equal(r, null), note: 'one reused TOTP object' };
    },
    'otpauth-request': (O) => ({
      fn: () => new O.TOTP({ secret: O.Secret.fromBase32(SECRET) }).validate({ token: INVALID_CODE, timestamp: TIMESTAMP, window: 1 }),
      check: (r) => assert.equal(r, null),
      note: 'a TOTP object built per call from the base32 string',
    }),
    otplib13: (o) => ({
      fn: () => o.verifySync({ secret: SECRET, token: INVALID_CODE, epoch: EPOCH_SECONDS, epochTolerance: 30 }),
      check: (r) => assert.equal(r.valid, false),
    }),
    otplib12: ({ authenticator }) => {
      authenticator.options = { epoch: TIMESTAMP, window: 1 };
      return { fn: () => authenticator.check(INVALID_CODE, SECRET), check: (r) => assert.equal(r, false) };
    },
  },
  secret: {
    twofa: (t) => ({ fn: () => t.generateSecret({ bytes: 20 }), check: checkSecret }),
    otpauth: (O) => ({ fn: () => new O.Secret({ size: 20 }).base32, check: checkSecret, note: 'new Secret({ size: 20 }).base32' }),
    otplib13: (o) => ({ fn: () => o.generateSecret({ length: 20 }), check: checkSecret }),
    otplib12: ({ authenticator }) => ({ fn: () => authenticator.generateSecret(20), check: checkSecret }),
  },
  buildUri: {
    twofa: (t) => ({ fn: () => t.buildUri({ secret: SECRET, account: ACCOUNT, issuer: ISSUER }), check: (r) => assert.equal(r, URI) }),
    otpauth: (O) => {
      const totp = new O.TOTP({ issuer: ISSUER, label: ACCOUNT, secret: O.Secret.fromBase32(SECRET) });
      return { fn: () => totp.toString(), check: checkUri, note: 'toString() of the reused TOTP object (its secret already decoded); also writes algorithm, digits, period' };
    },
    otplib13: (o) => ({ fn: () => o.generateURI({ issuer: ISSUER, label: ACCOUNT, secret: SECRET }), check: checkUri, note: 'generateURI' }),
    otplib12: ({ authenticator }) => ({ fn: () => authenticator.keyuri(ACCOUNT, ISSUER, SECRET), check: checkUri, note: 'authenticator.keyuri' }),
  },
  parseUri: {
    twofa: (t) => ({
      fn: () => t.parseUri(URI),
      check: (r) => assert.deepEqual([r.secret, r.account, r.issuer, r.period], [SECRET, ACCOUNT, ISSUER, 30]),
      note: 'validates and decodes the secret, returns warnings',
    }),
    otpauth: (O) => ({
      fn: () => O.URI.parse(URI),
      check: (r) => assert.deepEqual([r.secret.base32, r.label, r.issuer, r.period], [SECRET, ACCOUNT, ISSUER, 30]),
      note: 'URI.parse: builds a TOTP object, decodes the secret',
    }),
    otplib13: (o) => ({
      fn: () => o.uri.parse(URI),
      check: (r) => assert.deepEqual([r.params.secret, r.label, r.params.issuer], [SECRET, `${ISSUER}:${ACCOUNT}`, ISSUER]),
      note: '@otplib/uri parse (otplib 13\'s dependency): label not split, secret not decoded',
    }),
    // otplib 12 has no URI parser.
  },
  qrSvg: {
    twofa: (t) => ({ fn: () => t.qrSvg(URI, { ecc: 'M' }), check: checkSvg }),
    qrcode: (Q) => ({
      // With a callback qrcode does all its work synchronously and calls back
      // before toString returns (lib/server.js, renderer/svg-tag.js).
      fn: () => {
        let svg;
        Q.toString(URI, { type: 'svg', errorCorrectionLevel: 'M' }, (error, out) => { if (error) throw error; svg = out; });
        return svg;
      },
      check: checkSvg,
      note: 'toString with a callback, which runs synchronously',
    }),
    'qrcode-promise': (Q) => ({
      fn: () => Q.toString(URI, { type: 'svg', errorCorrectionLevel: 'M' }),
      async: true,
      check: checkSvg,
      note: 'await toString(): the same work plus a promise and a microtask',
    }),
  },
};

const seenSecrets = new Set();
function checkSecret(r) {
  assert.match(r, BASE32, 'a 20-byte secret is 32 base32 characters');
  assert.ok(!seenSecrets.has(r), 'secrets differ');
  seenSecrets.add(r);
}

let twofaForChecks;
function checkUri(r) {
  // Libraries write different but equivalent URIs; twofa's parser reads each back.
  const parsed = twofaForChecks.parseUri(r);
  assert.deepEqual([parsed.secret, parsed.account, parsed.issuer, parsed.period], [SECRET, ACCOUNT, ISSUER, 30], r);
}

function checkSvg(r) {
  assert.ok(typeof r === 'string' && r.includes('<svg') && r.includes('<path'), 'an SVG document');
}

/** The candidates of one operation, checked, for the libraries in `only` (default all). */
export async function candidates(opId, only = LIBS) {
  const definitions = DEFINITIONS[opId];
  if (!definitions) throw new Error(`unknown operation ${opId}`);
  twofaForChecks = await load('twofa');
  assert.equal(referenceHotp(SECRET_BYTES, 1), '287082'); // RFC 4226 appendix D: the reference is right
  const list = [];
  for (const [lib, define] of Object.entries(definitions)) {
    if (!only.includes(lib)) continue;
    const candidate = { lib, ...define(await load(lib)) };
    let result = candidate.fn();
    if (candidate.async) result = await result;
    try {
      candidate.check(result);
      if (opId === 'secret') candidate.check(candidate.async ? await candidate.fn() : candidate.fn());
    } catch (error) {
      error.message = `${lib} ${opId}: ${error.message}`;
      throw error;
    }
    candidate.detail = describe(opId, result);
    list.push(candidate);
  }
  return list;
}

/** What is worth knowing about a library's output (URI length, QR size). */
function describe(opId, result) {
  if (opId === 'buildUri') return { uriLength: result.length };
  if (opId === 'qrSvg') return { svgBytes: result.length, sideWithMargin: svgSide(result) };
  return undefined;
}
