// The README's "Add 2FA to your app", followed as a newcomer would: a fresh
// Next.js App Router project (tests/consumers/nextjs-readme: what
// create-next-app makes, plus the app's own sign-up, passwords and sessions),
// the packages step 1 installs (twofa from the packed tarball), and every code
// block of the section that starts with a `// path` comment copied verbatim
// into that file. `next build` runs with no key and no database in its
// environment (strict TypeScript, zero errors); then `next start` on a private
// PostgreSQL with the README's tables and a key from `npx twofa keygen`, and
// the login is driven over HTTP with a cookie jar per browser.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { oathtool, wrongCode } from '../support/oathtool.mjs';
import { packTarball } from '../support/pack.mjs';
import { freePort } from '../support/ports.mjs';
import { startPostgres } from '../support/postgres.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../..');
const template = join(here, 'nextjs-readme');
// Outside the repository, unlike the other consumers: inside it, a package the README forgot would resolve
// from the repository's node_modules (and Next would take the repository for the workspace root).
// One directory per checkout, kept between runs for its node_modules.
const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
const work = join(cacheHome, 'twofa-tests', `nextjs-readme-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
const next = join(work, 'node_modules/.bin/next');
// What step 1 installs besides twofa, at versions pinned here: a package the README adds must be pinned too.
const PINNED = { pg: '8.23.1', '@types/pg': '8.23.1' };
// The files the README must give in full (a snippet without its `// path` line would not be copied).
const README_FILES = [
  'lib/db.ts', 'lib/twofa.ts', 'app/api/auth/login/route.ts', 'app/api/auth/verify-2fa/route.ts',
  'app/api/user/setting/2fa/save-secret/route.ts', 'app/api/user/setting/2fa/enable/route.ts',
];

/** The text of README.md from `## title` to the next `## `. */
function readmeSection(title) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `README section "${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

function codeBlocks(markdown, language) {
  return [...markdown.matchAll(/^```(\w+)\n([^]*?)^```$/gm)].filter(([, lang]) => lang === language).map(([, , body]) => body);
}

/** Step 1's `npm install` lines: `{ dependencies, devDependencies }` as package names. */
function installedPackages(section) {
  const found = { dependencies: [], devDependencies: [] };
  for (const line of codeBlocks(section, 'sh').join('\n').split('\n')) {
    const words = line.replace(/#.*/, '').trim().split(/\s+/);
    if (words[0] !== 'npm' || !['install', 'i', 'add'].includes(words[1])) continue;
    const dev = words.some((w) => w === '-D' || w === '--save-dev');
    found[dev ? 'devDependencies' : 'dependencies'].push(...words.slice(2).filter((w) => !w.startsWith('-')));
  }
  return found;
}

/** The section's TypeScript blocks that start with `// some/path.ts`, by path. */
function readmeFiles(section) {
  const files = {};
  for (const body of codeBlocks(section, 'ts')) {
    const path = /^\/\/ ([\w@.[\]/-]+\.tsx?)\b/.exec(body)?.[1];
    if (path) files[path] = body;
  }
  return files;
}

const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });

/** The environment of a CI build: no twofa key, no database. */
function buildEnv() {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  for (const name of Object.keys(env)) if (name.startsWith('TWOFA_') || name === 'DATABASE_URL') delete env[name];
  return env;
}

const section = readmeSection('Add 2FA to your app');
let postgres;
let server;
let serverLog = '';
let built = false;

before(() => {
  const tarball = packTarball();
  mkdirSync(work, { recursive: true });
  for (let dir = dirname(work); dir !== dirname(dir); dir = dirname(dir)) {
    assert.ok(!existsSync(join(dir, 'node_modules')) && !existsSync(join(dir, 'package.json')), `${dir} would lend the project packages: set XDG_CACHE_HOME elsewhere`);
  }
  // The installed packages and Next's build cache stay between runs; twofa is always the new tarball.
  for (const entry of readdirSync(work)) if (entry !== 'node_modules' && entry !== '.next') rmSync(join(work, entry), { recursive: true, force: true });
  // Only the build cache stays, though Next writes a build before its type check (hence `built` too).
  for (const entry of existsSync(join(work, '.next')) ? readdirSync(join(work, '.next')) : []) {
    if (entry !== 'cache') rmSync(join(work, '.next', entry), { recursive: true, force: true });
  }
  rmSync(join(work, 'node_modules/twofa'), { recursive: true, force: true });
  cpSync(template, work, { recursive: true });

  const manifest = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8'));
  for (const [field, names] of Object.entries(installedPackages(section))) {
    for (const name of names) {
      assert.ok(name === 'twofa' || PINNED[name], `README step 1 installs ${name}: pin its version in PINNED`);
      manifest[field] = { ...manifest[field], [name]: name === 'twofa' ? `file:${tarball}` : PINNED[name] };
    }
  }
  assert.equal(manifest.dependencies.twofa, `file:${tarball}`, 'README step 1 installs twofa');
  writeFileSync(join(work, 'package.json'), JSON.stringify(manifest, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);

  const files = readmeFiles(section);
  assert.deepEqual(README_FILES.filter((path) => !files[path]), [], 'the README gives each of these files whole');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  }
});

after(async () => {
  if (server && server.exitCode === null) server.kill();
  postgres?.destroy();
});

test('next build with no TWOFA_KEYS and no DATABASE_URL: succeeds, zero TypeScript errors under strict', () => {
  let output;
  try {
    output = run(next, ['build'], { env: buildEnv() });
  } catch (error) {
    assert.fail(`next build failed:\n${error.stdout}\n${error.stderr}`);
  }
  assert.match(output, /TypeScript/, 'Next checked the types');
  assert.doesNotMatch(output, /Type error|error TS/);
  assert.equal(JSON.parse(readFileSync(join(work, 'tsconfig.json'), 'utf8')).compilerOptions.strict, true);
  built = true;
});

/** The section's SQL: the `ALTER TABLE` for twofa's columns and the postgresStore table (the package's own text). */
function readmeSql() {
  const blocks = codeBlocks(section, 'sql');
  const alter = blocks.find((sql) => sql.startsWith('ALTER TABLE users'));
  const store = blocks.find((sql) => sql.includes('twofa_store'));
  assert.ok(alter && store, 'the section gives the ALTER TABLE and the store table');
  const { POSTGRES_TABLE_SQL } = createRequire(join(work, 'package.json'))('twofa/postgres');
  assert.equal(store, POSTGRES_TABLE_SQL, 'the store table as the installed twofa/postgres creates it');
  return [alter, store];
}

/** Waits for `next start` to say it is ready; its output is kept for failure messages. */
async function startServer(env) {
  const port = await freePort();
  const child = spawn(next, ['start', '-p', String(port), '-H', '127.0.0.1'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => child.kill());
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      serverLog += chunk;
      if (/Ready in/.test(serverLog)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`next start exited with ${code}:\n${serverLog}`)));
  });
  return Object.assign(child, { url: `http://127.0.0.1:${port}` });
}

test('next start on PostgreSQL with the README\'s tables and a key from npx twofa keygen', async () => {
  assert.ok(built, 'next build succeeded');
  postgres = await startPostgres();
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    for (const sql of [readFileSync(join(work, 'schema.sql'), 'utf8'), ...readmeSql()]) await client.query(sql);
  } finally {
    await client.end();
  }
  const keygen = run('npx', ['--no-install', 'twofa', 'keygen']);
  const keys = /^TWOFA_KEYS=(\S+)$/m.exec(keygen)?.[1];
  assert.ok(keys, `npx twofa keygen prints the line to paste:\n${keygen}`);
  server = await startServer({ ...buildEnv(), TWOFA_KEYS: keys, DATABASE_URL: postgres.url });
});

/** A browser: its own cookie jar (every cookie sent on every path; enough here). */
function browser() {
  const jar = new Map();
  return async (path, body) => {
    const response = await fetch(server.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: JSON.stringify(body ?? {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    const text = await response.text();
    return { status: response.status, cookies: response.headers.getSetCookie(), body: text ? JSON.parse(text) : null };
  };
}

const alice = { email: 'alice@example.com', password: 'correct horse battery staple' };
const flow = {};

test('sign up, log in (LOGIN_SUCCESS), turn 2FA on with an oathtool code: 10 backup codes', async () => {
  const laptop = browser();
  assert.equal((await laptop('/api/auth/signup', alice)).status, 200, serverLog);
  const login = await laptop('/api/auth/login', alice);
  assert.deepEqual([login.status, login.body.state], [200, 'LOGIN_SUCCESS'], serverLog);
  const wrongPassword = await laptop('/api/auth/login', { ...alice, password: 'wrong' });
  assert.deepEqual([wrongPassword.status, wrongPassword.body.error], [401, 'BAD_CREDENTIALS']);

  const saved = await laptop('/api/user/setting/2fa/save-secret');
  assert.equal(saved.status, 200, serverLog);
  assert.match(saved.body.uri, /^otpauth:\/\/totp\/Forum:alice(@|%40)example\.com\?.*issuer=Forum/);
  assert.match(saved.body.qrSvg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox=/, 'the QR code <twofa-enroll> shows');
  flow.secret = new URL(saved.body.uri).searchParams.get('secret');
  flow.enrolledAt = Date.now();
  const enabled = await laptop('/api/user/setting/2fa/enable', { enrollmentToken: saved.body.enrollmentToken, code: oathtool(flow.secret, flow.enrolledAt) });
  assert.equal(enabled.status, 200, serverLog);
  assert.equal(enabled.body.backupCodes.length, 10);
  flow.backupCodes = enabled.body.backupCodes;
  flow.laptop = laptop;
});

test('a second browser: MFA_REQUIRED with the challenge cookie, no session until the next oathtool code', async () => {
  const phone = browser();
  const login = await phone('/api/auth/login', alice);
  assert.deepEqual([login.status, login.body], [200, { state: 'MFA_REQUIRED', methods: ['totp', 'backup'] }]);
  const challenge = login.cookies.find((c) => c.startsWith('twofa_challenge='));
  assert.ok(challenge, 'the challenge cookie is set');
  for (const attribute of [/; Path=\/api\/auth(;|$)/, /; HttpOnly/i, /; Secure/i, /; SameSite=Strict/i, /; Max-Age=600/]) assert.match(challenge, attribute);
  assert.ok(!login.cookies.some((c) => c.startsWith('session=')), 'no session before the second factor');
  assert.equal((await phone('/api/user/setting/2fa/save-secret')).status, 401);

  const verified = await phone('/api/auth/verify-2fa', { code: oathtool(flow.secret, flow.enrolledAt + 30_000) });
  assert.deepEqual([verified.status, verified.body], [200, { ok: true, method: 'totp' }], serverLog);
  assert.ok(verified.cookies.some((c) => c.startsWith('session=')), 'a session');
  assert.ok(verified.cookies.some((c) => /^twofa_challenge=;/.test(c) || /^twofa_challenge=.*Expires=Thu, 01 Jan 1970/.test(c)), 'the challenge cookie removed');
  assert.equal((await phone('/api/user/setting/2fa/save-secret')).status, 200, 'signed in');
});

test('a wrong code is 401 INVALID_CODE, a used code CODE_ALREADY_USED, a backup code signs in once', async () => {
  const tablet = browser();
  assert.equal((await tablet('/api/auth/login', alice)).body.state, 'MFA_REQUIRED');
  const wrong = await tablet('/api/auth/verify-2fa', { code: wrongCode(oathtool(flow.secret)) });
  assert.deepEqual([wrong.status, wrong.body.error], [401, 'INVALID_CODE']);
  const replayed = await tablet('/api/auth/verify-2fa', { code: oathtool(flow.secret, flow.enrolledAt + 30_000) });
  assert.deepEqual([replayed.status, replayed.body.error], [401, 'CODE_ALREADY_USED']);

  const backup = await tablet('/api/auth/verify-2fa', { code: flow.backupCodes[0], method: 'backup' });
  assert.deepEqual([backup.status, backup.body], [200, { ok: true, method: 'backup', backupRemaining: 9 }], serverLog);
  const again = browser();
  await again('/api/auth/login', alice);
  const spent = await again('/api/auth/verify-2fa', { code: flow.backupCodes[0], method: 'backup' });
  assert.deepEqual([spent.status, spent.body.error], [401, 'INVALID_CODE'], 'each backup code works once');
});

test('enabling again without a current code is 409 ALREADY_ENROLLED', async () => {
  const saved = await flow.laptop('/api/user/setting/2fa/save-secret');
  const secret = new URL(saved.body.uri).searchParams.get('secret');
  const replace = await flow.laptop('/api/user/setting/2fa/enable', { enrollmentToken: saved.body.enrollmentToken, code: oathtool(secret) });
  assert.deepEqual([replace.status, replace.body.error], [409, 'ALREADY_ENROLLED']);
  assert.doesNotMatch(serverLog, /Error|⨯/, 'the server logged no error');
});
