/**
 * Backup codes: single use, stored only as one salted Argon2id record.
 * @module
 */
import { contextOf, num, options, str } from './checks.js';
import { TwoFactorError } from './errors.js';
import * as glue from '#wasm/backup';
import { part as backup } from '#part/backup';
import { call } from './wasm.js';

/** Options of {@link generateBackupCodes}. */
export interface GenerateBackupCodesOptions {
  /** How many, 1 to 100; default 10. */
  count?: number;
}

/** A used backup code: store `record` in place of the old one. */
export interface UsedBackupCode {
  record: string;
  remaining: number;
}

/**
 * New backup codes to show the user once: ten codes like `k3m9x-q2w7p`
 * (10 Crockford base32 characters, 50 bits each).
 *
 * @example
 * ```ts
 * const codes = generateBackupCodes();        // show these, then forget them
 * const record = hashBackupCodes(codes);      // store only this
 * ```
 * @throws {TwoFactorError} `INVALID_OPTION`.
 */
export function generateBackupCodes(opts?: GenerateBackupCodesOptions): string[] {
  const o = options('generateBackupCodes', opts, ['count'], false);
  const count = num('count', o.count, 10);
  return call(backup, () => glue.generateBackupCodes(count));
}

/**
 * One opaque record to store for a set of codes, bound to the user they
 * belong to (`context`, the user id: a record copied to another user's row
 * never verifies): Argon2id (19 MiB, 2 passes) with one random salt, one
 * digest per code. Takes about 35 ms per code.
 *
 * @example
 * ```ts
 * await db.user.update({ where: { id }, data: { backupRecord: hashBackupCodes(codes, id) } });
 * ```
 * @throws {TwoFactorError} `INVALID_OPTION` (not codes of this shape, a repeated code, an empty context).
 */
export function hashBackupCodes(codes: string[], context: string | number): string {
  const list = codeList(codes);
  const c = contextOf(context, 'context');
  return call(backup, () => glue.hashBackupCodes(list, c));
}

/**
 * A record for backup codes from another system (6 to 12 letters or digits
 * each, such as ten 6-digit codes), so users keep the codes they saved. Each
 * works once, like generated codes; codes of the generated shape may be mixed
 * in. Stored hashed and bound to the user like {@link hashBackupCodes}.
 *
 * @example
 * ```ts
 * const backupRecord = importBackupCodes(JSON.parse(row.backup_codes), row.id);
 * ```
 * @throws {TwoFactorError} `INVALID_OPTION` (a code of another shape, a repeated code, an empty context).
 */
export function importBackupCodes(codes: string[], context: string | number): string {
  const list = codeList(codes);
  const c = contextOf(context, 'context');
  return call(backup, () => glue.importBackupCodes(list, c));
}

function codeList(codes: unknown): string[] {
  if (!Array.isArray(codes)) {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `codes`: expected an array of backup codes');
  }
  return codes.map((code, i) => str(`codes[${i}]`, code));
}

/**
 * Uses a backup code of the user `context`: on a match, the record without
 * that code and how many remain (store the record: the code then never works
 * again); otherwise `null`. Typing is forgiving: any case, spaces or hyphens,
 * O for 0, I or L for 1. Costs one Argon2id computation (two for a record
 * with imported codes), whatever the number of codes.
 *
 * @example
 * ```ts
 * const used = useBackupCode(user.backupRecord, input, user.id);
 * if (used) await save({ backupRecord: used.record }); // used.remaining codes left
 * ```
 * @throws {TwoFactorError} `INVALID_CODE_FORMAT`, `BACKUP_RECORD_MALFORMED`.
 */
export function useBackupCode(record: string, code: string, context: string | number): UsedBackupCode | null {
  const r = str('record', record);
  const c = str('code', code);
  const ctx = contextOf(context, 'context');
  const used = call(backup, () => glue.useBackupCode(r, c, ctx));
  return used === undefined ? null : (JSON.parse(used) as UsedBackupCode);
}

/**
 * How many unused codes a record holds.
 *
 * @example
 * ```ts
 * if (countBackupCodes(user.backupRecord) < 3) showRegenerateHint();
 * ```
 * @throws {TwoFactorError} `BACKUP_RECORD_MALFORMED`.
 */
export function countBackupCodes(record: string): number {
  const r = str('record', record);
  return call(backup, () => glue.countBackupCodes(r));
}
