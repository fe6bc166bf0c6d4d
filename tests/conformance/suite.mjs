// The conformance suite: one list of checks run against the built package by
// thin harnesses in each runtime we claim (Node CommonJS, Node ESM, headless
// Chrome for both the full and the lite build). It uses no runtime APIs
// beyond the language, so the same file runs everywhere.

class AssertionError extends Error {}

/** JSON with object keys sorted, so key order does not matter. */
function canonical(value) {
  return JSON.stringify(value, (_, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
    : v));
}

export const assert = {
  ok(value, message) {
    if (!value) throw new AssertionError(message ?? `expected a truthy value, got ${String(value)}`);
  },
  equal(actual, expected, message) {
    if (!Object.is(actual, expected)) {
      throw new AssertionError(`${message ? `${message}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
  },
  deepEqual(actual, expected, message) {
    const a = canonical(actual);
    const e = canonical(expected);
    if (a !== e) throw new AssertionError(`${message ? `${message}: ` : ''}expected ${e}, got ${a}`);
  },
  /** Expects `run` to throw a TwoFactorError with `code`; returns it. */
  throwsCode(lib, run, code, message) {
    try {
      run();
    } catch (error) {
      if (!(error instanceof lib.TwoFactorError)) {
        throw new AssertionError(`${message ?? ''} expected TwoFactorError ${code}, got ${error?.name}: ${error?.message}`);
      }
      if (error.code !== code) throw new AssertionError(`${message ?? ''} expected ${code}, got ${error.code}: ${error.message}`);
      return error;
    }
    throw new AssertionError(`${message ?? ''} expected TwoFactorError ${code}, nothing was thrown`);
  },
};

const SHA1_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/**
 * The checks. `vectors` is `{ rfc, oathtool }` (the JSON files' contents);
 * `build` is 'server' or 'lite'.
 * @returns {{ name: string, run: () => void | Promise<void> }[]}
 */
export function conformance(lib, vectors, build) {
  const tests = [];
  const test = (name, run) => tests.push({ name, run });

  test('RFC 4226 and RFC 6238 vectors', () => {
    const { secrets, hotp, totp } = vectors.rfc;
    for (const { counter, code } of hotp) {
      assert.equal(lib.hotp({ secret: secrets.SHA1.base32, counter }), code, `HOTP counter ${counter}`);
      assert.deepEqual(lib.verifyHotp({ secret: secrets.SHA1.base32, code, counter }), { counter });
    }
    for (const { time, algorithm, code } of totp) {
      const secret = secrets[algorithm].base32;
      const timestamp = time * 1000;
      assert.equal(lib.totp({ secret, timestamp, algorithm, digits: 8 }), code, `TOTP ${algorithm} at ${time}`);
      const match = lib.verifyTotp({ secret, code, timestamp, algorithm, digits: 8 });
      assert.deepEqual(match, { step: Math.floor(time / 30), drift: 0 });
    }
    assert.equal(hotp.length + totp.length, 28);
  });

  test('1,000 oathtool cases', () => {
    let checked = 0;
    for (const c of vectors.oathtool.cases) {
      const common = { secret: c.secretBase32, algorithm: c.algorithm, digits: c.digits };
      if (c.type === 'totp') {
        const timestamp = c.time * 1000;
        assert.equal(lib.totp({ ...common, timestamp, period: c.period }), c.code, `case ${checked}`);
        const match = lib.verifyTotp({ ...common, code: c.code, timestamp: timestamp + c.period * 1000, period: c.period });
        assert.deepEqual(match, { step: Math.floor(c.time / c.period), drift: -1 }, `case ${checked}`);
      } else {
        assert.equal(lib.hotp({ ...common, counter: c.counter }), c.code, `case ${checked}`);
        assert.deepEqual(lib.verifyHotp({ ...common, code: c.code, counter: c.counter }), { counter: c.counter });
      }
      checked++;
    }
    assert.equal(checked, 1000);
  });

  test('secrets: generation, formatting, normalisation', () => {
    const a = lib.generateSecret();
    const b = lib.generateSecret();
    assert.ok(/^[A-Z2-7]{32}$/.test(a), a);
    assert.ok(a !== b, 'two secrets differ');
    assert.equal(lib.generateSecret({ bytes: 16 }).length, 26);
    assert.equal(lib.generateSecret({ bytes: 64 }).length, 103);
    assert.throwsCode(lib, () => lib.generateSecret({ bytes: 10 }), 'SECRET_TOO_SHORT');
    assert.throwsCode(lib, () => lib.generateSecret({ bytes: 65 }), 'INVALID_OPTION');
    assert.throwsCode(lib, () => lib.generateSecret({ bytes: 20.5 }), 'INVALID_OPTION');
    assert.equal(lib.formatSecret('jbswy3dpehpk3pxp'), 'JBSW Y3DP EHPK 3PXP');
    assert.equal(lib.normalizeSecret('jbsw y3dp-ehpk 3pxp'), 'JBSWY3DPEHPK3PXP');
    assert.throwsCode(lib, () => lib.formatSecret('JBSWY3DPEHPK3PX1'), 'INVALID_BASE32');
  });

  test('TOTP verification: window, drift, replay, format errors', () => {
    const now = 1_700_000_000_000;
    const at = (offsetSteps) => lib.totp({ secret: SHA1_SECRET, timestamp: now + offsetSteps * 30_000 });
    const step = Math.floor(now / 30_000);
    assert.deepEqual(lib.verifyTotp({ secret: SHA1_SECRET, code: at(0), timestamp: now }), { step, drift: 0 });
    assert.deepEqual(lib.verifyTotp({ secret: SHA1_SECRET, code: at(-1), timestamp: now }), { step: step - 1, drift: -1 });
    assert.deepEqual(lib.verifyTotp({ secret: SHA1_SECRET, code: at(1), timestamp: now }), { step: step + 1, drift: 1 });
    assert.equal(lib.verifyTotp({ secret: SHA1_SECRET, code: at(2), timestamp: now }), null);
    assert.deepEqual(lib.verifyTotp({ secret: SHA1_SECRET, code: at(2), timestamp: now, window: 2 }), { step: step + 2, drift: 2 });
    assert.equal(lib.verifyTotp({ secret: SHA1_SECRET, code: at(0), timestamp: now, afterStep: step }), null, 'replay');
    assert.equal(lib.verifyTotp({ secret: SHA1_SECRET, code: at(-1), timestamp: now, afterStep: step }), null, 'older');
    assert.deepEqual(lib.verifyTotp({ secret: SHA1_SECRET, code: at(0), timestamp: now, afterStep: null }), { step, drift: 0 });
    for (const code of ['12345', '1234567', '12a456', '123 456', '']) {
      assert.throwsCode(lib, () => lib.verifyTotp({ secret: SHA1_SECRET, code, timestamp: now }), 'INVALID_CODE_FORMAT', code);
    }
    const current = lib.totp({ secret: SHA1_SECRET });
    assert.equal(lib.verifyTotp({ secret: SHA1_SECRET, code: current })?.drift, 0, 'default timestamp is now');
    // Numbers are checked before the secret is decoded (they cost nothing).
    assert.throwsCode(lib, () => lib.verifyTotp({ secret: 'not base32!', code: '123456', window: 11 }), 'INVALID_OPTION');
    assert.throwsCode(lib, () => lib.verifyHotp({ secret: 'not base32!', code: '123456', counter: 0, lookAhead: 101 }), 'INVALID_OPTION');
    assert.throwsCode(lib, () => lib.verifyTotp({ secret: 'not base32!', code: '123456' }), 'INVALID_BASE32');
  });

  test('TOTP verification tries the nearest step first, the past before the future', () => {
    // The RFC secret gives one code at steps 910737 and 910738, and one at 153567 and 153569.
    const code = lib.totp({ secret: SHA1_SECRET, timestamp: 910_737 * 30_000 });
    assert.equal(lib.totp({ secret: SHA1_SECRET, timestamp: 910_738 * 30_000 }), code);
    assert.deepEqual(lib.verifyTotp({ secret: SHA1_SECRET, code, timestamp: 910_738 * 30_000 }), { step: 910_738, drift: 0 });
    const gap = lib.totp({ secret: SHA1_SECRET, timestamp: 153_567 * 30_000 });
    assert.equal(lib.totp({ secret: SHA1_SECRET, timestamp: 153_569 * 30_000 }), gap);
    assert.deepEqual(lib.verifyTotp({ secret: SHA1_SECRET, code: gap, timestamp: 153_568 * 30_000 }), { step: 153_567, drift: -1 });
    assert.deepEqual(lib.verifyTotp({ secret: SHA1_SECRET, code: gap, timestamp: 153_568 * 30_000, afterStep: 153_567 }), { step: 153_569, drift: 1 });
  });

  if (build === 'server') {
    test('prepared keys: vectors and oathtool cases, as the one-shot functions', () => {
      const { secrets, hotp, totp } = vectors.rfc;
      const rfcHotp = lib.hotpKey({ secret: secrets.SHA1.base32 });
      for (const { counter, code } of hotp) {
        assert.equal(rfcHotp.generate(counter), code);
        assert.deepEqual(rfcHotp.verify(code, { counter: Math.max(0, counter - 3), lookAhead: 3 }), { counter });
      }
      for (const { time, algorithm, code } of totp) {
        const key = lib.totpKey({ secret: secrets[algorithm].base32, algorithm, digits: 8 });
        assert.equal(key.generate(time * 1000), code, `TOTP ${algorithm} at ${time}`);
        assert.deepEqual(key.verify(code, { timestamp: time * 1000 - 30_000 }), { step: Math.floor(time / 30), drift: 1 });
      }
      let checked = 0;
      for (const c of vectors.oathtool.cases) {
        const params = { secret: c.secretBase32, algorithm: c.algorithm, digits: c.digits };
        if (c.type === 'totp') {
          const key = lib.totpKey({ ...params, period: c.period });
          assert.equal(key.generate(c.time * 1000), c.code, `case ${checked}`);
          const later = (c.time + c.period) * 1000;
          assert.deepEqual(key.verify(c.code, { timestamp: later }), lib.verifyTotp({ ...params, period: c.period, code: c.code, timestamp: later }));
          assert.equal(key.verify(c.code, { timestamp: later, afterStep: Math.floor(c.time / c.period) }), null, `case ${checked}: replay`);
        } else {
          const key = lib.hotpKey(params);
          assert.equal(key.generate(c.counter), c.code, `case ${checked}`);
          assert.deepEqual(key.verify(c.code, { counter: c.counter }), { counter: c.counter });
        }
        checked++;
      }
      assert.equal(checked, 1000);
      const now = lib.totpKey({ secret: SHA1_SECRET });
      assert.equal(now.verify(now.generate())?.drift, 0, 'default timestamp is now');
    });

    test('prepared keys: dispose, errors', () => {
      const key = lib.totpKey({ secret: SHA1_SECRET, digits: 8 });
      assert.equal(key.generate(59_000), '94287082');
      assert.throwsCode(lib, () => key.verify('287082', { timestamp: 59_000 }), 'INVALID_CODE_FORMAT');
      assert.throwsCode(lib, () => key.verify('94287082', { timestamp: 59_000, window: 11 }), 'INVALID_OPTION');
      key.dispose();
      key.dispose(); // twice is harmless
      assert.throwsCode(lib, () => key.generate(59_000), 'KEY_DISPOSED');
      assert.throwsCode(lib, () => key.verify('94287082'), 'KEY_DISPOSED');
      const counterKey = lib.hotpKey({ secret: SHA1_SECRET });
      counterKey.dispose();
      assert.throwsCode(lib, () => counterKey.generate(0), 'KEY_DISPOSED');
      assert.throwsCode(lib, () => lib.totpKey({ secret: 'not base32!' }), 'INVALID_BASE32');
      assert.throwsCode(lib, () => lib.totpKey({ secret: SHA1_SECRET, period: 0 }), 'INVALID_OPTION');
    });
  }

  test('URIs: build, parse, round trip, warnings, errors', () => {
    const uri = lib.buildUri({ secret: SHA1_SECRET, account: 'alice@example.com', issuer: 'Acme Co' });
    assert.equal(uri, `otpauth://totp/Acme%20Co:alice@example.com?secret=${SHA1_SECRET}&issuer=Acme%20Co`);
    assert.deepEqual(lib.parseUri(uri), {
      type: 'totp', secret: SHA1_SECRET, account: 'alice@example.com', issuer: 'Acme Co',
      algorithm: 'SHA1', digits: 6, period: 30, warnings: [],
    });
    const hotpUri = lib.buildUri({ type: 'hotp', secret: SHA1_SECRET, account: 'bob', issuer: 'Q&A', counter: 5, digits: 8 });
    assert.equal(hotpUri, `otpauth://hotp/Q%26A:bob?secret=${SHA1_SECRET}&issuer=Q%26A&digits=8&counter=5`);
    const parsed = lib.parseUri(hotpUri);
    assert.equal(parsed.counter, 5);
    assert.equal(parsed.period, undefined);
    const google = lib.parseUri('otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example');
    assert.ok(google.warnings.length === 1 && google.warnings[0].startsWith('SHORT_SECRET'), google.warnings.join());
    const plus = lib.parseUri(`otpauth://totp/ACME+Co:john+tag@x.test?secret=${SHA1_SECRET}&issuer=ACME+Co&algorithm=sha256`);
    assert.equal(plus.issuer, 'ACME Co');
    assert.equal(plus.account, 'john+tag@x.test');
    assert.equal(plus.algorithm, 'SHA256');
    assert.throwsCode(lib, () => lib.parseUri('https://example.com'), 'INVALID_URI');
    assert.throwsCode(lib, () => lib.parseUri('otpauth://totp/a?secret=JBSW&digits=5'), 'INVALID_URI');
    assert.throwsCode(lib, () => lib.buildUri({ secret: SHA1_SECRET, account: 'a', issuer: 'A:B' }), 'INVALID_OPTION');
    for (let i = 0; i < 20; i++) {
      const secret = lib.generateSecret();
      const account = `user${i} ${[...'äß€😀'].slice(0, i % 5).join('')}@example.com`;
      const round = lib.parseUri(lib.buildUri({ secret, account, issuer: `Issuer ${i}`, period: 30 + i }));
      assert.deepEqual([round.secret, round.account, round.issuer, round.period], [secret, account, `Issuer ${i}`, 30 + i]);
    }
  });

  test('QR codes: SVG shape, options, errors', () => {
    const svg = lib.qrSvg('otpauth://totp/Acme:bob?secret=GEZDGNBVGY3TQOJQ', { title: 'Scan <me>', dark: '#123456' });
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 41 41"'), svg.slice(0, 80));
    assert.ok(svg.includes('<title>Scan &lt;me&gt;</title>'));
    assert.ok(svg.includes('stroke="#123456"'));
    assert.equal(svg.split('<path').length, 2, 'one path');
    assert.ok(lib.qrSvg('x', { margin: 0, light: 'none' }).includes('viewBox="0 0 21 21"'));
    assert.throwsCode(lib, () => lib.qrSvg('x', { dark: 'red"/><script>' }), 'INVALID_OPTION');
    assert.throwsCode(lib, () => lib.qrSvg('x', { ecc: 'Z' }), 'INVALID_OPTION');
    assert.throwsCode(lib, () => lib.qrSvg('x'.repeat(4000)), 'INVALID_OPTION');
    if (build === 'server') {
      const text = lib.qrTerminal('hello');
      assert.equal(text.split('\n').filter(Boolean).length, 13);
    } else {
      assert.equal(lib.qrTerminal, undefined, 'the browser build draws no terminal QR');
    }
  });

  test('errors: TwoFactorError with a code, misspelt options refused', async () => {
    const error = assert.throwsCode(lib, () => lib.totp({ secret: SHA1_SECRET, windows: 1 }), 'INVALID_OPTION');
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'TwoFactorError');
    assert.ok(error.message.includes('windows'), error.message);
    const made = new lib.TwoFactorError('INVALID_CODE', 'wrong code');
    assert.ok(made instanceof lib.TwoFactorError);
    assert.equal(made.code, 'INVALID_CODE');
    assert.equal(await lib.init(), undefined, 'init() resolves and may be called again');
  });

  if (build === 'server') {
    const K1 = 'first-key-0123456789abcdef0123456789';
    const K2 = 'second-key-0123456789abcdef012345678';

    test('known-answer vectors: sealed values, tokens, backup record', () => {
      const { keyRing, sealed, tokens, backup, importedBackup } = vectors.sealed;
      for (const v of sealed) {
        const ring = new lib.KeyRing({ current: v.keyId, keys: keyRing.keys });
        assert.equal(ring.open(v.sealed, v.context), v.plaintext, v.sealed);
        assert.equal(ring.needsRotation(v.sealed), false);
      }
      for (const v of tokens) {
        const ring = new lib.KeyRing({ current: 'k1', keys: keyRing.keys });
        const claims = ring.openToken(v.token, v.purpose, { timestamp: v.issuedAtMs });
        const expected = { subject: v.subject, issuedAt: v.issuedAtMs, expiresAt: v.expiresAtMs };
        if (v.data !== null) expected.data = v.data;
        assert.deepEqual(claims, expected);
        assert.throwsCode(lib, () => ring.openToken(v.token, v.purpose, { timestamp: v.expiresAtMs }), 'TOKEN_EXPIRED');
      }
      assert.equal(lib.countBackupCodes(backup.record), 3);
      const used = lib.useBackupCode(backup.record, backup.codes[1].toUpperCase(), backup.context);
      assert.equal(used.remaining, 2);
      assert.equal(lib.useBackupCode(used.record, backup.codes[1], backup.context), null, 'single use');
      assert.equal(lib.useBackupCode(used.record, backup.codes[0], backup.context).remaining, 1);
      assert.equal(lib.useBackupCode(backup.record, backup.codes[0], 'someone-else'), null, 'bound to its user');
      assert.equal(lib.countBackupCodes(importedBackup.record), 3);
      for (const code of importedBackup.codes) {
        assert.equal(lib.useBackupCode(importedBackup.record, code, 42).remaining, 2, code);
      }
    });

    test('key ring: seal, open, context binding, errors', () => {
      const ring = new lib.KeyRing({ current: 'k1', keys: { k1: K1 } });
      assert.equal(ring.currentKeyId, 'k1');
      const sealed = ring.seal('GEZDGNBVGY3TQOJQ', 'user-1');
      assert.ok(/^tf1\.k1\.[A-Za-z0-9_-]+$/.test(sealed), sealed);
      assert.ok(sealed !== ring.seal('GEZDGNBVGY3TQOJQ', 'user-1'), 'fresh nonce');
      assert.equal(ring.open(sealed, 'user-1'), 'GEZDGNBVGY3TQOJQ');
      assert.equal(ring.open(ring.seal('ünïcödé 😀', 'u'), 'u'), 'ünïcödé 😀');
      assert.throwsCode(lib, () => ring.open(sealed, 'user-2'), 'SEAL_INVALID', 'copied to another user');
      const tampered = sealed.slice(0, 12) + (sealed[12] === 'A' ? 'B' : 'A') + sealed.slice(13);
      assert.throwsCode(lib, () => ring.open(tampered, 'user-1'), 'SEAL_INVALID');
      assert.throwsCode(lib, () => ring.open('not sealed', 'user-1'), 'SEAL_MALFORMED');
      assert.throwsCode(lib, () => new lib.KeyRing({ current: 'k1', keys: { k1: K2 } }).open(sealed, 'user-1'), 'SEAL_INVALID');
      const short = assert.throwsCode(lib, () => new lib.KeyRing({ current: 'k1', keys: { k1: 'too short' } }), 'KEY_TOO_SHORT');
      assert.ok(short.message.includes('k1') && short.message.includes('npx twofa keygen'), short.message);
      assert.throwsCode(lib, () => new lib.KeyRing({ current: 'k9', keys: { k1: K1 } }), 'INVALID_OPTION');
      assert.throwsCode(lib, () => ring.seal('x', ''), 'INVALID_OPTION');
      assert.ok(!JSON.stringify(ring).includes(K1));
    });

    test('key ring: rotation from k1 to k2, and a missing key', () => {
      const sealed = new lib.KeyRing({ current: 'k1', keys: { k1: K1 } }).seal('secret', 'user-1');
      const both = new lib.KeyRing({ current: 'k2', keys: { k1: K1, k2: K2 } });
      assert.equal(both.open(sealed, 'user-1'), 'secret');
      assert.equal(both.needsRotation(sealed), true);
      const resealed = both.reseal(sealed, 'user-1');
      assert.ok(resealed.startsWith('tf1.k2.'));
      assert.equal(both.needsRotation(resealed), false);
      const onlyK2 = new lib.KeyRing({ current: 'k2', keys: { k2: K2 } });
      const missing = assert.throwsCode(lib, () => onlyK2.open(sealed, 'user-1'), 'KEY_NOT_FOUND');
      assert.ok(missing.message.includes('`k1`'), missing.message);
      assert.equal(onlyK2.open(resealed, 'user-1'), 'secret');
    });

    test('tokens: purpose binding and exact expiry', () => {
      const ring = new lib.KeyRing({ current: 'k1', keys: { k1: K1 } });
      const now = 1_700_000_000_000;
      const token = ring.issueToken({ purpose: 'enroll', subject: 'user-1', ttlSeconds: 900, data: 'pending', timestamp: now });
      assert.deepEqual(ring.openToken(token, 'enroll', { timestamp: now + 899_999 }),
        { subject: 'user-1', issuedAt: now, expiresAt: now + 900_000, data: 'pending' });
      assert.throwsCode(lib, () => ring.openToken(token, 'enroll', { timestamp: now + 900_000 }), 'TOKEN_EXPIRED');
      assert.throwsCode(lib, () => ring.openToken(token, 'login-challenge', { timestamp: now }), 'SEAL_INVALID');
      assert.throwsCode(lib, () => ring.open(token, 'user-1'), 'SEAL_INVALID', 'a token is not a sealed value');
      const live = ring.issueToken({ purpose: 'reset', subject: 'u', ttlSeconds: 60 });
      assert.equal(ring.openToken(live, 'reset').subject, 'u', 'default timestamp is now');
      assert.throwsCode(lib, () => ring.issueToken({ purpose: 'bad purpose', subject: 'u', ttlSeconds: 60 }), 'INVALID_OPTION');
      assert.throwsCode(lib, () => ring.issueToken({ purpose: 'p', subject: 'u', ttlSeconds: 0 }), 'INVALID_OPTION');
    });

    test('backup codes: generate, hash, use once, count', () => {
      const codes = lib.generateBackupCodes({ count: 3 });
      assert.equal(codes.length, 3);
      for (const code of codes) assert.ok(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/.test(code), code);
      assert.equal(lib.generateBackupCodes().length, 10);
      const record = lib.hashBackupCodes(codes, 'user-1');
      assert.ok(record.startsWith('tfb2$m=19456,t=2,p=1$'), record);
      assert.ok(!codes.some((c) => record.includes(c)), 'no code in the record');
      assert.equal(lib.countBackupCodes(record), 3);
      const used = lib.useBackupCode(record, ` ${codes[0].toUpperCase().replace('-', ' ')} `, 'user-1');
      assert.equal(used.remaining, 2);
      assert.equal(lib.useBackupCode(used.record, codes[0], 'user-1'), null);
      assert.equal(lib.useBackupCode(record, '00000-00000', 'user-1'), null);
      assert.equal(lib.useBackupCode(record, codes[1], 'user-2'), null, "another user's row");
      assert.throwsCode(lib, () => lib.useBackupCode(record, '123456', 'user-1'), 'INVALID_CODE_FORMAT');
      assert.throwsCode(lib, () => lib.useBackupCode(record, codes[1]), 'INVALID_OPTION');
      assert.throwsCode(lib, () => lib.countBackupCodes('plain text codes'), 'BACKUP_RECORD_MALFORMED');
      assert.throwsCode(lib, () => lib.hashBackupCodes([codes[0], codes[0]], 'user-1'), 'INVALID_OPTION');
      assert.throwsCode(lib, () => lib.hashBackupCodes(codes), 'INVALID_OPTION');
      const imported = lib.importBackupCodes(['123456', 'legacy99'], 7);
      assert.equal(lib.useBackupCode(imported, 'LEGACY99', '7').remaining, 1);
    });
  }
  return tests;
}

/** Runs the checks in order; returns `{ passed, failed: [{ name, message }] }`. */
export async function runAll(tests) {
  const failed = [];
  let passed = 0;
  for (const { name, run } of tests) {
    try {
      await run();
      passed++;
    } catch (error) {
      failed.push({ name, message: String(error?.stack ?? error) });
    }
  }
  return { passed, failed };
}
