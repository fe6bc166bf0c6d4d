// Confirm enrollment with the first code; store the three values, show the backup codes once.
import { update } from '@/lib/db';
import { body, failure, text, unauthorized } from '@/lib/http';
import { currentUser } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function POST(request: Request) {
  const user = await currentUser();
  if (!user) return unauthorized();
  const input = await body(request);
  try {
    const done = await twofa().confirmEnrollment({ userId: user.id, enrollmentToken: text(input.enrollmentToken), code: text(input.code) });
    await update((data) => {
      Object.assign(data.users[user.id]!, { sealedSecret: done.sealedSecret, lastUsedStep: done.lastUsedStep, backupRecord: done.backupRecord });
    });
    return Response.json({ backupCodes: done.backupCodes });
  } catch (error) {
    return failure(error);
  }
}
