/**
 * Moving users from another 2FA system: a plain base32 secret or an
 * `otpauth://` URI becomes a sealed secret, and plain backup codes become a
 * hashed record, so users keep their authenticator entry and saved codes.
 * @internal
 * @module
 */
import { options, str, userIdOf } from '../checks.js';
import { TwoFactorError } from '../errors.js';
import { parseUri } from '../uri.js';
import { backupHasher } from './backup-check.js';
import type { Context } from './context.js';
import { persist, readUser } from './records.js';
import type { ImportedSecret, Persist } from './types.js';

/**
 * `importSecret`: the secret sealed for the user, with warnings for what it
 * gets wrong (short, odd padding). `lastUsedStep` is the current step, so a
 * code seen before the migration cannot be replayed after it.
 */
export function importSecret(ctx: Context, opts: unknown): ImportedSecret {
  const o = options('importSecret', opts, ['userId', 'secret']);
  const userId = userIdOf(o.userId);
  const text = str('secret', o.secret).trim();
  const isUri = /^otpauth:\/\//i.test(text);
  const parsed = parseUri(isUri ? text : `otpauth://totp/import?secret=${encodeURIComponent(text)}`);
  const { algorithm, digits, period } = ctx.settings.totp;
  if (parsed.type !== 'totp' || parsed.algorithm !== algorithm || parsed.digits !== digits || parsed.period !== period) {
    throw new TwoFactorError(
      'INVALID_OPTION',
      `invalid option \`secret\`: this ${parsed.type} URI uses ${parsed.algorithm}, ${parsed.digits} digits and ${parsed.period ?? '-'} s, but createTwoFactor's totp options are ${algorithm}, ${digits} digits and ${period} s; configure them to match`,
    );
  }
  // A bare secret has no label: only what concerns the secret itself is worth saying.
  const warnings = isUri ? parsed.warnings : parsed.warnings.filter((w) => /^(SHORT_SECRET|SECRET_PADDING):/.test(w));
  const step = Math.floor(ctx.guard.now() / 1000 / period);
  const sealedSecret = ctx.ring().seal(parsed.secret, userId);
  return { userId, warnings, ...persist(readUser(null), { sealedSecret, lastUsedStep: step }) };
}

/**
 * `importBackupCodes`: plain codes (6-12 letters or digits each) hashed into
 * a record bound to the user. `warnings` says when they are weak: a code
 * under 40 bits (6 digits carry 20) is guessed far sooner than a generated
 * one, and a 6-digit one is tried with every TOTP attempt.
 */
export async function importBackupCodes(ctx: Context, opts: unknown): Promise<Persist & { userId: string; warnings: string[] }> {
  const o = options('importBackupCodes', opts, ['userId', 'codes']);
  const userId = userIdOf(o.userId);
  if (!Array.isArray(o.codes)) throw new TwoFactorError('INVALID_OPTION', 'invalid option `codes`: expected an array of the plain codes');
  const codes = o.codes.map((code, i) => str(`codes[${i}]`, code));
  const backupRecord = await backupHasher().import(codes, userId);
  const weak = codes.filter((code) => bitsOf(code) < 40);
  const warnings = weak.length === 0 ? [] : [
    `WEAK_BACKUP_CODES: ${weak.length} of ${codes.length} imported codes carry fewer than 40 bits (6 digits carry 20); ` +
      'each sign-in attempt can try them, so replace them with generated codes (regenerateBackupCodes) soon',
  ];
  return { userId, warnings, ...persist(readUser(null), { backupRecord }) };
}

/** Bits of a typed code: digits only, or letters and digits (case-insensitive). */
function bitsOf(code: string): number {
  const compact = code.replace(/[\s-]/g, '');
  return compact.length * Math.log2(/^[0-9]*$/.test(compact) ? 10 : 36);
}
