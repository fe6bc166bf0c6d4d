// <twofa-enroll> replacing an active factor, in Chromium against the real
// flows: with `replace` it asks for a current code (from the old app or a
// backup code) and posts it; without, the server's 409 ALREADY_ENROLLED
// brings the field (keyboard only). Also the clock-skew hint at enrollment,
// where a wrong phone clock is usually found, and axe-core on both.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MESSAGES } from 'twofa/widget';
import { wrongCode } from '../support/oathtool.mjs';
import { widgetSuite } from './widget-harness.mjs';

const suite = widgetSuite();
const { forum } = suite;
const secretShown = async (page) => (await page.textContent('twofa-enroll .secret')).replace(/\s/g, '');
const labels = (page) => page.$$eval('twofa-enroll form label', (all) => all.map((l) => l.textContent));

test('replace: a current code is asked for and posted; a wrong one changes nothing', async () => {
  const page = await suite.newPage({ bypassCSP: true });
  const { secret, codes } = await suite.enroll(page, 'rob@example.com');
  const before = forum.users.get('rob@example.com').sealedSecret;
  await suite.open(page, 'enroll', { replace: '' });
  assert.deepEqual(await labels(page), ['Current code (from your old app, or a backup code)', 'Code from the app']);
  await suite.axe(page, 'enroll: replace');
  const secret2 = await secretShown(page);

  // Nothing typed in the current code's field: the element says why, and goes there.
  await page.fill('twofa-enroll input[name=code]', suite.code(secret2));
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll .message.error');
  assert.equal(await page.textContent('twofa-enroll .message'), MESSAGES.ALREADY_ENROLLED);
  assert.equal((await suite.focused(page, 'twofa-enroll')).name, 'currentCode');
  assert.equal(await page.getAttribute('twofa-enroll input[name=currentCode]', 'aria-invalid'), 'true');

  await page.fill('twofa-enroll input[name=currentCode]', wrongCode(suite.code(secret)));
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForFunction(() => document.querySelector('twofa-enroll').shadowRoot.querySelector('.message').textContent.startsWith('A code'));
  assert.equal(await page.textContent('twofa-enroll .message'), MESSAGES.INVALID_CODE_REPLACE);
  assert.equal(forum.users.get('rob@example.com').sealedSecret, before, 'nothing changed');
  await suite.axe(page, 'enroll: replace, wrong code');

  await page.fill('twofa-enroll input[name=currentCode]', codes[0]);
  await page.fill('twofa-enroll input[name=code]', suite.code(secret2));
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll ol.codes li');
  const sent = page.posts.at(-1);
  assert.equal(sent.path, '/api/user/setting/2fa/enable');
  assert.deepEqual(Object.keys(sent.body).sort(), ['code', 'currentCode', 'enrollmentToken']);
  assert.equal(sent.body.currentCode, codes[0]);
  assert.notEqual(forum.users.get('rob@example.com').sealedSecret, before, 'the new secret is stored');
  assert.deepEqual(page.errors, []);
});

test('without replace: ALREADY_ENROLLED explains and brings the current code field; keyboard only from there', async () => {
  const page = await suite.newPage();
  const { secret } = await suite.enroll(page, 'liz@example.com');
  await suite.open(page, 'enroll');
  assert.deepEqual(await labels(page), ['Code from the app']);
  const secret2 = await secretShown(page);
  await page.fill('twofa-enroll input[name=code]', suite.code(secret2));
  await page.press('twofa-enroll input[name=code]', 'Enter');
  await page.waitForSelector('twofa-enroll input[name=currentCode]');
  assert.equal(await page.textContent('twofa-enroll .message'), MESSAGES.ALREADY_ENROLLED);
  assert.deepEqual(page.posts.at(-1).body, { enrollmentToken: page.posts.at(-1).body.enrollmentToken, code: suite.code(secret2) });
  assert.equal((await suite.focused(page, 'twofa-enroll')).name, 'currentCode');
  // Type the current code, Tab to the new code (still filled in), Enter.
  await page.keyboard.type(suite.code(secret));
  await page.keyboard.press('Tab');
  assert.equal((await suite.focused(page, 'twofa-enroll')).name, 'code');
  await page.keyboard.press('Enter');
  await page.waitForSelector('twofa-enroll ol.codes li');
  assert.equal(page.posts.at(-1).body.currentCode, suite.code(secret));
  assert.deepEqual(page.errors, []);
});

test('clock skew at enrollment: a phone 2 minutes behind is told so; axe-core with the hint shown', async () => {
  const page = await suite.newPage({ bypassCSP: true });
  await suite.signUp(page, 'kai@example.com');
  await suite.open(page, 'enroll');
  const secret = await secretShown(page);
  await page.fill('twofa-enroll input[name=code]', suite.code(secret, -120_000));
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll .message.error');
  assert.equal(await page.textContent('twofa-enroll .message'),
    "Your device's clock is about 2 minutes behind. Turn on automatic date and time, then try the current code.");
  await suite.axe(page, 'enroll: clock hint');
  await page.fill('twofa-enroll input[name=code]', suite.code(secret));
  await page.click('twofa-enroll button[type=submit]');
  await page.waitForSelector('twofa-enroll ol.codes li');
});
