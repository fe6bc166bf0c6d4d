// Cancel a pending factor reset from a session that did not pass a code (a
// trusted browser, an older session): any verified code cancels it.
import { clientOf } from '@/lib/client';
import { persist } from '@/lib/db';
import { body, conflict, text } from '@/lib/http';
import { userAction } from '@/lib/route';
import { twofa } from '@/lib/twofa';

export const POST = userAction(async (request, user) => {
  const code = text((await body(request)).code);
  const checked = await twofa().verifyCode({ userId: user.id, user, code, client: clientOf(request) });
  if (!(await persist(user.id, checked))) return conflict();
  return Response.json({ ok: true, factorResetCancelled: checked.factorResetCancelled ?? false });
});
