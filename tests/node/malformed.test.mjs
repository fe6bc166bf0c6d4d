// The malformed-input matrix: every export, fed wrong types, empty and 1 MB
// strings, lone surrogates, NaN/negative/huge numbers, misspelt and extra
// option keys. Each call must throw a TwoFactorError with the expected code,
// never trap the WebAssembly instance; after 10,000 bad calls the module
// must still answer the vectors correctly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as lib from 'twofa';
import * as lite from 'twofa/browser';
import { conformance } from '../conformance/suite.mjs';
import { vectors } from '../conformance/vectors.mjs';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const MB = 'A'.repeat(1 << 20);
const MB_DIGITS = '1'.repeat(1 << 20);
const LONE = 'ab\uD800cd';
const NOT_STRINGS = [42, true, [], {}, 1n, Symbol('s'), () => 'x'];
const NOT_NUMBERS = ['30', true, [], {}, 1n, null];
const BAD_NUMBERS = [NaN, Infinity, -Infinity, -1, 1.5, 2 ** 53, 1e300];
const OPT = 'INVALID_OPTION';

/** Bad values for one key, each with the code it must produce. */
function strings(code, { empty = code, allowNull = false } = {}) {
  return [
    ...NOT_STRINGS.map((v) => [v, OPT]),
    ...(allowNull ? [] : [[null, OPT]]),
    ...(empty === null ? [] : [['', empty]]),
    [LONE, OPT],
    [MB, code],
  ];
}
function numbers(extra = []) {
  return [...NOT_NUMBERS.map((v) => [v, OPT]), ...BAD_NUMBERS.map((v) => [v, OPT]), ...extra];
}

const secretBad = strings('INVALID_BASE32');
const otpKeys = { secret: secretBad, algorithm: [...strings(OPT), ['MD5', OPT]], digits: numbers([[5, OPT], [11, OPT]]) };
const timestampBad = [...NOT_NUMBERS.map((v) => [v, OPT]), [NaN, OPT], [Infinity, OPT], [-1, OPT], [8.64e15 + 1, OPT], [1e300, OPT]];
const periodBad = numbers([[0, OPT]]);
const codeBad = [...NOT_STRINGS.map((v) => [v, OPT]), [null, OPT], ['', 'INVALID_CODE_FORMAT'], [LONE, OPT],
  [MB_DIGITS, 'INVALID_CODE_FORMAT'], ['12345', 'INVALID_CODE_FORMAT'], ['１２３４５６', 'INVALID_CODE_FORMAT']];

/** Each export: a valid call, and the bad values of each option key or positional argument. */
const MATRIX = {
  generateSecret: { args: [{ bytes: 20 }], optional: true, keys: { bytes: numbers([[15, 'SECRET_TOO_SHORT'], [65, OPT]]) } },
  formatSecret: { args: [SECRET], positional: secretBad },
  normalizeSecret: { args: [SECRET], positional: secretBad },
  hotp: { args: [{ secret: SECRET, counter: 1 }], keys: { ...otpKeys, counter: numbers() } },
  totp: { args: [{ secret: SECRET, timestamp: 59_000 }], keys: { ...otpKeys, timestamp: timestampBad, period: periodBad } },
  verifyHotp: {
    args: [{ secret: SECRET, code: '287082', counter: 0 }],
    keys: { ...otpKeys, code: codeBad, counter: numbers(), lookAhead: numbers([[101, OPT]]) },
  },
  verifyTotp: {
    args: [{ secret: SECRET, code: '287082', timestamp: 59_000 }],
    keys: {
      ...otpKeys, code: codeBad, timestamp: timestampBad, period: periodBad,
      window: numbers([[11, OPT]]), afterStep: [...BAD_NUMBERS.map((v) => [v, OPT]), ['5', OPT], [{}, OPT]],
    },
  },
  buildUri: {
    args: [{ secret: SECRET, account: 'alice', issuer: 'Acme' }],
    keys: {
      secret: secretBad,
      account: [...strings(OPT), ['a:b\n', OPT]],
      issuer: [...strings(OPT, { empty: null, allowNull: true }), ['A:B', OPT]],
      type: [...strings(OPT), ['motp', OPT]],
      algorithm: [...strings(OPT), ['MD5', OPT]],
      digits: numbers([[12, OPT]]),
      period: periodBad,
      counter: numbers(),
      image: strings(OPT, { empty: null, allowNull: true }),
    },
  },
  parseUri: { args: [`otpauth://totp/a?secret=${SECRET}`], positional: [...strings('INVALID_URI'), ['otpauth://totp/a?secret=%ZZ', 'INVALID_URI']] },
  qrSvg: {
    args: ['hello', { margin: 2 }],
    positional: strings(OPT, { empty: null }),
    optional: true,
    keys: {
      ecc: [...strings(OPT), ['X', OPT]],
      margin: numbers([[65, OPT]]),
      dark: [...strings(OPT), ['red;x', OPT]],
      light: [...strings(OPT), ['url(#a)', OPT]],
      title: strings(OPT, { empty: null, allowNull: true }),
    },
  },
  qrTerminal: { args: ['hello', { margin: 1 }], positional: strings(OPT, { empty: null }), optional: true, keys: { ecc: strings(OPT), margin: numbers([[65, OPT]]) } },
};

/** Every bad call: [description, function name, arguments, expected code]. */
function badCalls() {
  const calls = [];
  for (const [name, spec] of Object.entries(MATRIX)) {
    const optsIndex = spec.args.findIndex((a) => typeof a === 'object');
    for (const [value, code] of spec.positional ?? []) {
      calls.push([`${name}(${describe(value)})`, name, [value, ...spec.args.slice(1)], code]);
    }
    if (optsIndex < 0) continue;
    const base = spec.args[optsIndex];
    const withOpts = (opts) => spec.args.map((a, i) => (i === optsIndex ? opts : a));
    for (const [key, bad] of Object.entries(spec.keys)) {
      for (const [value, code] of bad) {
        calls.push([`${name}({ ${key}: ${describe(value)} })`, name, withOpts({ ...base, [key]: value }), code]);
      }
      if (key in base && !spec.optional && ['secret', 'code', 'counter', 'account'].includes(key)) {
        const { [key]: _, ...missing } = base;
        calls.push([`${name} without ${key}`, name, withOpts(missing), OPT]);
      }
    }
    calls.push([`${name} with an extra key`, name, withOpts({ ...base, extra: 1 }), OPT]);
    calls.push([`${name} with a misspelt key`, name, withOpts({ ...base, Secret: SECRET }), OPT]);
    for (const opts of [null, 'opts', 42, [base], true]) {
      calls.push([`${name} with options ${describe(opts)}`, name, withOpts(opts), OPT]);
    }
    if (!spec.optional) calls.push([`${name}()`, name, [], OPT]);
  }
  return calls;
}

function describe(value) {
  if (typeof value === 'string') return value.length > 40 ? `'${value.slice(0, 8)}…' (${value.length} chars)` : JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return typeof value;
  return JSON.stringify(value) ?? String(value);
}

function expectCode(library, [description, name, args, code]) {
  let thrown;
  try {
    library[name](...args);
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown, `${description}: nothing was thrown`);
  assert.ok(thrown instanceof lib.TwoFactorError, `${description}: ${thrown?.constructor?.name} ${thrown?.message}`);
  assert.equal(thrown.code, code, `${description}: ${thrown.message}`);
  assert.ok(!String(thrown.message).includes(SECRET), `${description}: the message contains the secret`);
}

const calls = badCalls();

test(`the matrix covers every export (${calls.length} bad calls)`, () => {
  const exported = Object.keys(lite).filter((n) => typeof lite[n] === 'function' && !['TwoFactorError', 'init'].includes(n));
  assert.deepEqual(Object.keys(MATRIX).sort(), exported.sort());
  assert.ok(calls.length > 400, String(calls.length));
});

for (const [label, library] of [['twofa', lib], ['twofa/browser', lite]]) {
  test(`${label}: every bad call throws TwoFactorError with its code`, () => {
    for (const call of calls) expectCode(library, call);
  });

  test(`${label}: after 10,000 bad calls the module still answers correctly`, async () => {
    for (let i = 0; i < 10_000; i++) expectCode(library, calls[i % calls.length]);
    for (const { name, run } of conformance(library, vectors, 'lite').slice(0, 2)) await run(name);
    assert.equal(library.hotp({ secret: SECRET, counter: 0 }), '755224');
  });
}
