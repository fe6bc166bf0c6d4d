// An ES module user: import each entry, as a Node server would.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { buildUri, createTwoFactor, init, parseUri, qrSvg, totp, verifyTotp } from 'twofa';
import * as lite from 'twofa/browser';
import { POSTGRES_TABLE_SQL, postgresStore } from 'twofa/postgres';
import { redisStore } from 'twofa/redis';

await init();
const twofa = createTwoFactor({ issuer: 'ESM', keys: { current: 'k1', keys: { k1: 'esm-consumer-key-0123456789abcdef012' } } });
const { secret, uri } = twofa.beginEnrollment({ userId: 'u1', account: 'u1@example.com' });
assert.equal(parseUri(uri).secret, secret);
assert.equal(verifyTotp({ secret, code: totp({ secret }) })?.drift, 0);
assert.equal(lite.buildUri({ secret, account: 'a', issuer: 'ESM' }), buildUri({ secret, account: 'a', issuer: 'ESM' }));
assert.match(qrSvg(uri), /^<svg/);
assert.equal(typeof redisStore, 'function');
assert.equal(typeof postgresStore, 'function');
assert.match(POSTGRES_TABLE_SQL, /^CREATE TABLE IF NOT EXISTS "twofa_store"/);
// One instance for import and require.
assert.equal(createRequire(import.meta.url)('twofa').totp, totp);
// The widget module loads in Node (server-side rendering) without defining anything.
const widget = await import('twofa/widget');
assert.equal(typeof widget.defineTwofaElements, 'function');
console.log('node-esm: ok');
