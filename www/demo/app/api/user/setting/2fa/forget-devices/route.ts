// "Sign out all other devices": every trusted browser must pass a code
// again, and every session but this one ends.
import { conflict } from '@/lib/http';
import { userAction } from '@/lib/route';
import { persistEndingOtherSessions } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export const POST = userAction(async (_request, user) => {
  if (!(await persistEndingOtherSessions(user.id, twofa().forgetDevices({ userId: user.id, user })))) return conflict();
  return Response.json({ ok: true });
});
