/**
 * A key ring with ids: sealing values at rest and expiring tokens.
 * @module
 */
import { contextOf, num, optionalStr, options, str, timestamp } from './checks.js';
import { TwoFactorError } from './errors.js';
import * as glue from '#wasm/vault';
import { part as vault } from '#part/vault';
import { call, CoreObject } from './wasm.js';

/** Keys by id and the id of the one new values are sealed with. */
export interface KeyRingOptions {
  /** The id new values are sealed with, e.g. `'k2'`. */
  current: string;
  /**
   * Key strings by id (ids: 1 to 32 of `A-Z a-z 0-9 _ -`). Each key is any
   * text of at least 32 bytes; generate one with `npx twofa keygen`.
   * Keep old keys here after a rotation so old values still open.
   */
  keys: Record<string, string>;
}

/** Options of {@link KeyRing.issueToken}. */
export interface IssueTokenOptions {
  /** What the token is for, e.g. `'enroll'` or `'login-challenge'`; 1 to 64 of `A-Z a-z 0-9 _ - . :`. */
  purpose: string;
  /** Whom it is about, e.g. the user id (a safe integer is read as its decimal string). */
  subject: string | number;
  /** Lifetime in seconds, 1 to 366 days. */
  ttlSeconds: number;
  /** Optional text sealed with it (encrypted, not only signed). */
  data?: string;
  /** Issue time in milliseconds; default `Date.now()`. */
  timestamp?: number;
}

/** What an opened token carries. */
export interface TokenClaims {
  subject: string;
  data?: string;
  /** Milliseconds since 1970. */
  issuedAt: number;
  /** Milliseconds since 1970; the token is refused from this instant on. */
  expiresAt: number;
}

/**
 * Keys with ids. Sealed values and tokens name the key that sealed them, so a
 * changed or missing key is a clear `KEY_NOT_FOUND` naming it, never a crash,
 * and old values are moved to the current key with {@link KeyRing.reseal}.
 *
 * @example
 * ```ts
 * const ring = new KeyRing({ current: 'k2', keys: { k1: process.env.TWOFA_KEY_1!, k2: process.env.TWOFA_KEY_2! } });
 * const sealedSecret = ring.seal(secret, user.id);      // 'tf1.k2.…', store it
 * const secretAgain = ring.open(sealedSecret, user.id); // only for this user
 * ```
 * @throws {TwoFactorError} `KEY_TOO_SHORT`, `INVALID_OPTION`.
 */
export class KeyRing {
  readonly #ring: CoreObject<glue.CoreKeyRing>;

  constructor(opts: KeyRingOptions) {
    const o = options('KeyRing', opts, ['current', 'keys']);
    const current = str('current', o.current);
    const keys = o.keys;
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
      throw new TwoFactorError('INVALID_OPTION', 'invalid option `keys`: expected an object of key strings by id');
    }
    const ids = Object.keys(keys);
    const values = ids.map((id) => str(`keys.${id}`, (keys as Record<string, unknown>)[id]));
    this.#ring = new CoreObject(vault, 'KeyRing', () => new glue.CoreKeyRing(current, ids, values));
  }

  /** The id new values are sealed with. */
  get currentKeyId(): string {
    return this.#ring.get().currentKeyId;
  }

  /**
   * Seals `plaintext` for `context` (the user id it belongs to) with the
   * current key: `tf1.<keyId>.<data>`.
   *
   * @example
   * ```ts
   * await db.user.update({ where: { id }, data: { sealedSecret: ring.seal(secret, id) } });
   * ```
   * @throws {TwoFactorError} `INVALID_OPTION` (empty context, more than 64 KiB).
   */
  seal(plaintext: string, context: string | number): string {
    const p = str('plaintext', plaintext);
    const c = contextOf(context, 'context');
    return call(vault, () => this.#ring.get().seal(p, c));
  }

  /**
   * Opens a value sealed for `context` with any key in the ring.
   *
   * @example
   * ```ts
   * const secret = ring.open(user.sealedSecret, user.id);
   * ```
   * @throws {TwoFactorError} `KEY_NOT_FOUND` (names the missing key id), `SEAL_INVALID`
   * (altered, other key material, other context), `SEAL_MALFORMED`.
   */
  open(sealed: string, context: string | number): string {
    const s = str('sealed', sealed);
    const c = contextOf(context, 'context');
    return call(vault, () => this.#ring.get().open(s, c));
  }

  /**
   * Whether `sealed` was sealed with a key other than the current one.
   *
   * @example
   * ```ts
   * if (ring.needsRotation(user.sealedSecret)) user.sealedSecret = ring.reseal(user.sealedSecret, user.id);
   * ```
   * @throws {TwoFactorError} `SEAL_MALFORMED`.
   */
  needsRotation(sealed: string): boolean {
    const s = str('sealed', sealed);
    return call(vault, () => this.#ring.get().needsRotation(s));
  }

  /**
   * Opens with the key that sealed it and seals again with the current key.
   *
   * @example
   * ```ts
   * const rotated = ring.reseal(user.sealedSecret, user.id);
   * ```
   * @throws {TwoFactorError} as {@link KeyRing.open}.
   */
  reseal(sealed: string, context: string | number): string {
    const s = str('sealed', sealed);
    const c = contextOf(context, 'context');
    return call(vault, () => this.#ring.get().reseal(s, c));
  }

  /**
   * An expiring token, sealed for one purpose: an enrollment carrying its
   * pending secret, a login challenge, a reset link.
   *
   * @example
   * ```ts
   * const token = ring.issueToken({ purpose: 'login-challenge', subject: user.id, ttlSeconds: 600 });
   * ```
   * @throws {TwoFactorError} `INVALID_OPTION`.
   */
  issueToken(opts: IssueTokenOptions): string {
    const o = options('issueToken', opts, ['purpose', 'subject', 'ttlSeconds', 'data', 'timestamp']);
    const purpose = str('purpose', o.purpose);
    const subject = contextOf(o.subject, 'subject');
    const ttl = num('ttlSeconds', o.ttlSeconds);
    const data = optionalStr('data', o.data);
    const ts = timestamp(o.timestamp);
    return call(vault, () => this.#ring.get().issueToken(purpose, subject, ttl, data, ts));
  }

  /**
   * A keyed digest of `data` for `purpose`, under the current key:
   * `<keyId>.<digest>`. For a value to compare later without keeping it (a
   * one-time code in a store): without the ring, the digest of a short code
   * cannot be reversed by trying every code.
   *
   * @example
   * ```ts
   * const tag = ring.mac('reset-code', `${userId}:${code}`);
   * ring.verifyMac('reset-code', `${userId}:${typed}`, tag); // true or false
   * ```
   * @throws {TwoFactorError} `INVALID_OPTION` (a purpose outside 1-64 of `A-Z a-z 0-9 _ - . :`).
   */
  mac(purpose: string, data: string): string {
    const p = str('purpose', purpose);
    const d = str('data', data);
    return call(vault, () => this.#ring.get().mac(p, d));
  }

  /**
   * Whether `tag` is {@link KeyRing.mac} of `data` for `purpose`, checked with
   * the key it names and compared in constant time.
   *
   * @example
   * ```ts
   * if (!ring.verifyMac('reset-code', `${userId}:${typed}`, tag)) throw new Error('wrong code');
   * ```
   * @throws {TwoFactorError} `KEY_NOT_FOUND` (the key was removed), `SEAL_MALFORMED`.
   */
  verifyMac(purpose: string, data: string, tag: string): boolean {
    const p = str('purpose', purpose);
    const d = str('data', data);
    const t = str('tag', tag);
    return call(vault, () => this.#ring.get().verifyMac(p, d, t));
  }

  /**
   * Opens a token issued for `purpose`.
   *
   * @example
   * ```ts
   * const { subject } = ring.openToken(cookies.get('challenge'), 'login-challenge');
   * ```
   * @throws {TwoFactorError} `TOKEN_EXPIRED` from `expiresAt` on, `SEAL_INVALID` for
   * another purpose or if altered, `KEY_NOT_FOUND`, `SEAL_MALFORMED`.
   */
  openToken(token: string, purpose: string, opts?: { timestamp?: number }): TokenClaims {
    const t = str('token', token);
    const p = str('purpose', purpose);
    const o = options('openToken', opts, ['timestamp'], false);
    const ts = timestamp(o.timestamp);
    return JSON.parse(call(vault, () => this.#ring.get().openToken(t, p, ts))) as TokenClaims;
  }
}
