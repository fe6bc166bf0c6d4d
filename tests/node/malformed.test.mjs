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
};

// The server build's exports. KeyRing methods are called on a valid ring.
const K1 = 'first-key-0123456789abcdef0123456789';
const RECORD = vectors.sealed.backup.record; // cheap Argon2id parameters, for user 'user-1'
/** Bad user ids and sealing contexts: a non-empty string or a safe integer is right. */
const contextBad = [...NOT_STRINGS.filter((v) => typeof v !== 'number').map((v) => [v, OPT]), [null, OPT], ['', OPT], [LONE, OPT],
  [1.5, OPT], [2 ** 53, OPT], [NaN, OPT], [MB, OPT]];
/** User ids of the flows also name store keys: at most 256 characters once URI-encoded. */
const idBad = [...contextBad, ['x'.repeat(257), OPT], ['é'.repeat(50), OPT]];
const sealedBad = strings('SEAL_MALFORMED');
const recordBad = strings('BACKUP_RECORD_MALFORMED');
const SERVER_MATRIX = {
  qrTerminal: { args: ['hello', { margin: 1 }], positional: { 0: strings(OPT, { empty: null }) }, optional: true, keys: { ecc: strings(OPT), margin: numbers([[65, OPT]]) } },
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
      subject: contextBad,
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
  'KeyRing#mac': { method: true, args: ['purpose', 'data'], positional: { 0: [...strings(OPT), ['has space', OPT]], 1: strings(OPT, { empty: null }) } },
  'KeyRing#verifyMac': {
    method: true,
    args: ['purpose', 'data', 'k1.AAAAAAAAAAAAAAAAAAAAAA'],
    positional: { 0: [...strings(OPT), ['has space', OPT]], 1: strings(OPT, { empty: null }),
      2: [...strings('SEAL_MALFORMED'), ['k9.AAAAAAAAAAAAAAAAAAAAAA', 'KEY_NOT_FOUND'], ['k1.AAAA', 'SEAL_MALFORMED']] },
  },
  keysFromEnv: { args: ['TWOFA_KEYS'], optional: true, positional: { 0: [...NOT_STRINGS.map((v) => [v, OPT]), [null, OPT], ['', OPT], [LONE, OPT]] } },
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
    args: [['abcde-12345'], 'user-1'],
    positional: { 0: [[null, OPT], ['abcde-12345', OPT], [{}, OPT], [[1], OPT], [['nope'], OPT], [[LONE], OPT], [[MB], OPT],
      [['abcde-12345', 'ABCDE12345'], OPT], [Array(101).fill('abcde-12345'), OPT]], 1: contextBad },
  },
  importBackupCodes: {
    args: [['123456'], 'user-1'],
    positional: { 0: [[null, OPT], ['123456', OPT], [[1], OPT], [['12345'], OPT], [['1234567890123'], OPT], [['nope!!'], OPT], [[LONE], OPT],
      [[MB], OPT], [['123456', '123 456'], OPT], [Array(101).fill(0).map((_, i) => String(100000 + i)), OPT]], 1: contextBad },
  },
  useBackupCode: {
    args: [RECORD, 'k3m9x-q2w7p', 'user-1'],
    positional: { 0: recordBad, 1: [...strings('INVALID_CODE_FORMAT'), ['123456', 'INVALID_CODE_FORMAT'], ['abcdu-12345', 'INVALID_CODE_FORMAT']], 2: contextBad },
  },
  countBackupCodes: { args: [RECORD], positional: { 0: [...recordBad, [RECORD.replace('tfb2', 'tfb9'), 'BACKUP_RECORD_MALFORMED'],
    [RECORD.replace('tfb2', 'tfb1'), 'BACKUP_RECORD_MALFORMED']] } },
};

// The server flows: createTwoFactor, its methods, the memory store, errorResponse.
const FLOWS_CONFIG = { issuer: 'Forum', keys: { current: 'k1', keys: { k1: K1 } } };
const flowsForTokens = createTwoFactor(FLOWS_CONFIG);
const ENROLLMENT = flowsForTokens.beginEnrollment({ userId: 'u1', account: 'a' }).enrollmentToken;
const CHALLENGE = flowsForTokens.startChallenge({ userId: 'u1' });
const RESET = await flowsForTokens.startPasswordReset({ userId: 'u1' }).then((r) => r.resetToken);
const SEALED = new lib.KeyRing(FLOWS_CONFIG.keys).seal(SECRET, 'u1');
const ENROLLED = { sealedSecret: SEALED };
const userBad = [[null, 'NOT_ENROLLED'], ['x', OPT], [[], OPT], [{}, 'NOT_ENROLLED'], [{ sealedSecret: 5 }, OPT],
  [{ sealedSecret: SEALED, lastUsedStep: 'a' }, OPT], [{ sealedSecret: SEALED, lastUsedStep: -1 }, OPT], [{ sealedSecret: SEALED, backupRecord: 7 }, OPT],
  [{ sealedSecret: SEALED, channels: 'fax' }, OPT], [{ sealedSecret: SEALED, factorResetAt: 'soon' }, OPT]];
const recordBadShape = [['x', OPT], [[], OPT], [5, OPT], [{ sealedSecret: 5 }, OPT], [{ channels: 'fax' }, OPT], [{ devicesRevokedAt: 1.5 }, OPT]];
/** Tokens a browser carries: anything unusable is TOKEN_EXPIRED (start over); only wrong types are the app's mistake. */
const tokenBad = [...NOT_STRINGS.map((v) => [v, OPT]), [null, OPT], ['', 'TOKEN_EXPIRED'], [LONE, OPT], [MB, 'TOKEN_EXPIRED'], ['tf1.k1.AAAA', 'TOKEN_EXPIRED']];
const clientBad = [[5, OPT], ['', OPT], ['x'.repeat(257), OPT], [{}, OPT], [LONE, OPT]];
const versionBad = [[{}, OPT], [true, OPT], [[], OPT]];
const methodBad = [['fax', OPT], [5, OPT], ['email', 'NOT_ENROLLED']];
const channelBad = [['fax', OPT], [5, OPT], [null, OPT]];
const FLOWS_MATRIX = {
  createTwoFactor: {
    args: [FLOWS_CONFIG],
    keys: {
      issuer: [...strings(OPT), ['A:B', OPT], ['  ', OPT]],
      keys: [[null, OPT], ['k', OPT], [5, OPT], [[], OPT]],
      store: [[{}, OPT], ['redis', OPT], [{ hit: 1, reset: 1, claim: 1 }, OPT]],
      totp: [['x', OPT], [{ digits: 5 }, OPT], [{ window: 11 }, OPT], [{ period: 0 }, OPT], [{ algorithm: 'MD5' }, OPT], [{ windows: 1 }, OPT],
        [{ skewSteps: 11 }, OPT], [{ skewSteps: -1 }, OPT]],
      limits: [['x', OPT], [{ maxFailures: 0 }, OPT], [{ windowSeconds: 1.5 }, OPT], [{ max: 1 }, OPT], [{ perClient: { maxAttempts: 0 } }, OPT],
        [{ perClient: true }, OPT], [{ perClient: { windows: 1 } }, OPT]],
      backupCodes: [[{ count: 0 }, OPT], [{ count: 101 }, OPT], [{ n: 1 }, OPT]],
      tokens: [[{ enrollmentSeconds: 0 }, OPT], [{ challengeSeconds: 86_401 }, OPT], [{ ttl: 1 }, OPT]],
      devices: [[{ days: 0 }, OPT], [{ days: 366 }, OPT], [{ day: 1 }, OPT], ['30', OPT]],
      channels: [[{ email: 'smtp' }, OPT], [{ fax: () => {} }, OPT], ['email', OPT], [{ email: { to: (u) => u.email } }, OPT],
        [{ email: { to: 'email', send: () => {} } }, OPT], [{ email: { send: () => {}, from: 'x' } }, OPT]],
      passwordVersion: [['hash', OPT], [{}, OPT]],
      channelCodes: [[{ digits: 4 }, OPT], [{ lifetimeSeconds: 10 }, OPT], [{ resendSeconds: 0 }, OPT], [{ maxSends: 0 }, OPT], [{ ttl: 1 }, OPT]],
      policy: [['admins', OPT], [{}, OPT]],
      recovery: [[{ resetMinutes: 0 }, OPT], [{ factorResetHours: 0 }, OPT], [{ maxResets: 0 }, OPT], [{ hours: 1 }, OPT]],
      storeTimeoutMs: numbers([[0, OPT]]),
      onEvent: [['log', OPT], [{}, OPT]],
      now: [['now', OPT], [5, OPT]],
    },
  },
  memoryStore: { args: [{ maxKeys: 10 }], optional: true, keys: { now: [['x', OPT], [5, OPT]], maxKeys: numbers([[0, OPT]]) } },
  errorResponse: { args: [new lib.TwoFactorError('INVALID_CODE', 'x')], positional: { 0: [[new Error('app error'), 'RETHROWN'], ['text', 'RETHROWN'], [null, 'RETHROWN']] } },
  'TwoFactor#afterPassword': {
    flow: true,
    args: [{ userId: 'u1', user: {} }],
    keys: { userId: idBad, user: [[null, OPT], ...recordBadShape], passwordVersion: [['pw', OPT]], deviceToken: [[5, OPT], [{}, OPT]], client: clientBad },
  },
  'TwoFactor#beginEnrollment': { flow: true, args: [{ userId: 'u1', account: 'a' }], keys: { userId: idBad, account: strings(OPT), challengeToken: [[CHALLENGE, OPT]] } },
  'TwoFactor#confirmEnrollment': {
    flow: true,
    args: [{ userId: 'u1', enrollmentToken: ENROLLMENT, code: '123456', user: null }],
    keys: { userId: [...idBad, ['u2', 'TOKEN_EXPIRED']], enrollmentToken: [...tokenBad, [CHALLENGE, 'TOKEN_EXPIRED']], code: codeBad, user: recordBadShape,
      currentCode: [[5, OPT]], client: clientBad },
  },
  'TwoFactor#startChallenge': { flow: true, args: [{ userId: 'u1' }], keys: { userId: idBad, user: recordBadShape, passwordVersion: [['pw', OPT]] } },
  'TwoFactor#readChallenge': { flow: true, args: [CHALLENGE], positional: { 0: [...tokenBad, [ENROLLMENT, 'TOKEN_EXPIRED']] } },
  'TwoFactor#verifyChallenge': {
    flow: true,
    args: [{ challengeToken: CHALLENGE, code: '123456', user: ENROLLED }],
    keys: { challengeToken: [...tokenBad, [ENROLLMENT, 'TOKEN_EXPIRED']], code: [...codeBad, ['abcdu-12345', 'INVALID_CODE_FORMAT']], user: userBad,
      method: methodBad, rememberDevice: [['yes', OPT], [1, OPT]], client: clientBad },
  },
  'TwoFactor#verifyCode': {
    flow: true,
    args: [{ userId: 'u1', code: '123456', user: ENROLLED }],
    keys: { userId: idBad, code: codeBad, user: userBad, method: methodBad, client: clientBad },
  },
  'TwoFactor#sendCode': {
    flow: true,
    args: [{ challengeToken: CHALLENGE, channel: 'sms', user: { ...ENROLLED, channels: 'sms' } }],
    keys: { challengeToken: tokenBad, channel: channelBad, user: [[ENROLLED, 'NOT_ENROLLED'], ...recordBadShape], client: clientBad, resetToken: [[RESET, OPT]] },
  },
  'TwoFactor#sendChannelCode': { flow: true, args: [{ userId: 'u1', channel: 'email', user: null }], keys: { userId: idBad, channel: channelBad, user: recordBadShape, client: clientBad } },
  'TwoFactor#confirmChannel': {
    flow: true,
    args: [{ userId: 'u1', channel: 'email', code: '123456', user: null }],
    keys: { userId: idBad, channel: channelBad, code: codeBad, user: recordBadShape, client: clientBad },
  },
  'TwoFactor#regenerateBackupCodes': {
    flow: true, args: [{ userId: 'u1', user: ENROLLED, code: '123456' }], keys: { userId: idBad, user: userBad, code: codeBad, client: clientBad },
  },
  'TwoFactor#disable': { flow: true, args: [{ userId: 'u1', user: ENROLLED, code: '123456' }], keys: { userId: idBad, user: userBad, code: codeBad, client: clientBad } },
  'TwoFactor#forgetDevices': { flow: true, args: [{ userId: 'u1', user: null }], keys: { userId: idBad, user: recordBadShape } },
  'TwoFactor#status': {
    flow: true,
    args: [ENROLLED],
    record: true,
    positional: { 0: [...recordBadShape, [{ sealedSecret: 'nope' }, 'SEAL_MALFORMED'], [{ sealedSecret: SEALED, backupRecord: 'plain codes' }, 'BACKUP_RECORD_MALFORMED']] },
  },
  'TwoFactor#rotate': { flow: true, args: [{ userId: 'u1', user: ENROLLED }], keys: { userId: [...idBad, ['u2', 'SEAL_INVALID']], user: recordBadShape } },
  'TwoFactor#startPasswordReset': {
    flow: true, args: [{ userId: 'u1' }], keys: { userId: idBad.filter(([v]) => v !== null), user: recordBadShape, passwordVersion: versionBad, client: clientBad },
  },
  'TwoFactor#readPasswordReset': { flow: true, args: [RESET], positional: { 0: [...tokenBad, [CHALLENGE, 'TOKEN_EXPIRED']] } },
  'TwoFactor#completePasswordReset': {
    flow: true,
    args: [{ resetToken: RESET, user: {} }],
    keys: { resetToken: [...tokenBad, [CHALLENGE, 'TOKEN_EXPIRED']], passwordVersion: [['pw2', 'TOKEN_EXPIRED'], ...versionBad],
      user: [[null, OPT], [() => null, 'TOKEN_EXPIRED'], ...recordBadShape], client: clientBad },
  },
  'TwoFactor#requestFactorReset': {
    flow: true, args: [{ challengeToken: CHALLENGE, user: ENROLLED }], keys: { challengeToken: [...tokenBad, [ENROLLMENT, 'TOKEN_EXPIRED']], user: userBad },
  },
  'TwoFactor#importSecret': {
    flow: true,
    args: [{ userId: 'u1', secret: SECRET }],
    keys: { userId: idBad, secret: [...NOT_STRINGS.map((v) => [v, OPT]), [null, OPT], ['', 'INVALID_URI'], [LONE, OPT], [MB, 'INVALID_URI'],
      ['otpauth://hotp/a?counter=1&secret=' + SECRET, OPT], ['MZXW6YQ', 'INVALID_URI']] },
  },
  'TwoFactor#importBackupCodes': {
    flow: true, args: [{ userId: 'u1', codes: ['123456'] }], keys: { userId: idBad, codes: [[null, OPT], ['123456', OPT], [[1], OPT], [['12345'], OPT]] },
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
      if (key in base && !spec.optional && ['secret', 'code', 'counter', 'account', 'codes'].includes(key)) {
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

test('a wrong type is named in words: "got nothing", "got null", "an array", "a number"', () => {
  const message = (run) => { try { run(); } catch (error) { return error.message; } return 'no error'; };
  assert.equal(message(() => lib.totp()), 'invalid option `totp`: expected an options object, got nothing');
  assert.equal(message(() => lib.totp({ secret: undefined })), 'invalid option `secret`: expected a string, got nothing');
  assert.equal(message(() => lib.totp({ secret: null })), 'invalid option `secret`: expected a string, got null');
  assert.equal(message(() => lib.totp([])), 'invalid option `totp`: expected an options object, got an array');
  assert.equal(message(() => lib.totp({ secret: 42 })), 'invalid option `secret`: expected a string, got a number');
});
