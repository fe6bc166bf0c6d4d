/**
 * Backup codes cost one Argon2id computation (19 MiB, about 35 ms) per code
 * hashed or checked. Where the runtime has threads (Node), the entry point
 * installs a worker thread for them, so a burst of backup-code attempts or
 * enrollments never blocks the event loop; elsewhere they run in place.
 * @internal
 * @module
 */
import { hashBackupCodes, importBackupCodes, useBackupCode, type UsedBackupCode } from '../backup.js';

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
