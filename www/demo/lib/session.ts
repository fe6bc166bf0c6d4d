// Sessions and the login challenge, both as twofa tokens in httpOnly,
// SameSite=strict cookies: no session table to keep.
import { cookies } from 'next/headers';
import { findUser, type User } from './db';
import { twofa } from './twofa';

const SESSION = 'session';
const SESSION_PURPOSE = 'demo.session';
export const CHALLENGE = 'twofa_challenge';
const secure = process.env.NODE_ENV === 'production' && process.env.TWOFA_DEMO_INSECURE_COOKIES !== '1';

export async function currentUser(): Promise<User | undefined> {
  const token = (await cookies()).get(SESSION)?.value;
  if (!token) return undefined;
  try {
    return await findUser(twofa().keyRing.openToken(token, SESSION_PURPOSE).subject);
  } catch {
    return undefined; // expired, from another key ring, or altered: signed out
  }
}

export async function startSession(userId: string): Promise<void> {
  const jar = await cookies();
  jar.set(SESSION, twofa().keyRing.issueToken({ purpose: SESSION_PURPOSE, subject: userId, ttlSeconds: 8 * 3600 }), {
    httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 8 * 3600,
  });
  jar.delete({ name: CHALLENGE, path: '/api/auth' });
}

/** PASSWORD_VERIFIED -> MFA_REQUIRED: the challenge rides in a cookie only /api/auth sees. */
export async function startChallenge(challengeToken: string): Promise<void> {
  (await cookies()).set(CHALLENGE, challengeToken, {
    httpOnly: true, sameSite: 'strict', secure, path: '/api/auth', maxAge: 600,
  });
}

export async function challengeToken(): Promise<string | undefined> {
  return (await cookies()).get(CHALLENGE)?.value;
}

export async function endSession(): Promise<void> {
  const jar = await cookies();
  jar.delete(SESSION);
  jar.delete({ name: CHALLENGE, path: '/api/auth' });
}
