/**
 * Recovery that never bypasses 2FA: password-reset links (single use, short
 * lived, dead once the password changes, and needing a current code when the
 * user has 2FA), and a time-locked self-service reset for a user who lost
 * both their device and their backup codes.
 * @internal
 * @module
 */
import { options, str, userIdOf } from '../checks.js';
import { TwoFactorError } from '../errors.js';
import { PURPOSES } from '../purposes.js';
import { openChallenge } from './challenge-token.js';
import { BINDINGS, clientOf } from './channels.js';
import type { Context } from './context.js';
import { rateLimited } from './guard.js';
import { verifyFactor } from './login.js';
import { enrolled, persist, readUser, requireEnrolled, resetDue, type UserRecord, loadUser } from './records.js';
import { checkPasswordStamp, openUserToken, passwordStamp, passwordStampOf, tokenData } from './tokens.js';
import type { Method, Persist, UserLoader } from './types.js';

const HOUR_SECONDS = 3_600;
/** How many times the per (user, client) limit one user may receive in an hour, from all clients. */
const USER_CAP = 4;

/**
 * `startPasswordReset`: a reset token for the link. Throttled per client
 * (`RATE_LIMITED`, the same for every address), per user and client, and per
 * user across clients (then `null`, like an unknown user, so the answer never
 * tells whether an account exists; one client cannot silence another's
 * requests). `userId: null` (no account) does the same work and returns null.
 */
export async function startPasswordReset(ctx: Context, opts: unknown): Promise<{ resetToken: string; expiresAt: number } | null> {
  const o = options('startPasswordReset', opts, ['userId', 'user', 'passwordVersion', 'client']);
  const client = clientOf(o.client);
  const { maxResets, resetMinutes } = ctx.settings.recovery;
  const { guard } = ctx;
  if (client !== undefined) {
    const hit = await guard.hit(['reset-client', client], HOUR_SECONDS);
    if (hit.count > maxResets) throw rateLimited(hit.resetInMs);
  }
  const known = o.userId !== null;
  // An unknown address costs what a known one does: the same store calls and sealing.
  const userId = known ? userIdOf(o.userId) : `unknown:${client ?? ''}`;
  // The app's passwordVersion option reads a real record only: an unknown address has none.
  const stamp = o.user === undefined || o.user === null ? passwordStamp(o.passwordVersion)
    : passwordStampOf(ctx.settings, readUser(o.user), o.passwordVersion);
  const fromClient = await guard.hit(['reset-user', userId, client ?? ''], HOUR_SECONDS);
  const anyClient = await guard.hit(['reset-user', userId], HOUR_SECONDS);
  const timestamp = guard.now();
  const ttlSeconds = resetMinutes * 60;
  const resetToken = ctx.ring().issueToken({
    purpose: PURPOSES.passwordReset, subject: userId, ttlSeconds, data: JSON.stringify({ p: stamp }), timestamp,
  });
  if (!known) return null;
  if (fromClient.count > maxResets || anyClient.count > maxResets * USER_CAP) {
    guard.emit('password-reset.failed', userId, { reason: 'RATE_LIMITED' });
    return null;
  }
  guard.emit('password-reset.started', userId);
  return { resetToken, expiresAt: timestamp + ttlSeconds * 1000 };
}

/** `readPasswordReset`: whom a reset link is for, so the app can load their record. */
export function readPasswordReset(ctx: Context, token: unknown): { userId: string; expiresAt: number } {
  const claims = openUserToken(ctx.guard, ctx.ring(), str('resetToken', token), PURPOSES.passwordReset, 'password reset link');
  return { userId: claims.subject, expiresAt: claims.expiresAt };
}

/**
 * `completePasswordReset`: whether the app may set the new password now.
 * The link works once, for its user, until it expires or the password
 * changes; a user with 2FA must give a current code (`MFA_REQUIRED` without
 * one) under the same throttle as a login, and a user whose factor reset took
 * effect must enroll first (signing in with the password). It never turns
 * 2FA off and never starts a session.
 */
export async function completePasswordReset(ctx: Context, opts: unknown): Promise<Persist & { userId: string; method?: Method }> {
  const o = options('completePasswordReset', opts, ['resetToken', 'passwordVersion', 'user', 'code', 'method', 'client']);
  const value = str('resetToken', o.resetToken);
  const claims = openUserToken(ctx.guard, ctx.ring(), value, PURPOSES.passwordReset, 'password reset link');
  const userId = claims.subject;
  const user = await requiredUser(o.user, userId);
  const stamp = tokenData(claims).p ?? '';
  if (stamp !== passwordStampOf(ctx.settings, user, o.passwordVersion)) {
    throw new TwoFactorError('TOKEN_EXPIRED', 'this password reset link is no longer valid (the password changed since); ask for a new one', {
      cause: new Error('the password version changed'),
    });
  }
  const now = ctx.guard.now();
  if (resetDue(user, now)) {
    throw new TwoFactorError('MFA_REQUIRED', 'two-factor authentication on this account is being reset: sign in with your password and set it up again before resetting the password');
  }
  const token = { value, expiresAt: claims.expiresAt, what: 'password reset link' };
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

/** The record of the user a link names: required, so a link never completes against "nobody". */
async function requiredUser(value: unknown, userId: string): Promise<UserRecord> {
  if (value === undefined || value === null) {
    throw new TwoFactorError('INVALID_OPTION', "invalid option `user`: pass the record of the user the link names (twofa.readPasswordReset(resetToken).userId), or a loader");
  }
  const loaded = typeof value === 'function' ? await (value as UserLoader)(userId) : value;
  if (loaded === undefined || loaded === null) {
    throw new TwoFactorError('TOKEN_EXPIRED', 'this password reset link is no longer valid; ask for a new one', {
      cause: new Error('no user record for the user the link names'),
    });
  }
  return loadUser(loaded, userId);
}

/**
 * `requestFactorReset`: a user past the password who lost every factor asks
 * to remove 2FA. It takes effect after `factorResetHours` (72); any sign-in
 * with a code (or on a trusted device) before then cancels it. The event lets
 * the app warn the user on every channel. Asking again never moves the time.
 */
export async function requestFactorReset(ctx: Context, opts: unknown): Promise<Persist & { userId: string; factorResetAt: number }> {
  const o = options('requestFactorReset', opts, ['challengeToken', 'user']);
  const challenge = openChallenge(ctx, o.challengeToken, 'MFA_REQUIRED');
  const { userId } = challenge;
  const user = await loadUser(o.user, userId);
  checkPasswordStamp(ctx.settings, user, challenge.passwordStamp, 'sign-in');
  const now = ctx.guard.now();
  requireEnrolled(user, now);
  if (user.factorResetAt !== undefined) return { userId, factorResetAt: user.factorResetAt, ...persist(user, {}) };
  const factorResetAt = now + ctx.settings.recovery.factorResetHours * HOUR_SECONDS * 1000;
  ctx.guard.emit('factor-reset.requested', userId, { at: factorResetAt });
  return { userId, factorResetAt, ...persist(user, { factorResetAt }) };
}
