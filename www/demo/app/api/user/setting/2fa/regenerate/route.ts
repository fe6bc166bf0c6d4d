// New backup codes (the old ones stop working) after a step-up code.
import { clientOf } from '@/lib/client';
import { persist } from '@/lib/db';
import { body, conflict, text } from '@/lib/http';
import { userAction } from '@/lib/route';
import { twofa } from '@/lib/twofa';

export const POST = userAction(async (request, user) => {
  const code = text((await body(request)).code);
  const fresh = await twofa().regenerateBackupCodes({ userId: user.id, user, code, client: clientOf(request) });
  // Shown only if stored: a backup-code login that raced this request wins, and these codes never appear.
  if (!(await persist(user.id, fresh))) return conflict();
  return Response.json({ backupCodes: fresh.backupCodes });
});
