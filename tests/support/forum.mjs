// A small forum-style application on twofa, for the tests, written the way
// the README says: its own user table (with conditional writes) and
// sessions, and route handlers written as (Request) => Response, like
// Next.js App Router route handlers. `serveForum` mounts them (and optional
// static files) on a plain Node http server.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { Readable } from 'node:stream';
import { errorResponse } from 'twofa';
import { CONTENT_SECURITY_POLICY } from '../../scripts/static-server.mjs';

function hashPassword(password, salt = randomBytes(16)) {
  return `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}
function checkPassword(password, stored) {
  const [salt, hash] = stored.split(':');
  return timingSafeEqual(scryptSync(password, Buffer.from(salt, 'hex'), 32), Buffer.from(hash, 'hex'));
}
function cookies(request) {
  return Object.fromEntries((request.headers.get('cookie') ?? '').split(/;\s*/).filter(Boolean).map((c) => c.split('=')));
}
const conflict = () => Response.json({ error: 'CONFLICT', message: 'Your account changed meanwhile; please try again.' }, { status: 409 });

/** The forum's routes for a twofa instance; `users` is its user table (id -> row). */
export function forumRoutes(twofa) {
  const users = new Map();
  const sessions = new Map();
  const signedIn = (request) => users.get(sessions.get(cookies(request).session));
  const unauthorized = () => Response.json({ error: 'UNAUTHENTICATED' }, { status: 401 });
  /** The README's write: `update` only where the row still holds `previous`. */
  function save(userId, { update, previous }) {
    const row = users.get(userId);
    if (!row || Object.entries(previous).some(([key, value]) => (row[key] ?? null) !== value)) return false;
    Object.assign(row, update);
    return true;
  }
  function startSession(userId, extraCookies = []) {
    const sid = randomBytes(16).toString('hex');
    sessions.set(sid, userId);
    const headers = new Headers({ 'content-type': 'application/json' });
    for (const c of [`session=${sid}; HttpOnly; SameSite=Strict; Path=/`, ...extraCookies]) headers.append('set-cookie', c);
    return new Response(JSON.stringify({ state: 'LOGIN_SUCCESS' }), { headers });
  }
  const challengeCookie = (token) => `twofa_challenge=${token}; HttpOnly; SameSite=Strict; Path=/api/auth; Max-Age=600`;
  const clearChallenge = 'twofa_challenge=; HttpOnly; SameSite=Strict; Path=/api/auth; Max-Age=0';
  const routes = {
    'POST /api/auth/signup': async (request) => {
      const { email, password } = await request.json();
      users.set(email, { id: email, email, passwordHash: hashPassword(password) });
      return startSession(email);
    },
    // The password step, then afterPassword says what comes next.
    'POST /api/auth/login': async (request) => {
      const { email, password } = await request.json();
      const user = users.get(email);
      if (!user || !checkPassword(password, user.passwordHash)) return Response.json({ error: 'BAD_PASSWORD' }, { status: 401 });
      const next = await twofa.afterPassword({ userId: user.id, user, deviceToken: cookies(request).twofa_device });
      if (!save(user.id, next)) return conflict();
      if (next.state === 'LOGIN_SUCCESS') {
        return startSession(user.id, next.deviceToken ? [`twofa_device=${next.deviceToken}; HttpOnly; SameSite=Strict; Path=/api/auth`] : []);
      }
      return Response.json({ state: next.state }, { headers: { 'set-cookie': challengeCookie(next.challengeToken) } });
    },
    // MFA_REQUIRED -> LOGIN_SUCCESS.
    'POST /api/auth/verify-2fa': async (request) => {
      const challengeToken = cookies(request).twofa_challenge;
      if (!challengeToken) return Response.json({ error: 'TOKEN_EXPIRED' }, { status: 401 });
      const { code, method, rememberDevice } = await request.json();
      try {
        const result = await twofa.verifyChallenge({ challengeToken, code, method, rememberDevice, user: (id) => users.get(id) });
        if (!save(result.userId, result)) return conflict();
        const extra = [clearChallenge];
        if (result.deviceToken) extra.push(`twofa_device=${result.deviceToken}; HttpOnly; SameSite=Strict; Path=/api/auth`);
        return startSession(result.userId, extra);
      } catch (error) {
        return errorResponse(error);
      }
    },
    'POST /api/auth/send-code': async (request) => {
      const challengeToken = cookies(request).twofa_challenge;
      const { channel } = await request.json();
      try {
        return Response.json(await twofa.sendCode({ challengeToken: challengeToken ?? '', channel, user: (id) => users.get(id) }));
      } catch (error) {
        return errorResponse(error);
      }
    },
    'POST /api/user/setting/2fa/save-secret': async (request) => {
      const user = signedIn(request);
      if (!user) return unauthorized();
      const { secret, uri, qrSvg, enrollmentToken } = twofa.beginEnrollment({ userId: user.id, account: user.email });
      return Response.json({ secret, uri, qrSvg, enrollmentToken });
    },
    'POST /api/user/setting/2fa/enable': async (request) => {
      const user = signedIn(request);
      if (!user) return unauthorized();
      const { enrollmentToken, code, currentCode } = await request.json();
      try {
        const done = await twofa.confirmEnrollment({ userId: user.id, enrollmentToken, code, currentCode, user });
        if (!save(user.id, done)) return conflict();
        return Response.json({ backupCodes: done.backupCodes });
      } catch (error) {
        return errorResponse(error);
      }
    },
    // Adding an email or SMS channel: a code sent to it, typed back (with a
    // current code when the user already has a factor).
    'POST /api/user/setting/2fa/channel/send': async (request) => {
      const user = signedIn(request);
      if (!user) return unauthorized();
      const { channel } = await request.json();
      try {
        return Response.json(await twofa.sendChannelCode({ userId: user.id, channel, user }));
      } catch (error) {
        return errorResponse(error);
      }
    },
    'POST /api/user/setting/2fa/channel/confirm': async (request) => {
      const user = signedIn(request);
      if (!user) return unauthorized();
      const { channel, code, currentCode } = await request.json();
      try {
        const confirmed = await twofa.confirmChannel({ userId: user.id, channel, code, currentCode, user });
        return save(user.id, confirmed) ? Response.json({ ok: true }) : conflict();
      } catch (error) {
        return errorResponse(error);
      }
    },
    'GET /api/user/setting/2fa/status': async (request) => {
      const user = signedIn(request);
      return user ? Response.json(twofa.status(user)) : unauthorized();
    },
    // Step-up: turning 2FA off needs a current code.
    'POST /api/user/setting/2fa/disable': async (request) => {
      const user = signedIn(request);
      if (!user) return unauthorized();
      const { code } = await request.json();
      try {
        const off = await twofa.disable({ userId: user.id, user, code });
        return save(user.id, off) ? Response.json({ ok: true }) : conflict();
      } catch (error) {
        return errorResponse(error);
      }
    },
  };
  return { routes, users };
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/**
 * Serves `routes` and, under `/static/`, files from `staticRoot`. Resolves to
 * `{ url, close }`. `now` (the twofa instance's clock) dates the responses,
 * as a server's Date header follows the clock its times come from.
 */
export async function serveForum(routes, staticRoot, { now } = {}) {
  const server = createServer(async (req, res) => {
    const path = req.url.split('?')[0];
    const handler = routes[`${req.method} ${path}`];
    if (!handler) {
      const file = staticRoot && path.startsWith('/static/') ? join(staticRoot, normalize(path.slice(8))) : undefined;
      if (file && file.startsWith(staticRoot) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY });
        return createReadStream(file).pipe(res);
      }
      return res.writeHead(404).end();
    }
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: req.headers,
      body: req.method === 'GET' ? undefined : Readable.toWeb(req),
      duplex: 'half',
    });
    const response = await handler(request);
    const headers = [...response.headers].filter(([k]) => k !== 'set-cookie').flat();
    if (now) headers.push('date', new Date(now()).toUTCString());
    for (const c of response.headers.getSetCookie()) headers.push('set-cookie', c);
    res.writeHead(response.status, headers);
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) };
}
