// "Lost your phone and backup codes?": after the password, ask for the
// time-locked removal of 2FA (72 hours). The owner is told at once by mail
// (the factor-reset.requested event) and cancels it by signing in with a code.
import { challengeToken } from '@/lib/cookies';
import { findUser, persist } from '@/lib/db';
import { conflict, signInAgain } from '@/lib/http';
import { action } from '@/lib/route';
import { twofa } from '@/lib/twofa';

export const POST = action(async () => {
  const token = await challengeToken();
  if (!token) return signInAgain();
  const requested = await twofa().requestFactorReset({ challengeToken: token, user: findUser });
  if (!(await persist(requested.userId, requested))) return conflict();
  return Response.json({ factorResetAt: requested.factorResetAt });
});
