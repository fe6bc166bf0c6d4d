// The password step. With 2FA on, it ends in MFA_REQUIRED: a challenge cookie
// and no session; only /api/auth/verify-2fa can finish the login.
import { findUserByEmail, persist } from '@/lib/db';
import { body, conflict, text } from '@/lib/http';
import { checkPassword } from '@/lib/password';
import { startChallenge, startSession } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function POST(request: Request) {
  const input = await body(request);
  const user = await findUserByEmail(text(input.email).trim().toLowerCase());
  if (!user || !(await checkPassword(text(input.password), user.passwordHash))) {
    return Response.json({ error: 'BAD_CREDENTIALS', message: 'Wrong email or password.' }, { status: 401 });
  }
  const next = await twofa().afterPassword({ userId: user.id, user, passwordVersion: user.passwordHash });
  if (next.state === 'LOGIN_SUCCESS') {
    if (!(await persist(user.id, next))) return conflict();
    await startSession(user.id);
    return Response.json({ ok: true });
  }
  await startChallenge(next.challengeToken);
  return Response.json({ mfaRequired: true, state: next.state });
}
