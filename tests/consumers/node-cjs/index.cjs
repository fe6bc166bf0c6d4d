// A CommonJS user: require() each entry and run an enrollment and a login.
const assert = require('node:assert/strict');
const { createTwoFactor, totp, TwoFactorError, KeyRing } = require('twofa');
const { redisStore } = require('twofa/redis');
const { postgresStore, POSTGRES_TABLE_SQL } = require('twofa/postgres');
const lite = require('twofa/browser');

(async () => {
  assert.equal(typeof redisStore, 'function');
  assert.equal(typeof postgresStore, 'function');
  assert.match(POSTGRES_TABLE_SQL, /^CREATE TABLE IF NOT EXISTS "twofa_store"/);
  assert.equal(lite.hotp({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', counter: 0 }), '755224');
  const twofa = createTwoFactor({ issuer: 'CJS', keys: { current: 'k1', keys: { k1: 'cjs-consumer-key-0123456789abcdef012' } } });
  const { secret, enrollmentToken } = twofa.beginEnrollment({ userId: 'u1', account: 'u1@example.com' });
  const done = await twofa.confirmEnrollment({ userId: 'u1', enrollmentToken, code: totp({ secret }), user: null });
  assert.ok(done.update.sealedSecret.startsWith('tf1.k1.'));
  await assert.rejects(twofa.verifyCode({ userId: 'u1', code: totp({ secret }), user: done.update }), (e) => e instanceof TwoFactorError && e.code === 'CODE_ALREADY_USED');
  assert.ok(new lite.TwoFactorError('INVALID_CODE', 'x') instanceof TwoFactorError);
  assert.equal(new KeyRing({ current: 'a', keys: { a: 'x'.repeat(32) } }).currentKeyId, 'a');
  console.log('node-cjs: ok');
})().catch((error) => { console.error(error); process.exit(1); });
