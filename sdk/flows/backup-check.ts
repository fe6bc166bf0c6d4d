/**
 * Backup codes cost one Argon2id computation (19 MiB, about 35 ms) per code
 * hashed or checked. Where the runtime has threads (Node), the entry point
 * installs a worker thread for them, so a burst of backup-code attempts or
 * enrollments never blocks the event loop; elsewhere they run in place.
 * @internal
 * @module
 */
import { generateBackupCodes, hashBackupCodes, importBackupCodes, useBackupCode, type UsedBackupCode } from '../backup.js';
import type { Context } from './context.js';
import { rateLimited, type KeyParts } from './guard.js';

/** Argon2id work, as the synchronous functions of `backup.ts` do it. */
export interface BackupHasher {
  use(record: string, code: string, userId: string): Promise<UsedBackupCode | null>;
  hash(codes: string[], userId: string): Promise<string>;
  import(codes: string[], userId: string): Promise<string>;
}

const inPlace: BackupHasher = {
  use: async (record, code, userId) => useBackupCode(record, code, userId),
  hash: async (codes, userId) => hashBackupCodes(codes, userId),
  import: async (codes, userId) => importBackupCodes(codes, userId),
};

let hasher: BackupHasher = inPlace;

/** Installs this runtime's hasher (the Node entry: a worker thread). */
export function installBackupHasher(next: BackupHasher): void {
  hasher = next;
}

/** The hasher of this runtime. */
export function backupHasher(): BackupHasher {
  return hasher;
}

/** New backup codes one user (or client) may have hashed per hour: each set is seconds of worker time. */
const HASH_BUDGET = { perUser: 20, perClient: 60, windowSeconds: 3_600 };

/**
 * A new set of backup codes and its record, charged to a budget per user and
 * per client that no success resets, so a flood of enrollments from a free
 * account cannot keep the worker busy for everyone else. Call it inside the
 * request's attempt: if hashing fails, the request's claims are released.
 */
export async function issueBackupCodes(ctx: Context, userId: string, client: string | undefined): Promise<{ backupCodes: string[]; backupRecord: string }> {
  const budgets: [KeyParts, number][] = [[['backup-hash', userId], HASH_BUDGET.perUser]];
  if (client !== undefined) budgets.push([['backup-hash-client', client], HASH_BUDGET.perClient]);
  for (const [key, limit] of budgets) {
    const hit = await ctx.guard.hit(key, HASH_BUDGET.windowSeconds);
    if (hit.count > limit) throw rateLimited(hit.resetInMs);
  }
  const backupCodes = generateBackupCodes({ count: ctx.settings.backupCount });
  return { backupCodes, backupRecord: await hasher.hash(backupCodes, userId) };
}
