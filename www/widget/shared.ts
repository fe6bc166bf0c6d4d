// What both elements share: a base class that is safe to evaluate during
// server-side rendering, styles adopted as a constructable stylesheet (so a
// strict CSP without 'unsafe-inline' is fine), and the DOM pieces both draw
// (the code form, buttons, checkboxes, message lines): written once, they
// are shipped once.

/** `HTMLElement` in browsers; a stand-in during server-side rendering, where nothing is defined. */
export const Base: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

// One rule a line, without the spaces a minifier would drop (the string is
// shipped as written). The --_ names are the public --twofa-* properties
// that several rules use, with their defaults.
const CSS = `
:host{display:block;font-family:var(--twofa-font,inherit);color:var(--twofa-text,inherit);--_accent:var(--twofa-accent,#2b59c3);--_error:var(--twofa-error,#b3261e);--_radius:var(--twofa-radius,6px)}
:host([hidden]){display:none}
*{box-sizing:border-box}
h2{font-size:var(--twofa-heading-size,1.15rem);margin:0 0 .5rem}
p{margin:.4rem 0}
.qr{width:var(--twofa-qr-size,200px);height:var(--twofa-qr-size,200px);background:#fff}
.qr svg{width:100%;height:100%;display:block}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.secret,.codes{font-family:var(--twofa-mono,ui-monospace,monospace);font-size:1.05rem}
.secret{letter-spacing:.04em}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{font:inherit;font-size:1.2rem;padding:.45rem .6rem;border:1px solid var(--twofa-border,#8a8f98);border-radius:var(--_radius);width:12ch;letter-spacing:.12em}
input.backup{width:16ch;letter-spacing:.05em}
input[aria-invalid=true]{border-color:var(--_error)}
button{font:inherit;padding:.45rem .9rem;border-radius:var(--_radius);border:1px solid var(--_accent);cursor:pointer;background:var(--_accent);color:var(--twofa-accent-text,#fff)}
.secondary{background:transparent;color:var(--_accent)}
button:disabled{opacity:.55;cursor:not-allowed}
a{color:var(--_accent)}
:focus-visible{outline:3px solid var(--twofa-focus,var(--_accent));outline-offset:2px}
.message{min-height:1.5em;margin:.5rem 0}
.error{color:var(--_error)}
.ok{color:var(--twofa-success,#1b7f3b)}
.codes{columns:2;padding-left:1.6rem}
.check{display:flex;gap:.5rem;align-items:center;font-weight:normal}
.check input{width:auto}
`;

let sheet: CSSStyleSheet | undefined;

/** An open shadow root with the shared styles. */
export function shadow(host: HTMLElement): ShadowRoot {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  if (typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  }
  return root;
}

/** Digits only: a pasted `123 456` or `123-456` becomes `123456`. */
export function digitsOnly(text: string): string {
  return text.replace(/[^0-9]/g, '');
}

/** Sets attributes on `element`; returns it. */
export function attrs<E extends Element>(element: E, attributes: Record<string, string>): E {
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/** Creates an element with attributes and children. */
export function h(tag: string, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const element = attrs(document.createElement(tag), attributes);
  element.append(...children);
  return element;
}

/** Controls side by side, wrapping on narrow screens. */
export const row = (...children: Node[]): HTMLElement => h('div', { class: 'row' }, ...children);

/** A button that submits nothing; a `secondary` one is drawn without a fill. */
export function button(label: string, onClick: () => void, secondary = true): HTMLButtonElement {
  const element = h('button', secondary ? { type: 'button', class: 'secondary' } : { type: 'button' }, label) as HTMLButtonElement;
  element.addEventListener('click', onClick);
  return element;
}

/** A button that copies `text` and says in `message` whether the browser let it. */
export function copyButton(label: string, text: string, message: HTMLElement, copied: string, failed: string): HTMLButtonElement {
  return button(label, async () => {
    let ok = true;
    try {
      await navigator.clipboard.writeText(text); // throws too where there is no clipboard (insecure pages)
    } catch {
      ok = false;
    }
    say(message, ok ? copied : failed, ok ? 'ok' : 'error');
  });
}

/** A checkbox inside its label. */
export function checkbox(label: string, attributes: Record<string, string> = {}): [HTMLElement, HTMLInputElement] {
  const input = h('input', { type: 'checkbox', id: uid(), ...attributes }) as HTMLInputElement;
  return [h('label', { class: 'check', for: input.id }, input, label), input];
}

/** A polite live region for what happened, coloured by `kind`. */
export function say(message: HTMLElement, words: string, kind: '' | 'ok' | 'error' = ''): void {
  message.className = `message ${kind}`;
  message.textContent = words;
}

/** The code form of both elements. */
export interface CodeForm {
  form: HTMLFormElement;
  label: HTMLElement;
  input: HTMLInputElement;
  submit: HTMLButtonElement;
  /** Says how the last attempt went; describes the field. */
  message: HTMLElement;
}

/**
 * A labelled code field and its submit button, then the message line. A
 * pasted code loses its spaces and dashes while `pasteDigits()` says so.
 */
export function codeForm(label: string, submitLabel: string, onSubmit: () => void, pasteDigits: () => boolean): CodeForm {
  const inputId = uid();
  const messageId = uid();
  const parts = {
    label: h('label', { for: inputId }, label),
    input: h('input', { id: inputId, name: 'code', required: '', 'aria-describedby': messageId, spellcheck: 'false' }) as HTMLInputElement,
    submit: h('button', { type: 'submit' }, submitLabel) as HTMLButtonElement,
    message: h('p', { class: 'message', id: messageId, 'aria-live': 'polite', part: 'message' }),
  };
  const form = h('form', { novalidate: '' }, parts.label, row(parts.input, parts.submit), parts.message) as HTMLFormElement;
  parts.input.addEventListener('paste', (event) => {
    const pasted = event.clipboardData?.getData('text');
    if (pasted === undefined || !pasteDigits()) return;
    event.preventDefault();
    parts.input.value = digitsOnly(pasted).slice(0, 8);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit();
  });
  return { form, ...parts };
}

/** Puts the cursor back in `field` with its text selected, to be typed over. */
export function retype(field: HTMLInputElement): void {
  field.focus();
  field.select();
}

/** Dispatches an event that leaves the shadow root and bubbles up the page. */
export function emit(element: HTMLElement, type: string, detail?: unknown): void {
  element.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
}

let counter = 0;
/** An id unique in the page (labels and descriptions inside one shadow root). */
export function uid(): string {
  return `twofa-${++counter}`;
}

/** The page's language at `element` (for the units of the clock hint), if it says. */
export function langOf(element: Element): string | undefined {
  return element.closest<HTMLElement>('[lang]')?.lang || undefined;
}
