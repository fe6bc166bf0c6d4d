// MFA_REQUIRED -> LOGIN_SUCCESS: a TOTP or backup code against the challenge.
import { findUser, update } from '@/lib/db';
import { body, failure, text } from '@/lib/http';
import { challengeToken, startSession } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function POST(request: Request) {
  const token = await challengeToken();
  if (!token) return Response.json({ error: 'TOKEN_EXPIRED', message: 'Sign in again.' }, { status: 401 });
  try {
    const result = await twofa().verifyChallenge({ challengeToken: token, code: text((await body(request)).code), user: findUser });
    await update((data) => {
      const user = data.users[result.userId]!;
      if (result.method === 'totp') user.lastUsedStep = result.lastUsedStep;
      else user.backupRecord = result.backupRecord;
    });
    await startSession(result.userId);
    return Response.json({ ok: true, method: result.method, ...(result.method === 'backup' ? { backupRemaining: result.backupRemaining } : {}) });
  } catch (error) {
    return failure(error);
  }
}
