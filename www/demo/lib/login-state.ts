// After the password, by twofa's LoginState: a session (no 2FA, or a
// trusted browser), a challenge cookie (a code is due), or an enrollment
// (mandatory 2FA, or a factor reset whose wait is over).
import type { LoginState } from 'twofa';
import { now } from './clock';
import { rememberDevice, startChallenge } from './cookies';
import { persist, type User } from './db';
import { conflict } from './http';
import { startSession } from './session';
import { twofa } from './twofa';

export async function continueLogin(user: User, next: LoginState): Promise<Response> {
  // Every state may carry changes: a copied device cookie signs out every
  // trusted browser (MFA_REQUIRED); a completed factor reset clears the old
  // factor (ENROLLMENT_REQUIRED), and every session ends with it.
  const factorRemoved = next.state === 'ENROLLMENT_REQUIRED' && next.reason === 'factor-reset';
  // A copied device cookie was caught: the thief may hold a session from it, so every session ends.
  const devicesSignedOut = next.update.devicesRevokedAt !== undefined && next.update.devicesRevokedAt !== next.previous.devicesRevokedAt;
  const stored = await persist(user.id, next, { endSessions: factorRemoved || devicesSignedOut });
  if (!stored) return conflict();
  if (next.state === 'MFA_REQUIRED') {
    await startChallenge(next.challengeToken, next.expiresAt, now());
    return Response.json({ state: next.state, methods: next.methods, factorResetAt: next.factorResetAt ?? null });
  }
  if (next.state === 'ENROLLMENT_REQUIRED') {
    await startChallenge(next.challengeToken, next.expiresAt, now());
    return Response.json({ state: next.state, reason: next.reason });
  }
  if (next.deviceToken) await rememberDevice(next.deviceToken, twofa().status(stored).devices.rememberDays);
  await startSession(stored);
  return Response.json({ state: next.state, via: next.via, enrollmentDueAt: next.enrollmentDueAt ?? null });
}
