// What the demo suites share: one built demo and one server (restartable
// with other settings), one Chromium, page helpers for the login steps, an
// HTTP client with a cookie jar (as a browser, but scriptable), and the
// outbox. Every request of a client comes from its own address
// (X-Forwarded-For, read because the server runs with TRUST_PROXY=1), so
// the suites' per-client counters never meet.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDemo, startDemo } from '../../scripts/demo.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { oathtool } from '../support/oathtool.mjs';

export const PASSWORD = 'correct horse';

/** The demo server, its data folder and its log. */
export class Demo {
  data = mkdtempSync(join(tmpdir(), 'twofa-demo-'));
  env = {
    TWOFA_DEMO_DATA: this.data, TWOFA_KEYS: 'e2e1:demo-e2e-key-0123456789abcdef0123456789',
    TWOFA_DEMO_INSECURE_COOKIES: '1', TRUST_PROXY: '1',
  };
  log = '';
  adminEmail = 'admin@example.com';
  /** How far the demo's test clock runs ahead of real time. */
  clockOffsetMs = 0;

  /** Builds what changed (once), starts the server and Chromium. */
  async start(extraEnv = {}) {
    if (!this.url) prepareDemo();
    this.env = { ...this.env, ...extraEnv };
    const { url, child } = await startDemo({ env: this.env });
    child.stdout.on('data', (chunk) => { this.log += chunk; });
    child.stderr.on('data', (chunk) => { this.log += chunk; });
    this.url = url;
    this.child = child;
    this.browser ??= await launchChromium();
  }

  /** The same data and keys, other settings (say, the test clock). */
  async restart(extraEnv = {}) {
    this.child.kill();
    await new Promise((resolve) => this.child.once('exit', resolve));
    await this.start(extraEnv);
  }

  async stop() {
    await this.browser?.close();
    this.child?.kill();
    rmSync(this.data, { recursive: true, force: true });
  }

  /** The demo's time (for the codes an authenticator app would show at that time). */
  now() {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves the demo's test clock forward (TWOFA_DEMO_TEST_CLOCK=1 only). */
  async advanceClock(ms) {
    const moved = await this.client().post('/api/test/clock', { advanceMs: ms });
    if (moved.status !== 200) throw new Error(`test clock: ${JSON.stringify(moved)}`);
    this.clockOffsetMs = moved.data.offsetMs;
  }

  /** The stored row of a user (what the demo wrote to its data file). */
  row(email) {
    const { users } = JSON.parse(readFileSync(join(this.data, 'db.json'), 'utf8'));
    return Object.values(users).find((u) => u.email === email);
  }

  /** Mail to `to`, newest first, from the data file behind the outbox page. */
  mail(to) {
    const { outbox = [] } = JSON.parse(readFileSync(join(this.data, 'db.json'), 'utf8'));
    return outbox.filter((m) => m.to === to).reverse();
  }

  /** Waits for the first mail to `to` after mail `since` whose subject matches. */
  async nextMail(to, subject, since = 0) {
    for (let i = 0; i < 100; i++) {
      const found = this.mail(to).filter((m) => m.id > since && subject.test(m.subject)).at(-1);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no mail to ${to} matching ${subject}`);
  }

  lastMailId() {
    const { outbox = [] } = JSON.parse(readFileSync(join(this.data, 'db.json'), 'utf8'));
    return outbox.at(-1)?.id ?? 0;
  }

  async newPage() {
    const page = await (await this.browser.newContext()).newPage();
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(String(error)));
    return page;
  }

  client(address) {
    return new Client(this, address);
  }
}

let addresses = 0;

/** A scripted browser: same-origin JSON requests, a cookie jar, its own client address. */
export class Client {
  cookies = new Map();

  constructor(demo, address = `198.51.100.${++addresses}`) {
    this.demo = demo;
    this.address = address;
  }

  async request(path, { method = 'POST', body = {}, headers = {} } = {}) {
    const response = await fetch(`${this.demo.url}${path}`, {
      method,
      headers: {
        origin: this.demo.url, 'content-type': 'application/json', 'x-forwarded-for': this.address,
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...headers,
      },
      body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(/;\s*/);
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const gone = !value || attributes.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && new Date(a.slice(8)) < new Date()));
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, data: await response.json().catch(() => ({})), headers: response.headers };
  }

  post(path, body, headers) {
    return this.request(path, { body, headers });
  }

  get(path) {
    return this.request(path, { method: 'GET' });
  }

  async signup(email, password = PASSWORD) {
    const answer = await this.post('/api/auth/signup', { email, password });
    if (answer.status !== 200) throw new Error(`signup ${email}: ${JSON.stringify(answer)}`);
    return this;
  }

  login(email, password = PASSWORD) {
    return this.post('/api/auth/login', { email, password });
  }

  /** Turns on 2FA for the signed-in user (or replaces it, given a current code); the secret, backup codes and the time of the code used. */
  async enroll({ currentCode } = {}) {
    const begun = await this.post('/api/user/setting/2fa/save-secret');
    const secret = new URL(begun.data.uri).searchParams.get('secret');
    const at = this.demo.now();
    const done = await this.post('/api/user/setting/2fa/enable', { enrollmentToken: begun.data.enrollmentToken, code: oathtool(secret, at), currentCode });
    if (done.status !== 200) throw Object.assign(new Error(`enroll: ${JSON.stringify(done)}`), { answer: done });
    this.enrolled = { secret, backupCodes: done.data.backupCodes, at };
    return this.enrolled;
  }
}

/** The password step in a page. */
export async function passwordStep(demo, page, path, email, password = PASSWORD) {
  await page.goto(`${demo.url}${path}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('form button[type=submit]');
}

export async function logout(page) {
  await page.click('button:text("Log out")');
  await page.waitForSelector('a:text("Log in")');
}

/** Types a code into <twofa-challenge> (switching to a backup code if asked). */
export async function challenge(page, code, { backup = false } = {}) {
  await page.waitForSelector('twofa-challenge input[name=code]');
  if (backup && (await page.textContent('twofa-challenge label')) !== 'Backup code') await page.click('twofa-challenge button:text("Use a backup code")');
  await page.fill('twofa-challenge input[name=code]', code);
  await page.click('twofa-challenge button[type=submit]');
}

/** Signs in with a code (the password alone is not enough) and "Remember this browser" ticked. */
export async function signInRemembered(demo, page, email, code, { backup = false } = {}) {
  await passwordStep(demo, page, '/login', email);
  await page.waitForURL('**/verify');
  await page.check('twofa-challenge input[type=checkbox]');
  await challenge(page, code, { backup });
  await page.waitForSelector('#welcome');
}

/** Scans nothing: reads the key the <twofa-enroll> element shows, answers with oathtool, saves the codes. */
export async function enrollInPage(page, at = Date.now()) {
  await page.waitForSelector('twofa-enroll .qr svg');
  const secret = (await page.textContent('twofa-enroll .secret')).replace(/\s/g, '');
  await page.fill('twofa-enroll input[name=code]', oathtool(secret, at));
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll ol.codes li');
  const backupCodes = await page.$$eval('twofa-enroll ol.codes li', (items) => items.map((li) => li.textContent));
  await page.check('twofa-enroll input[type=checkbox]');
  await page.click('twofa-enroll button:text("Done")');
  return { secret, backupCodes, at };
}

/** The six-digit code in a mail's text. */
export const codeIn = (mail) => /\b(\d{6})\b/.exec(mail.text)?.[1];
