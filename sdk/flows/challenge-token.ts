/**
 * The login challenge token: proof that the password step passed, carrying
 * what comes next (a code, or an enrollment) and the app's password version.
 * @internal
 * @module
 */
import { str } from '../checks.js';
import { TwoFactorError } from '../errors.js';
import { PURPOSES } from '../purposes.js';
import type { Context } from './context.js';
import { openUserToken, tokenData } from './tokens.js';

/** What the challenge asks for next. */
export type ChallengeState = 'MFA_REQUIRED' | 'ENROLLMENT_REQUIRED';

export interface OpenedChallenge {
  userId: string;
  expiresAt: number;
  state: ChallengeState;
  /** The password-version stamp it was issued with ('' for none). */
  passwordStamp: string;
  token: string;
}

export function issueChallenge(ctx: Context, userId: string, state: ChallengeState, passwordStamp: string): { challengeToken: string; expiresAt: number } {
  const timestamp = ctx.guard.now();
  const ttlSeconds = ctx.settings.challengeSeconds;
  const data = JSON.stringify({ s: state === 'MFA_REQUIRED' ? 'mfa' : 'enroll', p: passwordStamp });
  const challengeToken = ctx.ring().issueToken({ purpose: PURPOSES.challenge, subject: userId, ttlSeconds, data, timestamp });
  return { challengeToken, expiresAt: timestamp + ttlSeconds * 1000 };
}

/** Opens a challenge; `expect` refuses one in the other state (as `TOKEN_EXPIRED`: the user starts over). */
export function openChallenge(ctx: Context, token: unknown, expect?: ChallengeState): OpenedChallenge {
  const value = str('challengeToken', token);
  const claims = openUserToken(ctx.guard, ctx.ring(), value, PURPOSES.challenge, 'sign-in');
  const data = tokenData(claims);
  const state: ChallengeState = data.s === 'enroll' ? 'ENROLLMENT_REQUIRED' : 'MFA_REQUIRED';
  if (expect && state !== expect) {
    const wanted = expect === 'MFA_REQUIRED' ? 'a code' : 'an enrollment';
    throw new TwoFactorError('TOKEN_EXPIRED', `this sign-in does not expect ${wanted}; start again`);
  }
  return { userId: claims.subject, expiresAt: claims.expiresAt, state, passwordStamp: data.p ?? '', token: value };
}
