/**
 * Backup codes: single use, stored only as one salted Argon2id record.
 * @module
 */
import { num, options, str } from './checks.js';
import { TwoFactorError } from './errors.js';
import * as glue from '#wasm';
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
  return call(() => glue.generateBackupCodes(count));
}

/**
 * One opaque record to store for a set of codes: Argon2id (19 MiB, 2 passes)
 * with one random salt, one digest per code. Takes about 0.1 s per code.
 *
 * @example
 * ```ts
 * await db.user.update({ where: { id }, data: { backupRecord: hashBackupCodes(codes) } });
 * ```
 * @throws {TwoFactorError} `INVALID_OPTION` (not codes of this shape, or a repeated code).
 */
export function hashBackupCodes(codes: string[]): string {
  if (!Array.isArray(codes)) {
    throw new TwoFactorError('INVALID_OPTION', 'invalid option `codes`: expected an array of backup codes');
  }
  const list = codes.map((code, i) => str(`codes[${i}]`, code));
  return call(() => glue.hashBackupCodes(list));
}

/**
 * Uses a backup code: on a match, the record without that code and how many
 * remain (store the record: the code then never works again); otherwise
 * `null`. Typing is forgiving: any case, spaces or hyphens, O for 0, I or L
 * for 1. Costs one Argon2id computation whatever the number of codes.
 *
 * @example
 * ```ts
 * const used = useBackupCode(user.backupRecord, input);
 * if (used) await save({ backupRecord: used.record }); // used.remaining codes left
 * ```
 * @throws {TwoFactorError} `INVALID_CODE_FORMAT`, `BACKUP_RECORD_MALFORMED`.
 */
export function useBackupCode(record: string, code: string): UsedBackupCode | null {
  const r = str('record', record);
  const c = str('code', code);
  const used = call(() => glue.useBackupCode(r, c));
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
  return call(() => glue.countBackupCodes(r));
}
