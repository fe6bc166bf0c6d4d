// Confirm enrollment with the first code; store the three values, show the backup codes once.
import { persist } from '@/lib/db';
import { body, conflict, failure, text, unauthorized } from '@/lib/http';
import { currentUser } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export async function POST(request: Request) {
  const user = await currentUser();
  if (!user) return unauthorized();
  const input = await body(request);
  try {
    const done = await twofa().confirmEnrollment({
      userId: user.id, enrollmentToken: text(input.enrollmentToken), code: text(input.code), user,
      ...(typeof input.currentCode === 'string' ? { currentCode: input.currentCode } : {}),
    });
    if (!(await persist(user.id, done))) return conflict();
    return Response.json({ backupCodes: done.backupCodes });
  } catch (error) {
    return failure(error);
  }
}
