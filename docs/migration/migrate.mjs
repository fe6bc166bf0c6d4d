#!/usr/bin/env node
// Moves users of a time2fa-style 2FA (TouchGal's shape: `enable_2fa`, a plain
// base32 `two_factor_secret`, a JSON array of plain backup codes in
// `two_factor_backup`) to twofa, in place, in batches, resumable:
//
//   DATABASE_URL=postgres://… TWOFA_KEYS=k1:… node migrate.mjs            # import (plain columns kept)
//   DATABASE_URL=postgres://… TWOFA_KEYS=k1:… node migrate.mjs --erase    # then wipe the plain columns
//
// Step 1 adds twofa's six columns if missing and, for every user with 2FA on
// and no twofa secret yet, writes the sealed secret, the current step and the
// hashed backup codes (WHERE sealed_secret IS NULL: a second run, or a user who
// enrolled with twofa meanwhile, is left alone). Deploy the app on twofa, check
// that users sign in, then run step 2, which erases the plain secrets and codes
// of users twofa now holds. See docs/MIGRATION.md.
import pg from 'pg';
import { createTwoFactor, keysFromEnv } from 'twofa';

const TABLE = process.env.MIGRATE_TABLE ?? 'user';
const BATCH = Number(process.env.MIGRATE_BATCH ?? 200);

export const ADD_COLUMNS = `
  ALTER TABLE "${TABLE}"
    ADD COLUMN IF NOT EXISTS sealed_secret      varchar(255),
    ADD COLUMN IF NOT EXISTS last_used_step     integer,
    ADD COLUMN IF NOT EXISTS backup_record      text,
    ADD COLUMN IF NOT EXISTS twofa_channels     varchar(128),
    ADD COLUMN IF NOT EXISTS factor_reset_at    bigint,
    ADD COLUMN IF NOT EXISTS devices_revoked_at bigint`;

/** Step 1: import. Resolves to `{ migrated, skipped: [{ id, reason }], warnings: [{ id, warning }] }`. */
export async function importUsers(pool, twofa) {
  await pool.query(ADD_COLUMNS);
  const report = { migrated: 0, skipped: [], warnings: [] };
  for (let after = -1; ;) {
    const { rows } = await pool.query(
      `SELECT id, two_factor_secret AS secret, two_factor_backup AS codes FROM "${TABLE}"
        WHERE enable_2fa AND sealed_secret IS NULL AND id > $1 ORDER BY id LIMIT $2`, [after, BATCH]);
    if (rows.length === 0) return report;
    for (const row of rows) {
      after = row.id;
      try {
        const secret = twofa.importSecret({ userId: row.id, secret: row.secret ?? '' });
        const codes = await twofa.importBackupCodes({ userId: row.id, codes: backupList(row.codes) });
        for (const warning of secret.warnings) report.warnings.push({ id: row.id, warning });
        const { rowCount } = await pool.query(
          `UPDATE "${TABLE}" SET sealed_secret = $2, last_used_step = $3, backup_record = $4 WHERE id = $1 AND sealed_secret IS NULL`,
          [row.id, secret.update.sealedSecret, secret.update.lastUsedStep, codes.update.backupRecord]);
        report.migrated += rowCount;
      } catch (error) {
        // One bad row (an unreadable secret) must not stop the others: report it, leave it as it was.
        report.skipped.push({ id: row.id, reason: `${error.code ?? 'ERROR'}: ${error.message}` });
      }
    }
  }
}

/** The codes column: a JSON array (json/jsonb, or text holding JSON). */
function backupList(value) {
  const list = typeof value === 'string' ? JSON.parse(value || '[]') : value ?? [];
  if (!Array.isArray(list)) throw Object.assign(new Error('two_factor_backup is not a JSON array'), { code: 'INVALID_OPTION' });
  return list.map(String);
}

/** Step 2: erase the plain secrets and codes of the users twofa now holds. Resolves to the count. */
export async function erasePlainColumns(pool) {
  const { rowCount } = await pool.query(
    `UPDATE "${TABLE}" SET two_factor_secret = '', two_factor_backup = '[]'
      WHERE sealed_secret IS NOT NULL AND (two_factor_secret <> '' OR two_factor_backup::text <> '[]')`);
  return rowCount;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  const twofa = createTwoFactor({ issuer: process.env.TWOFA_ISSUER ?? 'Forum', keys: keysFromEnv() });
  try {
    if (process.argv.includes('--erase')) {
      console.log(`erased the plain 2FA columns of ${await erasePlainColumns(pool)} users`);
    } else {
      const report = await importUsers(pool, twofa);
      console.log(`migrated ${report.migrated} users`);
      for (const { id, warning } of report.warnings) console.log(`user ${id}: ${warning}`);
      for (const { id, reason } of report.skipped) console.error(`user ${id} NOT migrated: ${reason}`);
      process.exitCode = report.skipped.length ? 1 : 0;
    }
  } finally {
    await pool.end();
  }
}
