/**
 * HTTP helpers for route handlers that take a `Request` and return a
 * `Response` (Next.js App Router, Remix, Hono, Deno, Bun, workers).
 * @module
 */
import { TwoFactorError, type TwoFactorErrorCode } from './errors.js';

const STATUS: Partial<Record<TwoFactorErrorCode, number>> = {
  INVALID_CODE_FORMAT: 400,
  INVALID_OPTION: 400,
  INVALID_BASE32: 400,
  INVALID_URI: 400,
  INVALID_CODE: 401,
  CODE_ALREADY_USED: 401,
  TOKEN_EXPIRED: 401,
  MFA_REQUIRED: 401,
  NOT_ENROLLED: 409,
  ALREADY_ENROLLED: 409,
  RATE_LIMITED: 429,
  CHANNEL_FAILED: 502,
  STORE_UNAVAILABLE: 503,
  // Not listed, so 500 with a generic message: server-side problems such as
  // KEY_NOT_FOUND, SEAL_INVALID and SEAL_MALFORMED (the flows turn a bad token
  // from the browser into TOKEN_EXPIRED, so these come from stored values).
};

/** The JSON body of {@link errorResponse}. */
export interface ErrorBody {
  error: TwoFactorErrorCode;
  message: string;
  retryAfterMs?: number;
  /** For `INVALID_CODE` from a device whose clock is off: seconds ahead (positive) or behind. */
  clockSkewSeconds?: number;
}

/**
 * Turns a `TwoFactorError` into a JSON `Response` a client (such as the
 * `twofa/widget` elements) understands: 400 for malformed input, 401 for a
 * wrong, used or expired code or token (and `MFA_REQUIRED`), 409 when 2FA
 * is off or already on, 429 with `Retry-After` when throttled, 502 when a
 * code could not be sent, 503 when the store is down, 500 otherwise.
 * Server-side problems (a missing key, a damaged record) get a generic
 * message: their details are for your logs, not for the browser.
 * Any other error is rethrown.
 *
 * @example
 * ```ts
 * export async function POST(request: Request) {
 *   try {
 *     const result = await twofa.verifyChallenge({ challengeToken, code, user });
 *     return Response.json({ ok: true });
 *   } catch (error) {
 *     return errorResponse(error);
 *   }
 * }
 * ```
 */
export function errorResponse(error: unknown): Response {
  if (!(error instanceof TwoFactorError)) throw error;
  const status = STATUS[error.code] ?? 500;
  const body: ErrorBody = {
    error: error.code,
    message: status >= 500 ? 'two-factor verification is unavailable right now; try again later' : error.message,
  };
  const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  if (error.clockSkewSeconds !== undefined) body.clockSkewSeconds = error.clockSkewSeconds;
  if (error.retryAfterMs !== undefined) {
    body.retryAfterMs = error.retryAfterMs;
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  }
  return new Response(JSON.stringify(body), { status, headers });
}
