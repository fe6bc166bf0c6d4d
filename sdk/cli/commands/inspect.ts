// `twofa inspect`: what a stored or sent value is (key id, kind, a token's
// purpose and times), never what it holds: no subject, data or plaintext.
import { countBackupCodes, KeyRing, TwoFactorError, type TokenClaims } from 'twofa';
import { PURPOSES } from '../../purposes.js';
import { positionals, UsageError } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { argumentValue } from '../input.js';
import { keyIds, keysFromEnvironment, KEYS_VARIABLE } from '../keys-env.js';

const SEALED = /^tf1\.([A-Za-z0-9_-]{1,32})\.[A-Za-z0-9_-]+$/;
const BACKUP_RECORD = /^tfb\d+\$(m=\d+,t=\d+,p=\d+)\$/;

/** `in 9 min`, `3 h ago`: how far `ms` is from now, roughly. */
function fromNow(ms: number, now: number): string {
  const seconds = Math.round(Math.abs(ms - now) / 1000);
  const [amount, unit] = seconds < 120 ? [seconds, 's'] : seconds < 7200 ? [Math.round(seconds / 60), 'min']
    : seconds < 172_800 ? [Math.round(seconds / 3600), 'h'] : [Math.round(seconds / 86_400), 'days'];
  return ms > now ? `in ${amount} ${unit}` : `${amount} ${unit} ago`;
}

/** The first flow purpose the token opens for, with its claims. */
function openAsFlowToken(ring: KeyRing, value: string): { purpose: string; claims: TokenClaims } | undefined {
  for (const purpose of Object.values(PURPOSES)) {
    try {
      // At time 0 an expired token still opens, so its times can be shown.
      return { purpose, claims: ring.openToken(value, purpose, { timestamp: 0 }) };
    } catch (error) {
      if (!(error instanceof TwoFactorError && error.code === 'SEAL_INVALID')) throw error;
    }
  }
  return undefined;
}

function describeSealed(value: string, keyId: string): [label: string, text: string][] {
  const keys = keysFromEnvironment();
  if (!keys) {
    return [['kind', `a sealed value or a token; set ${KEYS_VARIABLE} to tell which and to read a token's times`], ['key id', keyId]];
  }
  const ring = new KeyRing(keys);
  if (!keyIds(keys).includes(keyId)) {
    return [['kind', 'a sealed value or a token (its key is needed to tell which)'],
      ['key id', `${keyId}, which is not in ${KEYS_VARIABLE}: restore that key to open what it sealed (KEY_NOT_FOUND)`]];
  }
  const keyLine: [string, string] = ['key id', keyId === ring.currentKeyId ? `${keyId} (the current key)` : `${keyId} (an older key; the current one is ${ring.currentKeyId})`];
  const token = openAsFlowToken(ring, value);
  if (!token) {
    const purposes = Object.values(PURPOSES).join(', ');
    return [['kind', `a sealed value (not a token for ${purposes}); a sealed user secret opens only with its user id, which inspect does not guess`], keyLine];
  }
  const now = Date.now();
  const { issuedAt, expiresAt } = token.claims;
  return [
    ['kind', 'token'], ['purpose', token.purpose], keyLine,
    ['issued at', `${new Date(issuedAt).toISOString()} (${fromNow(issuedAt, now)})`],
    ['expires at', `${new Date(expiresAt).toISOString()} (${expiresAt > now ? fromNow(expiresAt, now) : `expired ${fromNow(expiresAt, now)}`})`],
  ];
}

function describeBackupRecord(value: string, parameters: string): [label: string, text: string][] {
  return [['kind', `backup-code record, bound to its user (Argon2id ${parameters.replaceAll(',', ', ')})`], ['codes left', String(countBackupCodes(value))]];
}

export const inspect: Command = {
  name: 'inspect',
  summary: 'key id, kind and a token\'s purpose and expiry, never the contents',
  help: `Usage: twofa inspect <sealed|token|backup-record>

Says what a value from your database or a cookie is, without its contents:
  tf1.<keyId>.<data>  a sealed value (a user's TOTP secret) or a token: the key
                      id; with ${KEYS_VARIABLE} set, whether the key is there and
                      current, and for a token of the twofa flows its purpose,
                      issue time and expiry (expired ones too)
  tfb2$...            a backup-code record: its parameters and the codes left
It never prints a token's subject or data, or anything sealed. A sealed user
secret opens only with the user id it was sealed for: inspect does not guess
it. Give - instead of the value to read it from standard input.

Environment:
  ${KEYS_VARIABLE}  the application keys, id:key[,id:key...] (as twofa keygen prints)

Options:
  -h, --help  this text`,
  options: {},
  run(args, io) {
    const [input] = positionals(args, ['sealed|token|backup-record']);
    const value = argumentValue(input);
    const sealed = SEALED.exec(value);
    const record = BACKUP_RECORD.exec(value);
    if (!sealed && !record) {
      throw new UsageError('not a twofa sealed value, token or backup-code record: expected tf1.<keyId>.<data> or tfb2$m=...');
    }
    const lines = sealed ? describeSealed(value, sealed[1]!) : describeBackupRecord(value, record![1]!);
    const width = Math.max(...lines.map(([label]) => label.length)) + 2;
    for (const [label, text] of lines) io.out(`${`${label}:`.padEnd(width)}${text}`);
    return EXIT.ok;
  },
};
