// Over HTTP: what a copied demo must refuse. Requests from other sites and
// bodies that are not JSON, on every state-changing route; password
// guessing per account and per client, with unknown emails answered alike;
// sessions that end when the factor or the password changes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { demoDir } from '../../../scripts/demo.mjs';
import { PASSWORD } from '../support.mjs';

/** Every route file with a POST handler, as its URL path. */
function postRoutes(dir = join(demoDir, 'app/api')) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return postRoutes(path);
    return entry === 'route.ts' && /export (const|async function) POST/.test(readFileSync(path, 'utf8'))
      ? [`/${relative(join(demoDir, 'app'), dir)}`] : [];
  });
}

const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(run) {
  const start = performance.now();
  const answer = await run();
  return { answer, ms: performance.now() - start };
}

export default function hardening(demo) {
  test('every state-changing route refuses other origins and bodies that are not JSON', async () => {
    const routes = postRoutes();
    assert.ok(routes.length >= 20, `found ${routes.length} POST routes`);
    const client = demo.client();
    await client.signup('csrf@example.com');
    for (const route of routes) {
      for (const origin of ['https://evil.example', 'null', undefined]) {
        const headers = origin === undefined ? { origin: '' } : { origin };
        const { status, data } = await client.post(route, {}, headers);
        assert.equal(status, 403, `${route} from ${origin}`);
        assert.equal(data.error, 'CROSS_SITE');
      }
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const { status } = await client.post(route, '{"email":"csrf@example.com"}', { 'content-type': type });
        assert.equal(status, 415, `${route} as ${type}`);
      }
    }
    // Nothing happened: the session still works, and no text/plain sign-up went through.
    assert.equal((await client.get('/api/user/setting/2fa/status')).status, 200);
    const forged = await demo.client().post('/api/auth/signup', JSON.stringify({ email: 'forged@example.com', password: PASSWORD }), { 'content-type': 'text/plain' });
    assert.equal(forged.status, 415);
    assert.equal(demo.row('forged@example.com'), undefined);
  });

  test('password login: 5 attempts per account, unknown emails answered the same, at the same speed', async (t) => {
    await demo.client().signup('guessed@example.com');
    const known = demo.client();
    const unknown = demo.client();
    const wrong = [];
    const missing = [];
    for (let i = 0; i < 5; i++) {
      wrong.push(await timed(() => known.login('guessed@example.com', `wrong-${i}`)));
      missing.push(await timed(() => unknown.login('nobody@example.com', `wrong-${i}`)));
    }
    for (const { answer } of [...wrong, ...missing]) assert.deepEqual([answer.status, answer.data], [401, { error: 'BAD_CREDENTIALS', message: 'Wrong email or password.' }]);
    // An unknown email costs one scrypt too: without the dummy hash it would answer about 50x faster.
    const [knownMs, unknownMs] = [median(wrong.map((t) => t.ms)), median(missing.map((t) => t.ms))];
    t.diagnostic(`median answer: known email, wrong password ${knownMs.toFixed(1)} ms; unknown email ${unknownMs.toFixed(1)} ms`);
    assert.ok(unknownMs > knownMs / 2, `unknown email ${unknownMs.toFixed(1)} ms vs known ${knownMs.toFixed(1)} ms`);

    // The sixth attempt is refused even with the right password, from anywhere, for both.
    const locked = await demo.client().login('guessed@example.com');
    const lockedUnknown = await demo.client().login('nobody@example.com');
    assert.equal(locked.status, 429);
    assert.equal(locked.data.error, 'RATE_LIMITED');
    assert.ok(locked.data.retryAfterMs > 14 * 60_000, `retryAfterMs ${locked.data.retryAfterMs}`);
    assert.equal(locked.headers.get('retry-after'), String(Math.ceil(locked.data.retryAfterMs / 1000)));
    assert.deepEqual([lockedUnknown.status, lockedUnknown.data.error], [429, 'RATE_LIMITED']);
  });

  test('password login: 100 attempts per client, across accounts', async () => {
    // One account guessed 100 times: locked after 5 (no scrypt after that), while the client's count goes on.
    const client = demo.client();
    const statuses = [];
    for (let i = 0; i < 100; i++) statuses.push((await client.login('target@example.com', `guess-${i}`)).status);
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(95).fill(429)]);
    // Now any account from this client is refused; from another client, this one is not.
    assert.equal((await client.login('fresh@example.com', 'hunter22')).status, 429);
    assert.equal((await demo.client().login('fresh@example.com', 'hunter22')).status, 401);
  });

  test('other sessions end when 2FA is turned on, replaced or off, the password changes, or on "sign out all other devices"; each change is mailed', async () => {
    const email = 'sessions@example.com';
    const here = await demo.client().signup(email);
    const other = demo.client();
    const signedIn = async (client) => (await client.get('/api/user/setting/2fa/status')).status === 200;
    /** Runs `change` from `here`; `other`'s session ends, `here`'s goes on, and the owner gets a notice. */
    async function endsOtherSession(change, notice) {
      const since = demo.lastMailId();
      assert.equal(await signedIn(other), true);
      await change();
      assert.deepEqual([await signedIn(here), await signedIn(other)], [true, false], String(notice));
      if (notice) assert.match((await demo.nextMail(email, /Security notice/, since)).text, notice);
    }

    /** Signs `other` in with the next unused backup code. */
    const otherSignsIn = async () => {
      assert.equal((await other.login(email)).data.state, 'MFA_REQUIRED');
      assert.equal((await other.post('/api/auth/verify-2fa', { code: here.enrolled.backupCodes.shift() })).status, 200);
    };

    assert.equal((await other.login(email)).status, 200);
    await endsOtherSession(() => here.enroll(), /turned on/);
    await otherSignsIn();
    // Replacing the authenticator needs a current code (ALREADY_ENROLLED without one).
    await assert.rejects(here.enroll(), (error) => error.answer.status === 409 && error.answer.data.error === 'ALREADY_ENROLLED');
    await endsOtherSession(() => here.enroll({ currentCode: here.enrolled.backupCodes.shift() }), /replaced/);
    await otherSignsIn();
    await endsOtherSession(async () => {
      assert.equal((await here.post('/api/user/setting/2fa/disable', { code: here.enrolled.backupCodes.shift() })).status, 200);
    }, /turned off/);

    assert.equal((await other.login(email)).status, 200);
    await endsOtherSession(async () => {
      assert.equal((await here.post('/api/user/password', { currentPassword: PASSWORD, password: 'new password 1' })).status, 200);
    }, /password was changed/);

    assert.equal((await other.login(email, 'new password 1')).status, 200);
    await endsOtherSession(async () => assert.equal((await here.post('/api/user/setting/2fa/forget-devices')).status, 200));
  });
}
