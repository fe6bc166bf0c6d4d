// Every message the core can produce, as users read it: each case triggers
// one error (or parseUri warning) through the built package and compares
// its code and words with messages.golden.json, recorded from the build that
// still wrote messages in Rust. The SDK now writes them in TypeScript from a
// code and parameters; the words must not change.
// TWOFA_UPDATE_GOLDEN=1 rewrites the file (only for intended changes).
// The last test checks the SDK's table against the core's own words for
// every error, reason and warning id (vectors/messages.json, kept by
// tests/messages.rs).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as lib from 'twofa';
import * as lite from 'twofa/browser';
import { vectors } from '../conformance/vectors.mjs';

const GOLDEN = new URL('./messages.golden.json', import.meta.url);
const S = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const K1 = 'first-key-0123456789abcdef0123456789';
const RECORD = vectors.sealed.backup.record; // cheap Argon2id parameters, for user 'user-1'
const uri = (query, label = 'Acme:alice') => `otpauth://totp/${label}?${query}`;
const ring = (t) => new t.KeyRing({ current: 'k1', keys: { k1: K1 } });

/** [name, call(library)]: each throws, except `warnings:` cases, which return parseUri warnings. */
const LITE_CASES = [
  ['secret too short', (t) => t.generateSecret({ bytes: 15 })],
  ['secret too long', (t) => t.generateSecret({ bytes: 65 })],
  ['secret bytes not whole', (t) => t.generateSecret({ bytes: 20.5 })],
  ['base32 empty', (t) => t.formatSecret('')],
  ['base32 only separators', (t) => t.formatSecret(' - ')],
  ['base32 too long', (t) => t.normalizeSecret('A'.repeat(1025))],
  ['base32 padding inside', (t) => t.formatSecret('AB=CD')],
  ['base32 digit', (t) => t.formatSecret('AB0C')],
  ['base32 other character', (t) => t.formatSecret('AB!C')],
  ['base32 partial byte', (t) => t.formatSecret('ABC')],
  ['algorithm', (t) => t.totp({ secret: S, algorithm: 'MD5' })],
  ['digits 5', (t) => t.totp({ secret: S, digits: 5 })],
  ['digits 1001', (t) => t.totp({ secret: S, digits: 1001 })],
  ['digits fraction', (t) => t.hotp({ secret: S, counter: 0, digits: 6.5 })],
  ['period 0', (t) => t.totp({ secret: S, period: 0 })],
  ['period negative', (t) => t.totp({ secret: S, period: -1 })],
  ['timestamp negative', (t) => t.totp({ secret: S, timestamp: -1 })],
  ['timestamp NaN', (t) => t.totp({ secret: S, timestamp: NaN })],
  ['counter fraction', (t) => t.hotp({ secret: S, counter: 1.5 })],
  ['counter too big', (t) => t.hotp({ secret: S, counter: 2 ** 53 })],
  ['window 11', (t) => t.verifyTotp({ secret: S, code: '123456', window: 11 })],
  ['afterStep negative', (t) => t.verifyTotp({ secret: S, code: '123456', afterStep: -1 })],
  ['lookAhead 101', (t) => t.verifyHotp({ secret: S, code: '123456', counter: 0, lookAhead: 101 })],
  ['code format 6', (t) => t.verifyTotp({ secret: S, code: '12345' })],
  ['code format 8', (t) => t.verifyHotp({ secret: S, code: '1234567', counter: 0, digits: 8 })],
  ['uri type', (t) => t.buildUri({ type: 'motp', secret: S, account: 'a' })],
  ['uri account empty', (t) => t.buildUri({ secret: S, account: '  ' })],
  ['uri account long', (t) => t.buildUri({ secret: S, account: 'a'.repeat(257) })],
  ['uri account control', (t) => t.buildUri({ secret: S, account: 'a\nb' })],
  ['uri issuer colon', (t) => t.buildUri({ secret: S, account: 'a', issuer: 'A:B' })],
  ['uri issuer long', (t) => t.buildUri({ secret: S, account: 'a', issuer: 'i'.repeat(257) })],
  ['uri issuer control', (t) => t.buildUri({ secret: S, account: 'a', issuer: 'a\tb' })],
  ['uri account colon without issuer', (t) => t.buildUri({ secret: S, account: 'a:b' })],
  ['uri image long', (t) => t.buildUri({ secret: S, account: 'a', image: 'x'.repeat(2049) })],
  ['uri build secret', (t) => t.buildUri({ secret: 'AB0C', account: 'a' })],
  ['uri build digits', (t) => t.buildUri({ secret: S, account: 'a', digits: 12 })],
  ['uri build period', (t) => t.buildUri({ secret: S, account: 'a', period: 0 })],
  ['parse too long', (t) => t.parseUri(uri(`secret=${S}&x=${'a'.repeat(8200)}`))],
  ['parse scheme', (t) => t.parseUri('http://totp/a?secret=' + S)],
  ['parse type', (t) => t.parseUri('otpauth://motp/a?secret=' + S)],
  ['parse percent', (t) => t.parseUri(uri(`secret=${S}&issuer=%ZZ`))],
  ['parse percent utf8', (t) => t.parseUri(uri(`secret=${S}&issuer=%FF`))],
  ['parse no secret', (t) => t.parseUri(uri('issuer=Acme'))],
  ['parse bad secret', (t) => t.parseUri(uri('secret=AB0C'))],
  ['parse empty secret', (t) => t.parseUri(uri('secret='))],
  ['parse short secret', (t) => t.parseUri(uri('secret=GEZDGNBV'))],
  ['parse label percent', (t) => t.parseUri(uri(`secret=${S}`, 'Ac%ZZme:alice'))],
  ['parse account percent', (t) => t.parseUri(uri(`secret=${S}`, 'Acme:al%Zice'))],
  ['parse no account', (t) => t.parseUri(uri(`secret=${S}`, 'Acme:'))],
  ['parse algorithm', (t) => t.parseUri(uri(`secret=${S}&algorithm=MD5`))],
  ['parse digits', (t) => t.parseUri(uri(`secret=${S}&digits=5`))],
  ['parse period', (t) => t.parseUri(uri(`secret=${S}&period=0`))],
  ['parse hotp counter missing', (t) => t.parseUri(`otpauth://hotp/a?secret=${S}`)],
  ['parse hotp counter', (t) => t.parseUri(`otpauth://hotp/a?secret=${S}&counter=x`)],
  ['parse secret twice', (t) => t.parseUri(uri(`secret=${S}&secret=${S}`))],
  ['parse issuer twice', (t) => t.parseUri(uri(`secret=${S}&issuer=a&Issuer=b`))],
  ['warnings: short secret', (t) => t.parseUri(uri('secret=GEZDGNBVGY3TQOJQ&issuer=Acme'))],
  ['warnings: issuer mismatch', (t) => t.parseUri(uri(`secret=${S}&issuer=Other`))],
  ['warnings: no issuer', (t) => t.parseUri(uri(`secret=${S}`, 'alice'))],
  ['warnings: algorithm, digits, period, counter', (t) => t.parseUri(uri(`secret=${S}&issuer=Acme&algorithm=sha512&digits=8&period=60&counter=3`))],
  ['warnings: secret padding', (t) => t.parseUri(uri(`secret=${S}====&issuer=Acme`))],
  ['warnings: hotp period', (t) => t.parseUri(`otpauth://hotp/Acme:a?secret=${S}&issuer=Acme&counter=1&period=30`)],
  ['qr ecc', (t) => t.qrSvg('x', { ecc: 'X' })],
  ['qr margin', (t) => t.qrSvg('x', { margin: 65 })],
  ['qr dark', (t) => t.qrSvg('x', { dark: 'red;x' })],
  ['qr light', (t) => t.qrSvg('x', { light: 'url(#a)' })],
  ['qr title', (t) => t.qrSvg('x', { title: 't'.repeat(1025) })],
  ['qr too long', (t) => t.qrSvg('x'.repeat(3000), { ecc: 'H' })],
];

const SERVER_CASES = [
  ['qr terminal margin', (t) => t.qrTerminal('x', { margin: 65 })],
  ['qr terminal too long', (t) => t.qrTerminal('x'.repeat(3000))],
  ['ring no keys', (t) => new t.KeyRing({ current: 'k1', keys: {} })],
  ['ring bad id', (t) => new t.KeyRing({ current: 'k1', keys: { 'bad id': K1 } })],
  ['ring key short', (t) => new t.KeyRing({ current: 'k1', keys: { k1: 'short' } })],
  ['ring key long', (t) => new t.KeyRing({ current: 'k1', keys: { k1: 'x'.repeat(5000) } })],
  ['ring too many', (t) => new t.KeyRing({ current: 'k1', keys: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, K1])) })],
  ['ring current missing', (t) => new t.KeyRing({ current: 'k9', keys: { k1: K1 } })],
  ['seal context empty', (t) => ring(t).seal('x', '')],
  ['seal context long', (t) => ring(t).seal('x', 'u'.repeat(1025))],
  ['seal plaintext long', (t) => ring(t).seal('x'.repeat(65 * 1024), 'u')],
  ['open too long', (t) => ring(t).open('tf1.k1.' + 'A'.repeat(140_000), 'u')],
  ['open shape', (t) => ring(t).open('nope', 'u')],
  ['open version', (t) => ring(t).open('tf9.k1.AAAA', 'u')],
  ['open key id', (t) => ring(t).open('tf1.b!d.AAAA', 'u')],
  ['open base64', (t) => ring(t).open('tf1.k1.A*AA', 'u')],
  ['open short', (t) => ring(t).open('tf1.k1.AAAA', 'u')],
  ['open missing key', (t) => ring(t).open(new t.KeyRing({ current: 'k2', keys: { k2: K1 } }).seal('x', 'u'), 'u')],
  ['open wrong context', (t) => ring(t).open(ring(t).seal('x', 'u'), 'v')],
  ['token purpose', (t) => ring(t).issueToken({ purpose: 'has space', subject: 'u', ttlSeconds: 60 })],
  ['token subject', (t) => ring(t).issueToken({ purpose: 'p', subject: '', ttlSeconds: 60 })],
  ['token ttl', (t) => ring(t).issueToken({ purpose: 'p', subject: 'u', ttlSeconds: 0 })],
  ['token data', (t) => ring(t).issueToken({ purpose: 'p', subject: 'u', ttlSeconds: 60, data: 'd'.repeat(16 * 1024 + 1) })],
  ['token expired', (t) => { const r = ring(t); return r.openToken(r.issueToken({ purpose: 'p', subject: 'u', ttlSeconds: 60, timestamp: 1000 }), 'p', { timestamp: 61_000 }); }],
  ['token other purpose', (t) => { const r = ring(t); return r.openToken(r.issueToken({ purpose: 'p', subject: 'u', ttlSeconds: 60 }), 'q'); }],
  ['token not readable', (t) => { const r = ring(t); return r.openToken(r.seal('x', 'p'), 'p'); }],
  ['backup count', (t) => t.generateBackupCodes({ count: 101 })],
  ['backup codes too many', (t) => t.hashBackupCodes(Array.from({ length: 101 }, () => 'abcde-12345'), 'u1')],
  ['backup codes shape', (t) => t.hashBackupCodes(['nope'], 'u1')],
  ['backup codes twice', (t) => t.hashBackupCodes(['abcde-12345', 'ABCDE12345'], 'u1')],
  ['backup context long', (t) => t.hashBackupCodes(['abcde-12345'], 'u'.repeat(1025))],
  ['backup import shape', (t) => t.importBackupCodes(['abc'], 'u1')],
  ['backup import too many', (t) => t.importBackupCodes(Array.from({ length: 101 }, (_, i) => String(100000 + i)), 'u1')],
  ['backup code format', (t) => t.useBackupCode(RECORD, '12345', 'user-1')],
  ['record long', (t) => t.countBackupCodes('x'.repeat(65 * 1024))],
  ['record shape', (t) => t.countBackupCodes('plain codes')],
  ['record version 1', (t) => t.countBackupCodes(RECORD.replace('tfb2', 'tfb1'))],
  ['record version', (t) => t.countBackupCodes(RECORD.replace('tfb2', 'tfb9'))],
  ['record params', (t) => t.countBackupCodes(RECORD.replace(/m=\d+/, 'm=1'))],
  ['record salt', (t) => t.countBackupCodes(RECORD.replace(/^(tfb2\$[^$]+\$)[^$]+/, '$1AAAA'))],
  ['record digest', (t) => t.countBackupCodes(RECORD.replace(/^((?:[^$]*\$){3})[^$,]+/, '$1AAAA'))],
  ['record too many', (t) => t.countBackupCodes(RECORD.replace(/^((?:[^$]*\$){3})([^$]+)/, (_, head, d) => head + Array(101).fill(d.split(',')[0]).join(',')))],
  ['mac purpose', (t) => ring(t).mac('has space', 'x')],
  ['mac data', (t) => ring(t).mac('p', 'd'.repeat(65 * 1024))],
  ['verifyMac shape', (t) => ring(t).verifyMac('p', 'x', 'nope')],
  ['verifyMac missing key', (t) => ring(t).verifyMac('p', 'x', new t.KeyRing({ current: 'k2', keys: { k2: K1 } }).mac('p', 'x'))],
  ['key totp digits', (t) => t.totpKey({ secret: S, digits: 11 })],
  ['key totp window', (t) => t.totpKey({ secret: S }).verify('123456', { window: 11 })],
  ['key hotp lookAhead', (t) => t.hotpKey({ secret: S }).verify('123456', { counter: 0, lookAhead: 101 })],
  ['key disposed', (t) => { const k = t.totpKey({ secret: S }); k.dispose(); return k.generate(); }],
];

function outcome(library, run) {
  try {
    const value = run(library);
    return { warnings: value?.warnings ?? null };
  } catch (error) {
    return { code: error.code, message: error.message };
  }
}

const record = () => Object.fromEntries([
  ...[...LITE_CASES, ...SERVER_CASES].map(([name, run]) => [name, outcome(lib, run)]),
]);

if (process.env.TWOFA_UPDATE_GOLDEN === '1') {
  writeFileSync(GOLDEN, `${JSON.stringify(record(), null, 1)}\n`);
}
const golden = JSON.parse(readFileSync(GOLDEN, 'utf8'));

test('every golden case is still a case', () => {
  assert.deepEqual(Object.keys(golden).sort(), [...LITE_CASES, ...SERVER_CASES].map(([n]) => n).sort());
});

for (const [label, library, cases] of [['twofa', lib, [...LITE_CASES, ...SERVER_CASES]], ['twofa/browser', lite, LITE_CASES]]) {
  test(`${label}: every message has the recorded code and words`, () => {
    for (const [name, run] of cases) assert.deepEqual(outcome(library, run), golden[name], name);
  });
}

test('the SDK writes the core\'s words for every error, reason and warning id', async () => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('../../sdk/messages.ts', import.meta.url))],
    bundle: true, write: false, format: 'esm', platform: 'node',
  });
  const { errorText, warningText, ALL_TABLES } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  const vectors = JSON.parse(readFileSync(new URL('../../vectors/messages.json', import.meta.url), 'utf8'));
  assert.ok(vectors.errors.length > 90 && vectors.warnings.length === 9);
  for (const [wire, code, words] of vectors.errors) assert.deepEqual(errorText(JSON.parse(wire), ALL_TABLES), [code, words], wire);
  for (const [wire, words] of vectors.warnings) assert.equal(warningText(JSON.parse(wire)), words, wire);
});
