/**
 * A signed-in user's factor: new backup codes and turning 2FA off (both
 * behind a current code), status, re-sealing under the current key.
 * @internal
 * @module
 */
import { options, userIdOf } from '../checks.js';
import { countBackupCodes } from '../backup.js';
import { issueBackupCodes } from './backup-check.js';
import { BINDINGS, clientOf } from './channels.js';
import type { Context } from './context.js';
import { openSecret } from './factors.js';
import { missingUser, verifyFactor } from './login.js';
import { usableMethods } from './destinations.js';
import { CLEARED, enrolled, persist, readUser } from './records.js';
import type { Persist, TwoFactorStatus } from './types.js';

/** The user id, record and code of a step-up request. */
function stepUp(name: string, opts: unknown) {
  const o = options(name, opts, ['userId', 'user', 'code', 'client']);
  if (!('user' in o)) throw missingUser();
  return { userId: userIdOf(o.userId), user: readUser(o.user), code: o.code, client: o.client };
}

/** New backup codes (the old ones stop working), behind a current code: a stolen session cannot mint a way in. */
export async function regenerateBackupCodes(ctx: Context, opts: unknown): Promise<Persist & { userId: string; backupCodes: string[] }> {
  const { userId, user, code, client } = stepUp('regenerateBackupCodes', opts);
  let backupCodes: string[] = [];
  const checked = await verifyFactor(ctx, {
    kind: 'code', userId, user, code, method: undefined, client, binding: BINDINGS.account,
    // Inside the attempt: if hashing fails, the code that was checked is not used up.
    finish: async () => {
      const issued = await issueBackupCodes(ctx, userId, clientOf(client));
      backupCodes = issued.backupCodes;
      return { backupRecord: issued.backupRecord };
    },
  });
  ctx.guard.emit('backup.regenerated', userId, { count: backupCodes.length });
  ctx.guard.emit('factor.changed', userId, { change: 'backup-codes' });
  return { userId, backupCodes, update: checked.update, previous: checked.previous };
}

/** Turning 2FA off, behind a current code; trusted devices stop working with it. */
export async function disable(ctx: Context, opts: unknown): Promise<Persist & { userId: string }> {
  const { userId, user, code, client } = stepUp('disable', opts);
  await verifyFactor(ctx, { kind: 'code', userId, user, code, method: undefined, client, binding: BINDINGS.account });
  ctx.guard.emit('disabled', userId);
  ctx.guard.emit('factor.changed', userId, { change: 'disabled' });
  // Trusted devices end with the factor, and stay ended if it is turned on again.
  return { userId, ...persist(user, { ...CLEARED, devicesRevokedAt: ctx.guard.now() }) };
}

export function status(ctx: Context, value: unknown): TwoFactorStatus {
  const user = readUser(value);
  const now = ctx.guard.now();
  const on = enrolled(user, now);
  return {
    enabled: on,
    methods: usableMethods(ctx, user, now),
    backupRemaining: on && user.backupRecord ? countBackupCodes(user.backupRecord) : 0,
    needsRotation: on && user.sealedSecret ? ctx.ring().needsRotation(user.sealedSecret) : false,
    factorResetAt: user.factorResetAt ?? null,
    devices: { rememberDays: ctx.settings.deviceDays, revokedAt: user.devicesRevokedAt ?? null },
  };
}

/** Re-seals the secret under the current key (after a key rotation); nothing to store when it already is. */
export function rotate(ctx: Context, opts: unknown): Persist & { userId: string } {
  const o = options('rotate', opts, ['userId', 'user']);
  const userId = userIdOf(o.userId);
  const user = readUser(o.user);
  if (!user.sealedSecret) return { userId, ...persist(user, {}) };
  const ring = ctx.ring();
  openSecret(ctx.guard, ring, userId, user.sealedSecret); // it must open for this user, rotated or not
  if (!ring.needsRotation(user.sealedSecret)) return { userId, ...persist(user, {}) };
  const sealedSecret = ring.reseal(user.sealedSecret, userId);
  ctx.guard.emit('rotated', userId, { to: ring.currentKeyId });
  return { userId, ...persist(user, { sealedSecret }) };
}
