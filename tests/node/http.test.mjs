// The forum pattern over real HTTP: a plain Node http server mounts six
// route handlers written as (Request) => Response, like Next.js App Router
// route handlers (tests/support/forum.mjs), and the test drives them with
// fetch and a cookie jar.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTwoFactor, errorResponse, totp } from 'twofa';
import { forumRoutes, serveForum } from '../support/forum.mjs';

const clock = { now: 1_700_000_000_000 };
const twofa = createTwoFactor({
  issuer: 'Forum',
  keys: { current: 'k1', keys: { k1: 'forum-key-0123456789abcdef0123456789' } },
  now: () => clock.now,
});

let server;
let base;
before(async () => {
  server = await serveForum(forumRoutes(twofa).routes);
  base = server.url;
});
after(() => server.close());

/** A browser-like client: keeps cookies between requests. */
function browser() {
  const jar = new Map();
  return async (method, path, body) => {
    const response = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of response.headers.getSetCookie()) {
      const [pair, ...attributes] = c.split(/;\s*/);
      const [name, value] = pair.split('=');
      if (attributes.includes('Max-Age=0') || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return { status: response.status, headers: response.headers, body: await response.json() };
  };
}

test('save-secret -> enable -> status -> login -> verify-2fa -> disable over HTTP', async () => {
  const alice = browser();
  assert.equal((await alice('POST', '/api/auth/signup', { email: 'alice@example.com', password: 'pw-alice' })).status, 200);

  const saved = await alice('POST', '/api/user/setting/2fa/save-secret');
  assert.match(saved.body.qrSvg, /^<svg/);
  const secret = saved.body.secret;
  const wrong = await alice('POST', '/api/user/setting/2fa/enable', { enrollmentToken: saved.body.enrollmentToken, code: '000000' });
  assert.deepEqual([wrong.status, wrong.body.error], [401, 'INVALID_CODE']);
  const enabled = await alice('POST', '/api/user/setting/2fa/enable', { enrollmentToken: saved.body.enrollmentToken, code: totp({ secret, timestamp: clock.now }) });
  assert.equal(enabled.status, 200);
  assert.equal(enabled.body.backupCodes.length, 10);
  const on = { enabled: true, methods: ['totp', 'backup'], backupRemaining: 10, needsRotation: false, factorResetAt: null, devices: { rememberDays: 30, revokedAt: null } };
  assert.deepEqual((await alice('GET', '/api/user/setting/2fa/status')).body, on);
  // A stolen session cannot replace the factor: enabling again needs a current code.
  const again = await alice('POST', '/api/user/setting/2fa/save-secret');
  const replace = await alice('POST', '/api/user/setting/2fa/enable', { enrollmentToken: again.body.enrollmentToken, code: totp({ secret: again.body.secret, timestamp: clock.now }) });
  assert.deepEqual([replace.status, replace.body.error], [409, 'ALREADY_ENROLLED']);

  // A new browser logs in: password, then the challenge cookie, then a code.
  const phone = browser();
  const login = await phone('POST', '/api/auth/login', { email: 'alice@example.com', password: 'pw-alice' });
  assert.deepEqual(login.body, { state: 'MFA_REQUIRED' });
  const setCookie = login.headers.get('set-cookie');
  assert.match(setCookie, /twofa_challenge=tf1\.k1\..*HttpOnly; SameSite=Strict/);
  assert.equal((await phone('GET', '/api/user/setting/2fa/status')).status, 401, 'no session before the second factor');
  const replay = await phone('POST', '/api/auth/verify-2fa', { code: totp({ secret, timestamp: clock.now }) });
  assert.deepEqual([replay.status, replay.body.error], [401, 'CODE_ALREADY_USED'], 'the enrollment code does not log in');
  clock.now += 30_000;
  const verified = await phone('POST', '/api/auth/verify-2fa', { code: totp({ secret, timestamp: clock.now }) });
  assert.equal(verified.status, 200);
  assert.equal((await phone('GET', '/api/user/setting/2fa/status')).body.enabled, true);

  // Backup-code login, then the same code again.
  const laptop = browser();
  await laptop('POST', '/api/auth/login', { email: 'alice@example.com', password: 'pw-alice' });
  assert.equal((await laptop('POST', '/api/auth/verify-2fa', { code: enabled.body.backupCodes[0] })).status, 200);
  assert.equal((await laptop('GET', '/api/user/setting/2fa/status')).body.backupRemaining, 9);
  const tablet = browser();
  await tablet('POST', '/api/auth/login', { email: 'alice@example.com', password: 'pw-alice' });
  const reused = await tablet('POST', '/api/auth/verify-2fa', { code: enabled.body.backupCodes[0] });
  assert.deepEqual([reused.status, reused.body.error], [401, 'INVALID_CODE']);

  // Lockout with Retry-After, then step-up to disable once the window passed.
  for (let i = 0; i < 4; i++) await tablet('POST', '/api/auth/verify-2fa', { code: '111111' });
  const limited = await tablet('POST', '/api/auth/verify-2fa', { code: totp({ secret, timestamp: clock.now }) });
  assert.equal(limited.status, 429);
  assert.equal(limited.body.error, 'RATE_LIMITED');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  clock.now += 300_000;
  const malformed = await alice('POST', '/api/user/setting/2fa/disable', { code: 'nope' });
  assert.deepEqual([malformed.status, malformed.body.error], [400, 'INVALID_CODE_FORMAT']);
  const disabled = await alice('POST', '/api/user/setting/2fa/disable', { code: totp({ secret, timestamp: clock.now }) });
  assert.equal(disabled.status, 200);
  const off = (await alice('GET', '/api/user/setting/2fa/status')).body;
  assert.deepEqual({ ...off, devices: undefined }, { ...on, enabled: false, methods: [], backupRemaining: 0, devices: undefined });
  assert.equal(off.devices.revokedAt, clock.now, 'turning 2FA off signed out every trusted device');
  const plain = browser();
  assert.equal((await plain('POST', '/api/auth/login', { email: 'alice@example.com', password: 'pw-alice' })).body.state, 'LOGIN_SUCCESS');
});

test('errorResponse: statuses, Retry-After, and no server details for the browser', async () => {
  const { TwoFactorError } = await import('twofa');
  const cases = [
    ['INVALID_CODE_FORMAT', 400], ['INVALID_CODE', 401], ['CODE_ALREADY_USED', 401], ['TOKEN_EXPIRED', 401], ['MFA_REQUIRED', 401],
    ['NOT_ENROLLED', 409], ['ALREADY_ENROLLED', 409], ['RATE_LIMITED', 429], ['CHANNEL_FAILED', 502], ['STORE_UNAVAILABLE', 503],
    ['KEY_NOT_FOUND', 500], ['SEAL_INVALID', 500], ['SEAL_MALFORMED', 500], ['BACKUP_RECORD_MALFORMED', 500], ['INTERNAL_ERROR', 500],
  ];
  for (const [code, status] of cases) {
    const response = errorResponse(new TwoFactorError(code, 'key `k1` is missing: restore it', code === 'RATE_LIMITED' ? { retryAfterMs: 61_500 } : undefined));
    assert.equal(response.status, status, code);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = await response.json();
    assert.equal(body.error, code);
    assert.equal(body.message.includes('k1'), status < 500, `${code}: server details stay in the logs`);
    if (code === 'RATE_LIMITED') {
      assert.equal(response.headers.get('retry-after'), '62');
      assert.equal(body.retryAfterMs, 61_500);
    }
  }
});
