// <twofa-challenge verify-url>: the login step after the password, with a
// switch to a backup code and clear messages for every outcome.
import { Base, MESSAGES, describe, digitsOnly, h, postJson, shadow, uid, type Messages, type ServerError } from './shared.js';

/**
 * `<twofa-challenge verify-url>`: the code (or backup code) after the password.
 *
 * @example
 * ```ts
 * const element = document.querySelector('twofa-challenge')!;
 * element.messages = { ...element.messages, INVALID_CODE: 'Code incorrect, réessayez.' };
 * element.addEventListener('twofa-verified', () => location.assign('/'));
 * element.addEventListener('twofa-expired', () => location.assign('/login'));
 * ```
 */
export class TwofaChallengeElement extends Base {
  static readonly observedAttributes = ['verify-url'];
  /** Texts shown to the user; replace any of them. */
  messages: Messages = { ...MESSAGES };
  /** Merged into every fetch, e.g. `{ headers: { 'x-csrf-token': token } }`. */
  fetchOptions: RequestInit = {};
  #root?: ShadowRoot;
  #backup = false;
  #timer?: ReturnType<typeof setInterval>;

  connectedCallback(): void {
    this.#root = shadow(this);
    if (!this.#root.firstChild) this.#render();
  }

  disconnectedCallback(): void {
    clearInterval(this.#timer);
  }

  #render(): void {
    const inputId = uid('twofa-code');
    const messageId = uid('twofa-message');
    const label = h('label', { for: inputId });
    const input = h('input', { id: inputId, name: 'code', required: '', 'aria-describedby': messageId, spellcheck: 'false' }) as HTMLInputElement;
    const submit = h('button', { type: 'submit' }, 'Verify') as HTMLButtonElement;
    const toggle = h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false' }) as HTMLButtonElement;
    const message = h('p', { class: 'message', id: messageId, 'aria-live': 'polite', part: 'message' });
    const form = h('form', { novalidate: '' }, label, h('div', { class: 'row' }, input, submit), message, toggle);
    this.#root!.replaceChildren(h('h2', {}, 'Two-factor authentication'), form);

    const mode = () => {
      label.textContent = this.#backup ? 'Backup code' : 'Code from your authenticator app';
      toggle.textContent = this.#backup ? 'Use the code from my app instead' : 'Use a backup code';
      toggle.setAttribute('aria-pressed', String(this.#backup));
      input.className = this.#backup ? 'backup' : '';
      input.setAttribute('inputmode', this.#backup ? 'text' : 'numeric');
      input.setAttribute('autocomplete', this.#backup ? 'off' : 'one-time-code');
      input.setAttribute('maxlength', this.#backup ? '13' : '9');
      input.setAttribute('autocapitalize', 'off');
      input.value = '';
      input.removeAttribute('aria-invalid');
      message.textContent = '';
    };
    mode();
    toggle.addEventListener('click', () => {
      this.#backup = !this.#backup;
      mode();
      input.focus();
    });
    input.addEventListener('paste', (event) => {
      const pasted = event.clipboardData?.getData('text');
      if (pasted === undefined || this.#backup) return;
      event.preventDefault();
      input.value = digitsOnly(pasted).slice(0, 8);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const code = this.#backup ? input.value.trim() : digitsOnly(input.value);
      if (!this.#backup && code.length < 6) return this.#fail({ error: 'INVALID_CODE_FORMAT' }, message, input, submit);
      submit.disabled = true;
      message.className = 'message';
      message.textContent = 'Checking…';
      try {
        const data = await postJson(this.getAttribute('verify-url') ?? '', { code }, this.fetchOptions);
        message.className = 'message ok';
        message.textContent = 'Verified.';
        this.dispatchEvent(new CustomEvent('twofa-verified', { bubbles: true, composed: true, detail: data }));
      } catch (error) {
        this.#fail(error as ServerError, message, input, submit);
      }
    });
  }

  #fail(error: ServerError, message: HTMLElement, input: HTMLInputElement, submit: HTMLButtonElement): void {
    message.className = 'message error';
    message.textContent = describe(error, this.messages);
    input.setAttribute('aria-invalid', 'true');
    clearInterval(this.#timer);
    if (error.error === 'TOKEN_EXPIRED') {
      submit.disabled = true;
      this.dispatchEvent(new CustomEvent('twofa-expired', { bubbles: true, composed: true }));
      return;
    }
    if (error.error === 'RATE_LIMITED') {
      submit.disabled = true;
      const until = Date.now() + (error.retryAfterMs ?? 30_000);
      this.#timer = setInterval(() => {
        const left = until - Date.now();
        if (left <= 0) {
          clearInterval(this.#timer);
          submit.disabled = false;
          message.className = 'message';
          message.textContent = 'You can try again now.';
        }
      }, 1000);
    } else {
      submit.disabled = false;
    }
    input.focus();
    input.select();
  }
}
