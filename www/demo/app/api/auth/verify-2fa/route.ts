// MFA_REQUIRED -> LOGIN_SUCCESS: a TOTP or backup code against the challenge.
import { findUser, persist } from '@/lib/db';
import { body, conflict, failure, text } from '@/lib/http';
import { challengeToken, startSession } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function POST(request: Request) {
  const token = await challengeToken();
  if (!token) return Response.json({ error: 'TOKEN_EXPIRED', message: 'Sign in again.' }, { status: 401 });
  try {
    const result = await twofa().verifyChallenge({ challengeToken: token, code: text((await body(request)).code), user: findUser });
    if (!(await persist(result.userId, result))) return conflict();
    await startSession(result.userId);
    return Response.json({ ok: true, method: result.method, ...(result.backupRemaining === undefined ? {} : { backupRemaining: result.backupRemaining }) });
  } catch (error) {
    return failure(error);
  }
}
