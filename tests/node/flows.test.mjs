// The server flows through the built package, with the default memory store
// and an injected clock: enrollment, login, step-up, backup codes, replay,
// throttling, rotation, events, and failing closed when the store fails.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTwoFactor, KeyRing, memoryStore, totp, TwoFactorError } from 'twofa';

const K1 = 'first-key-0123456789abcdef0123456789';
const K2 = 'second-key-0123456789abcdef012345678';
const START = 1_700_000_000_000;

/** A twofa instance with a settable clock and an event log. */
function setup(config = {}) {
  const clock = { now: START };
  const events = [];
  const twofa = createTwoFactor({
    issuer: 'Forum',
    keys: { current: 'k1', keys: { k1: K1 } },
    now: () => clock.now,
    onEvent: (event) => events.push(event),
    ...config,
  });
  return { twofa, clock, events };
}

async function rejects(promise, code) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof TwoFactorError, `${error?.name}: ${error?.message}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

/** Enrolls `userId`, returning the stored record and the secret (as the user's app has it). */
async function enroll(twofa, clock, userId = 'user-1') {
  const { secret, enrollmentToken } = twofa.beginEnrollment({ userId, account: `${userId}@example.com` });
  const done = await twofa.confirmEnrollment({ userId, enrollmentToken, code: totp({ secret, timestamp: clock.now }) });
  const user = { id: userId, email: `${userId}@example.com`, sealedSecret: done.sealedSecret, lastUsedStep: done.lastUsedStep, backupRecord: done.backupRecord };
  return { user, secret, backupCodes: done.backupCodes };
}

const codeAt = (secret, clock, offsetMs = 0) => totp({ secret, timestamp: clock.now + offsetMs });

describe('enrollment', () => {
  test('a wrong code keeps the same token working; the QR data stays valid', async () => {
    const { twofa, clock, events } = setup();
    const begun = twofa.beginEnrollment({ userId: 'u1', account: 'u1@example.com' });
    assert.match(begun.secret, /^[A-Z2-7]{32}$/);
    assert.equal(begun.uri, `otpauth://totp/Forum:u1@example.com?secret=${begun.secret}&issuer=Forum`);
    assert.match(begun.qrSvg, /^<svg .*<title>Scan with your authenticator app to add Forum<\/title>/);
    assert.ok(!begun.enrollmentToken.includes(begun.secret), 'the token carries the secret encrypted');
    const right = codeAt(begun.secret, clock);
    const wrong = String((Number(right) + 1) % 1e6).padStart(6, '0');
    await rejects(twofa.confirmEnrollment({ userId: 'u1', enrollmentToken: begun.enrollmentToken, code: wrong }), 'INVALID_CODE');
    clock.now += 20_000; // the user retypes a little later
    const done = await twofa.confirmEnrollment({ userId: 'u1', enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock) });
    assert.match(done.sealedSecret, /^tf1\.k1\./);
    assert.equal(done.backupCodes.length, 10);
    assert.match(done.backupRecord, /^tfb1\$/);
    assert.equal(done.lastUsedStep, Math.floor(clock.now / 30_000));
    assert.deepEqual(events.map((e) => e.type), ['enrollment.started', 'enrollment.failed', 'enrolled']);
    await rejects(
      twofa.confirmEnrollment({ userId: 'u1', enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock, 30_000) }),
      'TOKEN_EXPIRED',
    );
  });

  test('the token is bound to its user and expires after 15 minutes', async () => {
    const { twofa, clock } = setup();
    const begun = twofa.beginEnrollment({ userId: 'u1', account: 'a' });
    await rejects(twofa.confirmEnrollment({ userId: 'u2', enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock) }), 'SEAL_INVALID');
    clock.now += 15 * 60_000;
    await rejects(twofa.confirmEnrollment({ userId: 'u1', enrollmentToken: begun.enrollmentToken, code: codeAt(begun.secret, clock) }), 'TOKEN_EXPIRED');
  });

  test('a malformed code is refused without using up an attempt', async () => {
    const { twofa, clock } = setup({ limits: { maxFailures: 1 } });
    const begun = twofa.beginEnrollment({ userId: 'u1', account: 'a' });
    for (const code of ['12345', 'abcdef', '', '1234567']) {
      await rejects(twofa.confirmEnrollment({ userId: 'u1', enrollmentToken: begun.enrollmentToken, code }), 'INVALID_CODE_FORMAT');
    }
    const pasted = codeAt(begun.secret, clock).replace(/(\d{3})/, '$1 ');
    assert.ok((await twofa.confirmEnrollment({ userId: 'u1', enrollmentToken: begun.enrollmentToken, code: pasted })).sealedSecret);
  });
});

describe('login and step-up', () => {
  test('the enrollment code cannot log in again; the next code can, once per challenge', async () => {
    const { twofa, clock } = setup();
    const { user, secret } = await enroll(twofa, clock);
    const challengeToken = twofa.startChallenge({ userId: 'user-1' });
    assert.deepEqual(twofa.readChallenge(challengeToken), { userId: 'user-1', expiresAt: clock.now + 600_000 });
    assert.throws(() => twofa.readChallenge(twofa.beginEnrollment({ userId: 'user-1', account: 'a' }).enrollmentToken), { code: 'SEAL_INVALID' });
    await rejects(twofa.verifyChallenge({ challengeToken, code: codeAt(secret, clock), user }), 'CODE_ALREADY_USED');
    clock.now += 30_000;
    const result = await twofa.verifyChallenge({ challengeToken, code: codeAt(secret, clock), user });
    assert.deepEqual(result, { userId: 'user-1', method: 'totp', lastUsedStep: Math.floor(clock.now / 30_000) });
    user.lastUsedStep = result.lastUsedStep;
    clock.now += 30_000;
    await rejects(twofa.verifyChallenge({ challengeToken, code: codeAt(secret, clock), user }), 'TOKEN_EXPIRED');
    const again = await twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId: 'user-1' }), code: codeAt(secret, clock), user });
    assert.equal(again.method, 'totp');
  });

  test('a loader picks the record of the user the token names', async () => {
    const { twofa, clock } = setup();
    const { user, secret } = await enroll(twofa, clock);
    clock.now += 30_000;
    const seen = [];
    const result = await twofa.verifyChallenge({
      challengeToken: twofa.startChallenge({ userId: 'user-1' }),
      code: codeAt(secret, clock),
      user: async (id) => { seen.push(id); return user; },
    });
    assert.deepEqual(seen, ['user-1']);
    assert.equal(result.userId, 'user-1');
    await rejects(twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId: 'nobody' }), code: '123456', user: () => null }), 'NOT_ENROLLED');
  });

  test('tokens from another user or for another purpose fail', async () => {
    const { twofa, clock } = setup();
    const alice = await enroll(twofa, clock, 'alice');
    const bob = await enroll(twofa, clock, 'bob');
    clock.now += 30_000;
    const bobsChallenge = twofa.startChallenge({ userId: 'bob' });
    // Bob's challenge with Alice's record: her sealed secret does not open for Bob.
    await rejects(twofa.verifyChallenge({ challengeToken: bobsChallenge, code: codeAt(alice.secret, clock), user: alice.user }), 'SEAL_INVALID');
    const enrollment = twofa.beginEnrollment({ userId: 'bob', account: 'bob' }).enrollmentToken;
    await rejects(twofa.verifyChallenge({ challengeToken: enrollment, code: codeAt(bob.secret, clock), user: bob.user }), 'SEAL_INVALID');
    await rejects(twofa.verifyChallenge({ challengeToken: 'tf1.k1.AAAA', code: '123456', user: bob.user }), 'SEAL_MALFORMED');
    clock.now += 10 * 60_000;
    await rejects(twofa.verifyChallenge({ challengeToken: bobsChallenge, code: codeAt(bob.secret, clock), user: bob.user }), 'TOKEN_EXPIRED');
  });

  test('backup codes: single use, remaining count, any typing', async () => {
    const { twofa, clock, events } = setup();
    const { user, backupCodes } = await enroll(twofa, clock);
    const typed = backupCodes[4].toUpperCase().replace('-', ' ');
    const result = await twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId: 'user-1' }), code: typed, user });
    assert.equal(result.method, 'backup');
    assert.equal(result.backupRemaining, 9);
    assert.match(result.backupRecord, /^tfb1\$/);
    const stored = { ...user, backupRecord: result.backupRecord };
    await rejects(twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId: 'user-1' }), code: backupCodes[4], user: stored }), 'INVALID_CODE');
    const stepUp = await twofa.verifyCode({ userId: 'user-1', code: backupCodes[0], user: stored });
    assert.equal(stepUp.backupRemaining, 8);
    assert.deepEqual(twofa.status(stored), { enabled: true, backupRemaining: 9, needsRotation: false });
    assert.ok(events.some((e) => e.type === 'backup.used' && e.detail.remaining === 9));
    const json = JSON.stringify(events);
    for (const secretish of [...backupCodes, user.sealedSecret]) assert.ok(!json.includes(secretish), 'no secrets or codes in events');
  });

  test('step-up verifies without a challenge and refuses malformed input', async () => {
    const { twofa, clock } = setup();
    const { user, secret } = await enroll(twofa, clock);
    clock.now += 30_000;
    assert.equal((await twofa.verifyCode({ userId: 'user-1', code: codeAt(secret, clock), user })).method, 'totp');
    await rejects(twofa.verifyCode({ userId: 'user-1', code: '12', user }), 'INVALID_CODE_FORMAT');
    await rejects(twofa.verifyCode({ userId: 'user-1', code: '123456', user: { sealedSecret: null } }), 'NOT_ENROLLED');
    await rejects(twofa.verifyCode({ userId: 'user-1', code: '123456', user: 'nope' }), 'INVALID_OPTION');
    await rejects(twofa.verifyCode({ userId: 'user-1', code: '123456', user, extra: 1 }), 'INVALID_OPTION');
  });
});

describe('throttling', () => {
  test('the sixth failure within 5 minutes is RATE_LIMITED even with the right code, and passes after the window', async () => {
    const { twofa, clock, events } = setup();
    const { user, secret, backupCodes } = await enroll(twofa, clock);
    clock.now += 30_000;
    const challenge = () => twofa.startChallenge({ userId: 'user-1' });
    for (let i = 0; i < 4; i++) await rejects(twofa.verifyChallenge({ challengeToken: challenge(), code: '000000', user }), 'INVALID_CODE');
    // Code and backup-code failures count together.
    await rejects(twofa.verifyChallenge({ challengeToken: challenge(), code: '00000-00000', user }), 'INVALID_CODE');
    assert.ok(events.some((e) => e.type === 'locked'));
    const limited = await twofa.verifyChallenge({ challengeToken: challenge(), code: codeAt(secret, clock), user }).catch((e) => e);
    assert.equal(limited.code, 'RATE_LIMITED');
    assert.ok(limited.retryAfterMs > 0 && limited.retryAfterMs <= 300_000, String(limited.retryAfterMs));
    await rejects(twofa.verifyCode({ userId: 'user-1', code: backupCodes[0], user }), 'RATE_LIMITED');
    clock.now += 300_000;
    assert.equal((await twofa.verifyChallenge({ challengeToken: challenge(), code: codeAt(secret, clock), user })).method, 'totp');
  });

  test('a success resets the count', async () => {
    const { twofa, clock } = setup();
    const { user, secret } = await enroll(twofa, clock);
    for (let round = 0; round < 3; round++) {
      clock.now += 30_000;
      for (let i = 0; i < 4; i++) await rejects(twofa.verifyCode({ userId: 'user-1', code: '000000', user }), 'INVALID_CODE');
      const passed = await twofa.verifyCode({ userId: 'user-1', code: codeAt(secret, clock), user });
      user.lastUsedStep = passed.lastUsedStep;
    }
  });

  test('limits are configurable', async () => {
    const { twofa, clock } = setup({ limits: { maxFailures: 2, windowSeconds: 60 } });
    const { user, secret } = await enroll(twofa, clock);
    clock.now += 30_000;
    for (let i = 0; i < 2; i++) await rejects(twofa.verifyCode({ userId: 'user-1', code: '000000', user }), 'INVALID_CODE');
    await rejects(twofa.verifyCode({ userId: 'user-1', code: codeAt(secret, clock), user }), 'RATE_LIMITED');
    clock.now += 60_000;
    assert.equal((await twofa.verifyCode({ userId: 'user-1', code: codeAt(secret, clock), user })).method, 'totp');
  });
});

describe('replay under concurrency (memory store)', () => {
  test('200 concurrent verifyChallenge calls with one valid code: exactly 1 success', async () => {
    const { twofa, clock } = setup({ limits: { maxFailures: 1000 } });
    const { user, secret } = await enroll(twofa, clock);
    clock.now += 30_000;
    const code = codeAt(secret, clock);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () => twofa.verifyChallenge({ challengeToken: twofa.startChallenge({ userId: 'user-1' }), code, user })),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.ok(results.every((r) => r.status === 'fulfilled' || r.reason.code === 'CODE_ALREADY_USED'));
  });

  test('one challenge token completes at most one login, even with different valid factors at once', async () => {
    const { twofa, clock } = setup();
    const { user, secret, backupCodes } = await enroll(twofa, clock);
    clock.now += 30_000;
    const challengeToken = twofa.startChallenge({ userId: 'user-1' });
    const results = await Promise.allSettled([
      twofa.verifyChallenge({ challengeToken, code: codeAt(secret, clock), user }),
      twofa.verifyChallenge({ challengeToken, code: backupCodes[0], user }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  });
});

describe('keys and rotation', () => {
  test('a ring missing the sealing key gives KEY_NOT_FOUND; rotate after restoring it works', async () => {
    const store = memoryStore();
    const clock = { now: START };
    const old = createTwoFactor({ issuer: 'Forum', keys: { current: 'k1', keys: { k1: K1 } }, store, now: () => clock.now });
    const { user, secret } = await enroll(old, clock);
    clock.now += 30_000;
    const changed = createTwoFactor({ issuer: 'Forum', keys: { current: 'k2', keys: { k2: K2 } }, store, now: () => clock.now });
    const missing = await changed.verifyChallenge({ challengeToken: changed.startChallenge({ userId: 'user-1' }), code: codeAt(secret, clock), user }).catch((e) => e);
    assert.equal(missing.code, 'KEY_NOT_FOUND');
    assert.match(missing.message, /`k1`/);
    assert.equal(changed.status(user).needsRotation, true);
    const events = [];
    const restored = createTwoFactor({
      issuer: 'Forum', keys: new KeyRing({ current: 'k2', keys: { k1: K1, k2: K2 } }), store, now: () => clock.now, onEvent: (e) => events.push(e),
    });
    const { sealedSecret } = restored.rotate({ userId: 'user-1', user });
    assert.match(sealedSecret, /^tf1\.k2\./);
    assert.deepEqual(events.map((e) => [e.type, e.detail.to]), [['rotated', 'k2']]);
    const rotated = { ...user, sealedSecret };
    assert.equal(changed.status(rotated).needsRotation, false);
    assert.equal(restored.rotate({ userId: 'user-1', user: rotated }).sealedSecret, sealedSecret, 'nothing to do');
    assert.equal((await changed.verifyChallenge({ challengeToken: changed.startChallenge({ userId: 'user-1' }), code: codeAt(secret, clock), user: rotated })).method, 'totp');
  });

  test('status and regenerated backup codes', async () => {
    const { twofa, clock, events } = setup();
    assert.deepEqual(twofa.status(null), { enabled: false, backupRemaining: 0, needsRotation: false });
    assert.deepEqual(twofa.status({ sealedSecret: null, backupRecord: null }), { enabled: false, backupRemaining: 0, needsRotation: false });
    const { user } = await enroll(twofa, clock);
    const { backupCodes, backupRecord } = twofa.regenerateBackupCodes({ userId: 'user-1' });
    assert.equal(backupCodes.length, 10);
    assert.equal(twofa.status({ ...user, backupRecord }).backupRemaining, 10);
    assert.equal(events.at(-1).type, 'backup.regenerated');
    assert.equal((await twofa.verifyCode({ userId: 'user-1', code: backupCodes[9], user: { ...user, backupRecord } })).backupRemaining, 9);
  });
});

describe('configuration and failing closed', () => {
  test('bad configuration is reported at creation', () => {
    const keys = { current: 'k1', keys: { k1: K1 } };
    const code = (config) => { try { createTwoFactor(config); } catch (e) { return e.code; } return 'OK'; };
    assert.equal(code({ issuer: 'Forum', keys }), 'OK');
    assert.equal(code({ issuer: 'A:B', keys }), 'INVALID_OPTION');
    assert.equal(code({ issuer: 'Forum', keys: { current: 'k1', keys: { k1: 'short' } } }), 'KEY_TOO_SHORT');
    assert.equal(code({ issuer: 'Forum', keys, totp: { digits: 5 } }), 'INVALID_OPTION');
    assert.equal(code({ issuer: 'Forum', keys, totp: { window: 11 } }), 'INVALID_OPTION');
    assert.equal(code({ issuer: 'Forum', keys, limits: { maxFailures: 0 } }), 'INVALID_OPTION');
    assert.equal(code({ issuer: 'Forum', keys, store: {} }), 'INVALID_OPTION');
    assert.equal(code({ issuer: 'Forum', keys, onEvent: 'log' }), 'INVALID_OPTION');
    assert.equal(code({ issuer: 'Forum', keys, issuers: 'typo' }), 'INVALID_OPTION');
  });

  test('a failing or silent store fails closed with STORE_UNAVAILABLE', async () => {
    const { twofa: good, clock } = setup();
    const { user, secret } = await enroll(good, clock);
    clock.now += 30_000;
    const broken = { hit: async () => { throw new Error('connection refused'); }, reset: async () => {}, claim: async () => true };
    const silent = { hit: () => new Promise(() => {}), reset: async () => {}, claim: async () => true };
    const claimFails = { hit: async () => ({ count: 1, resetInMs: 1000 }), reset: async () => {}, claim: async () => { throw new Error('down'); } };
    for (const store of [broken, silent, claimFails]) {
      const { twofa, clock: failingClock } = setup({ store, storeTimeoutMs: 100 });
      failingClock.now = clock.now;
      const error = await twofa.verifyCode({ userId: 'user-1', code: codeAt(secret, clock), user }).catch((e) => e);
      assert.equal(error.code, 'STORE_UNAVAILABLE');
      assert.ok(error.cause instanceof Error);
    }
  });

  test('an audit hook that throws does not change the outcome', async () => {
    const { twofa, clock } = setup({ onEvent: () => { throw new Error('logger down'); } });
    const { user, secret } = await enroll(twofa, clock);
    clock.now += 30_000;
    assert.equal((await twofa.verifyCode({ userId: 'user-1', code: codeAt(secret, clock), user })).method, 'totp');
    const { twofa: rejecting, clock: c2 } = setup({ onEvent: async () => { throw new Error('async logger down'); } });
    assert.ok((await enroll(rejecting, c2)).user.sealedSecret);
  });

  test('stores written for the first design (hit returns a number) still work', async () => {
    const base = memoryStore();
    const store = { hit: async (k, t) => (await base.hit(k, t)).count, reset: base.reset, claim: base.claim };
    const { twofa, clock } = setup({ store });
    const { user, secret } = await enroll(twofa, clock);
    clock.now += 30_000;
    assert.equal((await twofa.verifyCode({ userId: 'user-1', code: codeAt(secret, clock), user })).method, 'totp');
  });
});
