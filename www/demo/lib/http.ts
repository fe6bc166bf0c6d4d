// Small helpers for the route handlers.
import { errorResponse, TwoFactorError } from 'twofa';

export async function body(request: Request): Promise<Record<string, unknown>> {
  const data: unknown = await request.json().catch(() => ({}));
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

export const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Another request changed the account first (a conditional write found other values). */
export const conflict = () => Response.json({ error: 'CONFLICT', message: 'Your account changed meanwhile; please try again.' }, { status: 409 });

export const unauthorized = () => Response.json({ error: 'UNAUTHENTICATED', message: 'Sign in first.' }, { status: 401 });

/** TwoFactorError -> JSON response for the widget; anything else is logged and a 500. */
export function failure(error: unknown): Response {
  if (error instanceof TwoFactorError) {
    if (['KEY_NOT_FOUND', 'STORE_UNAVAILABLE', 'INTERNAL_ERROR', 'BACKUP_RECORD_MALFORMED'].includes(error.code)) {
      console.error('[twofa]', error.code, error.message);
    }
    return errorResponse(error);
  }
  console.error(error);
  return Response.json({ error: 'SERVER_ERROR', message: 'Something went wrong.' }, { status: 500 });
}
