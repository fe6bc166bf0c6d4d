/**
 * Email and SMS codes: sending a fresh code (kept only as a keyed digest in
 * the store, valid for one purpose and one use, with a resend cooldown and a
 * per-user send limit), and confirming a channel so it counts as a factor.
 * @internal
 * @module
 */
import { MAX_ENCODED_ID, str, userIdOf } from '../checks.js';
import { TwoFactorError } from '../errors.js';
import { PURPOSES } from '../purposes.js';
import { openChallenge } from './challenge-token.js';
import type { Context } from './context.js';
import { issueBackupCodes } from './backup-check.js';
import { CHANNEL_CODE_PURPOSE, channelCodeData, channelCodeKey } from './factors.js';
import { rateLimited } from './guard.js';
import { destinationOf, destinationStamp, usableMethods } from './destinations.js';
import { enrolled, loadUser, persist, readUser, writeChannels, type UserRecord } from './records.js';
import { checkPasswordStamp, fingerprint, openUserToken } from './tokens.js';
import type { Channel, ChannelSender, Persist, SentCode } from './types.js';

/** What a sent code answers; the code is good for nothing else. */
export const BINDINGS = {
  login: (challengeToken: string) => `login:${fingerprint(challengeToken)}`,
  reset: (resetToken: string) => `reset:${fingerprint(resetToken)}`,
  /** A signed-in user's step-up or channel confirmation. */
  account: 'account',
};

/** `sendCode`: a code to finish signing in, or to finish a password reset (SMS only). */
export async function sendCode(ctx: Context, o: Record<string, unknown>): Promise<SentCode> {
  const channel = channelOf(o.channel);
  if ((o.challengeToken === undefined) === (o.resetToken === undefined)) {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `challengeToken`: pass the challengeToken of a sign-in, or the resetToken of a password reset');
  }
  let userId: string;
  let binding: string;
  let purpose: 'login' | 'password-reset';
  let stamp = '';
  if (o.challengeToken !== undefined) {
    const challenge = openChallenge(ctx, o.challengeToken, 'MFA_REQUIRED');
    [userId, binding, purpose, stamp] = [challenge.userId, BINDINGS.login(challenge.token), 'login', challenge.passwordStamp];
  } else {
    if (channel === 'email') throw emailForReset();
    const token = str('resetToken', o.resetToken);
    userId = openUserToken(ctx.guard, ctx.ring(), token, PURPOSES.passwordReset, 'password reset link').subject;
    [binding, purpose] = [BINDINGS.reset(token), 'password-reset'];
  }
  const user = await loadUser(o.user, userId);
  checkPasswordStamp(ctx.settings, user, stamp, 'sign-in');
  if (!usableMethods(ctx, user, ctx.guard.now()).includes(channel)) throw notConfirmed(channel);
  return deliver(ctx, { userId, user, channel, binding, purpose, client: clientOf(o.client) });
}

/** `sendChannelCode`: a signed-in user's code, to confirm a new channel or for a step-up. */
export async function sendChannelCode(ctx: Context, o: Record<string, unknown>): Promise<SentCode> {
  const userId = userIdOf(o.userId);
  const channel = channelOf(o.channel);
  const user = readUser(o.user);
  const purpose = user.channels.includes(channel) ? 'verify' : 'confirm';
  return deliver(ctx, { userId, user, channel, binding: BINDINGS.account, purpose, client: clientOf(o.client) });
}

/**
 * `confirmChannel`: the code sent to the channel, typed back, makes it a
 * factor, bound to the address it was sent to (when the channel has `to`).
 * A user who already has a factor must also give a current code, so a stolen
 * session cannot add a way in, nor re-confirm a channel whose address it
 * changed. A channel that is the user's first factor comes with backup codes,
 * as an enrollment does: they are the way through a password reset (whose
 * link arrives in the same inbox) and through a lost phone.
 */
export async function confirmChannel(ctx: Context, o: Record<string, unknown>): Promise<Persist & { userId: string; backupCodes?: string[] }> {
  const userId = userIdOf(o.userId);
  const channel = channelOf(o.channel);
  const user = readUser(o.user);
  const now = ctx.guard.now();
  const again = usableMethods(ctx, user, now).includes(channel);
  const current = again ? undefined : currentFactor(ctx, user, o.currentCode, now);
  const code = ctx.factors.shape(o.code, channel, user, [channel]);
  const ring = ctx.ring();
  const address = destinationOf(ctx.settings, channel, user);
  const client = clientOf(o.client);
  const firstFactor = !again && current === undefined && !user.backupRecord;
  const done = await ctx.guard.attempt({ userId, client, kind: 'code' }, [], async (claims) => {
    await ctx.factors.check({ userId, user, ...code, binding: BINDINGS.account }, ring, claims);
    if (again) return { update: {} };
    const pass = current ? await ctx.factors.check({ userId, user, ...current, binding: BINDINGS.account }, ring, claims) : undefined;
    const stamps = { ...user.channelStamps, [channel]: destinationStamp(ring, channel, address) };
    const update = { ...pass?.update, channels: writeChannels([...user.channels, channel], stamps) };
    if (!firstFactor) return { update };
    const issued = await issueBackupCodes(ctx, userId, client);
    return { update: { ...update, backupRecord: issued.backupRecord }, backupCodes: issued.backupCodes };
  });
  if (again) return { userId, ...persist(user, {}) };
  ctx.guard.emit('channel.confirmed', userId, { channel });
  ctx.guard.emit('factor.changed', userId, { change: 'channel-added', channel });
  return { userId, ...persist(user, done.update), ...(done.backupCodes ? { backupCodes: done.backupCodes } : {}) };
}

/**
 * The current factor's code, checked for shape, when the user has a factor
 * that still counts; `ALREADY_ENROLLED` if it is missing. Replacing or adding
 * a factor needs the current one (OWASP), so a stolen session cannot.
 */
export function currentFactor(ctx: Context, user: UserRecord, currentCode: unknown, now: number) {
  if (currentCode !== undefined && currentCode !== null) str('currentCode', currentCode);
  if (!enrolled(user, now)) return undefined;
  if (currentCode === undefined || currentCode === null || currentCode === '') {
    throw new TwoFactorError(
      'ALREADY_ENROLLED',
      'two-factor authentication is already on for this account; confirm with a current code (from the authenticator app, a backup code, or a code we send) to change it',
    );
  }
  return ctx.factors.shape(currentCode, undefined, user, usableMethods(ctx, user, now));
}

interface Delivery {
  userId: string;
  user: UserRecord;
  channel: Channel;
  binding: string;
  purpose: Parameters<ChannelSender>[0]['purpose'];
  client?: string;
}

/**
 * Generates, stores (as a digest) and sends one code, under the cooldown and
 * the send limits: `maxSends` per user and client, and four times that per
 * user from all clients (so someone else cannot use up the owner's sends from
 * one place, and many places cannot flood the owner).
 */
async function deliver(ctx: Context, d: Delivery): Promise<SentCode> {
  const sender = ctx.settings.senders[d.channel];
  if (!sender) {
    throw new TwoFactorError('INVALID_OPTION', `invalid option \`channel\`: '${d.channel}' has no sender; configure createTwoFactor({ channels: { ${d.channel}: … } })`);
  }
  const to = destinationOf(ctx.settings, d.channel, d.user);
  const { guard } = ctx;
  const { digits, lifetimeSeconds, resendSeconds, maxSends, sendWindowSeconds } = ctx.settings.channelCodes;
  await guard.countClient(d.client);
  // One cooldown per kind of purpose (sign-in, reset, signed-in action), not per challenge: new challenges do not reset it.
  const waitKey = ['send-wait', d.userId, d.channel, d.binding.split(':')[0]!];
  const wait = await guard.hit(waitKey, resendSeconds);
  if (wait.count > 1) throw rateLimited(wait.resetInMs);
  for (const [key, limit] of [[['sends', d.userId, d.client ?? ''], maxSends], [['sends', d.userId], maxSends * 4]] as const) {
    const sends = await guard.hit(key, sendWindowSeconds);
    if (sends.count > limit) throw rateLimited(sends.resetInMs);
  }

  const code = randomDigits(digits);
  const now = guard.now();
  const codeKey = channelCodeKey(d.userId, d.channel, d.binding);
  await guard.put(codeKey, ctx.ring().mac(CHANNEL_CODE_PURPOSE, channelCodeData(d.userId, d.channel, d.binding, code)), lifetimeSeconds);
  const expiresAt = now + lifetimeSeconds * 1000;
  try {
    await sender.send({ userId: d.userId, ...(to === undefined ? {} : { to }), code, expiresAt, purpose: d.purpose });
  } catch (cause) {
    // Nothing was sent: the code is withdrawn and the user may ask again at once.
    await Promise.all([guard.reset(codeKey), guard.reset(waitKey)].map((p) => p.catch(() => {})));
    throw new TwoFactorError('CHANNEL_FAILED', `the ${d.channel} code could not be sent; try again later`, { cause });
  }
  guard.emit('code.sent', d.userId, { channel: d.channel, purpose: d.purpose });
  return { channel: d.channel, expiresAt, resendAt: now + resendSeconds * 1000 };
}

/** Uniform random digits (rejection sampling: no digit is likelier than another). */
function randomDigits(count: number): string {
  let out = '';
  const buffer = new Uint8Array(count * 2);
  while (out.length < count) {
    globalThis.crypto.getRandomValues(buffer);
    for (const byte of buffer) {
      if (byte < 250 && out.length < count) out += String(byte % 10);
    }
  }
  return out;
}

function channelOf(value: unknown): Channel {
  if (value !== 'email' && value !== 'sms') {
    throw new TwoFactorError('INVALID_OPTION', "invalid option `channel`: expected 'email' or 'sms'");
  }
  return value;
}

export function clientOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = str('client', value);
  if (text === '' || encodeURIComponent(text).length > MAX_ENCODED_ID) {
    throw new TwoFactorError('INVALID_OPTION', `invalid option \`client\`: expected a non-empty string of at most ${MAX_ENCODED_ID} characters once URI-encoded (for example the IP address)`);
  }
  return text;
}

function notConfirmed(channel: Channel): TwoFactorError {
  return new TwoFactorError('NOT_ENROLLED', `${channel === 'email' ? 'email' : 'SMS'} codes are not set up for this account`);
}

function emailForReset(): TwoFactorError {
  return new TwoFactorError(
    'INVALID_OPTION',
    "invalid option `channel`: an email code cannot confirm a password reset, whose link came by email (one inbox would be both factors); use the authenticator app, a backup code or SMS",
  );
}
