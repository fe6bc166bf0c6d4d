// The widget in headless Chromium against a real twofa server (the forum
// routes of tests/support/forum.mjs), under a strict CSP: enrollment with a
// wrong code first (the QR stays), backup codes, the login challenge with a
// backup code, throttling and expiry messages, a keyboard-only pass, and an
// axe-core accessibility check of both elements.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTwoFactor } from 'twofa';
import { forumRoutes, serveForum } from '../support/forum.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { oathtool as oathtoolAt, wrongCode } from '../support/oathtool.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const output = `${root}test-output`;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const clock = { offset: 0 };
const twofa = createTwoFactor({
  issuer: 'Widget Test',
  keys: { current: 'k1', keys: { k1: 'widget-key-0123456789abcdef0123456789' } },
  now: () => Date.now() + clock.offset,
});
const forum = forumRoutes(twofa);
let server;
let browser;

before(async () => {
  mkdirSync(output, { recursive: true });
  server = await serveForum(forum.routes, root);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const oathtool = (secret) => oathtoolAt(secret, Date.now() + clock.offset);

async function newPage(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && !/status of 40[19]|status of 429/.test(message.text()) && page.errors.push(message.text()));
  return page;
}

async function post(page, path, body) {
  return page.evaluate(async ([p, b]) => (await fetch(p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) })).json(), [path, body]);
}

async function enroll(page, email, { keyboard = false } = {}) {
  await page.goto(`${server.url}/static/tests/browser/widget.html`);
  await post(page, '/api/auth/signup', { email, password: 'pw' });
  await page.goto(`${server.url}/static/tests/browser/widget.html?view=enroll`);
  await page.waitForSelector('twofa-enroll .qr svg');
  const secret = (await page.textContent('twofa-enroll .secret')).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  const code = oathtool(secret);
  if (keyboard) {
    // Tab to the code field (copy key, app link, then the field), type, Enter.
    await page.keyboard.press('Tab');
    for (let i = 0; i < 5 && !(await page.evaluate(() => document.querySelector('twofa-enroll').shadowRoot.activeElement?.name === 'code')); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  } else {
    await page.fill('twofa-enroll input[name=code]', code);
    await page.click('twofa-enroll button[type=submit]');
  }
  await page.waitForSelector('twofa-enroll ol.codes li');
  const codes = await page.$$eval('twofa-enroll ol.codes li', (items) => items.map((li) => li.textContent));
  return { secret, codes };
}

test('enrollment: a wrong code keeps the QR code, then the right one shows backup codes', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/static/tests/browser/widget.html`);
  await post(page, '/api/auth/signup', { email: 'ada@example.com', password: 'pw' });
  await page.goto(`${server.url}/static/tests/browser/widget.html?view=enroll`);
  await page.waitForSelector('twofa-enroll .qr svg');
  const qr = await page.innerHTML('twofa-enroll .qr');
  const secret = (await page.textContent('twofa-enroll .secret')).replace(/\s/g, '');
  await page.screenshot({ path: `${output}/widget-enroll.png`, fullPage: true });

  await page.fill('twofa-enroll input[name=code]', wrongCode(oathtool(secret)));
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll .message.error');
  assert.match(await page.textContent('twofa-enroll .message.error'), /not right/);
  assert.equal(await page.getAttribute('twofa-enroll input[name=code]', 'aria-invalid'), 'true');
  assert.equal(await page.innerHTML('twofa-enroll .qr'), qr, 'the QR code did not change');

  // Paste "123 456" as some apps copy it.
  const code = oathtool(secret);
  await page.focus('twofa-enroll input[name=code]');
  await page.evaluate((text) => {
    const input = document.querySelector('twofa-enroll').shadowRoot.querySelector('input[name=code]');
    input.value = '';
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, `${code.slice(0, 3)} ${code.slice(3)}`);
  assert.equal(await page.inputValue('twofa-enroll input[name=code]'), code);
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll ol.codes li');
  const codes = await page.$$eval('twofa-enroll ol.codes li', (items) => items.map((li) => li.textContent));
  assert.equal(codes.length, 10);
  assert.equal(await page.isDisabled('twofa-enroll button:text("Done")'), true, 'Done waits for the confirmation');
  const download = page.waitForEvent('download');
  await page.click('twofa-enroll button:text("Download .txt")');
  const file = await download;
  assert.equal(file.suggestedFilename(), 'backup-codes.txt');
  assert.ok(readFileSync(await file.path(), 'utf8').includes(codes[9]));
  await page.check('twofa-enroll input[type=checkbox]');
  await page.click('twofa-enroll button:text("Done")');
  assert.deepEqual(await page.evaluate(() => window.twofaEvents), [{ type: 'twofa-enrolled', detail: { backupCodes: 10 } }]);
  assert.equal(forum.users.get('ada@example.com').sealedSecret.startsWith('tf1.k1.'), true);
  assert.deepEqual(page.errors, []);
});

test('challenge: wrong code, backup code, used backup code, lockout with the wait, expiry', async () => {
  const setup = await newPage();
  const { secret, codes } = await enroll(setup, 'bob@example.com');
  clock.offset += 30_000; // the enrollment code's step is used

  const page = await newPage();
  await page.goto(`${server.url}/static/tests/browser/widget.html`);
  assert.deepEqual(await post(page, '/api/auth/login', { email: 'bob@example.com', password: 'pw' }), { state: 'MFA_REQUIRED' });
  await page.goto(`${server.url}/static/tests/browser/widget.html?view=challenge`);
  await page.waitForSelector('twofa-challenge input[name=code]');
  await page.screenshot({ path: `${output}/widget-challenge.png`, fullPage: true });
  await page.fill('twofa-challenge input[name=code]', wrongCode(oathtool(secret)));
  await page.click('twofa-challenge button[type=submit]');
  await page.waitForSelector('twofa-challenge .message.error');
  assert.match(await page.textContent('twofa-challenge .message'), /not right/);

  await page.click('twofa-challenge button:text("Use a backup code")');
  assert.equal(await page.textContent('twofa-challenge label'), 'Backup code');
  await page.fill('twofa-challenge input[name=code]', codes[2].toUpperCase());
  await page.click('twofa-challenge button[type=submit]');
  await page.waitForSelector('twofa-challenge .message.ok');
  assert.deepEqual((await page.evaluate(() => window.twofaEvents)).map((e) => e.type), ['twofa-verified']);

  // The same backup code again, from a fresh login.
  const again = await newPage();
  await again.goto(`${server.url}/static/tests/browser/widget.html`);
  await post(again, '/api/auth/login', { email: 'bob@example.com', password: 'pw' });
  await again.goto(`${server.url}/static/tests/browser/widget.html?view=challenge`);
  await again.click('twofa-challenge button:text("Use a backup code")');
  await again.fill('twofa-challenge input[name=code]', codes[2]);
  await again.click('twofa-challenge button[type=submit]');
  await again.waitForSelector('twofa-challenge .message.error');
  assert.match(await again.textContent('twofa-challenge .message'), /not right/);

  // Four more failures lock the account; the message gives the wait and the button waits too.
  await again.click('twofa-challenge button:text("Use the code from my app instead")');
  for (let i = 0; i < 4; i++) {
    await again.fill('twofa-challenge input[name=code]', wrongCode(oathtool(secret)));
    await again.click('twofa-challenge button[type=submit]');
    await again.waitForFunction(() => !document.querySelector('twofa-challenge').shadowRoot.querySelector('button[type=submit]').disabled);
  }
  await again.fill('twofa-challenge input[name=code]', oathtool(secret));
  await again.click('twofa-challenge button[type=submit]');
  await again.waitForSelector('twofa-challenge .message.error:text("Too many attempts")');
  assert.match(await again.textContent('twofa-challenge .message'), /Try again in \d+ seconds/);
  assert.equal(await again.isDisabled('twofa-challenge button[type=submit]'), true);

  // A challenge older than 10 minutes: start over.
  const late = await newPage();
  await late.goto(`${server.url}/static/tests/browser/widget.html`);
  await post(late, '/api/auth/login', { email: 'ada@example.com', password: 'pw' });
  await late.goto(`${server.url}/static/tests/browser/widget.html?view=challenge`);
  clock.offset += 11 * 60_000;
  await late.fill('twofa-challenge input[name=code]', '123456');
  await late.click('twofa-challenge button[type=submit]');
  await late.waitForSelector('twofa-challenge .message.error');
  assert.match(await late.textContent('twofa-challenge .message'), /start over/);
  assert.deepEqual((await late.evaluate(() => window.twofaEvents)).map((e) => e.type), ['twofa-expired']);
  for (const p of [setup, page, again, late]) assert.deepEqual(p.errors, []);
});

test('keyboard only: enrollment from the first Tab to the Done button', async () => {
  const page = await newPage();
  const { codes } = await enroll(page, 'kim@example.com', { keyboard: true });
  assert.equal(codes.length, 10);
  // Focus moved to the heading; Tab through copy and download to the checkbox.
  for (let i = 0; i < 6; i++) {
    const focused = await page.evaluate(() => document.querySelector('twofa-enroll').shadowRoot.activeElement?.type);
    if (focused === 'checkbox') break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.deepEqual((await page.evaluate(() => window.twofaEvents)).map((e) => e.type), ['twofa-enrolled']);
});

test('axe-core finds no serious or critical violations in either element', async () => {
  // axe is injected by evaluation: the page's CSP (no inline script) is bypassed for this check only.
  const page = await newPage({ bypassCSP: true });
  const run = async (label) => {
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })));
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, [], `${label}: ${JSON.stringify(result)}`);
  };
  await page.goto(`${server.url}/static/tests/browser/widget.html`);
  await post(page, '/api/auth/signup', { email: 'axe@example.com', password: 'pw' });
  await page.goto(`${server.url}/static/tests/browser/widget.html?view=enroll`);
  await page.waitForSelector('twofa-enroll .qr svg');
  await run('enroll: scan');
  await page.fill('twofa-enroll input[name=code]', '000000');
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll .message.error');
  await run('enroll: error');
  await page.goto(`${server.url}/static/tests/browser/widget.html?view=challenge`);
  await page.waitForSelector('twofa-challenge input');
  await run('challenge');
});
