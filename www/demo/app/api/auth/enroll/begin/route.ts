// ENROLLMENT_REQUIRED: the enrollment widget's begin-url during sign-in
// (mandatory 2FA, or a completed factor reset). The challenge cookie proves the password step.
import { challengeToken } from '@/lib/cookies';
import { findUser } from '@/lib/db';
import { signInAgain } from '@/lib/http';
import { action } from '@/lib/route';
import { twofa } from '@/lib/twofa';

export const POST = action(async () => {
  const token = await challengeToken();
  if (!token) return signInAgain();
  const user = await findUser(twofa().readChallenge(token).userId);
  if (!user) return signInAgain();
  const { uri, qrSvg, enrollmentToken } = twofa().beginEnrollment({ challengeToken: token, account: user.email });
  return Response.json({ uri, qrSvg, enrollmentToken }); // the widget shows this QR code
});
