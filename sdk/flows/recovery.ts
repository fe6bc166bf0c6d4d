/**
 * Recovery that never bypasses 2FA: password-reset links (single use, short
 * lived, dead once the password changes, and needing a current code when the
 * user has 2FA), and a time-locked self-service reset for a user who lost
 * both their device and their backup codes.
 * @internal
 * @module
 */
import { contextOf, options, str } from '../checks.js';
import { TwoFactorError } from '../errors.js';
import { PURPOSES } from '../purposes.js';
import { openChallenge } from './challenge-token.js';
import { BINDINGS, clientOf } from './channels.js';
import type { Context } from './context.js';
import { rateLimited } from './guard.js';
import { verifyFactor } from './login.js';
import { enrolled, loadUser, persist, requireEnrolled } from './records.js';
import { openUserToken, passwordStamp, tokenData } from './tokens.js';
import type { Method, Persist } from './types.js';

const HOUR_SECONDS = 3_600;

/**
 * `startPasswordReset`: a reset token for the link. Throttled per client
 * (`RATE_LIMITED`, the same for every address) and per user (then `null`,
 * like an unknown user, so the answer never tells whether an account exists).
 * Pass `userId: null` for an address with no account: the client is counted
 * the same way.
 */
export async function startPasswordReset(ctx: Context, opts: unknown): Promise<{ resetToken: string; expiresAt: number } | null> {
  const o = options('startPasswordReset', opts, ['userId', 'passwordVersion', 'client']);
  const client = clientOf(o.client);
  const { maxResets, resetMinutes } = ctx.settings.recovery;
  const { guard } = ctx;
  if (client !== undefined) {
    const hit = await guard.hit(['reset-client', client], HOUR_SECONDS);
    if (hit.count > maxResets) throw rateLimited(hit.resetInMs);
  }
  if (o.userId === null) return null;
  const userId = contextOf(o.userId);
  const stamp = passwordStamp(o.passwordVersion);
  const perUser = await guard.hit(['reset-user', userId], HOUR_SECONDS);
  if (perUser.count > maxResets) {
    guard.emit('password-reset.failed', userId, { reason: 'RATE_LIMITED' });
    return null;
  }
  const timestamp = guard.now();
  const ttlSeconds = resetMinutes * 60;
  const resetToken = ctx.ring().issueToken({
    purpose: PURPOSES.passwordReset, subject: userId, ttlSeconds, data: JSON.stringify({ p: stamp }), timestamp,
  });
  guard.emit('password-reset.started', userId);
  return { resetToken, expiresAt: timestamp + ttlSeconds * 1000 };
}

/**
 * `completePasswordReset`: whether the app may set the new password now.
 * The link works once, for its user, until it expires or the password
 * changes; a user with 2FA must give a current code (`MFA_REQUIRED` without
 * one) under the same throttle as a login. It never turns 2FA off and never
 * starts a session.
 */
export async function completePasswordReset(ctx: Context, opts: unknown): Promise<Persist & { userId: string; method?: Method }> {
  const o = options('completePasswordReset', opts, ['resetToken', 'passwordVersion', 'user', 'code', 'method', 'client']);
  const value = str('resetToken', o.resetToken);
  const claims = openUserToken(ctx.guard, ctx.ring(), value, PURPOSES.passwordReset, 'password reset link');
  const userId = claims.subject;
  if ((tokenData(claims).p ?? '') !== passwordStamp(o.passwordVersion)) {
    throw new TwoFactorError('TOKEN_EXPIRED', 'this password reset link is no longer valid (the password changed since); ask for a new one', {
      cause: new Error('the password version changed'),
    });
  }
  const user = await loadUser(o.user, userId);
  const token = { value, expiresAt: claims.expiresAt, what: 'password reset link' };
  const now = ctx.guard.now();
  let result: Persist & { userId: string; method?: Method };
  if (enrolled(user, now)) {
    if (o.code === undefined || o.code === null || o.code === '') {
      throw new TwoFactorError('MFA_REQUIRED', 'this account has two-factor authentication: enter a current code to reset the password');
    }
    const checked = await verifyFactor(ctx, {
      kind: 'password-reset', userId, user, code: o.code, method: o.method, client: o.client,
      binding: BINDINGS.reset(value), tokens: [token], exclude: ['email'],
    });
    result = { userId, method: checked.method, update: checked.update, previous: checked.previous };
  } else {
    await ctx.guard.attempt({ userId, client: clientOf(o.client), kind: 'password-reset' }, [token], async () => undefined);
    result = { userId, ...persist(user, {}) };
  }
  ctx.guard.emit('password-reset.completed', userId, result.method ? { method: result.method } : {});
  return result;
}

/**
 * `requestFactorReset`: a user past the password who lost every factor asks
 * to remove 2FA. It takes effect after `factorResetHours` (72); any sign-in
 * with a code before then cancels it. The event lets the app warn the user
 * on every channel. Asking again never moves the time.
 */
export async function requestFactorReset(ctx: Context, opts: unknown): Promise<Persist & { userId: string; factorResetAt: number }> {
  const o = options('requestFactorReset', opts, ['challengeToken', 'user']);
  const challenge = openChallenge(ctx, o.challengeToken, 'MFA_REQUIRED');
  const { userId } = challenge;
  const user = await loadUser(o.user, userId);
  const now = ctx.guard.now();
  requireEnrolled(user, now);
  if (user.factorResetAt !== undefined) return { userId, factorResetAt: user.factorResetAt, ...persist(user, {}) };
  const factorResetAt = now + ctx.settings.recovery.factorResetHours * HOUR_SECONDS * 1000;
  ctx.guard.emit('factor-reset.requested', userId, { at: factorResetAt });
  return { userId, factorResetAt, ...persist(user, { factorResetAt }) };
}

