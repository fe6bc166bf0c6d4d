/**
 * The words of every error and `parseUri` warning the WebAssembly core
 * reports. The core sends ids and values (its wire form: a JSON array such
 * as `[2,"digits",15,6,10,5]`, see src/wire.rs); this table writes the same
 * words as the native Rust `Display` (src/error.rs, src/reason.rs,
 * src/uri.rs), so the modules carry no message text. Ids never change; a new
 * error, reason or warning takes the next free id on both sides
 * (tests/messages.rs and tests/node/messages.test.mjs check that they agree).
 * @internal
 * @module
 */
import type { TwoFactorErrorCode } from './errors.js';

/** Reads a wire array in order. */
class Reader {
  #at = 0;
  constructor(
    readonly values: readonly unknown[],
    readonly tables: Tables,
  ) {}
  /** The next value, as text (numbers in decimal, as Rust writes them). */
  v(): string {
    const value = this.values[this.#at++];
    return typeof value === 'number' ? value.toFixed(0) : String(value);
  }
  /** The next id. */
  id(): number {
    return Number(this.values[this.#at++]);
  }
  /** A nested reason. */
  reason(): string {
    return text(this.tables.reasons, this.id(), this);
  }
  /** A nested error's whole message. */
  error(): string {
    return text(this.tables.errors, this.id(), this)[1];
  }
}

type Words<T> = Record<number, (r: Reader) => T>;

/**
 * The words of the errors and reasons a module reports. Each module's
 * {@link Part} carries its own, so that a bundle has only the words of the
 * modules it calls: the browser build's codes module (codes, secrets,
 * URIs, QR codes) leaves out those of parsing URIs and of the server build,
 * the others' are all of them.
 */
export interface Tables {
  errors: Words<[TwoFactorErrorCode, string]>;
  reasons: Words<string>;
}

const merge = <T>(...tables: Words<T>[]): Words<T> => Object.assign({}, ...tables);

function text<T>(table: Words<T>, id: number, reader: Reader): T {
  const words = table[id];
  if (!words) throw new Error(`twofa: no words for id ${id}; the SDK and the WebAssembly module differ`);
  return words(reader);
}

const BASE32_HELP = "use the letters A-Z and digits 2-7 (spaces, hyphens, lower case and '=' padding are accepted)";

/** src/error.rs: id -> [code, message], the one error of every module. */
const OPTION_ERRORS: Words<[TwoFactorErrorCode, string]> = {
  2: (r) => ['INVALID_OPTION', `invalid option \`${r.v()}\`: ${r.reason()}`],
};

/** Of secrets and codes. */
const OTP_ERRORS: Words<[TwoFactorErrorCode, string]> = {
  0: (r) => ['INVALID_BASE32', `secret is not valid base32 (${r.reason()}); ${BASE32_HELP}`],
  1: (r) => ['SECRET_TOO_SHORT', `a secret of ${r.v()} bytes is too short; generate at least ${r.v()} bytes (20 is the default)`],
  3: (r) => ['INVALID_CODE_FORMAT', `the code must be exactly ${r.v()} digits; ask the user to type the code shown in their app`],
  6: () => ['RANDOM_UNAVAILABLE', 'no secure random numbers are available in this runtime (crypto.getRandomValues or the OS RNG failed)'],
};

/** The other errors. */
const ERRORS: Words<[TwoFactorErrorCode, string]> = {
  4: () => ['INVALID_CODE_FORMAT', "a backup code is 10 letters and digits like 'k3m9x-q2w7p'; ask the user to type one of their saved codes"],
  5: (r) => ['INVALID_URI', `invalid otpauth URI: ${r.reason()}`],
  7: (r) => {
    const id = r.v();
    return ['KEY_NOT_FOUND', `this value was sealed with key \`${id}\`, which is not in the key ring; restore key \`${id}\` to the ring (old keys stay for opening), or reset this user's 2FA`];
  },
  8: (r) => ['KEY_TOO_SHORT', `key \`${r.v()}\` has ${r.v()} bytes, at least 32 are required; create one with \`npx twofa keygen\` (32 random bytes)`],
  9: (r) => ['SEAL_MALFORMED', `not a twofa sealed value or token: ${r.reason()}`],
  10: () => ['SEAL_INVALID', 'sealed value or token failed authentication: it was altered, sealed with different key material under the same key id, or belongs to another user or purpose'],
  11: (r) => ['TOKEN_EXPIRED', `the token expired at ${r.v()} (milliseconds since 1970); start this step again for a new one`],
  12: (r) => ['BACKUP_RECORD_MALFORMED', `not a twofa backup-code record: ${r.reason()}; store the string returned by hashBackupCodes unchanged`],
};

/** src/reason.rs: id -> words, of numbers and simple options (every module). */
const OPTION_REASONS: Words<string> = {
  10: (r) => `must be a whole number from ${r.v()} to ${r.v()}`,
  11: () => 'out of range',
};

/** Of QR codes. */
const QR_REASONS: Words<string> = {
  26: () => "use 'L', 'M', 'Q' or 'H'",
  27: () => 'at most 1024 characters',
  28: () => 'must be 0 to 64 modules',
  29: () => "too long for a QR code at this error-correction level (about 2,900 bytes at 'L')",
  30: () => "use a colour like '#000', '#1a2b3c' or 'black'",
};

/** Of secrets, codes and building URIs. */
const OTP_REASONS: Words<string> = {
  // base32 secrets
  0: () => 'the secret is empty',
  1: () => 'longer than 1024 characters',
  2: () => 'not decodable',
  3: () => "'=' padding inside the text",
  4: () => 'digits 0, 1, 8 and 9 are not base32',
  5: () => 'a character outside A-Z and 2-7',
  6: () => 'the length is not a whole number of bytes; a character is missing or extra',
  // numbers and simple options
  12: () => 'must be milliseconds since 1970 (as from Date.now()), from 0 to 8.64e15',
  13: (r) => `at most ${r.v()} bytes, got ${r.v()}`,
  14: () => "use 'SHA1', 'SHA256' or 'SHA512'",
  15: (r) => `must be ${r.v()} to ${r.v()}, got ${r.v()}`,
  16: (r) => `must be 0 to ${r.v()}, got ${r.v()}`,
  17: (r) => `must be 0 to ${r.v()} steps, got ${r.v()}`,
  18: () => 'must be at least 1 second',
  19: () => 'not usable as an HMAC key',
  20: () => "use 'totp' or 'hotp'",
  21: () => "must not be empty; use the user's email or user name",
  22: (r) => `at most ${r.v()} bytes`,
  23: () => 'must not contain control characters',
  24: () => "must not contain ':' (apps split the label at the first colon)",
  25: () => "contains ':' and there is no issuer, so apps would read the part before it as the issuer; pass an issuer",
};

/** The other reasons. */
const REASONS: Words<string> = {
  // key rings, sealing and tokens
  40: () => "give at least one key, e.g. { current: 'k1', keys: { k1: '...' } }",
  41: () => 'at most 64 keys',
  42: () => "key ids are 1 to 32 of A-Z, a-z, 0-9, '_' and '-'",
  43: (r) => `key id \`${r.v()}\` appears twice`,
  44: (r) => `key \`${r.v()}\` is longer than ${r.v()} bytes`,
  45: (r) => `the current key \`${r.v()}\` is not among the keys`,
  46: () => 'at most 64 KiB',
  47: () => 'could not be encrypted',
  48: () => 'must not be empty; pass the user id the value belongs to',
  49: () => 'at most 1024 bytes',
  50: () => 'could not derive a key',
  51: () => "1 to 64 of A-Z, a-z, 0-9, '_', '-', '.' and ':', e.g. 'login-challenge'",
  52: () => '1 to 1024 bytes, for example the user id',
  53: () => 'from 1 second to 366 days',
  54: () => 'at most 16 KiB',
  55: () => 'too far in the future',
  56: () => 'expected <keyId>.<digest>',
  // backup codes
  60: (r) => `from 1 to ${r.v()}`,
  61: () => 'memory 8 KiB to 256 MiB, 1 to 16 passes, 1 lane',
  62: (r) => `at most ${r.v()} codes`,
  63: () => 'each code must be 10 Crockford base32 characters, as generateBackupCodes makes them',
  64: () => 'a code appears twice',
  65: () => 'each imported code must be 6 to 12 letters or digits',
  66: () => 'the user id the codes belong to: 1 to 1024 bytes',
  // otpauth URIs
  70: (r) => `longer than ${r.v()} characters`,
  71: () => 'must start with otpauth://',
  72: () => 'the type must be totp or hotp',
  73: (r) => `parameter \`${r.v()}\`: ${r.reason()}`,
  74: () => "a '%' is not followed by two hex digits",
  75: () => 'percent-escapes that are not UTF-8',
  76: () => 'the secret parameter is missing',
  77: (r) => `the secret parameter: ${r.error()}`,
  78: (r) => `the secret is ${r.v()} bytes; at least ${r.v()} are needed, re-enroll the user with a new secret`,
  79: (r) => `the label: ${r.reason()}`,
  80: () => 'the label has no account name',
  81: () => 'algorithm must be SHA1, SHA256 or SHA512',
  82: (r) => `digits must be ${r.v()} to ${r.v()}`,
  83: () => 'period must be a whole number of seconds, at least 1',
  84: () => 'an hotp URI needs a counter parameter',
  85: () => 'counter must be a whole number',
  86: (r) => `the ${r.v()} parameter appears twice`,
  // sealed values and tokens
  90: () => 'longer than 128 KiB',
  91: () => 'expected tf1.<keyId>.<data>',
  92: () => 'unknown format version (expected tf1)',
  93: () => 'the key id is not valid',
  94: () => 'the data is not base64url',
  95: () => 'too short',
  96: () => "the token's contents are not readable",
  97: () => 'the plaintext is not text',
  // backup-code records
  100: () => 'longer than 64 KiB',
  101: () => 'expected tfb2$m=..,t=..,p=..$<salt>$<digests>$<imported digests>',
  102: () => 'unknown record version (expected tfb2)',
  103: () => 'bad Argon2id parameters',
  104: () => 'bad salt',
  105: () => 'bad digest',
  106: () => 'too many digests',
  107: () => 'unusable Argon2id parameters',
  108: () => 'Argon2id failed with these parameters',
  109: () => 'unusable associated data',
  110: () => 'a record from twofa 0.1, not bound to its user; issue new backup codes',
};

/** src/uri.rs `Warning`: id -> words. */
const WARNINGS: Words<string> = {
  0: (r) => `SHORT_SECRET: the secret is ${r.v()} bytes, fewer than the ${r.v()} RFC 4226 requires; re-enroll when you can`,
  1: (r) => `ISSUER_MISMATCH: the label says issuer '${r.v()}' but the issuer parameter says '${r.v()}'; using the parameter`,
  2: () => 'NO_ISSUER: there is no issuer; apps show only the account name',
  3: (r) => `UNCOMMON_ALGORITHM: ${r.v()}; many authenticator apps ignore the algorithm and use SHA1`,
  4: (r) => `UNCOMMON_DIGITS: ${r.v()} digits; many authenticator apps show only 6`,
  5: (r) => `UNCOMMON_PERIOD: ${r.v()} seconds; many authenticator apps use 30`,
  6: () => 'IGNORED_COUNTER: a totp URI has no counter; it was ignored',
  7: () => 'IGNORED_PERIOD: an hotp URI has no period; it was ignored',
  8: (r) => `SECRET_PADDING: the secret ends in ${r.v()} '=' where RFC 4648 asks for ${r.v()}; it was read as authenticator apps read it`,
};

/** What a module serving codes, secrets, building URIs and QR codes (no parsing) reports. */
export const OTP_TABLES: Tables = {
  errors: /* @__PURE__ */ merge(OPTION_ERRORS, OTP_ERRORS),
  reasons: /* @__PURE__ */ merge(OPTION_REASONS, QR_REASONS, OTP_REASONS),
};

/** What any module reports. */
export const ALL_TABLES: Tables = {
  errors: /* @__PURE__ */ merge(OPTION_ERRORS, OTP_ERRORS, ERRORS),
  reasons: /* @__PURE__ */ merge(OPTION_REASONS, QR_REASONS, OTP_REASONS, REASONS),
};

/** The code and message of an error in its wire form, from a module with these tables. */
export function errorText(wire: readonly unknown[], tables: Tables): [TwoFactorErrorCode, string] {
  const reader = new Reader(wire, tables);
  return text(tables.errors, reader.id(), reader);
}

/** The words of a warning in its wire form. */
export function warningText(wire: readonly unknown[]): string {
  const reader = new Reader(wire, ALL_TABLES);
  return text(WARNINGS, reader.id(), reader);
}
