/**
 * The public shapes of the server flows: configuration, the user record the
 * application stores, and what each flow returns.
 * @module
 */
import type { KeyRing, KeyRingOptions } from '../keyring.js';
import type { Algorithm } from '../otp.js';
import type { TwoFactorStore } from '../store.js';

/**
 * The application's user row as twofa's callbacks (`policy`, `passwordVersion`,
 * a channel's `to`) receive it: twofa's fields plus whatever else the row has.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a row of the app's own shape
export type UserRow = TwoFactorUser & { [field: string]: any };

/** A user id: a non-empty string, or a safe integer (42 and '42' are the same user). Results carry it as a string. */
export type UserId = string | number;

/** Where one-time codes can be sent. */
export type Channel = 'email' | 'sms';

/** A second factor a user can verify with. */
export type Method = 'totp' | 'backup' | Channel;

/** Sends a one-time code; twofa never keeps the code in clear. */
export type ChannelSender = (message: {
  userId: string;
  /** Where to send it, when the channel was configured with `to`. */
  to?: string;
  code: string;
  /** Milliseconds since 1970. */
  expiresAt: number;
  /** Why the code is sent: to sign in, to confirm a sensitive action, to set up the channel, or to reset the password. */
  purpose: 'login' | 'verify' | 'confirm' | 'password-reset';
}) => void | Promise<void>;

/** What the policy says of one user: must they have 2FA, and from when. */
export interface PolicyDecision {
  /** The user must have a second factor. */
  required: boolean;
  /** Until then (milliseconds or a Date) a user without one may still sign in, with a reminder. */
  graceUntil?: number | Date | null;
}

/** Configuration of {@link createTwoFactor}. */
export interface TwoFactorConfig {
  /** Your service's name, shown in authenticator apps. */
  issuer: string;
  /**
   * The key ring that seals secrets and tokens: a `KeyRing`, its options, or
   * a function returning either, called at first use (so a build without the
   * key in its environment never fails). `keysFromEnv()` reads `TWOFA_KEYS`.
   */
  keys: KeyRing | KeyRingOptions | (() => KeyRing | KeyRingOptions);
  /** Default `memoryStore()` (one process); `redisStore` (twofa/redis) or `postgresStore` (twofa/postgres) for several. */
  store?: TwoFactorStore;
  /**
   * TOTP parameters; defaults SHA1, 6 digits, 30 s, window ±1 step. A wrong
   * code matching a step up to `skewSteps` (default 10, 0 = off) outside the
   * window says how far the device's clock is off.
   */
  totp?: { algorithm?: Algorithm; digits?: number; period?: number; window?: number; skewSteps?: number };
  /**
   * Throttling: default 5 attempts per user per 300 s (a success resets it),
   * and 300 attempts per client (the `client` you pass, e.g. the IP) per 300 s
   * across users (`perClient: false` turns that off).
   */
  limits?: {
    maxFailures?: number;
    windowSeconds?: number;
    perClient?: { maxAttempts?: number; windowSeconds?: number } | false;
  };
  /** Default 10 backup codes. */
  backupCodes?: { count?: number };
  /** Token lifetimes; defaults 900 s for enrollment, 600 s for the login challenge. */
  tokens?: { enrollmentSeconds?: number; challengeSeconds?: number };
  /** "Remember this device": how long a trusted device skips the code; default 30 days. */
  devices?: { days?: number };
  /**
   * Senders of one-time codes by email and SMS; a channel works once the user
   * confirmed it. Give `{ to: (user) => user.email, send }` to bind the
   * confirmation to the address: if the address changes, the channel stops
   * counting until the user confirms it again (a bare function is not bound).
   */
  channels?: {
    email?: ChannelSender | { to: (user: UserRow) => string | null | undefined; send: ChannelSender };
    sms?: ChannelSender | { to: (user: UserRow) => string | null | undefined; send: ChannelSender };
  };
  /**
   * Email/SMS codes: default 6 digits valid 600 s, one send per channel per
   * 60 s, at most 5 sends per user per 3,600 s.
   */
  channelCodes?: { digits?: number; lifetimeSeconds?: number; resendSeconds?: number; maxSends?: number; sendWindowSeconds?: number };
  /**
   * What changes when the user's password changes (its hash, a counter),
   * read from the user record: trusted devices, pending challenges and
   * password-reset links die with it. (The reset flows also take a
   * `passwordVersion` of their own, which wins when given.)
   */
  passwordVersion?: (user: UserRow) => string | number | null | undefined;
  /** Mandatory 2FA: who must have a second factor (default: nobody). */
  policy?: (user: UserRow) => PolicyDecision | null | undefined | Promise<PolicyDecision | null | undefined>;
  /**
   * Recovery: password-reset links valid `resetMinutes` (default 30), at most
   * `maxResets` started per user and per client per hour (default 5); a
   * self-service factor reset waits `factorResetHours` (default 72).
   */
  recovery?: { resetMinutes?: number; maxResets?: number; factorResetHours?: number };
  /** How long to wait for the store before failing closed; default 2,000 ms. */
  storeTimeoutMs?: number;
  /** Receives audit events; never secrets or codes. Errors it throws are ignored. */
  onEvent?: (event: TwoFactorEvent) => void | Promise<void>;
  /** The clock in milliseconds; default `Date.now` (inject one in tests). */
  now?: () => number;
}

/**
 * What the application stores per user (all nullable columns; a whole
 * database row may be passed, other fields are ignored). Types and maximum
 * lengths are in the README.
 */
export interface TwoFactorUser {
  /** The TOTP secret, sealed for this user; null when the authenticator app is not set up. */
  sealedSecret?: string | null;
  /** The last TOTP step used; codes at or before it are refused. */
  lastUsedStep?: number | null;
  /** The user's backup codes, hashed and bound to the user; null when there are none. */
  backupRecord?: string | null;
  /** Confirmed code channels, comma-separated (`'email'`, `'email,sms'`); null when none. */
  channels?: string | null;
  /** When a requested self-service factor reset takes effect (milliseconds); null when none is pending. */
  factorResetAt?: number | null;
  /** Device tokens issued before this time (milliseconds) are refused ("sign out all devices"); null when never. */
  devicesRevokedAt?: number | null;
}

/** The stored fields a flow changes. */
export type UserUpdate = Partial<{ [K in keyof Required<TwoFactorUser>]: Required<TwoFactorUser>[K] | null }>;

/**
 * What a flow asks the application to store: write `update` only where the
 * row still holds `previous` (for example `UPDATE … WHERE id = $id AND
 * backupRecord IS NOT DISTINCT FROM $previous`, or Prisma's `updateMany` with
 * `previous` in `where` and a check that `count` is 1). If the row changed in
 * between, another request won: refuse this one and let the user try again.
 * Both objects have the same keys; `previous` holds null for absent values.
 */
export interface Persist {
  update: UserUpdate;
  previous: UserUpdate;
}

/** Loads the stored values of the user a token names. */
export type UserLoader = (userId: string) => TwoFactorUser | null | undefined | Promise<TwoFactorUser | null | undefined>;

/** Audit event types. */
export type TwoFactorEventType =
  | 'enrollment.started'
  | 'enrollment.failed'
  | 'enrolled'
  | 'enrollment.required'
  | 'challenge.started'
  | 'challenge.passed'
  | 'challenge.failed'
  | 'code.passed'
  | 'code.failed'
  | 'code.sent'
  | 'channel.confirmed'
  | 'locked'
  | 'backup.used'
  | 'backup.regenerated'
  | 'disabled'
  | 'rotated'
  | 'device.trusted'
  | 'device.used'
  | 'device.refused'
  | 'devices.forgotten'
  | 'password-reset.started'
  | 'password-reset.failed'
  | 'password-reset.completed'
  | 'factor-reset.requested'
  | 'factor-reset.cancelled'
  | 'factor-reset.completed'
  | 'factor.changed'
  | 'key.error';

/** An audit event. `detail` never holds secrets or codes. */
export interface TwoFactorEvent {
  type: TwoFactorEventType;
  userId: string;
  /** Milliseconds since 1970. */
  at: number;
  detail: Record<string, string | number | boolean>;
}

/** What {@link TwoFactor.beginEnrollment} returns: show the QR code, keep the token. */
export interface Enrollment {
  /** Base32 secret, for people who type it instead of scanning. */
  secret: string;
  /** The `otpauth://` URI (for a link on mobile). */
  uri: string;
  /** The QR code of `uri`, drawn locally. */
  qrSvg: string;
  /** Carries the pending secret, sealed; send it back with the first code. */
  enrollmentToken: string;
}

/** What {@link TwoFactor.confirmEnrollment} returns: store `update`, show `backupCodes` once. */
export interface ConfirmedEnrollment extends Persist {
  userId: string;
  backupCodes: string[];
}

/** A passed verification: store `update` (conditionally, see {@link Persist}). */
export interface VerifyResult extends Persist {
  userId: string;
  method: Method;
  /** Backup codes left, when a backup code was used. */
  backupRemaining?: number;
  /** With `rememberDevice: true`: the new device token, for an HttpOnly cookie. */
  deviceToken?: string;
  /** A pending factor reset was cancelled by this sign-in (`update.factorResetAt` is null). */
  factorResetCancelled?: boolean;
}

/** The next step after the password, from {@link TwoFactor.afterPassword}. */
export type LoginState =
  | (Persist & {
      state: 'LOGIN_SUCCESS';
      userId: string;
      /** Why no code was asked: no 2FA (`none`), or a trusted device (`device`). */
      via: 'none' | 'device';
      /** The rotated device token (when `via` is `device`): replace the cookie. */
      deviceToken?: string;
      /** Mandatory 2FA in its grace period: enroll before this time (milliseconds). */
      enrollmentDueAt?: number;
      /** A pending factor reset was cancelled by this sign-in on a trusted device (`update.factorResetAt` is null). */
      factorResetCancelled?: boolean;
    })
  | (Persist & {
      state: 'MFA_REQUIRED';
      userId: string;
      /** The login challenge: keep it in an HttpOnly cookie; no session yet. */
      challengeToken: string;
      expiresAt: number;
      /** What this user can verify with. */
      methods: Method[];
      /** A pending self-service factor reset (milliseconds); signing in with a code cancels it. */
      factorResetAt?: number;
      /* `update` is empty, or signs out every trusted device when a copied device cookie was caught. */
    })
  | (Persist & {
      state: 'ENROLLMENT_REQUIRED';
      userId: string;
      /** Proves the password step: begin and confirm an enrollment with it, then start the session. */
      challengeToken: string;
      expiresAt: number;
      /** Mandatory 2FA (`policy`), or a completed self-service factor reset (`factor-reset`). */
      reason: 'policy' | 'factor-reset';
    });

/** What {@link TwoFactor.readChallenge} returns. */
export interface ChallengeInfo {
  userId: string;
  expiresAt: number;
  /** `MFA_REQUIRED` (a code is due) or `ENROLLMENT_REQUIRED` (an enrollment is due). */
  state: 'MFA_REQUIRED' | 'ENROLLMENT_REQUIRED';
}

/** What {@link TwoFactor.status} returns. */
export interface TwoFactorStatus {
  /** The user has a second factor (and no completed factor reset). */
  enabled: boolean;
  /** What the user can verify with. */
  methods: Method[];
  backupRemaining: number;
  /** The sealed secret uses an older key: call `rotate`. */
  needsRotation: boolean;
  /** A pending self-service factor reset (milliseconds), or null. */
  factorResetAt: number | null;
  /** Trusted devices: how long one is remembered, and since when older ones are refused. */
  devices: { rememberDays: number; revokedAt: number | null };
}

/** What {@link TwoFactor.sendCode} returns. */
export interface SentCode {
  channel: Channel;
  /** The code stops working at this time (milliseconds). */
  expiresAt: number;
  /** No new code before this time (milliseconds). */
  resendAt: number;
}

/** What {@link TwoFactor.importSecret} returns. */
export interface ImportedSecret extends Persist {
  userId: string;
  /** What the secret or URI gets wrong (`SHORT_SECRET: …`, `SECRET_PADDING: …`), as from `parseUri`. */
  warnings: string[];
}

/** The flows returned by {@link createTwoFactor}. */
export interface TwoFactor {
  /** The key ring (created at first use), for other tokens of your own. */
  readonly keyRing: KeyRing;

  // The login
  afterPassword(opts: { userId: UserId; user: TwoFactorUser; deviceToken?: string | null; client?: string }): Promise<LoginState>;
  startChallenge(opts: { userId: UserId; user?: TwoFactorUser | null }): string;
  readChallenge(challengeToken: string): ChallengeInfo;
  verifyChallenge(opts: {
    challengeToken: string;
    code: string;
    user: TwoFactorUser | UserLoader;
    method?: Method;
    rememberDevice?: boolean;
    client?: string;
  }): Promise<VerifyResult>;
  verifyCode(opts: { userId: UserId; code: string; user: TwoFactorUser; method?: Method; client?: string }): Promise<VerifyResult>;
  sendCode(opts: { challengeToken?: string; resetToken?: string; channel: Channel; user: TwoFactorUser | UserLoader; client?: string }): Promise<SentCode>;

  // Managing the factor (signed in)
  beginEnrollment(opts: { userId?: UserId; challengeToken?: string; account: string }): Enrollment;
  confirmEnrollment(opts: {
    userId?: UserId;
    challengeToken?: string;
    enrollmentToken: string;
    code: string;
    user: TwoFactorUser | null | UserLoader;
    currentCode?: string;
    client?: string;
  }): Promise<ConfirmedEnrollment>;
  sendChannelCode(opts: { userId: UserId; channel: Channel; user: TwoFactorUser | null; client?: string }): Promise<SentCode>;
  confirmChannel(opts: { userId: UserId; channel: Channel; code: string; user: TwoFactorUser | null; currentCode?: string; client?: string }): Promise<Persist & { userId: string; backupCodes?: string[] }>;
  regenerateBackupCodes(opts: { userId: UserId; user: TwoFactorUser; code: string; client?: string }): Promise<Persist & { userId: string; backupCodes: string[] }>;
  disable(opts: { userId: UserId; user: TwoFactorUser; code: string; client?: string }): Promise<Persist & { userId: string }>;
  forgetDevices(opts: { userId: UserId; user: TwoFactorUser | null }): Persist & { userId: string };
  status(user: TwoFactorUser | null | undefined): TwoFactorStatus;
  rotate(opts: { userId: UserId; user: TwoFactorUser }): Persist & { userId: string };

  // Recovery
  startPasswordReset(opts: {
    userId: UserId | null;
    /** The user's record, for the `passwordVersion` option (or give `passwordVersion`). */
    user?: TwoFactorUser | null;
    passwordVersion?: string | number;
    client?: string;
  }): Promise<{ resetToken: string; expiresAt: number } | null>;
  readPasswordReset(resetToken: string): { userId: string; expiresAt: number };
  completePasswordReset(opts: {
    resetToken: string;
    passwordVersion?: string | number;
    /** The record of the user the link names (required: a link never completes without it), or a loader. */
    user: TwoFactorUser | UserLoader;
    code?: string;
    method?: Method;
    client?: string;
  }): Promise<Persist & { userId: string; method?: Method }>;
  requestFactorReset(opts: { challengeToken: string; user: TwoFactorUser | UserLoader }): Promise<Persist & { userId: string; factorResetAt: number }>;

  // Migration
  importSecret(opts: { userId: UserId; secret: string }): ImportedSecret;
  importBackupCodes(opts: { userId: UserId; codes: string[] }): Promise<Persist & { userId: string; warnings: string[] }>;
}
