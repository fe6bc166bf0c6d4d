// Confirm enrollment with the first code; replacing an active factor also
// needs a current code of it (`currentCode`; ALREADY_ENROLLED without one),
// so a stolen session cannot swap the owner's authenticator. Other sessions
// end; the backup codes are shown once, only if stored.
import { clientOf } from '@/lib/client';
import { body, conflict, optionalText, text } from '@/lib/http';
import { userAction } from '@/lib/route';
import { persistEndingOtherSessions } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export const POST = userAction(async (request, user) => {
  const input = await body(request);
  const done = await twofa().confirmEnrollment({
    userId: user.id, user, enrollmentToken: text(input.enrollmentToken), code: text(input.code),
    currentCode: optionalText(input.currentCode), client: clientOf(request),
  });
  const stored = await persistEndingOtherSessions(user.id, done);
  if (!stored) return conflict();
  return Response.json({ backupCodes: done.backupCodes });
});
