// Keys: read at first use (a build without them never fails), a missing one
// named; rotation re-seals; status.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTwoFactor, keysFromEnv, KeyRing } from 'twofa';
import { codeAt, enroll, K1, K2, newId, rejects, save } from '../harness.mjs';

export default function keys(h) {
  describe(`keys and rotation (${h.name})`, () => {
    test('creating the flows never fails for an absent key; the first use names what to set', async () => {
      const variable = `TWOFA_TEST_KEYS_${process.pid}`;
      delete process.env[variable];
      const twofa = createTwoFactor({ issuer: 'Forum', keys: keysFromEnv(variable), store: h.make({ now: Date.now() }) });
      const lazy = createTwoFactor({ issuer: 'Forum', keys: { current: 'k1', keys: { k1: process.env[`${variable}_K1`] } } });
      assert.throws(() => twofa.startChallenge({ userId: 'u' }), (e) => e.code === 'KEY_NOT_FOUND' && e.message.includes(variable) && e.message.includes('npx twofa keygen'));
      assert.throws(() => lazy.startChallenge({ userId: 'u' }), (e) => e.code === 'KEY_NOT_FOUND' && /`k1` is not set/.test(e.message));
      await rejects(twofa.afterPassword({ userId: 'u', user: { sealedSecret: 'tf1.k1.x' } }), 'KEY_NOT_FOUND');
      process.env[variable] = `k2:${K2}, k1:${K1}`;
      const token = twofa.startChallenge({ userId: 'u' });
      assert.match(token, /^tf1\.k2\./, 'the first key is current');
      assert.equal(twofa.keyRing.currentKeyId, 'k2');
      process.env[variable] = 'nonsense';
      assert.equal(twofa.keyRing.currentKeyId, 'k2', 'read once, at first use');
      assert.throws(() => createTwoFactor({ issuer: 'Forum', keys: keysFromEnv(variable) }).keyRing, { code: 'KEY_NOT_FOUND' });
      delete process.env[variable];
    });

    test('a ring missing the sealing key: KEY_NOT_FOUND; rotate after restoring it', async () => {
      const { twofa, clock } = h.setup();
      const { userId, user, secret } = await enroll(twofa, clock);
      clock.now += 30_000;
      const changed = createTwoFactor({ issuer: 'Forum', keys: { current: 'k2', keys: { k2: K2 } }, store: h.make(clock), now: () => clock.now });
      await rejects(changed.verifyCode({ userId, user, code: codeAt(secret, clock) }), 'KEY_NOT_FOUND', (e) => assert.match(e.message, /`k1`/));
      assert.equal(changed.status(user).needsRotation, true);
      const events = [];
      const restored = createTwoFactor({
        issuer: 'Forum', keys: new KeyRing({ current: 'k2', keys: { k1: K1, k2: K2 } }), store: h.make(clock), now: () => clock.now, onEvent: (e) => events.push(e),
      });
      const rotated = restored.rotate({ userId, user });
      assert.match(rotated.update.sealedSecret, /^tf1\.k2\./);
      assert.deepEqual(rotated.previous, { sealedSecret: user.sealedSecret });
      assert.deepEqual(events.map((e) => [e.type, e.detail.to]), [['rotated', 'k2']]);
      assert.ok(save(user, rotated));
      assert.deepEqual(restored.rotate({ userId, user }).update, {}, 'nothing to do');
      assert.equal((await changed.verifyCode({ userId, user, code: codeAt(secret, clock) })).method, 'totp');
    });

    test('status', async () => {
      const { twofa, clock } = h.setup();
      const none = { enabled: false, methods: [], backupRemaining: 0, needsRotation: false, factorResetAt: null, devices: { rememberDays: 30, revokedAt: null } };
      assert.deepEqual(twofa.status(null), none);
      assert.deepEqual(twofa.status({ sealedSecret: null, backupRecord: null }), none);
      const { user } = await enroll(twofa, clock, newId());
      assert.deepEqual(twofa.status(user), { ...none, enabled: true, methods: ['totp', 'backup'], backupRemaining: 4 });
      // Values as database drivers return them.
      const fromDriver = { ...user, lastUsedStep: String(user.lastUsedStep), factorResetAt: BigInt(clock.now + 1000), devicesRevokedAt: new Date(clock.now) };
      assert.equal(twofa.status(fromDriver).factorResetAt, clock.now + 1000);
      assert.throws(() => twofa.status({ ...user, lastUsedStep: 'soon' }), { code: 'INVALID_OPTION' });
    });
  });

  describe(`configuration (${h.name})`, () => {
    test('bad configuration is reported at creation', () => {
      const keys = { current: 'k1', keys: { k1: K1 } };
      const code = (config) => { try { createTwoFactor(config); } catch (e) { return e.code; } return 'OK'; };
      assert.equal(code({ issuer: 'Forum', keys }), 'OK');
      assert.equal(code({ issuer: 'A:B', keys }), 'INVALID_OPTION');
      assert.equal(code({ issuer: 'Forum', keys: { current: 'k1', keys: { k1: 'short' } } }), 'OK', 'keys are checked at first use');
      assert.equal(code({ issuer: 'Forum', keys, totp: { digits: 5 } }), 'INVALID_OPTION');
      assert.equal(code({ issuer: 'Forum', keys, totp: { window: 11 } }), 'INVALID_OPTION');
      assert.equal(code({ issuer: 'Forum', keys, totp: { skewSteps: 11 } }), 'INVALID_OPTION');
      assert.equal(code({ issuer: 'Forum', keys, limits: { maxFailures: 0 } }), 'INVALID_OPTION');
      assert.equal(code({ issuer: 'Forum', keys, limits: { perClient: { maxAttemps: 3 } } }), 'INVALID_OPTION');
      assert.equal(code({ issuer: 'Forum', keys, limits: { perClient: false } }), 'OK');
      assert.equal(code({ issuer: 'Forum', keys, store: {} }), 'INVALID_OPTION');
      assert.equal(code({ issuer: 'Forum', keys, onEvent: 'log' }), 'INVALID_OPTION');
      assert.equal(code({ issuer: 'Forum', keys, channels: { fax: () => {} } }), 'INVALID_OPTION');
      assert.equal(code({ issuer: 'Forum', keys, devices: { days: 0 } }), 'INVALID_OPTION');
      assert.equal(code({ issuer: 'Forum', keys, recovery: { factorResetHours: 0 } }), 'INVALID_OPTION');
      assert.equal(code({ issuer: 'Forum', keys, issuers: 'typo' }), 'INVALID_OPTION');
      assert.equal(code({ issuer: 'Forum', keys: 'k1' }), 'INVALID_OPTION');
    });
  });
}
