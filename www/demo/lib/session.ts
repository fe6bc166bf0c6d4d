// Sessions as twofa tokens in an HttpOnly, SameSite=Strict cookie: no
// session table. Each token carries the user's session version; raising
// the version (2FA turned on, off or replaced, a new password, "sign out
// all devices") ends every session issued before, wherever it is.
import { cookies } from 'next/headers';
import { now } from './clock';
import { COOKIE, endChallenge } from './cookies';
import { findUser, persist, type Change, type User } from './db';
import { twofa } from './twofa';

const SESSION = 'session';
const PURPOSE = 'demo.session';
const TTL_SECONDS = 8 * 3600;

export async function currentUser(): Promise<User | undefined> {
  const token = (await cookies()).get(SESSION)?.value;
  if (!token) return undefined;
  try {
    const claims = twofa().keyRing.openToken(token, PURPOSE, { timestamp: now() });
    const user = await findUser(claims.subject);
    return user && claims.data === String(user.sessionVersion ?? 0) ? user : undefined;
  } catch {
    return undefined; // expired, from another key ring, or altered: signed out
  }
}

/** Signs this browser in at the user's current session version (pass the row as stored); a pending challenge ends. */
export async function startSession(user: Pick<User, 'id' | 'sessionVersion'>): Promise<void> {
  const token = twofa().keyRing.issueToken({
    purpose: PURPOSE, subject: user.id, data: String(user.sessionVersion ?? 0), ttlSeconds: TTL_SECONDS, timestamp: now(),
  });
  (await cookies()).set(SESSION, token, { ...COOKIE, path: '/', maxAge: TTL_SECONDS });
  await endChallenge();
}

export async function endSession(): Promise<void> {
  (await cookies()).delete(SESSION);
}

/**
 * Stores a flow's result conditionally and ends the user's other sessions
 * in the same write (the factor or password changed); this browser stays
 * signed in. Undefined when another request changed the account first.
 */
export async function persistEndingOtherSessions(userId: string, change: Change): Promise<User | undefined> {
  const stored = await persist(userId, change, { endSessions: true });
  if (stored) await startSession(stored);
  return stored;
}
