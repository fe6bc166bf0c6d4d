// The widget in headless Chromium against a real twofa server (the forum
// routes of tests/support/forum.mjs), under a strict CSP: enrollment with a
// wrong code first (the QR stays), backup codes, the login challenge with a
// backup code, throttling and expiry messages, texts only from the
// element's table, a keyboard-only pass, and an axe-core accessibility check
// of both elements. widget-channels and widget-replace cover the rest.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { qrSvg } from 'twofa';
import { MESSAGES } from 'twofa/widget';
import { wrongCode } from '../support/oathtool.mjs';
import { output, widgetSuite } from './widget-harness.mjs';

const suite = widgetSuite();
const { clock, forum } = suite;
const oathtool = (secret) => suite.code(secret);

test('enrollment: a wrong code keeps the QR code, then the right one shows backup codes', async () => {
  const page = await suite.newPage();
  await suite.signUp(page, 'ada@example.com');
  await suite.open(page, 'enroll');
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
  const setup = await suite.newPage();
  const { secret, codes } = await suite.enroll(setup, 'bob@example.com');

  const page = await suite.newPage();
  assert.deepEqual(await suite.login(page, 'bob@example.com'), { state: 'MFA_REQUIRED' });
  await suite.open(page, 'challenge');
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
  assert.deepEqual(page.posts.at(-1).body, { code: codes[2].toUpperCase(), method: 'backup' });

  // The same backup code again, from a fresh login.
  const again = await suite.newPage();
  await suite.login(again, 'bob@example.com');
  await suite.open(again, 'challenge');
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
  const late = await suite.newPage();
  await suite.login(late, 'ada@example.com');
  await suite.open(late, 'challenge');
  clock.offset += 11 * 60_000;
  await late.fill('twofa-challenge input[name=code]', '123456');
  await late.click('twofa-challenge button[type=submit]');
  await late.waitForSelector('twofa-challenge .message.error');
  assert.match(await late.textContent('twofa-challenge .message'), /start over/);
  assert.deepEqual((await late.evaluate(() => window.twofaEvents)).map((e) => e.type), ['twofa-expired']);
  for (const p of [setup, page, again, late]) assert.deepEqual(p.errors, []);
});

test('keyboard only: enrollment from the first Tab to the Done button', async () => {
  const page = await suite.newPage();
  await suite.signUp(page, 'kim@example.com');
  await suite.open(page, 'enroll');
  const secret = (await page.textContent('twofa-enroll .secret')).replace(/\s/g, '');
  // Tab to the code field (copy key, app link, then the field), type, Enter.
  await page.keyboard.press('Tab');
  for (let i = 0; i < 5 && (await suite.focused(page, 'twofa-enroll'))?.name !== 'code'; i++) await page.keyboard.press('Tab');
  await page.keyboard.type(oathtool(secret));
  await page.keyboard.press('Enter');
  await page.waitForSelector('twofa-enroll ol.codes li');
  // Focus moved to the heading; Tab through copy and download to the checkbox.
  for (let i = 0; i < 6; i++) {
    if ((await suite.focused(page, 'twofa-enroll'))?.type === 'checkbox') break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.deepEqual((await page.evaluate(() => window.twofaEvents)).map((e) => e.type), ['twofa-enrolled']);
});


test('texts come only from the element table: server messages never show, unknown codes are UNKNOWN', async () => {
  const answer = { status: 500, body: {} };
  forum.routes['POST /api/test/answer'] = async () => new Response(JSON.stringify(answer.body), { status: answer.status });
  const page = await suite.newPage();
  await suite.open(page, 'challenge', { 'verify-url': '/api/test/answer', methods: 'totp email', 'send-code-url': '/api/test/answer' });
  const shown = async (status, body) => {
    Object.assign(answer, { status, body });
    await page.fill('twofa-challenge input[name=code]', '123456');
    await page.click('twofa-challenge button[type=submit]');
    await page.waitForSelector('twofa-challenge .message.error');
    const text = await page.textContent('twofa-challenge .message');
    if (typeof body.message === 'string') assert.ok(!text.includes(body.message), text);
    await page.evaluate(() => document.querySelector('twofa-challenge').shadowRoot.querySelector('.message').className = 'message');
    return text;
  };
  const secret = 'sealed value tf1.k1.AAAA altered: Poly1305 tag mismatch';
  assert.equal(await shown(500, { error: 'SEAL_INVALID', message: secret }), MESSAGES.UNKNOWN);
  assert.equal(await shown(500, { error: 'KEY_NOT_FOUND', message: 'key `k0` is missing' }), MESSAGES.UNKNOWN);
  assert.equal(await shown(400, { error: 'INVALID_OPTION', message: 'invalid option `code`' }), MESSAGES.UNKNOWN);
  assert.equal(await shown(502, 'Bad gateway'), MESSAGES.UNKNOWN);
  for (const [status, error] of [[409, 'ALREADY_ENROLLED'], [401, 'MFA_REQUIRED'], [502, 'CHANNEL_FAILED'], [409, 'NOT_ENROLLED'], [503, 'STORE_UNAVAILABLE'], [409, 'CONFLICT']]) {
    assert.equal(await shown(status, { error, message: `server says ${error}` }), MESSAGES[error], error);
  }
  // The clock hint: amount and direction from the number only.
  assert.equal(await shown(401, { error: 'INVALID_CODE', message: secret, clockSkewSeconds: -120 }),
    "Your device's clock is about 2 minutes behind. Turn on automatic date and time, then try the current code.");
  assert.match(await shown(401, { error: 'INVALID_CODE', message: secret, clockSkewSeconds: 30 }), /about 30 seconds ahead/);
  assert.equal(await shown(401, { error: 'INVALID_CODE', message: secret, clockSkewSeconds: '120' }), MESSAGES.INVALID_CODE);
  // Replaced texts (the element is drawn again with them), and a table that lacks a key (the default fills in).
  await page.evaluate(() => { document.querySelector('twofa-challenge').messages = { UNKNOWN: 'Oups.', SEND_EMAIL: 'Envoyer un code par e-mail' }; });
  assert.equal(await page.textContent('twofa-challenge button[type=button]:not([hidden])'), 'Envoyer un code par e-mail');
  assert.equal(await shown(500, { error: 'SEAL_INVALID', message: secret }), 'Oups.');
  assert.equal(await shown(409, { error: 'CONFLICT' }), MESSAGES.CONFLICT);
  assert.deepEqual(page.errors, []);
});

test('an altered challenge cookie is TOKEN_EXPIRED: start over, never a cryptographic message', async () => {
  const page = await suite.newPage();
  const { secret } = await suite.enroll(page, 'eve@example.com');
  await suite.login(page, 'eve@example.com');
  const context = page.context();
  const cookie = (await context.cookies()).find((c) => c.name === 'twofa_challenge');
  const middle = cookie.value.length >> 1;
  await context.addCookies([{ ...cookie, value: `${cookie.value.slice(0, middle)}${cookie.value[middle] === 'A' ? 'B' : 'A'}${cookie.value.slice(middle + 1)}` }]);
  await suite.open(page, 'challenge');
  await page.fill('twofa-challenge input[name=code]', oathtool(secret));
  await page.click('twofa-challenge button[type=submit]');
  await page.waitForSelector('twofa-challenge .message.error');
  assert.equal(await page.textContent('twofa-challenge .message'), MESSAGES.TOKEN_EXPIRED);
  assert.deepEqual((await page.evaluate(() => window.twofaEvents)).map((e) => e.type), ['twofa-expired']);
  assert.equal(await page.isDisabled('twofa-challenge button[type=submit]'), true);
});

test('axe-core finds no serious or critical violations in either element', async () => {
  // axe is injected by evaluation: the page's CSP (no inline script) is bypassed for this check only.
  const page = await suite.newPage({ bypassCSP: true });
  await suite.signUp(page, 'axe@example.com');
  await suite.open(page, 'enroll');
  await suite.axe(page, 'enroll: scan');
  await page.fill('twofa-enroll input[name=code]', '000000');
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll .message.error');
  await suite.axe(page, 'enroll: error');
  await suite.open(page, 'challenge');
  await suite.axe(page, 'challenge');
});

test('the "open in an app" link is drawn for otpauth: URIs only, never for a javascript: one from a compromised endpoint', async () => {
  const page = await suite.newPage();
  await suite.signUp(page, 'link@example.com');
  const hostile = 'javascript:alert(document.domain)//?secret=JBSWY3DPEHPK3PXP';
  await page.route('**/api/user/setting/2fa/save-secret', (route) => route.fulfill({
    contentType: 'application/json', body: JSON.stringify({ uri: hostile, qrSvg: qrSvg(hostile), enrollmentToken: 'x' }),
  }));
  await suite.open(page, 'enroll');
  await page.waitForSelector('twofa-enroll .qr svg');
  assert.equal(await page.$$eval('twofa-enroll a[href]', (links) => links.length), 0, 'no link to a javascript: URI');
  await page.unroute('**/api/user/setting/2fa/save-secret');
  await suite.open(page, 'enroll');
  await page.waitForSelector('twofa-enroll .qr svg');
  assert.match(await page.getAttribute('twofa-enroll a.secondary', 'href'), /^otpauth:\/\/totp\//);
});
