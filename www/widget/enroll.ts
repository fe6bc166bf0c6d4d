// <twofa-enroll begin-url confirm-url replace?>: scan, type the first code,
// save the backup codes. The QR code is the one the server drew
// (`beginEnrollment`'s `qrSvg`), checked and redrawn by ./qr.ts: the widget
// loads no WebAssembly, and the secret never goes to a QR service. A wrong
// code leaves the QR alone. Replacing an active factor also asks for a
// current code of it.
import { postJson } from './http.js';
import { MESSAGES, describe, type Messages, type ServerError } from './messages.js';
import { redrawQrSvg } from './qr.js';
import { Base, attrs, button, checkbox, codeForm, copyButton, digitsOnly, emit, h, langOf, retype, row, say, shadow, uid, type CodeForm } from './shared.js';

/** `twofa-enrolled` event detail. */
export interface EnrolledDetail {
  /** How many backup codes were shown and confirmed as saved. */
  backupCodes: number;
}

/**
 * `<twofa-enroll begin-url confirm-url replace?>`: scan, first code, backup
 * codes. With `replace` (the user already has 2FA and is replacing the
 * device) it also asks for a current code, from the old app or a backup code.
 *
 * @example
 * ```ts
 * const element = document.createElement('twofa-enroll');
 * element.setAttribute('begin-url', '/api/user/setting/2fa/save-secret');
 * element.setAttribute('confirm-url', '/api/user/setting/2fa/enable');
 * element.fetchOptions = { headers: { 'x-csrf-token': csrfToken } };
 * element.addEventListener('twofa-enrolled', () => location.reload());
 * document.body.append(element);
 * ```
 */
export class TwofaEnrollElement extends Base {
  static readonly observedAttributes = ['begin-url', 'confirm-url'];
  /** Texts shown to the user; replace any of them. */
  messages: Messages = { ...MESSAGES };
  /** Merged into every fetch, e.g. `{ headers: { 'x-csrf-token': token } }`. */
  fetchOptions: RequestInit = {};
  #root?: ShadowRoot;
  #started = false;
  #token = '';
  #form?: CodeForm;
  /** The current code's field, when replacing a factor. */
  #current?: HTMLInputElement;

  connectedCallback(): void {
    this.#root = shadow(this);
    if (this.#started) return;
    this.#started = true;
    void this.#begin();
  }

  async #begin(): Promise<void> {
    const root = this.#root!;
    const status = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' }, 'Preparing your QR code…');
    root.replaceChildren(status);
    try {
      const data = await postJson(this, 'begin-url', {});
      if (typeof data.uri !== 'string' || typeof data.enrollmentToken !== 'string') {
        throw { error: 'UNKNOWN' } satisfies ServerError; // not an enrollment (uri and enrollmentToken)
      }
      this.#token = data.enrollmentToken;
      this.#renderScan(data.uri, data.qrSvg);
    } catch (error) {
      say(status, describe(error as ServerError, this.messages), 'error');
      root.append(button('Try again', () => void this.#begin(), false));
    }
  }

  #renderScan(uri: string, svg: unknown): void {
    const secret = displayedSecret(uri);
    const qr = qrOrNote(svg);
    const form = codeForm('Code from the app', 'Verify and turn on', () => void this.#confirm(), () => true);
    attrs(form.input, { inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9 \\-]*', maxlength: '9' });
    this.#form = form;
    this.#current = undefined;
    if (this.hasAttribute('replace')) this.#askCurrentCode();
    this.#root!.replaceChildren(
      h('h2', {}, 'Scan with your authenticator app'),
      h('p', {}, 'Use an app such as Google Authenticator, 1Password or Aegis. It shows a new 6-digit code every 30 seconds.'),
      qr,
      h('p', {}, "Can't scan? Type this key into the app:"),
      h('p', { class: 'row' },
        h('code', { class: 'secret', part: 'secret' }, secret),
        copyButton('Copy key', secret.replace(/ /g, ''), form.message, 'Key copied.', 'Copy the key by selecting it.')),
      // The link only for an otpauth: URI: a `javascript:` one from a compromised endpoint would run when clicked.
      /^otpauth:\/\//i.test(uri) ? h('p', {}, h('a', { href: uri, class: 'secondary' }, 'Open in an authenticator app on this device')) : '',
      form.form,
    );
  }

  /** Adds the field for a current code (from the old app, or a backup code) above the new code. */
  #askCurrentCode(): void {
    const { form, message } = this.#form!;
    const id = uid();
    this.#current = h('input', {
      id, name: 'currentCode', class: 'backup', autocomplete: 'off', autocapitalize: 'off', maxlength: '13',
      required: '', 'aria-describedby': message.id, spellcheck: 'false',
    }) as HTMLInputElement;
    form.prepend(h('label', { for: id }, 'Current code (from your old app, or a backup code)'), row(this.#current));
  }

  async #confirm(): Promise<void> {
    const { input, submit, message } = this.#form!;
    const code = digitsOnly(input.value);
    const currentCode = this.#current?.value.trim();
    if (currentCode === '') return this.#fail({ error: 'ALREADY_ENROLLED' });
    if (code.length < 6) return this.#fail({ error: 'INVALID_CODE_FORMAT' });
    submit.disabled = true;
    say(message, 'Checking…');
    try {
      const body = { enrollmentToken: this.#token, code, ...(currentCode !== undefined && { currentCode }) };
      const data = await postJson(this, 'confirm-url', body);
      const codes = Array.isArray(data.backupCodes) ? data.backupCodes.filter((c): c is string => typeof c === 'string') : [];
      this.#renderBackupCodes(codes);
    } catch (error) {
      this.#fail(error as ServerError);
    }
  }

  #fail(error: ServerError): void {
    const { input, submit, message } = this.#form!;
    say(message, describe(error, this.messages, this.#current ? 'REPLACE' : undefined, langOf(this)), 'error');
    // Already on: the user replaces the factor, which needs a current code.
    if (error.error === 'ALREADY_ENROLLED' && !this.#current) this.#askCurrentCode();
    const field = error.error === 'ALREADY_ENROLLED' ? this.#current! : input;
    field.setAttribute('aria-invalid', 'true');
    if (error.error === 'TOKEN_EXPIRED') {
      const again = button('Start over', () => void this.#begin(), false);
      message.append(' ', again);
      submit.disabled = true;
      again.focus();
      return;
    }
    const wait = error.error === 'RATE_LIMITED' ? (error.retryAfterMs ?? 30_000) : 0;
    setTimeout(() => { submit.disabled = false; }, wait);
    retype(field);
  }

  #renderBackupCodes(codes: string[]): void {
    const heading = h('h2', { tabindex: '-1' }, 'Save your backup codes');
    const message = h('p', { class: 'message', 'aria-live': 'polite' });
    const text = `Backup codes (each works once):\n\n${codes.join('\n')}\n`;
    const [savedLabel, saved] = checkbox('I have saved these codes');
    const done = button('Done', () => emit(this, 'twofa-enrolled', { backupCodes: codes.length } satisfies EnrolledDetail), false);
    done.disabled = true;
    saved.addEventListener('change', () => { done.disabled = !saved.checked; });
    this.#root!.replaceChildren(
      heading,
      h('p', {}, 'Two-factor authentication is on. If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe: they are shown only now.'),
      h('ol', { class: 'codes', part: 'codes' }, ...codes.map((c) => h('li', {}, c))),
      row(copyButton('Copy', text, message, 'Codes copied.', 'Copy the codes by selecting them.'), button('Download .txt', () => this.#download(text))),
      message,
      savedLabel,
      done,
    );
    heading.focus();
  }

  /** Saves `text` as backup-codes.txt through a link clicked once. */
  #download(text: string): void {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = h('a', { href: url, download: 'backup-codes.txt' });
    this.#root!.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/**
 * The server's QR code redrawn, or (none sent, or not twofa's) a note to type
 * the key instead, and a line for the developer in the console.
 */
function qrOrNote(svg: unknown): HTMLElement {
  const drawn = redrawQrSvg(svg, 'QR code to scan with your authenticator app');
  if (drawn) return h('div', { class: 'qr', part: 'qr' }, drawn);
  console.error("<twofa-enroll>: the begin-url response has no qrSvg as twofa's beginEnrollment() writes it; send it: Response.json({ uri, qrSvg, enrollmentToken })");
  return h('p', { class: 'no-qr' }, 'The QR code cannot be shown. Type the key below into your authenticator app instead.');
}

/**
 * The key of an `otpauth://` URI in groups of four, for people who type it
 * (the QR code carries the URI itself). Read here rather than by the core's
 * parser so that the widget loads no WebAssembly.
 */
function displayedSecret(uri: string): string {
  const secret = new URL(uri).searchParams.get('secret') ?? '';
  return secret.toUpperCase().replace(/[^A-Z2-7]/g, '').replace(/(.{4})(?!$)/g, '$1 ');
}
