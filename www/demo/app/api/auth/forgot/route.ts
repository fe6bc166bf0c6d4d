// "Forgot password": one answer, at one speed, whether or not the email has
// an account. The work (lookup, throttles, the mail) runs after the
// response is sent, so neither the answer nor its timing tells anything.
import { after } from 'next/server';
import { clientOf } from '@/lib/client';
import { findUserByEmail } from '@/lib/db';
import { appOrigin, body, normalEmail } from '@/lib/http';
import { emailResetLink } from '@/lib/notify';
import { action } from '@/lib/route';
import { twofa } from '@/lib/twofa';

export const POST = action(async (request) => {
  const email = normalEmail((await body(request)).email);
  const client = clientOf(request);
  const origin = appOrigin(); // configured, never a request header (a script can send any Host)
  after(async () => {
    try {
      const user = await findUserByEmail(email);
      // Throttled per client (RATE_LIMITED, for any address) and per user (null, like an unknown address).
      const reset = await twofa().startPasswordReset({ userId: user?.id ?? null, user, client });
      // The token in the fragment: browsers never send it to a server, so it stays out of logs and Referer headers.
      if (user && reset) await emailResetLink(user.email, `${origin}/reset-password#token=${reset.resetToken}`, reset.expiresAt);
    } catch (error) {
      console.error('[forgot]', (error as Error).message);
    }
  });
  return Response.json({ ok: true, message: 'If an account has this address, we sent it a link. Check your mail.' });
});
