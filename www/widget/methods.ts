// The ways a user can answer the login challenge, as afterPassword's
// `methods` lists them, and how the code field looks for each.
import { attrs } from './shared.js';

/** A second factor: an authenticator app, a backup code, or a code sent by email or SMS. */
export type Method = 'totp' | 'backup' | 'email' | 'sms';
/** Where a code can be sent. */
export type Channel = 'email' | 'sms';

const ALL: readonly Method[] = ['totp', 'backup', 'email', 'sms'];

/** The `methods` attribute ("totp backup email"; commas work too), known names only, default "totp backup". */
export function parseMethods(attribute: string | null): Method[] {
  const listed = (attribute ?? '').split(/[\s,]+/);
  const methods = ALL.filter((m) => listed.includes(m));
  return methods.length ? methods : ['totp', 'backup'];
}

export const isChannel = (method: Method): method is Channel => method === 'email' || method === 'sms';

/** The message for asking a channel for a code (`SEND_EMAIL`) or for one it sent (`SENT_SMS`). */
export const channelText = <P extends 'SEND' | 'SENT'>(prefix: P, channel: Channel) =>
  `${prefix}_${channel.toUpperCase()}` as `${P}_${Uppercase<Channel>}`;

/** The code field's label for each method. */
export const LABELS: Record<Method, string> = {
  totp: 'Code from your authenticator app',
  backup: 'Backup code',
  email: 'Code from the email we sent',
  sms: 'Code from the text message we sent',
};

/** The buttons that switch to a method that needs no sending. */
export const SWITCHES: Partial<Record<Method, string>> = {
  totp: 'Use the code from my app instead',
  backup: 'Use a backup code',
};

/** Sets up the code field for `method`: backup codes are letters, the others digits from a one-time-code source. */
export function shapeInput(input: HTMLInputElement, method: Method): void {
  const backup = method === 'backup';
  input.className = backup ? 'backup' : '';
  attrs(input, {
    inputmode: backup ? 'text' : 'numeric',
    autocomplete: backup ? 'off' : 'one-time-code',
    maxlength: backup ? '13' : '9',
    autocapitalize: 'off',
  });
  input.value = '';
  input.removeAttribute('aria-invalid');
}
