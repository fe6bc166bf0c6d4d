// One JSON fetch helper for both elements, and the server's clock as its
// Date header tells it: times the server sends (resendAt, expiresAt) are on
// its clock, and the device's may be minutes off (the clock hint exists for
// exactly such devices).
import type { ServerError } from './messages.js';

/** Server time minus device time, in milliseconds, from the latest response. */
let serverOffset = 0;

/** How many milliseconds from now the server's time `at` (milliseconds) is. */
export function msUntil(at: number): number {
  return at - (Date.now() + serverOffset);
}

/** An element that POSTs to the URLs its attributes name. */
interface Poster extends Element {
  /** Merged into every fetch. */
  fetchOptions: RequestInit;
}

/**
 * POSTs JSON to the URL in `element`'s attribute `urlAttribute`, with its
 * fetchOptions; resolves to the JSON body, or rejects with a
 * {@link ServerError} (never a server's message).
 */
export async function postJson(element: Poster, urlAttribute: string, body: unknown): Promise<Record<string, unknown>> {
  const init = element.fetchOptions ?? {};
  let response: Response;
  try {
    response = await fetch(element.getAttribute(urlAttribute) ?? '', {
      method: 'POST', // with cookies for the same origin, fetch's default
      ...init,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(init.headers as Record<string, string> | undefined) },
      body: JSON.stringify(body),
    });
  } catch {
    throw { error: 'NETWORK' } satisfies ServerError;
  }
  // The header has whole seconds (so the server's time is never overestimated
  // and a wait never ends early); a difference under 2 s is that rounding.
  const offset = Date.parse(response.headers.get('date') ?? '') - Date.now();
  if (!Number.isNaN(offset)) serverOffset = Math.abs(offset) > 2000 ? offset : 0;
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const retryHeader = Number(response.headers.get('retry-after'));
    const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
    throw {
      error: typeof data.error === 'string' ? data.error : `HTTP_${response.status}`,
      retryAfterMs: number(data.retryAfterMs) ?? (retryHeader > 0 ? retryHeader * 1000 : undefined),
      clockSkewSeconds: number(data.clockSkewSeconds),
    } satisfies ServerError;
  }
  return data;
}
