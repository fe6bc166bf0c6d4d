// The cookies of the login steps. All are HttpOnly (page scripts never see
// them), SameSite=Strict (never sent from another site) and, in production,
// Secure; the two login cookies live under /api/auth, the only routes that read them.
import { cookies } from 'next/headers';

export const secure = process.env.NODE_ENV === 'production' && process.env.TWOFA_DEMO_INSECURE_COOKIES !== '1';
export const COOKIE = { httpOnly: true, sameSite: 'strict', secure } as const;

/** The login challenge: the password step passed, a code (or an enrollment) is due. No session yet. */
const CHALLENGE = 'twofa_challenge';
/** "Remember this browser": a device token, replaced by a fresh one at every use. */
const DEVICE = 'twofa_device';
const LOGIN = { ...COOKIE, path: '/api/auth' } as const;

export async function startChallenge(challengeToken: string, expiresAt: number, now: number): Promise<void> {
  (await cookies()).set(CHALLENGE, challengeToken, { ...LOGIN, maxAge: Math.max(1, Math.floor((expiresAt - now) / 1000)) });
}

export async function challengeToken(): Promise<string | undefined> {
  return (await cookies()).get(CHALLENGE)?.value;
}

export async function endChallenge(): Promise<void> {
  (await cookies()).delete({ name: CHALLENGE, path: LOGIN.path });
}

export async function deviceToken(): Promise<string | undefined> {
  return (await cookies()).get(DEVICE)?.value;
}

export async function rememberDevice(token: string, days: number): Promise<void> {
  (await cookies()).set(DEVICE, token, { ...LOGIN, maxAge: days * 86_400 });
}
