// New backup codes (the old ones stop working) after a step-up code.
import { persist } from '@/lib/db';
import { body, conflict, failure, text, unauthorized } from '@/lib/http';
import { currentUser } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function POST(request: Request) {
  const user = await currentUser();
  if (!user) return unauthorized();
  try {
    const fresh = await twofa().regenerateBackupCodes({ userId: user.id, code: text((await body(request)).code), user });
    // Shown only if stored: a backup login that raced this request wins, and these codes never appear.
    if (!(await persist(user.id, fresh))) return conflict();
    return Response.json({ backupCodes: fresh.backupCodes });
  } catch (error) {
    return failure(error);
  }
}
