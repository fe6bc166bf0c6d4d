/**
 * The one guard every flow runs under: the clock, audit events, the store
 * with its deadline (failing closed), the throttle per user and per client,
 * and claims that make a code or token pass once and are released when the
 * request fails, so a failed request never uses anything up.
 * @internal
 * @module
 */
import { TwoFactorError } from '../errors.js';
import type { StoreHit } from '../store.js';
import type { Settings } from './config.js';
import { fingerprint } from './tokens.js';
import type { TwoFactorEvent, TwoFactorEventType } from './types.js';

/** What an attempt is, for its audit events. */
export type AttemptKind = 'enrollment' | 'challenge' | 'code' | 'password-reset';

/** Parts of a store key; each is URI-encoded, so no part can forge another. */
export type KeyParts = readonly (string | number)[];

/** Servers sharing a store may disagree on the time by this much without a token working twice. */
const CLOCK_SKEW_ALLOWANCE_SECONDS = 300;

/** A token a request completes: it works once. */
export interface CompletedToken {
  value: string;
  expiresAt: number;
  /** What the user would start again, for the message: 'sign-in', 'enrollment', ... */
  what: string;
}

/** Store methods that older stores may lack. */
interface OptionalMethods {
  get?(key: string): Promise<string | null>;
  put?(key: string, value: string, ttlSeconds: number): Promise<void>;
  release?(key: string, owner: string): Promise<void>;
}

export class Guard {
  readonly #settings: Settings;

  constructor(settings: Settings) {
    this.#settings = settings;
  }

  /** The injected clock, checked. */
  now(): number {
    const t = this.#settings.clock();
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new TwoFactorError('INVALID_OPTION', 'invalid option `now`: must return milliseconds as a finite number');
    }
    return t;
  }

  /** Sends an audit event; a hook that throws or rejects changes nothing. */
  emit(type: TwoFactorEventType, userId: string, detail: TwoFactorEvent['detail'] = {}): void {
    const onEvent = this.#settings.onEvent;
    if (!onEvent) return;
    try {
      const pending = onEvent({ type, userId, at: this.now(), detail });
      if (pending && typeof pending.then === 'function') pending.then(undefined, () => {});
    } catch {
      // An audit hook that fails must not lock users out or let them in.
    }
  }

  key(parts: KeyParts): string {
    return `twofa:${parts.map((p) => encodeURIComponent(String(p))).join(':')}`;
  }

  /** One store call under the deadline: any failure or silence is `STORE_UNAVAILABLE`. */
  async store<T>(run: () => Promise<T>): Promise<T> {
    const ms = this.#settings.storeTimeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        Promise.resolve().then(run),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the store did not answer within ${ms} ms`)), ms);
        }),
      ]);
    } catch (cause) {
      if (cause instanceof TwoFactorError && cause.code === 'STORE_UNAVAILABLE') throw cause;
      throw unavailable(cause);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Counts one event in `parts`' window; an answer that is not a sane count fails closed. */
  async hit(parts: KeyParts, ttlSeconds: number): Promise<StoreHit> {
    const answer = await this.store(() => this.#settings.store.hit(this.key(parts), ttlSeconds));
    return saneHit(answer, ttlSeconds);
  }

  async reset(parts: KeyParts): Promise<void> {
    await this.store(() => this.#settings.store.reset(this.key(parts)));
  }

  async get(parts: KeyParts): Promise<string | null> {
    const store = this.#optional('get');
    const value = await this.store(() => store.get!(this.key(parts)));
    if (value !== null && typeof value !== 'string') throw nonsense('get', value);
    return value;
  }

  async put(parts: KeyParts, value: string, ttlSeconds: number): Promise<void> {
    const store = this.#optional('put');
    await this.store(() => store.put!(this.key(parts), value, ttlSeconds));
  }

  #optional(method: 'get' | 'put'): OptionalMethods {
    const store = this.#settings.store as unknown as OptionalMethods;
    if (typeof store[method] !== 'function') {
      throw new TwoFactorError('INVALID_OPTION', `invalid option \`store\`: it has no \`${method}\`, which email and SMS codes need; update it (memoryStore, redisStore and postgresStore have it)`);
    }
    return store;
  }

  /**
   * How long a claim on a token must last: until the token expires, plus an
   * allowance for servers whose clocks run behind this one's (a store's
   * expiry is the store's own clock; the token's is each server's).
   */
  untilExpiry(expiresAt: number): number {
    return Math.max(1, Math.ceil((expiresAt - this.now()) / 1000)) + CLOCK_SKEW_ALLOWANCE_SECONDS;
  }

  /** Claims for one request, released together if the request fails. */
  claims(): Claims {
    return new Claims(this, this.#settings.store as unknown as OptionalMethods);
  }

  /**
   * Counts one attempt of `client` across users (`limits.perClient`);
   * `RATE_LIMITED` past the limit. Nothing to count without a client.
   */
  async countClient(client: string | undefined): Promise<void> {
    const perClient = this.#settings.limits.perClient;
    if (client === undefined || !perClient) return;
    const hit = await this.hit(['client', client], perClient.windowSeconds);
    if (hit.count > perClient.maxAttempts) throw rateLimited(hit.resetInMs);
  }

  /**
   * One verification request: the tokens it completes are claimed first (a
   * used token never spends a code), then `run` checks the codes under the
   * throttle. If anything fails, every claim made is released, so the user
   * can retype with the same token and no code is used up.
   */
  async attempt<T>(
    who: { userId: string; client?: string; kind: AttemptKind },
    tokens: readonly CompletedToken[],
    run: (claims: Claims) => Promise<T>,
  ): Promise<T> {
    const claims = this.claims();
    try {
      for (const token of tokens) {
        if (!(await claims.take(['token', fingerprint(token.value)], this.untilExpiry(token.expiresAt)))) {
          throw new TwoFactorError('TOKEN_EXPIRED', `this ${token.what} was already completed, or is being completed; start again`);
        }
      }
      const result = await this.throttled(who, () => run(claims));
      claims.keep();
      return result;
    } catch (error) {
      await claims.releaseAll();
      throw error;
    }
  }

  /**
   * Runs one verification attempt under the throttle: every attempt counts,
   * per user (a success resets that count) and per client across users (never
   * reset); past the limits, `RATE_LIMITED` before any code is looked at.
   */
  async throttled<T>(who: { userId: string; client?: string; kind: AttemptKind }, attempt: () => Promise<T>): Promise<T> {
    const { maxFailures, windowSeconds } = this.#settings.limits;
    const failKey = ['fail', who.userId];
    const hit = await this.hit(failKey, windowSeconds);
    if (hit.count > maxFailures) throw rateLimited(hit.resetInMs);
    await this.countClient(who.client);
    try {
      const result = await attempt();
      await this.reset(failKey);
      return result;
    } catch (error) {
      if (error instanceof TwoFactorError && (error.code === 'INVALID_CODE' || error.code === 'CODE_ALREADY_USED')) {
        this.emit(`${who.kind}.failed`, who.userId, { reason: error.code, failures: hit.count });
        if (hit.count === maxFailures) this.emit('locked', who.userId, { retryAfterMs: hit.resetInMs });
      }
      throw error;
    }
  }
}

/**
 * Claims made by one request. Each claim carries a random owner, so a claim
 * whose answer was lost (the deadline fired after the store wrote it) is
 * released without touching another request's claim.
 */
export class Claims {
  readonly #guard: Guard;
  readonly #store: OptionalMethods;
  readonly #owner = randomOwner();
  readonly #held: string[] = [];

  constructor(guard: Guard, store: OptionalMethods) {
    this.#guard = guard;
    this.#store = store;
  }

  /** Sets `parts` if absent: true for exactly one request. */
  async take(parts: KeyParts, ttlSeconds: number): Promise<boolean> {
    const key = this.#guard.key(parts);
    const settings = this.#store as unknown as { claim(key: string, ttl: number, owner?: string): Promise<boolean> };
    let claimed: unknown;
    try {
      claimed = await this.#guard.store(() => settings.claim(key, ttlSeconds, this.#owner));
    } catch (error) {
      // The store may have written the claim before the deadline fired: release it, without
      // making the user wait for a store that is slow right now.
      if (typeof this.#store.release === 'function') void this.#store.release(key, this.#owner).catch(() => {});
      throw error;
    }
    if (typeof claimed !== 'boolean') throw nonsense('claim', claimed);
    if (claimed) this.#held.push(key);
    return claimed;
  }

  /** Releases every claim this request holds (best effort: a store that is down keeps them until they expire). */
  async releaseAll(): Promise<void> {
    const held = this.#held.splice(0);
    await Promise.all(held.map((key) => this.#guard.store(() => this.#reset(key)).catch(() => {})));
  }

  /** Keeps the claims: the request succeeded. */
  keep(): void {
    this.#held.length = 0;
  }

  #reset(key: string): Promise<void> {
    const store = this.#store as unknown as { reset(key: string): Promise<void> };
    return typeof this.#store.release === 'function' ? this.#store.release(key, this.#owner) : store.reset(key);
  }
}

function randomOwner(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function rateLimited(retryAfterMs: number): TwoFactorError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new TwoFactorError('RATE_LIMITED', `too many attempts; try again in ${seconds} s`, { retryAfterMs });
}

function unavailable(cause: unknown): TwoFactorError {
  return new TwoFactorError(
    'STORE_UNAVAILABLE',
    'the two-factor store (replay protection and throttling) is unavailable; no code is accepted until it is back',
    { cause },
  );
}

function nonsense(method: string, value: unknown): TwoFactorError {
  return unavailable(new Error(`the store's ${method} gave an unexpected answer (${typeof value})`));
}

/**
 * `{ count, resetInMs }` with a whole count of at least 1, or a bare count
 * from stores written for the first design; anything else fails closed.
 */
function saneHit(value: unknown, ttlSeconds: number): StoreHit {
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;
  if (whole(value)) return { count: value, resetInMs: ttlSeconds * 1000 };
  const hit = value as Partial<StoreHit> | null;
  if (hit && typeof hit === 'object' && whole(hit.count)) {
    const resetInMs = typeof hit.resetInMs === 'number' && Number.isFinite(hit.resetInMs) && hit.resetInMs >= 0
      ? Math.min(hit.resetInMs, ttlSeconds * 1000)
      : ttlSeconds * 1000;
    return { count: hit.count, resetInMs };
  }
  throw nonsense('hit', value);
}
