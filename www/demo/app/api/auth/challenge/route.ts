// What the verify and enroll pages show about the sign-in in progress: what
// the user can verify with, and a pending factor reset. Reads the challenge
// cookie (only /api/auth routes receive it).
import { challengeToken } from '@/lib/cookies';
import { findUser } from '@/lib/db';
import { twofa } from '@/lib/twofa';

export async function GET() {
  const token = await challengeToken();
  try {
    const challenge = token ? twofa().readChallenge(token) : undefined;
    const user = challenge && (await findUser(challenge.userId));
    if (!challenge || !user) return Response.json({ pending: false });
    const { methods, factorResetAt } = twofa().status(user);
    return Response.json({ pending: true, state: challenge.state, expiresAt: challenge.expiresAt, methods, factorResetAt });
  } catch {
    return Response.json({ pending: false }); // expired or altered: start again
  }
}
