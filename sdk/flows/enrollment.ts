/**
 * Enrollment: a secret is issued in a sealed token (so a mistyped first code
 * keeps the same QR code), and confirmed with its first code. Replacing a
 * factor that still counts needs a current code of it.
 * @internal
 * @module
 */
import { options, str, userIdOf } from '../checks.js';
import { TwoFactorError } from '../errors.js';
import { PURPOSES } from '../purposes.js';
import { qrSvg } from '../qr.js';
import { generateSecret } from '../secret.js';
import { buildUri } from '../uri.js';
import { issueBackupCodes } from './backup-check.js';
import { openChallenge } from './challenge-token.js';
import { BINDINGS, clientOf, currentFactor } from './channels.js';
import type { Context } from './context.js';
import type { CompletedToken } from './guard.js';
import { missingUser } from './login.js';
import { loadUser, persist, readUser, resetDue } from './records.js';
import { checkPasswordStamp, openUserToken } from './tokens.js';
import type { ConfirmedEnrollment, Enrollment, UserUpdate } from './types.js';

/** The user an enrollment is for: the signed-in user, or the one a forced enrollment's challenge names. */
function enrollingUser(ctx: Context, o: Record<string, unknown>): { userId: string; challenge?: CompletedToken & { passwordStamp: string } } {
  if ((o.userId === undefined) === (o.challengeToken === undefined)) {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `userId`: pass the signed-in userId, or the challengeToken of a sign-in that requires enrollment');
  }
  if (o.userId !== undefined) return { userId: userIdOf(o.userId) };
  const challenge = openChallenge(ctx, o.challengeToken, 'ENROLLMENT_REQUIRED');
  return {
    userId: challenge.userId,
    challenge: { value: challenge.token, expiresAt: challenge.expiresAt, what: 'sign-in', passwordStamp: challenge.passwordStamp },
  };
}

export function beginEnrollment(ctx: Context, opts: unknown): Enrollment {
  const o = options('beginEnrollment', opts, ['userId', 'challengeToken', 'account']);
  const { userId } = enrollingUser(ctx, o);
  const account = str('account', o.account);
  const { issuer, totp, enrollmentSeconds } = ctx.settings;
  const secret = generateSecret();
  const uri = buildUri({ secret, account, issuer, algorithm: totp.algorithm, digits: totp.digits, period: totp.period });
  const enrollmentToken = ctx.ring().issueToken({
    purpose: PURPOSES.enrollment, subject: userId, ttlSeconds: enrollmentSeconds, data: secret, timestamp: ctx.guard.now(),
  });
  ctx.guard.emit('enrollment.started', userId);
  return { secret, uri, qrSvg: qrSvg(uri, { title: `Scan with your authenticator app to add ${issuer}` }), enrollmentToken };
}

export async function confirmEnrollment(ctx: Context, opts: unknown): Promise<ConfirmedEnrollment> {
  const o = options('confirmEnrollment', opts, ['userId', 'challengeToken', 'enrollmentToken', 'code', 'user', 'currentCode', 'client']);
  const { userId, challenge } = enrollingUser(ctx, o);
  if (!('user' in o)) throw missingUser(true);
  const token = str('enrollmentToken', o.enrollmentToken);
  const claims = openUserToken(ctx.guard, ctx.ring(), token, PURPOSES.enrollment, 'enrollment');
  if (claims.subject !== userId || claims.data === undefined) {
    throw new TwoFactorError('TOKEN_EXPIRED', 'this enrollment belongs to another sign-in; start again', {
      cause: new Error('the enrollment token names another user'),
    });
  }
  const user = await loadUser(o.user, userId);
  // A forced enrollment's challenge dies with the password, as a sign-in's does.
  if (challenge) checkPasswordStamp(ctx.settings, user, challenge.passwordStamp, 'sign-in');
  const now = ctx.guard.now();
  const current = currentFactor(ctx, user, o.currentCode, now);
  const code = ctx.factors.shape(o.code, 'totp', readUser(null), ['totp']);
  const ring = ctx.ring();
  const client = clientOf(o.client);
  const tokens: CompletedToken[] = [{ value: token, expiresAt: claims.expiresAt, what: 'enrollment' }, ...(challenge ? [challenge] : [])];
  // The new code first: a wrong one says nothing about the current code, so a session thief cannot sort
  // found backup codes into live and dead. The codes are hashed inside the attempt: if that fails, nothing is used up.
  const checked = await ctx.guard.attempt({ userId, client, kind: 'enrollment' }, tokens, async (held) => {
    const step = await ctx.factors.passTotp(userId, claims.data!, code.code, undefined, held);
    const pass = current ? await ctx.factors.check({ userId, user, ...current, binding: BINDINGS.account }, ring, held) : undefined;
    return { step, update: pass?.update ?? {}, ...(await issueBackupCodes(ctx, userId, client)) };
  });
  const { backupCodes } = checked;
  const update: UserUpdate = {
    ...checked.update,
    sealedSecret: ring.seal(claims.data, userId),
    lastUsedStep: checked.step,
    backupRecord: checked.backupRecord,
    factorResetAt: null,
  };
  if (resetDue(user, now)) Object.assign(update, { channels: null, devicesRevokedAt: now });
  ctx.guard.emit('enrolled', userId, { backupCodes: backupCodes.length, replaced: current !== undefined });
  ctx.guard.emit('factor.changed', userId, { change: current ? 'replaced' : 'enrolled' });
  return { userId, backupCodes, ...persist(user, update) };
}
