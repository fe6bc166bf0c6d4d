// The whole life of a 2FA account in Chromium, the Edge route, step-up
// actions across a restart, and concurrent sign-ups.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { demoDir } from '../../../scripts/demo.mjs';
import { oathtool, wrongCode } from '../../support/oathtool.mjs';
import { challenge, enrollInPage, logout, passwordStep } from '../support.mjs';

const output = fileURLToPath(new URL('../../../test-output/', import.meta.url));

export default function life(demo) {
  test('the whole life of a 2FA account', async () => {
    mkdirSync(output, { recursive: true });
    const page = await demo.newPage();
    const email = 'alice@example.com';
    await passwordStep(demo, page, '/signup', email);
    await page.waitForSelector('h1:text("Security settings")');
    assert.match(await page.textContent('[data-testid=status]'), /off/);

    // Enroll: the widget fetches save-secret and draws the QR code in the page; a wrong code leaves it as it was.
    await page.click('button:text("Turn on two-factor authentication")');
    await page.waitForSelector('twofa-enroll .qr svg');
    const qr = await page.innerHTML('twofa-enroll .qr');
    const secret = (await page.textContent('twofa-enroll .secret')).replace(/\s/g, '');
    await page.screenshot({ path: join(output, 'demo-enrollment.png'), fullPage: true });
    await page.fill('twofa-enroll input[name=code]', wrongCode(oathtool(secret)));
    await page.click('twofa-enroll button[type=submit]');
    await page.waitForSelector('twofa-enroll .message.error');
    assert.equal(await page.innerHTML('twofa-enroll .qr'), qr);
    const { backupCodes, at: enrolledAt } = await enrollInPage(page);
    assert.equal(backupCodes.length, 10);
    await page.waitForSelector('[data-testid=backup-remaining]');
    assert.equal(await page.textContent('[data-testid=backup-remaining]'), '10');
    await logout(page);

    // Log in: a code from a phone whose clock runs 3 minutes fast gets the clock hint; then the right code.
    await passwordStep(demo, page, '/login', email);
    await page.waitForURL('**/verify');
    await page.waitForSelector('[data-testid=challenge-expiry][data-runtime=edge]');
    await page.screenshot({ path: join(output, 'demo-challenge.png'), fullPage: true });
    await challenge(page, oathtool(secret, Date.now() + 180_000));
    await page.waitForSelector('twofa-challenge .message.error');
    assert.match(await page.textContent('twofa-challenge .message'), /clock is about 3 minutes ahead/);
    await challenge(page, oathtool(secret, enrolledAt + 30_000));
    await page.waitForSelector('#welcome');
    assert.match(await page.textContent('[data-testid=home-2fa]'), /on \(10 backup codes left\)/);
    await logout(page);

    // Log in with a backup code, then try the same code again.
    await passwordStep(demo, page, '/login', email);
    await page.waitForURL('**/verify');
    await challenge(page, backupCodes[0].toUpperCase(), { backup: true });
    await page.waitForSelector('#welcome');
    assert.match(await page.textContent('[data-testid=home-2fa]'), /9 backup codes left/);
    await logout(page);
    await passwordStep(demo, page, '/login', email);
    await page.waitForURL('**/verify');
    await challenge(page, backupCodes[0], { backup: true });
    await page.waitForSelector('twofa-challenge .message.error');
    assert.match(await page.textContent('twofa-challenge .message'), /already used|not right/);

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
    const response = await fetch(`${demo.url}/api/auth/challenge-status`);
    assert.deepEqual(await response.json(), { runtime: 'edge', pending: false });
    const manifest = readFileSync(join(demoDir, '.next/server/middleware-manifest.json'), 'utf8');
    assert.match(manifest, /twofa_bg\.wasm|wasm_[0-9a-f]+/, 'the edge function lists the wasm file as a binding (?module import)');
  });

  test('step-up: new backup codes and turning 2FA off need a current code; data survives a restart', async () => {
    const page = await demo.newPage();
    await passwordStep(demo, page, '/signup', 'bob@example.com');
    await page.click('button:text("Turn on two-factor authentication")');
    const { secret, at: enrolledAt } = await enrollInPage(page);
    await page.waitForSelector('[data-testid=backup-remaining]');

    // A restart of the server: the user, the sealed secret and the session keys persist.
    await demo.restart();
    await page.goto(`${demo.url}/settings`);
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
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => demo.client().post('/api/auth/signup', { email: `user${i}@example.com`, password: 'password123' })));
    assert.deepEqual([...new Set(results.map((r) => r.status))], [200]);
    for (let i = 0; i < 25; i++) assert.ok(demo.row(`user${i}@example.com`), `user${i}`);
  });
}
