// What both elements share: a base class that is safe to evaluate during
// server-side rendering, styles adopted as a constructable stylesheet (so a
// strict CSP without 'unsafe-inline' is fine), and one JSON fetch helper.

/** `HTMLElement` in browsers; a stand-in during server-side rendering, where nothing is defined. */
export const Base: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

const CSS = `
:host { display: block; font-family: var(--twofa-font, inherit); color: var(--twofa-text, inherit);
  --_accent: var(--twofa-accent, #2b59c3); --_error: var(--twofa-error, #b3261e); --_ok: var(--twofa-success, #1b7f3b);
  --_radius: var(--twofa-radius, 6px); --_border: var(--twofa-border, #8a8f98); }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
h2 { font-size: var(--twofa-heading-size, 1.15rem); margin: 0 0 .5rem; }
p { margin: .4rem 0; }
.qr { width: var(--twofa-qr-size, 200px); height: var(--twofa-qr-size, 200px); background: #fff; padding: 0; }
.qr svg { width: 100%; height: 100%; display: block; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.secret { font-family: var(--twofa-mono, ui-monospace, monospace); font-size: 1.05rem; letter-spacing: .04em; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input { font: inherit; font-size: 1.2rem; padding: .45rem .6rem; border: 1px solid var(--_border); border-radius: var(--_radius);
  width: 12ch; letter-spacing: .12em; }
input.backup { width: 16ch; letter-spacing: .05em; }
input[aria-invalid="true"] { border-color: var(--_error); }
button { font: inherit; padding: .45rem .9rem; border-radius: var(--_radius); border: 1px solid var(--_accent); cursor: pointer;
  background: var(--_accent); color: var(--twofa-accent-text, #fff); }
button.secondary, a.secondary { background: transparent; color: var(--_accent); }
button:disabled { opacity: .55; cursor: not-allowed; }
a { color: var(--_accent); }
:focus-visible { outline: 3px solid var(--twofa-focus, var(--_accent)); outline-offset: 2px; }
.message { min-height: 1.5em; margin: .5rem 0; }
.message.error { color: var(--_error); }
.message.ok { color: var(--_ok); }
ol.codes { columns: 2; font-family: var(--twofa-mono, ui-monospace, monospace); font-size: 1.05rem; padding-left: 1.6rem; }
.check { display: flex; gap: .5rem; align-items: center; font-weight: normal; }
.check input { width: auto; }
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

/** A server error as the twofa `errorResponse` helper writes it. */
export interface ServerError {
  error: string;
  message?: string;
  retryAfterMs?: number;
}

/** POSTs JSON; resolves to the JSON body, or rejects with a {@link ServerError}. */
export async function postJson(url: string, body: unknown, init: RequestInit = {}): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      ...init,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(init.headers as Record<string, string> | undefined) },
      body: JSON.stringify(body ?? {}),
    });
  } catch {
    throw { error: 'NETWORK', message: 'The server could not be reached. Check your connection and try again.' } satisfies ServerError;
  }
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const retryHeader = Number(response.headers.get('retry-after'));
    throw {
      error: typeof data.error === 'string' ? data.error : `HTTP_${response.status}`,
      message: typeof data.message === 'string' ? data.message : undefined,
      retryAfterMs: typeof data.retryAfterMs === 'number' ? data.retryAfterMs : retryHeader > 0 ? retryHeader * 1000 : undefined,
    } satisfies ServerError;
  }
  return data;
}

/** Default texts; replace any of them through the element's `messages` property. */
export const MESSAGES = {
  INVALID_CODE: 'That code is not right. Check the code in your authenticator app and try again.',
  CODE_ALREADY_USED: 'That code was already used. Wait for the next code in your app.',
  RATE_LIMITED: 'Too many attempts. Try again in {seconds} seconds.',
  TOKEN_EXPIRED: 'This step has expired. Please start over.',
  INVALID_CODE_FORMAT: 'Enter the 6-digit code from your authenticator app.',
  NETWORK: 'The server could not be reached. Check your connection and try again.',
  UNKNOWN: 'Something went wrong. Please try again.',
};
export type Messages = typeof MESSAGES;

/** The text for a server error. */
export function describe(error: ServerError, messages: Messages): string {
  if (error.error === 'RATE_LIMITED') {
    return messages.RATE_LIMITED.replace('{seconds}', String(Math.max(1, Math.ceil((error.retryAfterMs ?? 30_000) / 1000))));
  }
  const known = messages[error.error as keyof Messages];
  return known ?? error.message ?? messages.UNKNOWN;
}

/** Digits only: a pasted `123 456` or `123-456` becomes `123456`. */
export function digitsOnly(text: string): string {
  return text.replace(/[^0-9]/g, '');
}

/** Creates an element with attributes and children. */
export function h(tag: string, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

let counter = 0;
/** An id unique in the page (labels and descriptions inside one shadow root). */
export function uid(prefix: string): string {
  return `${prefix}-${++counter}`;
}
