// MFA_REQUIRED -> LOGIN_SUCCESS: a code (authenticator app, backup code or
// emailed code) against the challenge cookie; optionally "remember this browser".
import { clientOf } from '@/lib/client';
import { challengeToken, rememberDevice } from '@/lib/cookies';
import { findUser, persist } from '@/lib/db';
import { body, conflict, optionalText, signInAgain, text } from '@/lib/http';
import { action } from '@/lib/route';
import { startSession } from '@/lib/session';
import { twofa } from '@/lib/twofa';
import type { Method } from 'twofa';

export const POST = action(async (request) => {
  const token = await challengeToken();
  if (!token) return signInAgain();
  const input = await body(request);
  const result = await twofa().verifyChallenge({
    challengeToken: token, code: text(input.code), method: optionalText(input.method) as Method | undefined,
    rememberDevice: input.rememberDevice === true, user: findUser, client: clientOf(request),
  });
  // Another request changed the account first (say, new backup codes): nothing is stored, no session.
  const stored = await persist(result.userId, result);
  if (!stored) return conflict();
  if (result.deviceToken) await rememberDevice(result.deviceToken, twofa().status(stored).devices.rememberDays);
  await startSession(stored);
  return Response.json({
    ok: true, method: result.method, backupRemaining: result.backupRemaining ?? null, factorResetCancelled: result.factorResetCancelled ?? false,
  });
});
