// node16 resolution from an ES module.
import { createTwoFactor, totp, type Enrollment } from 'twofa';
import { hotp } from 'twofa/browser';
import { postgresStore, type PostgresStore } from 'twofa/postgres';
import { redisStore } from 'twofa/redis';

const twofa = createTwoFactor({ issuer: 'TS', keys: { current: 'k1', keys: { k1: 'x'.repeat(32) } }, store: redisStore({}) });
const enrollment: Enrollment = twofa.beginEnrollment({ userId: 'u', account: 'a' });
const code: string = totp({ secret: enrollment.secret }) + hotp({ secret: enrollment.secret, counter: 1 });
const shared: PostgresStore = postgresStore({}, { createTable: true });
void [code, shared.removeExpired];
