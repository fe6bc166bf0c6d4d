// What the widget suites share: a twofa instance with a movable clock and
// email and SMS senders writing to an in-memory outbox, the forum routes of
// tests/support/forum.mjs served with the widget's test page (strict CSP),
// headless Chromium, and the steps of a user (sign up, enroll, log in).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTwoFactor } from 'twofa';
import { forumRoutes, serveForum } from '../support/forum.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { oathtool } from '../support/oathtool.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const output = `${root}test-output`;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Starts everything before the suite's tests and stops it after them. */
export function widgetSuite() {
  const clock = { offset: 0 };
  const now = () => Date.now() + clock.offset;
  /** Sent codes, newest last. */
  const outbox = [];
  const twofa = createTwoFactor({
    issuer: 'Widget Test',
    keys: { current: 'k1', keys: { k1: 'widget-key-0123456789abcdef0123456789' } },
    now,
    channels: {
      email: async (message) => {
        if (suite.mailDown) throw new Error('mail server unavailable');
        outbox.push({ channel: 'email', ...message });
      },
      sms: async (message) => { outbox.push({ channel: 'sms', ...message }); },
    },
  });
  const forum = forumRoutes(twofa);
  /** `mailDown`: the email sender fails (CHANNEL_FAILED). */
  const suite = { twofa, forum, clock, outbox, mailDown: false, server: undefined, browser: undefined };

  before(async () => {
    mkdirSync(output, { recursive: true });
    suite.server = await serveForum(forum.routes, root, { now });
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });

  /** The current code of `secret` on the server's clock, `offsetMs` away. */
  suite.code = (secret, offsetMs = 0) => oathtool(secret, now() + offsetMs);
  /** The last code sent to `userId`. */
  suite.sentCode = (userId, channel = 'email') => outbox.filter((m) => m.userId === userId && m.channel === channel).at(-1)?.code;

  /** A fresh browser context and page; page errors (other than expected HTTP errors) are collected. */
  suite.newPage = async (options = {}) => {
    const context = await suite.browser.newContext(options);
    const page = await context.newPage();
    page.errors = [];
    page.posts = [];
    page.on('pageerror', (error) => page.errors.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && !/status of (40[019]|429|50[023])/.test(message.text()) && page.errors.push(message.text()));
    page.on('request', (request) => request.method() === 'POST' && page.posts.push({ path: new URL(request.url()).pathname, body: request.postDataJSON() }));
    return page;
  };

  /** Opens the test page with one element: `view` and its attributes as query parameters. */
  suite.open = async (page, view, attributes = {}) => {
    await page.goto(`${suite.server.url}/static/tests/browser/widget.html?${new URLSearchParams({ view, ...attributes })}`);
    await page.waitForSelector(view === 'enroll' ? 'twofa-enroll :is(.qr svg, .no-qr, .message.error)' : 'twofa-challenge input[name=code]');
  };

  /** A JSON POST from the page (so its cookies go along); resolves to the response body. */
  suite.post = async (page, path, body) => {
    if (page.url() === 'about:blank') await page.goto(`${suite.server.url}/static/tests/browser/widget.html?view=none`);
    return page.evaluate(async ([p, b]) => (await fetch(p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) })).json(), [path, body]);
  };

  suite.signUp = (page, email) => suite.post(page, '/api/auth/signup', { email, password: 'pw' });

  /** Signs up `email` and turns on 2FA with the enrollment element; the enrollment code's step is then used. */
  suite.enroll = async (page, email) => {
    await suite.signUp(page, email);
    await suite.open(page, 'enroll');
    const secret = (await page.textContent('twofa-enroll .secret')).replace(/\s/g, '');
    await page.fill('twofa-enroll input[name=code]', suite.code(secret));
    await page.click('twofa-enroll button[type=submit]');
    await page.waitForSelector('twofa-enroll ol.codes li');
    const codes = await page.$$eval('twofa-enroll ol.codes li', (items) => items.map((li) => li.textContent));
    clock.offset += 30_000;
    return { secret, codes };
  };

  /** Adds a confirmed channel for the signed-in user (a current code when they have a factor). */
  suite.addChannel = async (page, email, currentCode, channel = 'email') => {
    assert.equal(typeof (await suite.post(page, '/api/user/setting/2fa/channel/send', { channel })).resendAt, 'number');
    const confirmed = await suite.post(page, '/api/user/setting/2fa/channel/confirm', { channel, code: suite.sentCode(email, channel), currentCode });
    assert.deepEqual(confirmed, { ok: true });
  };

  /** The password step in a page's context; resolves to the login route's answer. */
  suite.login = (page, email) => suite.post(page, '/api/auth/login', { email, password: 'pw' });

  /** axe-core on the page, which must have been opened with `bypassCSP` (axe is injected by evaluation). */
  suite.axe = async (page, label) => {
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })));
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, [], `${label}: ${JSON.stringify(result)}`);
  };

  /** The element's shadow root's focused element, as `{ name, type, text }`. */
  suite.focused = (page, tag) => page.evaluate((t) => {
    const active = document.querySelector(t).shadowRoot.activeElement;
    return active && { name: active.getAttribute('name'), type: active.getAttribute('type'), text: active.textContent };
  }, tag);

  return suite;
}
