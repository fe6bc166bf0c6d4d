// The malformed-input matrix: every export, fed wrong types, empty and 1 MB
// strings, lone surrogates, NaN/negative/huge numbers, misspelt and extra
// option keys. Each call must throw a TwoFactorError with the expected code,
// never trap the WebAssembly instance; after 10,000 bad calls the module
// must still answer the vectors correctly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as lib from 'twofa';
import { createTwoFactor } from 'twofa';
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
  formatSecret: { args: [SECRET], positional: { 0: secretBad } },
  normalizeSecret: { args: [SECRET], positional: { 0: secretBad } },
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
      account: [...strings(OPT), ['a\nb', OPT], ['   ', OPT]],
      issuer: [...strings(OPT, { empty: null, allowNull: true }), ['A:B', OPT]],
      type: [...strings(OPT), ['motp', OPT]],
      algorithm: [...strings(OPT), ['MD5', OPT]],
      digits: numbers([[12, OPT]]),
      period: periodBad,
      counter: numbers(),
      image: strings(OPT, { empty: null, allowNull: true }),
    },
  },
  parseUri: { args: [`otpauth://totp/a?secret=${SECRET}`], positional: { 0: [...strings('INVALID_URI'), ['otpauth://totp/a?secret=%ZZ', 'INVALID_URI']] } },
  qrSvg: {
    args: ['hello', { margin: 2 }],
    positional: { 0: strings(OPT, { empty: null }) },
    optional: true,
    keys: {
      ecc: [...strings(OPT), ['X', OPT]],
      margin: numbers([[65, OPT]]),
      dark: [...strings(OPT), ['red;x', OPT]],
      light: [...strings(OPT), ['url(#a)', OPT]],
      title: strings(OPT, { empty: null, allowNull: true }),
    },
  },
  qrTerminal: { args: ['hello', { margin: 1 }], positional: { 0: strings(OPT, { empty: null }) }, optional: true, keys: { ecc: strings(OPT), margin: numbers([[65, OPT]]) } },
};

// The server build's exports. KeyRing methods are called on a valid ring.
const K1 = 'first-key-0123456789abcdef0123456789';
const RECORD = 'tfb1$m=64,t=1,p=1$BwcHBwcHBwcHBwcHBwcHBw$W-wNDkOwksI0Cicz2TlpCA';
const contextBad = strings(OPT);
const sealedBad = strings('SEAL_MALFORMED');
const recordBad = strings('BACKUP_RECORD_MALFORMED');
const SERVER_MATRIX = {
  KeyRing: {
    construct: true,
    args: [{ current: 'k1', keys: { k1: K1 } }],
    keys: {
      current: [...strings(OPT), ['k9', OPT]],
      keys: [[null, OPT], ['k1', OPT], [[K1], OPT], [{}, OPT], [{ k1: 'short' }, 'KEY_TOO_SHORT'], [{ k1: 5 }, OPT],
        [{ k1: LONE.repeat(20) }, OPT], [{ k1: MB }, OPT], [{ 'bad id': K1 }, OPT], [{ k1: K1, ['x'.repeat(33)]: K1 }, OPT]],
    },
  },
  'KeyRing#seal': { method: true, args: ['plaintext', 'user-1'], positional: { 0: strings(OPT, { empty: null }), 1: contextBad } },
  'KeyRing#open': { method: true, args: ['tf1.k1.AAAA', 'user-1'], positional: { 0: sealedBad, 1: contextBad } },
  'KeyRing#needsRotation': { method: true, args: ['tf1.k1.AAAA'], positional: { 0: sealedBad } },
  'KeyRing#reseal': { method: true, args: ['tf1.k1.AAAA', 'user-1'], positional: { 0: sealedBad, 1: contextBad } },
  'KeyRing#issueToken': {
    method: true,
    args: [{ purpose: 'enroll', subject: 'user-1', ttlSeconds: 60 }],
    keys: {
      purpose: [...strings(OPT), ['has space', OPT]],
      subject: strings(OPT),
      ttlSeconds: numbers([[0, OPT], [366 * 86400 + 1, OPT]]),
      data: strings(OPT, { empty: null, allowNull: true }),
      timestamp: timestampBad,
    },
  },
  'KeyRing#openToken': {
    method: true,
    args: ['tf1.k1.AAAA', 'enroll', { timestamp: 0 }],
    positional: { 0: sealedBad, 1: [...strings(OPT), ['has space', OPT]] },
    optional: true,
    keys: { timestamp: timestampBad },
  },
  totpKey: { args: [{ secret: SECRET }], keys: { ...otpKeys, period: periodBad } },
  'TotpKey#generate': { key: 'totp', args: [59_000], positional: { 0: timestampBad } },
  'TotpKey#verify': {
    key: 'totp',
    args: ['287082', { timestamp: 59_000 }],
    positional: { 0: codeBad },
    optional: true,
    keys: { timestamp: timestampBad, window: numbers([[11, OPT]]), afterStep: [...BAD_NUMBERS.map((v) => [v, OPT]), ['5', OPT], [{}, OPT]] },
  },
  hotpKey: { args: [{ secret: SECRET }], keys: otpKeys },
  'HotpKey#generate': { key: 'hotp', args: [1], positional: { 0: numbers() } },
  'HotpKey#verify': {
    key: 'hotp',
    args: ['287082', { counter: 0 }],
    positional: { 0: codeBad },
    keys: { counter: numbers(), lookAhead: numbers([[101, OPT]]) },
  },
  generateBackupCodes: { args: [{ count: 2 }], optional: true, keys: { count: numbers([[0, OPT], [101, OPT]]) } },
  hashBackupCodes: {
    args: [['abcde-12345']],
    positional: { 0: [[null, OPT], ['abcde-12345', OPT], [{}, OPT], [[1], OPT], [['nope'], OPT], [[LONE], OPT], [[MB], OPT],
      [['abcde-12345', 'ABCDE12345'], OPT], [Array(101).fill('abcde-12345'), OPT]] },
  },
  useBackupCode: {
    args: [RECORD, 'k3m9x-q2w7p'],
    positional: { 0: recordBad, 1: [...strings('INVALID_CODE_FORMAT'), ['123456', 'INVALID_CODE_FORMAT'], ['abcdu-12345', 'INVALID_CODE_FORMAT']] },
  },
  countBackupCodes: { args: [RECORD], positional: { 0: [...recordBad, [RECORD.replace('tfb1', 'tfb9'), 'BACKUP_RECORD_MALFORMED']] } },
};

// The server flows: createTwoFactor, its methods, the memory store, errorResponse.
const FLOWS_CONFIG = { issuer: 'Forum', keys: { current: 'k1', keys: { k1: K1 } } };
const flowsForTokens = createTwoFactor(FLOWS_CONFIG);
const ENROLLMENT = flowsForTokens.beginEnrollment({ userId: 'u1', account: 'a' }).enrollmentToken;
const CHALLENGE = flowsForTokens.startChallenge({ userId: 'u1' });
const SEALED = new lib.KeyRing(FLOWS_CONFIG.keys).seal(SECRET, 'u1');
const userBad = [[null, 'NOT_ENROLLED'], ['x', OPT], [[], OPT], [{}, 'NOT_ENROLLED'], [{ sealedSecret: 5 }, OPT],
  [{ sealedSecret: SEALED, lastUsedStep: 'a' }, OPT], [{ sealedSecret: SEALED, backupRecord: 7 }, OPT]];
const userIdBad = [...NOT_STRINGS.map((v) => [v, OPT]), [null, OPT], [LONE, OPT]];
const FLOWS_MATRIX = {
  createTwoFactor: {
    args: [FLOWS_CONFIG],
    keys: {
      issuer: [...strings(OPT), ['A:B', OPT], ['  ', OPT]],
      keys: [[null, OPT], ['k', OPT], [{ current: 'k1', keys: { k1: 'short' } }, 'KEY_TOO_SHORT'], [{ current: 'k2', keys: { k1: K1 } }, OPT]],
      store: [[{}, OPT], ['redis', OPT], [{ hit: 1, reset: 1, claim: 1 }, OPT]],
      totp: [['x', OPT], [{ digits: 5 }, OPT], [{ window: 11 }, OPT], [{ period: 0 }, OPT], [{ algorithm: 'MD5' }, OPT], [{ windows: 1 }, OPT]],
      limits: [['x', OPT], [{ maxFailures: 0 }, OPT], [{ windowSeconds: 1.5 }, OPT], [{ max: 1 }, OPT]],
      backupCodes: [[{ count: 0 }, OPT], [{ count: 101 }, OPT], [{ n: 1 }, OPT]],
      tokens: [[{ enrollmentSeconds: 0 }, OPT], [{ challengeSeconds: 86_401 }, OPT], [{ ttl: 1 }, OPT]],
      storeTimeoutMs: numbers([[0, OPT]]),
      onEvent: [['log', OPT], [{}, OPT]],
      now: [['now', OPT], [5, OPT]],
    },
  },
  memoryStore: { args: [{ maxKeys: 10 }], optional: true, keys: { now: [['x', OPT], [5, OPT]], maxKeys: numbers([[0, OPT]]) } },
  errorResponse: { args: [new lib.TwoFactorError('INVALID_CODE', 'x')], positional: { 0: [[new Error('app error'), 'RETHROWN'], ['text', 'RETHROWN'], [null, 'RETHROWN']] } },
  'TwoFactor#beginEnrollment': { flow: true, args: [{ userId: 'u1', account: 'a' }], keys: { userId: strings(OPT), account: strings(OPT) } },
  'TwoFactor#confirmEnrollment': {
    flow: true,
    args: [{ userId: 'u1', enrollmentToken: ENROLLMENT, code: '123456' }],
    keys: { userId: [...userIdBad, ['', 'SEAL_INVALID'], ['u2', 'SEAL_INVALID']], enrollmentToken: sealedBad, code: codeBad },
  },
  'TwoFactor#startChallenge': { flow: true, args: [{ userId: 'u1' }], keys: { userId: strings(OPT) } },
  'TwoFactor#readChallenge': { flow: true, args: [CHALLENGE], positional: { 0: [...sealedBad, [ENROLLMENT, 'SEAL_INVALID']] } },
  'TwoFactor#verifyChallenge': {
    flow: true,
    args: [{ challengeToken: CHALLENGE, code: '123456', user: { sealedSecret: SEALED } }],
    keys: { challengeToken: [...sealedBad, [ENROLLMENT, 'SEAL_INVALID']], code: [...codeBad, ['abcdu-12345', 'INVALID_CODE_FORMAT']], user: userBad },
  },
  'TwoFactor#verifyCode': {
    flow: true,
    args: [{ userId: 'u1', code: '123456', user: { sealedSecret: SEALED } }],
    keys: { userId: userIdBad, code: codeBad, user: userBad },
  },
  'TwoFactor#regenerateBackupCodes': { flow: true, args: [{ userId: 'u1' }], optional: true, keys: { userId: [...NOT_STRINGS.map((v) => [v, OPT]), [LONE, OPT]] } },
  'TwoFactor#status': {
    flow: true,
    args: [{ sealedSecret: SEALED }],
    record: true,
    positional: { 0: [['x', OPT], [5, OPT], [[], OPT], [{ sealedSecret: 5 }, OPT], [{ sealedSecret: 'nope' }, 'SEAL_MALFORMED'],
      [{ sealedSecret: SEALED, backupRecord: 'plain codes' }, 'BACKUP_RECORD_MALFORMED']] },
  },
  'TwoFactor#rotate': {
    flow: true,
    args: [{ userId: 'u1', user: { sealedSecret: SEALED } }],
    keys: { userId: [...userIdBad, ['u2', 'SEAL_INVALID']], user: userBad },
  },
};

/** Every bad call: [description, export name, arguments, expected code]. */
function badCalls(matrix) {
  const calls = [];
  for (const [name, spec] of Object.entries(matrix)) {
    const optsIndex = spec.args.findIndex((a) => typeof a === 'object' && !Array.isArray(a));
    for (const [index, bad] of Object.entries(spec.positional ?? {})) {
      for (const [value, code] of bad) {
        const args = spec.args.map((a, i) => (i === Number(index) ? value : a));
        calls.push([`${name}(arg ${index}: ${describe(value)})`, name, args, code]);
      }
    }
    if (optsIndex < 0 || !spec.keys) continue;
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
    if (spec.record) continue; // a user record may carry any other fields
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

/** Calls an export: a function, the KeyRing constructor, or a KeyRing method. */
function invoke(library, name, args) {
  if (name === 'KeyRing') return new library.KeyRing(...args);
  if (name.startsWith('TwoFactor#')) return library.createTwoFactor(FLOWS_CONFIG)[name.slice('TwoFactor#'.length)](...args);
  if (name.startsWith('TotpKey#')) return library.totpKey({ secret: SECRET })[name.slice('TotpKey#'.length)](...args);
  if (name.startsWith('HotpKey#')) return library.hotpKey({ secret: SECRET })[name.slice('HotpKey#'.length)](...args);
  if (name.startsWith('KeyRing#')) {
    const ring = new library.KeyRing({ current: 'k1', keys: { k1: K1 } });
    return ring[name.slice('KeyRing#'.length)](...args);
  }
  return library[name](...args);
}

async function expectCode(library, [description, name, args, code]) {
  let thrown;
  try {
    await invoke(library, name, args);
  } catch (error) {
    thrown = error;
  }
  if (code === 'RETHROWN') {
    assert.equal(thrown, args[0], `${description}: not rethrown as is`);
    return;
  }
  assert.ok(thrown, `${description}: nothing was thrown`);
  assert.ok(thrown instanceof lib.TwoFactorError, `${description}: ${thrown?.constructor?.name} ${thrown?.message}`);
  assert.equal(thrown.code, code, `${description}: ${thrown.message}`);
  assert.ok(!String(thrown.message).includes(SECRET), `${description}: the message contains the secret`);
}

const liteCalls = badCalls(MATRIX);
const serverCalls = [...liteCalls, ...badCalls(SERVER_MATRIX), ...badCalls(FLOWS_MATRIX)];

test(`the matrix covers every export (${serverCalls.length} bad calls)`, () => {
  const functions = (library) => Object.keys(library).filter((n) => typeof library[n] === 'function' && !['TwoFactorError', 'init'].includes(n));
  assert.deepEqual(Object.keys(MATRIX).sort(), functions(lite).sort());
  const proto = lib.KeyRing.prototype;
  const methods = Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, n).value === 'function');
  const flows = lib.createTwoFactor(FLOWS_CONFIG);
  const flowMethods = Object.keys(flows).filter((n) => typeof flows[n] === 'function');
  // dispose takes no input (tested in tests/conformance/suite.mjs and trap-recovery.test.mjs).
  const keyMethods = (prefix, key) => Object.keys(key).filter((n) => n !== 'dispose').map((m) => `${prefix}#${m}`);
  assert.deepEqual(
    [...Object.keys(MATRIX), ...Object.keys(SERVER_MATRIX), ...Object.keys(FLOWS_MATRIX)].sort(),
    [...functions(lib), ...methods.map((m) => `KeyRing#${m}`), ...flowMethods.map((m) => `TwoFactor#${m}`),
      ...keyMethods('TotpKey', lib.totpKey({ secret: SECRET })), ...keyMethods('HotpKey', lib.hotpKey({ secret: SECRET }))].sort(),
  );
  assert.ok(serverCalls.length > 1000, String(serverCalls.length));
});

for (const [label, library, calls] of [['twofa', lib, serverCalls], ['twofa/browser', lite, liteCalls]]) {
  test(`${label}: every bad call throws TwoFactorError with its code`, async () => {
    for (const call of calls) await expectCode(library, call);
  });

  test(`${label}: after 10,000 bad calls the module still answers correctly`, async () => {
    for (let i = 0; i < 10_000; i++) await expectCode(library, calls[i % calls.length]);
    for (const { name, run } of conformance(library, vectors, 'lite').slice(0, 2)) await run(name);
    assert.equal(library.hotp({ secret: SECRET, counter: 0 }), '755224');
    if (library.KeyRing) {
      const ring = new library.KeyRing({ current: 'k1', keys: { k1: K1 } });
      assert.equal(ring.open(ring.seal('still fine', 'u'), 'u'), 'still fine');
    }
  });
}
