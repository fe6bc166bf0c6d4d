// The Next.js demo end to end, built from the packed tarball (scripts/demo.mjs)
// and driven in headless Chromium: sign up, enroll (a wrong code first: the QR
// stays), save the backup codes, log in with TOTP, log in with a backup code,
// refuse that code a second time, lock out after 5 wrong codes; the Edge
// route; data surviving a restart and concurrent writes; step-up actions.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { demoDir, prepareDemo, startDemo } from '../../scripts/demo.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { oathtool, wrongCode } from '../support/oathtool.mjs';

const output = fileURLToPath(new URL('../../test-output/', import.meta.url));
const data = mkdtempSync(join(tmpdir(), 'twofa-demo-'));
const env = { TWOFA_DEMO_DATA: data, TWOFA_KEYS: 'e2e1:demo-e2e-key-0123456789abcdef0123456789', TWOFA_DEMO_INSECURE_COOKIES: '1' };
let server;
let browser;

before(async () => {
  mkdirSync(output, { recursive: true });
  prepareDemo();
  server = await startDemo({ env });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.child.kill();
  rmSync(data, { recursive: true, force: true });
});

async function newPage() {
  const page = await (await browser.newContext()).newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  return page;
}

async function passwordStep(page, path, email, password = 'correct horse') {
  await page.goto(`${server.url}${path}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('form button[type=submit]');
}

async function logout(page) {
  await page.click('button:text("Log out")');
  await page.waitForSelector('a:text("Log in")');
}

async function challenge(page, code, { backup = false } = {}) {
  await page.waitForSelector('twofa-challenge input[name=code]');
  if (backup && (await page.textContent('twofa-challenge label')) !== 'Backup code') await page.click('twofa-challenge button:text("Use a backup code")');
  await page.fill('twofa-challenge input[name=code]', code);
  await page.click('twofa-challenge button[type=submit]');
}

test('the whole life of a 2FA account', async () => {
  const page = await newPage();
  const email = 'alice@example.com';
  await passwordStep(page, '/signup', email);
  await page.waitForSelector('h1:text("Security settings")');
  assert.match(await page.textContent('[data-testid=status]'), /off/);

  // Enroll: the widget fetches save-secret and draws the QR code in the page.
  await page.click('button:text("Turn on two-factor authentication")');
  await page.waitForSelector('twofa-enroll .qr svg');
  const qr = await page.innerHTML('twofa-enroll .qr');
  const secret = (await page.textContent('twofa-enroll .secret')).replace(/\s/g, '');
  await page.screenshot({ path: join(output, 'demo-enrollment.png'), fullPage: true });
  await page.fill('twofa-enroll input[name=code]', wrongCode(oathtool(secret)));
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll .message.error');
  assert.equal(await page.innerHTML('twofa-enroll .qr'), qr, 'a wrong code leaves the QR code as it was');
  const enrolledAt = Date.now();
  await page.fill('twofa-enroll input[name=code]', oathtool(secret, enrolledAt));
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll ol.codes li');
  const backupCodes = await page.$$eval('twofa-enroll ol.codes li', (items) => items.map((li) => li.textContent));
  assert.equal(backupCodes.length, 10);
  await page.check('twofa-enroll input[type=checkbox]');
  await page.click('twofa-enroll button:text("Done")');
  await page.waitForSelector('[data-testid=backup-remaining]');
  assert.equal(await page.textContent('[data-testid=backup-remaining]'), '10');
  await logout(page);

  // Log in with TOTP. The enrollment code's step is used, so the app shows the next code.
  await passwordStep(page, '/login', email);
  await page.waitForURL('**/verify');
  await page.waitForSelector('[data-testid=challenge-expiry][data-runtime=edge]');
  await page.screenshot({ path: join(output, 'demo-challenge.png'), fullPage: true });
  await challenge(page, oathtool(secret, enrolledAt + 30_000));
  await page.waitForSelector('#welcome');
  assert.match(await page.textContent('[data-testid=home-2fa]'), /on \(10 backup codes left\)/);
  await logout(page);

  // Log in with a backup code, then try the same code again.
  await passwordStep(page, '/login', email);
  await page.waitForURL('**/verify');
  await challenge(page, backupCodes[0].toUpperCase(), { backup: true });
  await page.waitForSelector('#welcome');
  assert.match(await page.textContent('[data-testid=home-2fa]'), /9 backup codes left/);
  await logout(page);
  await passwordStep(page, '/login', email);
  await page.waitForURL('**/verify');
  await challenge(page, backupCodes[0], { backup: true });
  await page.waitForSelector('twofa-challenge .message.error');
  assert.match(await page.textContent('twofa-challenge .message'), /not right/);

  // Four more wrong codes: locked, even for the right code.
  await page.click('twofa-challenge button:text("Use the code from my app instead")');
  for (let i = 0; i < 4; i++) {
    await challenge(page, wrongCode(oathtool(secret)));
    await page.waitForFunction(() => !document.querySelector('twofa-challenge').shadowRoot.querySelector('button[type=submit]').disabled);
  }
  await challenge(page, oathtool(secret, Date.now() + 30_000));
  await page.waitForSelector('twofa-challenge .message.error:text("Too many attempts")');
  assert.deepEqual(page.errors, []);
});

test('the edge route runs on the Edge runtime with the wasm compiled by the bundler', async () => {
  const response = await fetch(`${server.url}/api/auth/challenge-status`);
  assert.deepEqual(await response.json(), { runtime: 'edge', pending: false });
  const manifest = readFileSync(join(demoDir, '.next/server/middleware-manifest.json'), 'utf8');
  assert.match(manifest, /twofa_bg\.wasm|wasm_[0-9a-f]+/, 'the edge function lists the wasm file as a binding (?module import)');
});

test('step-up: new backup codes and turning 2FA off need a current code; data survives a restart', async () => {
  const page = await newPage();
  const email = 'bob@example.com';
  await passwordStep(page, '/signup', email);
  await page.click('button:text("Turn on two-factor authentication")');
  await page.waitForSelector('twofa-enroll .qr svg');
  const secret = (await page.textContent('twofa-enroll .secret')).replace(/\s/g, '');
  const enrolledAt = Date.now();
  await page.fill('twofa-enroll input[name=code]', oathtool(secret, enrolledAt));
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll ol.codes li');
  await page.check('twofa-enroll input[type=checkbox]');
  await page.click('twofa-enroll button:text("Done")');
  await page.waitForSelector('[data-testid=backup-remaining]');

  // A restart of the server: the user, the sealed secret and the session keys persist.
  server.child.kill();
  server = await startDemo({ env });
  await page.goto(`${server.url}/settings`);
  await page.fill('#code-regenerate', '000000');
  await page.click('[data-testid=code-regenerate] button');
  await page.waitForSelector('[data-testid=code-regenerate] .error:text("wrong code")');
  await page.fill('#code-regenerate', oathtool(secret, enrolledAt + 30_000));
  await page.click('[data-testid=code-regenerate] button');
  await page.waitForSelector('[data-testid=new-codes] li');
  const fresh = await page.$$eval('[data-testid=new-codes] li', (items) => items.map((li) => li.textContent));
  assert.equal(fresh.length, 10);
  // Step s+1 is used now and s+2 may be outside the window yet: step up with a new backup code.
  await page.fill('#code-disable', fresh[3]);
  await page.click('[data-testid=code-disable] button');
  await page.waitForSelector('[data-testid=status]:has-text("is off")');
  assert.deepEqual(page.errors, []);
});

test('concurrent sign-ups do not corrupt the data file', async () => {
  const results = await Promise.all(Array.from({ length: 25 }, (_, i) => fetch(`${server.url}/api/auth/signup`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `user${i}@example.com`, password: 'password123' }),
  }).then((r) => r.status)));
  assert.deepEqual([...new Set(results)], [200]);
  const stored = JSON.parse(readFileSync(join(data, 'db.json'), 'utf8'));
  const emails = Object.values(stored.users).map((u) => u.email);
  for (let i = 0; i < 25; i++) assert.ok(emails.includes(`user${i}@example.com`), `user${i}`);
});
