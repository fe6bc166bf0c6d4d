// Turning 2FA off needs a current code (step-up); trusted browsers and other sessions end with it.
import { clientOf } from '@/lib/client';
import { body, conflict, text } from '@/lib/http';
import { userAction } from '@/lib/route';
import { persistEndingOtherSessions } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export const POST = userAction(async (request, user) => {
  const code = text((await body(request)).code);
  const off = await twofa().disable({ userId: user.id, user, code, client: clientOf(request) });
  const stored = await persistEndingOtherSessions(user.id, off);
  if (!stored) return conflict();
  return Response.json({ ok: true });
});
