// ENROLLMENT_REQUIRED -> LOGIN_SUCCESS: the first code of the new factor,
// then a session (other sessions end: the factor changed).
import { clientOf } from '@/lib/client';
import { challengeToken } from '@/lib/cookies';
import { findUser } from '@/lib/db';
import { body, conflict, signInAgain, text } from '@/lib/http';
import { action } from '@/lib/route';
import { persistEndingOtherSessions } from '@/lib/session';
import { twofa } from '@/lib/twofa';

export const POST = action(async (request) => {
  const token = await challengeToken();
  if (!token) return signInAgain();
  const input = await body(request);
  const done = await twofa().confirmEnrollment({
    challengeToken: token, enrollmentToken: text(input.enrollmentToken), code: text(input.code), user: findUser, client: clientOf(request),
  });
  const stored = await persistEndingOtherSessions(done.userId, done);
  if (!stored) return conflict();
  return Response.json({ backupCodes: done.backupCodes });
});
