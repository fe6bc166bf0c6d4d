// Types as a bundler-based TypeScript project sees them (moduleResolution: bundler).
import { createTwoFactor, errorResponse, KeyRing, keysFromEnv, TwoFactorError, verifyTotp, type LoginState, type TotpMatch, type TwoFactorErrorCode, type VerifyResult } from 'twofa';
import { formatSecret, qrSvg, type ParsedUri, parseUri } from 'twofa/browser';
import { postgresStore, type PostgresStoreOptions } from 'twofa/postgres';
import { redisStore, type RedisStoreOptions } from 'twofa/redis';
import { TwofaEnrollElement, defineTwofaElements, type EnrolledDetail } from 'twofa/widget';

const match: TotpMatch | null = verifyTotp({ secret: 'JBSWY3DPEHPK3PXP', code: '123456', afterStep: null });
const parsed: ParsedUri = parseUri('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP');
const svg: string = qrSvg(parsed.account, { ecc: 'H' });
const code: TwoFactorErrorCode = new TwoFactorError('RATE_LIMITED', 'x').code;
const ring = new KeyRing({ current: 'k1', keys: { k1: 'x'.repeat(32) } });
const twofa = createTwoFactor({ issuer: 'TS', keys: ring, store: redisStore({}, { prefix: 'p:' } satisfies RedisStoreOptions) });
async function login(token: string): Promise<number | string | null | undefined> {
  const result: VerifyResult = await twofa.verifyChallenge({ challengeToken: token, code: '123456', user: async () => ({ sealedSecret: 'tf1.k1.x' }) });
  return result.method === 'totp' ? result.update.lastUsedStep : result.update.backupRecord;
}
// Numeric ids (Prisma's default) and keys read at first use.
const lazy = createTwoFactor({ issuer: 'TS', keys: keysFromEnv() });
async function afterPassword(user: { id: number; sealedSecret: string | null }): Promise<string> {
  const next: LoginState = await lazy.afterPassword({ userId: user.id, user });
  if (next.state === 'MFA_REQUIRED') return next.challengeToken;
  if (next.state === 'ENROLLMENT_REQUIRED') return next.reason;
  return next.via;
}
const onPostgres = createTwoFactor({ issuer: 'TS', keys: ring, store: postgresStore({}, { table: 'app.twofa' } satisfies PostgresStoreOptions) });
const response: Response = errorResponse(new TwoFactorError('INVALID_CODE', 'x'));
const element: TwofaEnrollElement = document.createElement('twofa-enroll');
element.addEventListener('twofa-enrolled', (event) => { const detail: EnrolledDetail = event.detail; void detail.backupCodes; });
defineTwofaElements();

// @ts-expect-error: codes are strings
verifyTotp({ secret: 'JBSWY3DPEHPK3PXP', code: 123456 });
// @ts-expect-error: unknown algorithm
verifyTotp({ secret: 'JBSWY3DPEHPK3PXP', code: '123456', algorithm: 'MD5' });
// @ts-expect-error: 'windows' is not an option
verifyTotp({ secret: 'JBSWY3DPEHPK3PXP', code: '123456', windows: 2 });

// @ts-expect-error: 'tableName' is not an option
postgresStore({}, { tableName: 'x' });

void [match, svg, code, login, afterPassword, response, formatSecret, onPostgres];
