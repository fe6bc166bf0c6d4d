// What every flow suite shares: a twofa instance on the store under test
// with an injected clock and an event log, enrollment, codes at a time, and
// a small user table that writes the way the README says (conditionally).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTwoFactor, totp, TwoFactorError } from 'twofa';

export const K1 = 'first-key-0123456789abcdef0123456789';
export const K2 = 'second-key-0123456789abcdef012345678';
export const START = 1_700_000_000_000;

/**
 * A store under test: `make(clock)` gives a fresh store (memory: on the
 * injected clock; Redis and PostgreSQL: on their own clocks, so suites that
 * move time past a store window check `storeFollowsClock`).
 */
export function harness({ name, make, storeFollowsClock }) {
  /** A twofa instance with a settable clock, an event log and an outbox of sent codes. */
  function setup(config = {}) {
    const clock = { now: START };
    const events = [];
    const outbox = [];
    const twofa = createTwoFactor({
      issuer: 'Forum',
      keys: { current: 'k1', keys: { k1: K1 } },
      store: make(clock),
      now: () => clock.now,
      backupCodes: { count: 4 },
      onEvent: (event) => events.push(event),
      channels: { email: async (m) => { outbox.push({ channel: 'email', ...m }); }, sms: async (m) => { outbox.push({ channel: 'sms', ...m }); } },
      ...config,
    });
    return { twofa, clock, events, outbox, lastCode: (channel = 'email') => outbox.filter((m) => m.channel === channel).at(-1)?.code };
  }
  return { name, storeFollowsClock, setup, make };
}

/** A user id no other test (or earlier run on a shared store) uses. */
export const newId = (prefix = 'u') => `${prefix}-${randomUUID()}`;

export async function rejects(promise, code, check = () => {}) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof TwoFactorError, `${error?.name}: ${error?.message}`);
    assert.equal(error.code, code, error.message);
    check(error);
    return true;
  });
}

export const codeAt = (secret, clock, offsetMs = 0) => totp({ secret, timestamp: clock.now + offsetMs });
export const wrongCode = (code) => String((Number(code) + 1) % 1e6).padStart(6, '0');

/** Applies a flow's result the way the README says: only where the row still holds `previous`. */
export function save(row, { update, previous }) {
  for (const [key, value] of Object.entries(previous)) {
    if ((row[key] ?? null) !== value) return false;
  }
  Object.assign(row, update);
  return true;
}

/** Enrolls `userId`; resolves to the stored row, the secret and the backup codes. */
export async function enroll(twofa, clock, userId = newId()) {
  const { secret, enrollmentToken } = twofa.beginEnrollment({ userId, account: `${userId}@example.com` });
  const done = await twofa.confirmEnrollment({ userId, enrollmentToken, code: codeAt(secret, clock), user: null });
  const user = { id: userId, email: `${userId}@example.com` };
  assert.ok(save(user, done));
  return { userId, user, secret, backupCodes: done.backupCodes };
}
