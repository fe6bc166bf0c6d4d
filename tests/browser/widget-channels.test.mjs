// <twofa-challenge> with what issue 12 added, in Chromium against the real
// flows: "Remember this browser" (the device cookie then skips the code),
// codes sent by email (a real sender writing to an in-memory outbox) with
// the resend cooldown on the button, a user whose only factor is email
// (keyboard only), SMS next to email, a sender that fails, the clock-skew hint, and axe-core
// with every new control on the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MESSAGES } from 'twofa/widget';
import { widgetSuite } from './widget-harness.mjs';

const suite = widgetSuite();
const { clock } = suite;
const SEND = { 'send-code-url': '/api/auth/send-code' };
const sendButton = 'twofa-challenge button:text-matches("^Send")';

/** A user with an authenticator app and a confirmed email channel; the page has their session. */
async function userWithEmail(email) {
  const page = await suite.newPage();
  const { secret } = await suite.enroll(page, email);
  await suite.addChannel(page, email, suite.code(secret));
  clock.offset += 30_000; // the step of that current code is used
  return { secret, page };
}

const events = (page) => page.evaluate(() => window.twofaEvents);
const buttonText = (page, selector) => page.textContent(selector).then((t) => t.trim());

test('remember this browser: the checkbox (keyboard only) sends rememberDevice, and the next login skips the code', async () => {
  const { secret } = await userWithEmail('rae@example.com');
  const page = await suite.newPage();
  assert.deepEqual(await suite.login(page, 'rae@example.com'), { state: 'MFA_REQUIRED' });
  await suite.open(page, 'challenge', { 'remember-device': '', 'remember-days': '14' });
  assert.equal(await page.textContent('twofa-challenge label.check'), 'Remember this browser for 14 days');
  // Type the code, Tab past Verify to the checkbox, tick it, back to Verify, Enter.
  await page.focus('twofa-challenge input[name=code]');
  await page.keyboard.type(suite.code(secret));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal((await suite.focused(page, 'twofa-challenge')).type, 'checkbox');
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('twofa-challenge .message.ok');
  assert.deepEqual(page.posts.at(-1).body, { code: suite.code(secret), rememberDevice: true });
  const device = (await page.context().cookies()).find((c) => c.name === 'twofa_device');
  assert.equal(device?.httpOnly, true, 'a device cookie was set');
  clock.offset += 30_000;
  assert.deepEqual(await suite.login(page, 'rae@example.com'), { state: 'LOGIN_SUCCESS' }, 'the remembered browser skips the code');

  // Left unticked: rememberDevice false, no device cookie, the next login asks again.
  const other = await suite.newPage();
  await suite.login(other, 'rae@example.com');
  await suite.open(other, 'challenge', { 'remember-device': '' });
  assert.equal(await other.textContent('twofa-challenge label.check'), 'Remember this browser for 30 days');
  await other.fill('twofa-challenge input[name=code]', suite.code(secret));
  await other.click('twofa-challenge button[type=submit]');
  await other.waitForSelector('twofa-challenge .message.ok');
  assert.deepEqual(other.posts.at(-1).body, { code: suite.code(secret), rememberDevice: false });
  clock.offset += 30_000;
  assert.deepEqual(await suite.login(other, 'rae@example.com'), { state: 'MFA_REQUIRED' });
  assert.deepEqual([...page.errors, ...other.errors], []);
});

test('email fallback: the code goes to the outbox, the button counts down to resendAt, a refused resend shows the wait', async () => {
  await userWithEmail('sam@example.com');
  const page = await suite.newPage();
  await page.clock.install(); // the page's timers, so the countdown can be moved on
  await suite.login(page, 'sam@example.com');
  await suite.open(page, 'challenge', { methods: 'totp backup email', ...SEND });
  assert.deepEqual(await page.$$eval('twofa-challenge button[type=button]:not([hidden])', (b) => b.map((x) => x.textContent)), ['Use a backup code', 'Send a code by email']);

  // The server's clock runs minutes ahead of the page's (clock.offset): the
  // countdown and the lifetime follow the server's Date header.
  await page.click(sendButton);
  await page.waitForSelector('twofa-challenge .message.ok');
  assert.equal(await page.textContent('twofa-challenge .message'), 'We sent a code to your email address. It works for 10 minutes.');
  assert.equal(await page.textContent('twofa-challenge label'), 'Code from the email we sent');
  assert.equal((await suite.focused(page, 'twofa-challenge')).name, 'code');
  assert.equal(await page.isDisabled(sendButton), true);
  assert.match(await buttonText(page, sendButton), /^Send again in (60|61) s$/);
  const [sent] = await events(page);
  assert.equal(sent.type, 'twofa-code-sent');
  assert.deepEqual(Object.keys(sent.detail).sort(), ['channel', 'expiresAt', 'resendAt']);
  assert.equal(sent.detail.channel, 'email');
  assert.equal(sent.detail.expiresAt - sent.detail.resendAt, 540_000);
  assert.equal(suite.outbox.at(-1).expiresAt, sent.detail.expiresAt);
  const switches = await page.$$eval('twofa-challenge button[type=button]:not([hidden])', (b) => b.map((x) => x.textContent));
  assert.deepEqual(switches.slice(0, 2), ['Use the code from my app instead', 'Use a backup code']);

  await page.clock.fastForward(30_000);
  assert.match(await buttonText(page, sendButton), /^Send again in (30|31) s$/);
  await page.clock.fastForward(32_000);
  assert.equal(await page.isDisabled(sendButton), false);
  assert.equal(await buttonText(page, sendButton), 'Send a code by email');

  // The page's clock ran a minute ahead of the server's: the server refuses, and the wait shows again.
  await page.click(sendButton);
  await page.waitForSelector('twofa-challenge .message.error');
  assert.match(await page.textContent('twofa-challenge .message'), /^A code was sent a moment ago\. You can ask for a new one in (5\d|60) seconds\.$/);
  assert.equal(await page.isDisabled(sendButton), true);
  assert.match(await buttonText(page, sendButton), /^Send again in (5\d|60) s$/);

  const code = suite.sentCode('sam@example.com');
  await page.fill('twofa-challenge input[name=code]', code);
  await page.click('twofa-challenge button[type=submit]');
  await page.waitForSelector('twofa-challenge .message.ok');
  assert.deepEqual(page.posts.at(-1), { path: '/api/auth/verify-2fa', body: { code, method: 'email' } });
  assert.deepEqual((await events(page)).map((e) => e.type), ['twofa-code-sent', 'twofa-verified']);
  assert.deepEqual(page.errors, []);
});

test('a user whose only factor is email sees the send button first, and signs in by keyboard alone', async () => {
  const setup = await suite.newPage();
  await suite.signUp(setup, 'uma@example.com');
  await suite.addChannel(setup, 'uma@example.com');
  const page = await suite.newPage();
  assert.deepEqual(await suite.login(page, 'uma@example.com'), { state: 'MFA_REQUIRED' });
  await suite.open(page, 'challenge', { methods: 'email', ...SEND });
  assert.equal(await page.textContent('twofa-challenge label'), 'Code from the email we sent');
  assert.equal(await page.$$eval('twofa-challenge button[type=button]:not([hidden])', (b) => b.length), 1, 'no switch to an app or backup codes');
  await page.keyboard.press('Tab');
  assert.equal((await suite.focused(page, 'twofa-challenge')).text, 'Send a code by email', 'the first stop is the send button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('twofa-challenge .message.ok');
  assert.equal((await suite.focused(page, 'twofa-challenge')).name, 'code');
  await page.keyboard.type(suite.sentCode('uma@example.com'));
  await page.keyboard.press('Enter');
  await page.waitForSelector('twofa-challenge .message.ok:text("Verified.")');
  assert.deepEqual(page.posts.at(-1).body, { code: suite.sentCode('uma@example.com'), method: 'email' });
  assert.deepEqual(page.errors, []);
});

test('SMS next to email: each has its button and its field; the SMS code signs in', async () => {
  const { page: setup, secret } = await userWithEmail('viv@example.com');
  await suite.addChannel(setup, 'viv@example.com', suite.code(secret), 'sms');
  clock.offset += 30_000;
  const page = await suite.newPage();
  await suite.login(page, 'viv@example.com');
  await suite.open(page, 'challenge', { methods: 'totp backup email sms', ...SEND });
  await page.click('twofa-challenge button:text("Send a code by SMS")');
  await page.waitForSelector('twofa-challenge .message.ok');
  assert.equal(await page.textContent('twofa-challenge .message'), 'We sent a code to your phone by text message. It works for 10 minutes.');
  assert.equal(await page.textContent('twofa-challenge label'), 'Code from the text message we sent');
  assert.equal(await page.isDisabled('twofa-challenge button:text("Send a code by email")'), false, 'each channel has its own cooldown');
  const code = suite.sentCode('viv@example.com', 'sms');
  await page.fill('twofa-challenge input[name=code]', code);
  await page.click('twofa-challenge button[type=submit]');
  await page.waitForSelector('twofa-challenge .message.ok:text("Verified.")');
  assert.deepEqual(page.posts.at(-1).body, { code, method: 'sms' });
});

test('a sender that fails: CHANNEL_FAILED, nothing switched, and the button works again at once', async () => {
  await userWithEmail('ned@example.com');
  const page = await suite.newPage();
  await suite.login(page, 'ned@example.com');
  await suite.open(page, 'challenge', { methods: 'totp backup email', ...SEND });
  suite.mailDown = true;
  try {
    await page.click(sendButton);
    await page.waitForSelector('twofa-challenge .message.error');
  } finally {
    suite.mailDown = false;
  }
  assert.equal(await page.textContent('twofa-challenge .message'), MESSAGES.CHANNEL_FAILED);
  assert.equal(await page.textContent('twofa-challenge label'), 'Code from your authenticator app');
  assert.equal(await page.isDisabled(sendButton), false);
  assert.deepEqual(await events(page), []);
  await page.click(sendButton);
  await page.waitForSelector('twofa-challenge .message.ok');
  assert.equal((await events(page))[0].type, 'twofa-code-sent');
});

test('clock skew: a code from a clock 2 minutes ahead shows the hint; axe-core with every new control on the page', async () => {
  const { secret } = await userWithEmail('tim@example.com');
  const page = await suite.newPage({ bypassCSP: true });
  await suite.login(page, 'tim@example.com');
  await suite.open(page, 'challenge', { methods: 'totp backup email', 'remember-device': '', ...SEND });
  await suite.axe(page, 'challenge: remember and send');
  await page.click(sendButton);
  await page.waitForSelector('twofa-challenge .message.ok');
  await suite.axe(page, 'challenge: code sent, button counting down');
  await page.click('twofa-challenge button:text("Use the code from my app instead")');
  await page.fill('twofa-challenge input[name=code]', suite.code(secret, 120_000));
  await page.click('twofa-challenge button[type=submit]');
  await page.waitForSelector('twofa-challenge .message.error');
  assert.equal(await page.textContent('twofa-challenge .message'),
    "Your device's clock is about 2 minutes ahead. Turn on automatic date and time, then try the current code.");
  assert.equal(await page.getAttribute('twofa-challenge input[name=code]', 'aria-invalid'), 'true');
  await suite.axe(page, 'challenge: clock hint');
  await page.fill('twofa-challenge input[name=code]', suite.code(secret));
  await page.click('twofa-challenge button[type=submit]');
  await page.waitForSelector('twofa-challenge .message.ok');
  assert.deepEqual(page.errors, []);
});
