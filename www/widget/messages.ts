// Every text the elements show for a server's answer comes from this table:
// a server's own `message` (which may name keys, seals or stores) never
// reaches the page, and an error code the table lacks shows UNKNOWN.

/**
 * Default texts; replace any of them through the element's `messages`
 * property. Keys are error codes as `errorResponse` writes them (plus
 * `CONFLICT`, an app's refused conditional write); a `_BACKUP`, `_SENT` or
 * `_REPLACE` variant, where present, is used for a backup code, an email/SMS
 * code or a factor replacement. `{seconds}`, `{minutes}`, `{days}` and
 * `{time}` are filled in.
 */
export const MESSAGES = {
  INVALID_CODE: 'That code is not right. Check the code in your authenticator app and try again.',
  INVALID_CODE_BACKUP: 'That backup code is not right, or it was already used.',
  INVALID_CODE_SENT: 'That code is not right. Check the latest code we sent you.',
  INVALID_CODE_REPLACE: 'A code is not right. Check the current code and the code from the new app.',
  CODE_ALREADY_USED: 'That code was already used. Wait for the next code in your app.',
  CODE_ALREADY_USED_SENT: 'That code was already used. Ask for a new one.',
  RATE_LIMITED: 'Too many attempts. Try again in {seconds} seconds.',
  TOKEN_EXPIRED: 'This step has expired. Please start over.',
  INVALID_CODE_FORMAT: 'Enter the 6-digit code from your authenticator app.',
  INVALID_CODE_FORMAT_BACKUP: 'Enter one of your backup codes.',
  INVALID_CODE_FORMAT_SENT: 'Enter the code we sent you.',
  INVALID_CODE_FORMAT_REPLACE: 'Enter a current code, and the 6-digit code from the new app.',
  ALREADY_ENROLLED: 'Two-factor authentication is already on. To replace it, also enter a current code from your old app, or a backup code.',
  MFA_REQUIRED: 'Confirm it is you with a code first.',
  NOT_ENROLLED: 'That way of signing in is not set up for this account.',
  CHANNEL_FAILED: 'We could not send the code. Try again in a moment, or choose another way.',
  STORE_UNAVAILABLE: 'Sign-in checks are unavailable right now. Try again in a minute.',
  CONFLICT: 'Your account changed meanwhile. Try again.',
  NETWORK: 'The server could not be reached. Check your connection and try again.',
  UNKNOWN: 'Something went wrong. Please try again.',
  CLOCK_AHEAD: "Your device's clock is about {time} ahead. Turn on automatic date and time, then try the current code.",
  CLOCK_BEHIND: "Your device's clock is about {time} behind. Turn on automatic date and time, then try the current code.",
  REMEMBER: 'Remember this browser for {days} days',
  SEND_EMAIL: 'Send a code by email',
  SEND_SMS: 'Send a code by SMS',
  RESEND_IN: 'Send again in {seconds} s',
  RESEND_WAIT: 'A code was sent a moment ago. You can ask for a new one in {seconds} seconds.',
  SENT_EMAIL: 'We sent a code to your email address. It works for {minutes} minutes.',
  SENT_SMS: 'We sent a code to your phone by text message. It works for {minutes} minutes.',
};
export type Messages = typeof MESSAGES;

/** A server error as the twofa `errorResponse` helper writes it. */
export interface ServerError {
  error: string;
  retryAfterMs?: number;
  /** From a TOTP code that matched a nearby step: seconds the device is ahead (positive) or behind. */
  clockSkewSeconds?: number;
}

/**
 * `messages[key]` with `{name}`s filled in. The types ask for the whole
 * table (so a translation learns of new texts); a table from plain
 * JavaScript that lacks a key gets the default text.
 */
export function text(messages: Partial<Messages>, key: keyof Messages, values: Record<string, string | number> = {}): string {
  return (messages[key] ?? MESSAGES[key]).replace(/\{(\w+)\}/g, (all, name: string) => String(values[name] ?? all));
}

/**
 * The text for a server error: a clock hint for a code that matched a
 * nearby step, the variant for this kind of code if the table has one, then
 * the code's own text, else UNKNOWN.
 */
export function describe(error: ServerError, messages: Partial<Messages>, variant?: 'BACKUP' | 'SENT' | 'REPLACE', lang?: string): string {
  const skew = error.clockSkewSeconds;
  if (error.error === 'INVALID_CODE' && typeof skew === 'number' && Number.isFinite(skew) && skew !== 0) {
    return text(messages, skew > 0 ? 'CLOCK_AHEAD' : 'CLOCK_BEHIND', { time: aboutTime(Math.abs(skew), lang) });
  }
  const known = (key: string): key is keyof Messages => Object.hasOwn(MESSAGES, key);
  const key = [`${error.error}_${variant}`, error.error].find(known) ?? 'UNKNOWN';
  return text(messages, key, { seconds: Math.max(1, Math.ceil((error.retryAfterMs ?? 30_000) / 1000)) });
}

/** "40 seconds", "2 minutes", "3 hours", in the page's language where the browser knows its units. */
export function aboutTime(seconds: number, lang?: string): string {
  const [amount, unit] = seconds < 90 ? [seconds, 'second'] : seconds < 5400 ? [seconds / 60, 'minute'] : [seconds / 3600, 'hour'];
  const rounded = Math.round(amount);
  try {
    return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(rounded);
  } catch {
    return `${rounded} ${unit}${rounded === 1 ? '' : 's'}`;
  }
}
