// The password step, throttled per account and per client; then twofa's
// afterPassword says what comes next (see lib/login-state.ts).
import { clientOf } from '@/lib/client';
import { deviceToken } from '@/lib/cookies';
import { findUserByEmail } from '@/lib/db';
import { body, normalEmail, rateLimited, text } from '@/lib/http';
import { continueLogin } from '@/lib/login-state';
import { countPasswordAttempt, passwordAccepted } from '@/lib/login-throttle';
import { checkPassword } from '@/lib/password';
import { action } from '@/lib/route';
import { twofa } from '@/lib/twofa';

export const POST = action(async (request) => {
  const input = await body(request);
  const email = normalEmail(input.email);
  const client = clientOf(request);
  const wait = await countPasswordAttempt(email, client);
  if (wait > 0) return rateLimited(wait);
  // Unknown emails cost one scrypt too, and get the same answer.
  const user = await findUserByEmail(email);
  if (!(await checkPassword(text(input.password), user?.passwordHash)) || !user) {
    return Response.json({ error: 'BAD_CREDENTIALS', message: 'Wrong email or password.' }, { status: 401 });
  }
  await passwordAccepted(email);
  const next = await twofa().afterPassword({ userId: user.id, user, deviceToken: await deviceToken(), client });
  return continueLogin(user, next);
});
