// <twofa-challenge verify-url>: the login step after the password. The
// methods the user has decide the switches: a backup code, and codes sent by
// email or SMS (with the resend cooldown on the button). Optionally a
// "Remember this browser" checkbox. Every text comes from `messages`.
import { wait } from './countdown.js';
import { msUntil, postJson } from './http.js';
import { MESSAGES, describe, text, type Messages, type ServerError } from './messages.js';
import { LABELS, SWITCHES, channelText, isChannel, parseMethods, shapeInput, type Channel, type Method } from './methods.js';
import { Base, button, checkbox, codeForm, digitsOnly, emit, h, langOf, retype, row, say, shadow, type CodeForm } from './shared.js';

/** `twofa-code-sent` event detail: the send-code-url's answer (`sendCode`). */
export interface CodeSentDetail {
  channel: Channel;
  /** The code stops working at this time (milliseconds, server clock). */
  expiresAt: number;
  /** No new code before this time (milliseconds, server clock). */
  resendAt: number;
}

/** What one rendering holds on to. */
interface View extends CodeForm {
  remember?: HTMLInputElement;
  switches: Map<Method, HTMLButtonElement>;
  sends: HTMLButtonElement[];
}

/**
 * `<twofa-challenge verify-url send-code-url? methods? remember-device? remember-days?>`:
 * the code (or backup code, or a code sent by email or SMS) after the password.
 *
 * @example
 * ```ts
 * const element = document.querySelector('twofa-challenge')!;
 * element.setAttribute('methods', login.methods.join(' ')); // from afterPassword's MFA_REQUIRED
 * element.messages = { ...element.messages, INVALID_CODE: 'Code incorrect, réessayez.' };
 * element.addEventListener('twofa-verified', () => location.assign('/'));
 * element.addEventListener('twofa-expired', () => location.assign('/login'));
 * ```
 */
export class TwofaChallengeElement extends Base {
  static readonly observedAttributes = ['verify-url', 'send-code-url', 'methods', 'remember-device', 'remember-days'];
  /** Merged into every fetch, e.g. `{ headers: { 'x-csrf-token': token } }`. */
  fetchOptions: RequestInit = {};
  #messages: Messages = { ...MESSAGES };
  #root?: ShadowRoot;
  #view?: View;
  #mode: Method = 'totp';
  /** Running waits, by the button they hold disabled. */
  #waits = new Map<HTMLButtonElement, () => void>();

  /** Texts shown to the user; replace any of them (the element is drawn again with them). */
  get messages(): Messages {
    return this.#messages;
  }
  set messages(value: Messages) {
    this.#messages = value;
    if (this.#view) this.#render();
  }

  connectedCallback(): void {
    this.#root = shadow(this);
    if (!this.#view) this.#render();
  }

  disconnectedCallback(): void {
    this.#stopWaits();
    this.#view = undefined; // a later connection starts afresh
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name !== 'verify-url' && old !== value && this.#view) this.#render();
  }

  #render(): void {
    this.#stopWaits();
    const methods = parseMethods(this.getAttribute('methods'));
    const channels = this.hasAttribute('send-code-url') ? methods.filter(isChannel) : [];
    const form = codeForm('', 'Verify', () => void this.#verify(), () => this.#mode !== 'backup');
    const view: View = {
      ...form,
      remember: this.#remember(form.message),
      switches: new Map(methods.filter((m) => SWITCHES[m]).map((m) => [m, button(SWITCHES[m]!, () => this.#use(m, true))])),
      sends: channels.map((c) => {
        const send = button(text(this.messages, channelText('SEND', c)), () => void this.#send(c, send));
        return send;
      }),
    };
    this.#view = view;
    const sends = row(...view.sends);
    // A user whose only way is a sent code starts by asking for one.
    const sendFirst = !view.switches.size;
    this.#root!.replaceChildren(h('h2', {}, 'Two-factor authentication'), ...(sendFirst ? [sends, form.form] : [form.form, row(...view.switches.values()), sends]));
    this.#use(methods[0]!, false);
  }

  /** With remember-device: the "Remember this browser" checkbox, put before `message`. */
  #remember(message: HTMLElement): HTMLInputElement | undefined {
    if (!this.hasAttribute('remember-device')) return undefined;
    const days = Number(this.getAttribute('remember-days'));
    const [label, input] = checkbox(text(this.messages, 'REMEMBER', { days: Number.isInteger(days) && days > 0 ? days : 30 }), { name: 'remember' });
    message.before(label);
    return input;
  }

  /** Switches the code field to `method`. */
  #use(method: Method, focus: boolean): void {
    const view = this.#view!;
    this.#mode = method;
    view.label.textContent = LABELS[method];
    shapeInput(view.input, method);
    this.#say('');
    for (const [m, button] of view.switches) button.hidden = m === method;
    if (focus) view.input.focus();
  }

  async #verify(): Promise<void> {
    const { input, submit, remember } = this.#view!;
    const method = this.#mode;
    const code = method === 'backup' ? input.value.trim() : digitsOnly(input.value);
    if (method === 'backup' ? !code : code.length < 6) return this.#fail({ error: 'INVALID_CODE_FORMAT' });
    submit.disabled = true;
    this.#say('Checking…');
    const body = { code, ...(method !== 'totp' && { method }), ...(remember && { rememberDevice: remember.checked }) };
    try {
      const data = await postJson(this, 'verify-url', body);
      this.#say('Verified.', 'ok');
      emit(this, 'twofa-verified', data);
    } catch (error) {
      this.#fail(error as ServerError);
    }
  }

  /** Asks send-code-url for a code; the button then waits out the resend cooldown. */
  async #send(channel: Channel, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const sent = await postJson(this, 'send-code-url', { channel });
      if (typeof sent.expiresAt !== 'number' || typeof sent.resendAt !== 'number') throw { error: 'UNKNOWN' } satisfies ServerError;
      this.#use(channel, true);
      this.#say(text(this.messages, channelText('SENT', channel), { minutes: Math.max(1, Math.round(msUntil(sent.expiresAt) / 60_000)) }), 'ok');
      this.#cooldown(channel, button, msUntil(sent.resendAt));
      emit(this, 'twofa-code-sent', sent);
    } catch (failure) {
      const error = failure as ServerError;
      if (error.error === 'TOKEN_EXPIRED') return this.#fail(error);
      if (error.error !== 'RATE_LIMITED') {
        button.disabled = false;
        return this.#say(describe(error, this.messages), 'error');
      }
      // A code went out a moment ago: the field takes it, and the button waits.
      const ms = error.retryAfterMs ?? 30_000;
      this.#use(channel, true);
      this.#say(text(this.messages, 'RESEND_WAIT', { seconds: Math.ceil(ms / 1000) }), 'error');
      this.#cooldown(channel, button, ms);
    }
  }

  #cooldown(channel: Channel, button: HTMLButtonElement, ms: number): void {
    const label = text(this.messages, channelText('SEND', channel));
    this.#wait(button, ms, (seconds) => { button.textContent = text(this.messages, 'RESEND_IN', { seconds }); }, () => { button.textContent = label; });
  }

  #fail(error: ServerError): void {
    const { input, submit, sends } = this.#view!;
    const variant = this.#mode === 'backup' ? 'BACKUP' : isChannel(this.#mode) ? 'SENT' : undefined;
    this.#say(describe(error, this.messages, variant, langOf(this)), 'error');
    input.setAttribute('aria-invalid', 'true');
    if (error.error === 'TOKEN_EXPIRED') {
      this.#stopWaits();
      for (const button of [submit, ...sends]) button.disabled = true;
      emit(this, 'twofa-expired');
      return;
    }
    if (error.error === 'RATE_LIMITED') {
      this.#wait(submit, error.retryAfterMs ?? 30_000, () => {}, () => this.#say('You can try again now.'));
    } else {
      submit.disabled = false;
    }
    retype(input);
  }

  #wait(button: HTMLButtonElement, ms: number, tick: (seconds: number) => void, done: () => void): void {
    this.#waits.get(button)?.();
    this.#waits.set(button, wait(button, ms, tick, () => {
      this.#waits.delete(button);
      done();
    }));
  }

  #stopWaits(): void {
    for (const stop of this.#waits.values()) stop();
    this.#waits.clear();
  }

  #say(words: string, kind: '' | 'ok' | 'error' = ''): void {
    say(this.#view!.message, words, kind);
  }
}
