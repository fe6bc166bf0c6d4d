/**
 * The login after the password, as a state machine: `afterPassword` says
 * what comes next (a session, a code, or an enrollment), `verifyChallenge`
 * finishes with a code; `verifyCode` is the same check for a signed-in user
 * (step-up before a sensitive action).
 * @internal
 * @module
 */
import { options, userIdOf } from '../checks.js';
import { TwoFactorError } from '../errors.js';
import { issueChallenge, openChallenge } from './challenge-token.js';
import { BINDINGS, clientOf } from './channels.js';
import type { Context } from './context.js';
import { usableMethods } from './destinations.js';
import { issueDeviceToken, useDeviceToken } from './devices.js';
import type { FactorPass } from './factors.js';
import type { AttemptKind, CompletedToken } from './guard.js';
import { CLEARED, enrolled, loadUser, persist, readUser, requireEnrolled, resetDue, type UserRecord } from './records.js';
import { checkPasswordStamp, passwordStampOf } from './tokens.js';
import type { ChallengeInfo, LoginState, Method, UserUpdate, VerifyResult } from './types.js';

/** `afterPassword`: call it once the password was right; the answer is the next state. */
export async function afterPassword(ctx: Context, opts: unknown): Promise<LoginState> {
  const o = options('afterPassword', opts, ['userId', 'user', 'deviceToken', 'client']);
  const userId = userIdOf(o.userId);
  if (o.user === undefined || o.user === null) throw missingUser();
  const user = readUser(o.user);
  const stamp = passwordStampOf(ctx.settings, user, undefined);
  const client = clientOf(o.client);
  if (o.deviceToken !== undefined && o.deviceToken !== null && typeof o.deviceToken !== 'string') {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `deviceToken`: expected the string from the device cookie, or nothing');
  }
  const now = ctx.guard.now();
  if (resetDue(user, now)) return factorResetDone(ctx, userId, user, stamp, now);
  if (!enrolled(user, now)) return withoutFactor(ctx, userId, user, stamp, now);
  if (typeof o.deviceToken === 'string' && o.deviceToken !== '') {
    const state = await trustedDevice(ctx, userId, user, stamp, o.deviceToken, client);
    if (state) return state;
  }
  return challengeFor(ctx, userId, user, stamp, now, {});
}

/** The wait of a self-service factor reset is over: the old factor goes, a new one is due. */
function factorResetDone(ctx: Context, userId: string, user: UserRecord, stamp: string, now: number): LoginState {
  ctx.guard.emit('factor-reset.completed', userId);
  ctx.guard.emit('factor.changed', userId, { change: 'reset' });
  ctx.guard.emit('enrollment.required', userId, { reason: 'factor-reset' });
  const update = { ...CLEARED, devicesRevokedAt: now };
  return { state: 'ENROLLMENT_REQUIRED', reason: 'factor-reset', userId, ...issueChallenge(ctx, userId, 'ENROLLMENT_REQUIRED', stamp), ...persist(user, update) };
}

/**
 * A device token: a session if it is good (and a pending factor reset is
 * cancelled: the owner is here), a code otherwise. A token used twice was
 * copied: every trusted device of the user is signed out, thief's included.
 */
async function trustedDevice(
  ctx: Context, userId: string, user: UserRecord, stamp: string, deviceToken: string, client: string | undefined,
): Promise<LoginState | undefined> {
  // Stolen cookies tried from one place count against it like codes; past its limit, a code is due.
  try {
    await ctx.guard.countClient(client);
  } catch (error) {
    if (error instanceof TwoFactorError && error.code === 'RATE_LIMITED') return undefined;
    throw error;
  }
  const used = await useDeviceToken(ctx, deviceToken, userId, user, stamp);
  const now = ctx.guard.now();
  if ('refused' in used) {
    if (used.refused !== 'reused') return undefined;
    ctx.guard.emit('devices.forgotten', userId, { reason: 'reused' });
    return challengeFor(ctx, userId, user, stamp, now, { devicesRevokedAt: now });
  }
  // devicesRevokedAt written unchanged: the app's conditional write then fails if "sign out all
  // devices" was stored after this sign-in read the row.
  const update: UserUpdate = { devicesRevokedAt: user.devicesRevokedAt ?? null };
  if (user.factorResetAt !== undefined) {
    update.factorResetAt = null;
    ctx.guard.emit('factor-reset.cancelled', userId, { method: 'device' });
  }
  const success: LoginState = { state: 'LOGIN_SUCCESS', via: 'device', userId, deviceToken: used.token, ...persist(user, update) };
  if (user.factorResetAt !== undefined) success.factorResetCancelled = true;
  return success;
}

function challengeFor(ctx: Context, userId: string, user: UserRecord, stamp: string, now: number, update: UserUpdate): LoginState {
  ctx.guard.emit('challenge.started', userId);
  const state: LoginState = {
    state: 'MFA_REQUIRED', userId, ...issueChallenge(ctx, userId, 'MFA_REQUIRED', stamp), methods: usableMethods(ctx, user, now), ...persist(user, update),
  };
  if (user.factorResetAt !== undefined) state.factorResetAt = user.factorResetAt;
  return state;
}

/** No second factor: a session, unless the policy requires one (after any grace period). */
async function withoutFactor(ctx: Context, userId: string, user: UserRecord, stamp: string, now: number): Promise<LoginState> {
  const decision = ctx.settings.policy ? await ctx.settings.policy(user.raw) : null;
  if (decision !== null && decision !== undefined && (typeof decision !== 'object' || typeof decision.required !== 'boolean')) {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `policy`: must return { required: boolean, graceUntil? } or null');
  }
  const graceUntil = decision?.graceUntil instanceof Date ? decision.graceUntil.getTime() : decision?.graceUntil ?? undefined;
  if (graceUntil !== undefined && (typeof graceUntil !== 'number' || !Number.isFinite(graceUntil))) {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `policy`: graceUntil must be milliseconds or a Date');
  }
  if (decision?.required && (graceUntil === undefined || graceUntil <= now)) {
    ctx.guard.emit('enrollment.required', userId, { reason: 'policy' });
    return { state: 'ENROLLMENT_REQUIRED', reason: 'policy', userId, ...issueChallenge(ctx, userId, 'ENROLLMENT_REQUIRED', stamp), ...persist(user, {}) };
  }
  const success: LoginState = { state: 'LOGIN_SUCCESS', via: 'none', userId, ...persist(user, {}) };
  if (decision?.required && graceUntil !== undefined) success.enrollmentDueAt = graceUntil;
  return success;
}

/**
 * `startChallenge`: the first design's entry, kept: a challenge token for a
 * user known to have 2FA. Given the user's record, the challenge dies with
 * the password (the `passwordVersion` option), as afterPassword's does.
 */
export function startChallenge(ctx: Context, opts: unknown): string {
  const o = options('startChallenge', opts, ['userId', 'user']);
  const userId = userIdOf(o.userId);
  const stamp = o.user === undefined || o.user === null ? '' : passwordStampOf(ctx.settings, readUser(o.user), undefined);
  const { challengeToken } = issueChallenge(ctx, userId, 'MFA_REQUIRED', stamp);
  ctx.guard.emit('challenge.started', userId);
  return challengeToken;
}

export function readChallenge(ctx: Context, token: unknown): ChallengeInfo {
  const { userId, expiresAt, state } = openChallenge(ctx, token);
  return { userId, expiresAt, state };
}

/** `verifyChallenge`: MFA_REQUIRED -> LOGIN_SUCCESS with a code; the token names the user. */
export async function verifyChallenge(ctx: Context, opts: unknown): Promise<VerifyResult> {
  const o = options('verifyChallenge', opts, ['challengeToken', 'code', 'user', 'method', 'rememberDevice', 'client']);
  if (o.rememberDevice !== undefined && typeof o.rememberDevice !== 'boolean') {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `rememberDevice`: expected a boolean');
  }
  const challenge = openChallenge(ctx, o.challengeToken, 'MFA_REQUIRED');
  const user = await loadUser(o.user, challenge.userId);
  checkPasswordStamp(ctx.settings, user, challenge.passwordStamp, 'sign-in');
  const token: CompletedToken = { value: challenge.token, expiresAt: challenge.expiresAt, what: 'sign-in' };
  const result = await verifyFactor(ctx, {
    kind: 'challenge', userId: challenge.userId, user, code: o.code, method: o.method, client: o.client,
    binding: BINDINGS.login(challenge.token), tokens: [token],
  });
  if (o.rememberDevice) result.deviceToken = await issueDeviceToken(ctx, challenge.userId, user, challenge.passwordStamp);
  return result;
}

/** `verifyCode`: a signed-in user's current code (step-up). */
export async function verifyCode(ctx: Context, opts: unknown): Promise<VerifyResult> {
  const o = options('verifyCode', opts, ['userId', 'code', 'user', 'method', 'client']);
  const userId = userIdOf(o.userId);
  if (!('user' in o)) throw missingUser();
  return verifyFactor(ctx, { kind: 'code', userId, user: readUser(o.user), code: o.code, method: o.method, client: o.client, binding: BINDINGS.account });
}

export interface FactorRequest {
  kind: AttemptKind;
  userId: string;
  user: UserRecord;
  code: unknown;
  method: unknown;
  client: unknown;
  binding: string;
  tokens?: CompletedToken[];
  /** Methods this request may not use (a password reset refuses email codes). */
  exclude?: Method[];
  /** More work inside the attempt once the code passed (its failure releases what the check claimed); more to store. */
  finish?: () => Promise<UserUpdate>;
}

/**
 * One code for an enrolled user, under the guard; the result carries what to
 * store, and cancels a pending factor reset (the user still has their factor).
 */
export async function verifyFactor(ctx: Context, r: FactorRequest): Promise<VerifyResult> {
  const now = ctx.guard.now();
  requireEnrolled(r.user, now);
  const allowed = usableMethods(ctx, r.user, now).filter((m) => !r.exclude?.includes(m));
  const shaped = ctx.factors.shape(r.code, r.method, r.user, allowed);
  const ring = ctx.ring();
  const pass = await ctx.guard.attempt({ userId: r.userId, client: clientOf(r.client), kind: r.kind }, r.tokens ?? [], async (claims) => {
    const checked = await ctx.factors.check({ userId: r.userId, user: r.user, ...shaped, binding: r.binding }, ring, claims);
    return r.finish ? { ...checked, update: { ...checked.update, ...(await r.finish()) } } : checked;
  });
  return passed(ctx, r.kind, r.userId, r.user, pass);
}

/** Events and the result of a passed factor. */
export function passed(ctx: Context, kind: AttemptKind, userId: string, user: UserRecord, pass: FactorPass): VerifyResult {
  const update = { ...pass.update };
  const cancelsReset = user.factorResetAt !== undefined;
  if (cancelsReset) {
    update.factorResetAt = null;
    ctx.guard.emit('factor-reset.cancelled', userId, { method: pass.method });
  }
  if (kind === 'challenge' || kind === 'code') ctx.guard.emit(`${kind}.passed`, userId, { method: pass.method });
  if (pass.backupRemaining !== undefined) ctx.guard.emit('backup.used', userId, { remaining: pass.backupRemaining });
  const result: VerifyResult = { userId, method: pass.method, ...persist(user, update) };
  if (pass.backupRemaining !== undefined) result.backupRemaining = pass.backupRemaining;
  if (cancelsReset) result.factorResetCancelled = true;
  return result;
}

export function missingUser(nullAllowed = false): TwoFactorError {
  const none = nullAllowed ? ', or null for a user with nothing stored yet' : '';
  return new TwoFactorError('INVALID_OPTION', `invalid option \`user\`: pass the user's stored record (the whole row${none})`);
}
