// Email and SMS codes: a confirmed channel as a fallback during a challenge
// and as a user's only factor; fresh single-use codes kept only as keyed
// digests; a resend cooldown and a per-user send limit; the same throttle.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeAt, enroll, newId, rejects, save, wrongCode } from '../harness.mjs';

export default function channels(h) {
  describe(`email and SMS codes (${h.name})`, () => {
    /** An enrolled user who also confirmed `channel`. */
    async function withChannel(setup, channel = 'email') {
      const { twofa, clock, outbox, lastCode } = setup;
      const enrolled = await enroll(twofa, clock);
      const { userId, user, secret } = enrolled;
      const sent = await twofa.sendChannelCode({ userId, channel, user });
      assert.equal(outbox.at(-1).purpose, 'confirm');
      assert.equal(sent.resendAt, clock.now + 60_000);
      clock.now += 30_000;
      await rejects(twofa.confirmChannel({ userId, channel, code: lastCode(channel), user }), 'ALREADY_ENROLLED');
      const confirmed = await twofa.confirmChannel({ userId, channel, code: lastCode(channel), user, currentCode: codeAt(secret, clock) });
      assert.equal(confirmed.update.channels, channel);
      assert.ok(save(user, confirmed));
      return enrolled;
    }

    test('a confirmed email channel is a fallback during the challenge; the code works once', async () => {
      const s = h.setup();
      const { twofa, clock, outbox, events, lastCode } = s;
      const { userId, user } = await withChannel(s);
      clock.now += 61_000;
      const next = await twofa.afterPassword({ userId, user });
      assert.deepEqual(next.methods, ['totp', 'backup', 'email']);
      const sent = await twofa.sendCode({ challengeToken: next.challengeToken, channel: 'email', user });
      assert.equal(sent.expiresAt, clock.now + 600_000);
      const message = outbox.at(-1);
      assert.deepEqual({ ...message, code: 'x' }, { channel: 'email', userId, code: 'x', expiresAt: sent.expiresAt, purpose: 'login' });
      assert.match(message.code, /^[0-9]{6}$/);
      await rejects(twofa.verifyChallenge({ challengeToken: next.challengeToken, code: wrongCode(message.code), user, method: 'email' }), 'INVALID_CODE');
      const result = await twofa.verifyChallenge({ challengeToken: next.challengeToken, code: lastCode(), user, method: 'email' });
      assert.deepEqual([result.method, result.update], ['email', {}]);
      const again = await twofa.afterPassword({ userId, user });
      await rejects(twofa.verifyChallenge({ challengeToken: again.challengeToken, code: message.code, user, method: 'email' }), 'INVALID_CODE');
      assert.ok(events.some((e) => e.type === 'code.sent' && e.detail.channel === 'email'));
      assert.ok(!JSON.stringify(events).includes(message.code));
    });

    test('a code answers only the challenge it was sent for, and is never stored in clear', async () => {
      const written = [];
      let base;
      const recording = Object.fromEntries(['hit', 'reset', 'claim', 'get', 'put'].map((m) => [m, (...args) => {
        written.push(args.map(String).join(' '));
        return base[m](...args);
      }]));
      const s = h.setup({ store: recording });
      base = h.make(s.clock);
      const { twofa, clock, lastCode } = s;
      const { userId, user } = await withChannel(s, 'sms');
      clock.now += 61_000;
      const one = await twofa.afterPassword({ userId, user });
      const two = await twofa.afterPassword({ userId, user });
      await twofa.sendCode({ challengeToken: one.challengeToken, channel: 'sms', user });
      const code = lastCode('sms');
      await rejects(twofa.verifyChallenge({ challengeToken: two.challengeToken, code, user, method: 'sms' }), 'INVALID_CODE');
      assert.equal((await twofa.verifyChallenge({ challengeToken: one.challengeToken, code, user, method: 'sms' })).method, 'sms');
      const puts = written.filter((w) => w.startsWith('twofa:code:'));
      assert.ok(puts.length >= 2, 'the digests were put in the store');
      assert.ok(!written.some((w) => w.includes(code)), 'no store key or value holds the code');
    });

    test('resend cooldown and the per-user send limit', async () => {
      const s = h.setup({ channelCodes: { resendSeconds: 60, maxSends: 3 } });
      const { twofa, clock } = s;
      const { userId, user } = await withChannel(s);
      clock.now += 61_000;
      const next = await twofa.afterPassword({ userId, user });
      const send = () => twofa.sendCode({ challengeToken: next.challengeToken, channel: 'email', user });
      await send();
      await rejects(send(), 'RATE_LIMITED', (e) => assert.ok(e.retryAfterMs <= 60_000 && e.retryAfterMs > 0, String(e.retryAfterMs)));
      // A new sign-in does not start a new cooldown.
      const another = await twofa.afterPassword({ userId, user });
      await rejects(twofa.sendCode({ challengeToken: another.challengeToken, channel: 'email', user }), 'RATE_LIMITED');
      if (!h.storeFollowsClock) return;
      clock.now += 60_000;
      await send();
      clock.now += 60_000;
      await rejects(send(), 'RATE_LIMITED', (e) => assert.ok(e.retryAfterMs > 60_000, 'the hourly limit (3 sends), not the cooldown'));
    });

    test('an unconfirmed channel is not a factor; email cannot be the code for a password reset', async () => {
      const { twofa, clock } = h.setup();
      const { userId, user } = await enroll(twofa, clock);
      const next = await twofa.afterPassword({ userId, user });
      await rejects(twofa.sendCode({ challengeToken: next.challengeToken, channel: 'email', user }), 'NOT_ENROLLED');
      await rejects(twofa.verifyChallenge({ challengeToken: next.challengeToken, code: '123456', user, method: 'sms' }), 'NOT_ENROLLED');
      await rejects(twofa.sendCode({ challengeToken: next.challengeToken, channel: 'fax', user }), 'INVALID_OPTION');
      const reset = await twofa.startPasswordReset({ userId });
      await rejects(twofa.sendCode({ resetToken: reset.resetToken, channel: 'email', user: { ...user, channels: 'email' } }), 'INVALID_OPTION');
    });

    test("email as a user's only factor: confirm it first, then sign in with email codes", async () => {
      const { twofa, clock, lastCode } = h.setup();
      const userId = newId();
      const user = {};
      await twofa.sendChannelCode({ userId, channel: 'email', user });
      await rejects(twofa.confirmChannel({ userId, channel: 'email', code: wrongCode(lastCode()), user }), 'INVALID_CODE');
      const confirmed = await twofa.confirmChannel({ userId, channel: 'email', code: lastCode(), user });
      assert.equal(confirmed.backupCodes.length, 4, 'a first factor comes with backup codes');
      assert.ok(save(user, confirmed));
      assert.deepEqual(twofa.status(user).methods, ['backup', 'email']);
      const next = await twofa.afterPassword({ userId, user });
      assert.deepEqual(next.methods, ['backup', 'email']);
      clock.now += 61_000;
      await twofa.sendCode({ challengeToken: next.challengeToken, channel: 'email', user });
      // Without an authenticator app, a code of the channel's shape needs no method.
      assert.equal((await twofa.verifyChallenge({ challengeToken: next.challengeToken, code: lastCode(), user })).method, 'email');
      // The backup codes carry a password reset, whose link comes by email.
      const { resetToken } = await twofa.startPasswordReset({ userId });
      assert.equal((await twofa.completePasswordReset({ resetToken, user, code: confirmed.backupCodes[0] })).method, 'backup');
    });

    test('confirming a channel already confirmed still checks the code', async () => {
      const s = h.setup();
      const { twofa } = s;
      const { userId, user } = await withChannel(s, 'email');
      await rejects(twofa.confirmChannel({ userId, channel: 'email', code: 'not a code', user }), 'INVALID_CODE_FORMAT');
      await rejects(twofa.confirmChannel({ userId, channel: 'email', code: '000000', user }), 'INVALID_CODE');
    });

    test('a channel bound to its address stops counting when the address changes (a stolen session editing the profile)', async () => {
      const sent = [];
      const { twofa, clock } = h.setup({ channels: { email: { to: (u) => u.email, send: async (m) => { sent.push(m); } } } });
      const userId = newId();
      const user = { email: 'owner@example.com' };
      await twofa.sendChannelCode({ userId, channel: 'email', user });
      assert.equal(sent.at(-1).to, 'owner@example.com');
      const confirmed = await twofa.confirmChannel({ userId, channel: 'email', code: sent.at(-1).code, user });
      assert.match(confirmed.update.channels, /^email:k1\./);
      assert.ok(save(user, confirmed));
      assert.deepEqual(twofa.status(user).methods, ['backup', 'email']);
      user.email = 'attacker@example.com';
      assert.deepEqual(twofa.status(user).methods, ['backup'], 'the channel no longer verifies');
      assert.equal(twofa.status(user).enabled, true, 'but the user still has 2FA: no login without it');
      const next = await twofa.afterPassword({ userId, user });
      assert.deepEqual([next.state, next.methods], ['MFA_REQUIRED', ['backup']]);
      clock.now += 61_000;
      await rejects(twofa.sendCode({ challengeToken: next.challengeToken, channel: 'email', user }), 'NOT_ENROLLED');
      if (!h.storeFollowsClock) return; // the resend cooldown below runs on the store's own clock
      await twofa.sendChannelCode({ userId, channel: 'email', user });
      assert.equal(sent.at(-1).to, 'attacker@example.com');
      await rejects(twofa.confirmChannel({ userId, channel: 'email', code: sent.at(-1).code, user }), 'ALREADY_ENROLLED',
        () => {}, 're-confirming needs a current code, which the attacker does not have');
      await rejects(twofa.verifyCode({ userId, user, code: sent.at(-1).code, method: 'email' }), 'NOT_ENROLLED');
      user.email = 'owner@example.com';
      assert.deepEqual(twofa.status(user).methods, ['backup', 'email']);
    });

    test('a sender that fails: CHANNEL_FAILED, nothing kept, and the user may ask again at once', async () => {
      let failing = true;
      const outbox = [];
      const { twofa, clock, events } = h.setup({ channels: { email: async (m) => { if (failing) throw new Error('SMTP down'); outbox.push(m); } } });
      const userId = newId();
      await rejects(twofa.sendChannelCode({ userId, channel: 'email', user: null }), 'CHANNEL_FAILED');
      assert.ok(!events.some((e) => e.type === 'code.sent'));
      failing = false;
      await twofa.sendChannelCode({ userId, channel: 'email', user: null });
      assert.equal(outbox.length, 1);
      await rejects(twofa.sendChannelCode({ userId, channel: 'sms', user: null }), 'INVALID_OPTION', (e) => assert.match(e.message, /no sender/));
    });
  });
}
