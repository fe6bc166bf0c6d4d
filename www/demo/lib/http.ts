// What every route does with HTTP: refuse requests from other sites and
// bodies that are not JSON, read the body, and answer errors the way the
// widget reads them.
import { errorResponse, TwoFactorError } from 'twofa';

const json = (status: number, error: string, message: string) => Response.json({ error, message }, { status });

/**
 * This site's origin, from APP_ORIGIN (`npm start` sets it to the URL it
 * serves). Never derived from request headers: a script can send any Host,
 * and a link built from it (a reset link) would point at the attacker.
 */
export function appOrigin(): string {
  const configured = process.env.APP_ORIGIN;
  if (!configured) throw new Error('APP_ORIGIN is not set: set it to this site\'s origin, e.g. https://forum.example');
  return new URL(configured).origin;
}

/**
 * State-changing requests must come from this site: browsers send `Origin`
 * with every POST, and another site cannot forge it. Compared, scheme
 * included, with APP_ORIGIN.
 */
export function refuseCrossSite(request: Request): Response | undefined {
  const origin = request.headers.get('origin') ?? '';
  let from: URL | undefined;
  try {
    from = new URL(origin);
  } catch {
    from = undefined; // absent, 'null' (a sandboxed frame) or garbage
  }
  return from !== undefined && from.origin === appOrigin() ? undefined : json(403, 'CROSS_SITE', 'This request did not come from this site.');
}

/**
 * JSON bodies only. A cross-site form can post text/plain (or urlencoded,
 * multipart) without the browser asking first; it cannot post JSON.
 */
export function refuseNonJson(request: Request): Response | undefined {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' ? undefined : json(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON (content-type: application/json).');
}

export async function body(request: Request): Promise<Record<string, unknown>> {
  const data: unknown = await request.json().catch(() => ({}));
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

export const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Another request changed the account first (a conditional write found other values). */
export const conflict = () => json(409, 'CONFLICT', 'Your account changed meanwhile; please try again.');

/** No login challenge cookie (expired, or never started): back to the password, as the widget does for TOKEN_EXPIRED. */
export const signInAgain = () => json(401, 'TOKEN_EXPIRED', 'This sign-in has expired; please start again.');

/** A reset link that names no account (any more). */
export const linkExpired = () => json(401, 'TOKEN_EXPIRED', 'This link is no longer valid; ask for a new one.');

export const unauthorized = () => json(401, 'UNAUTHENTICATED', 'Sign in first.');

export const forbidden = () => json(403, 'FORBIDDEN', 'Only the admin may do this.');

export const invalid = (message: string) => json(400, 'INVALID_INPUT', message);

export const notFound = () => json(404, 'NOT_FOUND', 'No such route.');

export function rateLimited(retryAfterMs: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return Response.json(
    { error: 'RATE_LIMITED', message: `Too many attempts. Try again in ${seconds} seconds.`, retryAfterMs },
    { status: 429, headers: { 'retry-after': String(seconds) } },
  );
}

/** TwoFactorError -> the JSON the widget reads; anything else is logged and a bare 500. */
export function failure(error: unknown): Response {
  if (error instanceof TwoFactorError) {
    if (['KEY_NOT_FOUND', 'SEAL_INVALID', 'STORE_UNAVAILABLE', 'INTERNAL_ERROR', 'BACKUP_RECORD_MALFORMED'].includes(error.code)) {
      console.error('[twofa]', error.code, error.message);
    }
    return errorResponse(error);
  }
  console.error(error);
  return json(500, 'SERVER_ERROR', 'Something went wrong.');
}

/** An email as typed, trimmed and lower-cased ('' when not a string); at most 254 characters. */
export const normalEmail = (value: unknown) => text(value).trim().toLowerCase().slice(0, 254);

/** A string field, or nothing (twofa checks what it means). */
export const optionalText = (value: unknown) => (typeof value === 'string' ? value : undefined);
