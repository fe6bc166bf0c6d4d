// Account recovery in Chromium: "Forgot password" (the same answer for any
// address; the link through the outbox; the 2FA code still required; older
// links and trusted browsers die with the new password), and "Lost your
// phone and backup codes?" (a pending removal shown on the verify and
// settings pages, cancelled by signing in with a code).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oathtool } from '../../support/oathtool.mjs';
import { challenge, logout, passwordStep, PASSWORD, signInRemembered } from '../support.mjs';

const linkIn = (mail) => /https?:\/\/\S+/.exec(mail.text)[0];

async function askForLink(demo, page, email) {
  await page.goto(`${demo.url}/login`);
  await page.click('a:text("Forgot your password?")');
  await page.waitForSelector('h1:text("Forgot your password?")');
  await page.fill('#email', email);
  await page.click('button:text("Send me a link")');
  return page.textContent('[data-testid=forgot-answer]:not(:empty)');
}

export default function recovery(demo) {
  test('forgot password: one answer for any address, the link, a 2FA code, and the old link and trusted browser die', async () => {
    const email = 'forgetful@example.com';
    const { secret, at, backupCodes } = await (await demo.client().signup(email)).enroll();
    const page = await demo.newPage();
    await signInRemembered(demo, page, email, oathtool(secret, at + 30_000)); // a trusted browser first
    await logout(page);

    const nobody = await askForLink(demo, await demo.newPage(), 'nobody-here@example.com');
    const since = demo.lastMailId();
    assert.equal(await askForLink(demo, page, email), nobody);
    const olderMail = await demo.nextMail(email, /Reset/, since);
    assert.equal(await askForLink(demo, page, email), nobody);
    const link = linkIn(await demo.nextMail(email, /Reset/, olderMail.id));
    const older = linkIn(olderMail);
    assert.notEqual(link, older);
    assert.match(link, /\/reset-password#token=/, 'the token rides in the fragment');

    // The new password needs a code: a backup code here.
    await page.goto(link);
    await page.fill('#password', 'a brand new password');
    await page.click('button:text("Change password")');
    await page.waitForSelector('#code');
    assert.match(await page.textContent('[data-testid=reset-message]'), /enter a current code/);
    await page.fill('#code', backupCodes[0]);
    await page.click('button:text("Change password")');
    await page.waitForSelector('[data-testid=reset-done]');

    // The other link is dead; the old password is wrong; the trusted browser must give a code again.
    const olderTab = await demo.newPage(); // a link from a mail opens a new tab
    await olderTab.goto(older);
    await olderTab.fill('#password', 'yet another password');
    await olderTab.click('button:text("Change password")');
    await olderTab.waitForSelector('[data-testid=reset-message]:has-text("no longer valid")');
    assert.equal((await demo.client().login(email, PASSWORD)).status, 401);
    await passwordStep(demo, page, '/login', email, 'a brand new password');
    await page.waitForURL('**/verify');
    assert.deepEqual(page.errors, []);
  });

  test('lost phone and backup codes: the removal is pending (verify page, settings, mail) until a code cancels it', async () => {
    const email = 'lost@example.com';
    const owner = await demo.newPage();
    const { secret, at, backupCodes } = await (await demo.client().signup(email)).enroll();
    await passwordStep(demo, owner, '/login', email);
    await challenge(owner, oathtool(secret, at + 30_000));
    await owner.waitForSelector('#welcome');

    // Someone with the password asks for the removal.
    const since = demo.lastMailId();
    const asker = await demo.newPage();
    await passwordStep(demo, asker, '/login', email);
    await asker.waitForURL('**/verify');
    await asker.click('summary:text("Lost your phone and backup codes?")');
    await asker.click('button:text("Remove two-factor authentication in 72 hours")');
    await asker.waitForSelector('[data-testid=pending-reset]');
    assert.match((await demo.nextMail(email, /Security notice/, since)).text, /asked to remove two-factor authentication/);
    await owner.goto(`${demo.url}/settings`);
    await owner.waitForSelector('[data-testid=pending-reset]');
    await asker.reload();
    await asker.waitForSelector('[data-testid=pending-reset]');

    // The owner signs in with a code: cancelled, and told so.
    await logout(owner);
    await passwordStep(demo, owner, '/login', email);
    await owner.waitForSelector('[data-testid=pending-reset]');
    const requested = demo.lastMailId();
    await challenge(owner, backupCodes[0], { backup: true });
    await owner.waitForSelector('#welcome');
    assert.match((await demo.nextMail(email, /Security notice/, requested)).text, /cancelled/);
    await owner.goto(`${demo.url}/settings`);
    await owner.waitForSelector('h1:text("Security settings")');
    assert.equal(await owner.$('[data-testid=pending-reset]'), null);
    assert.equal(demo.row(email).factorResetAt, null);
    assert.deepEqual([...owner.errors, ...asker.errors], []);
  });
}
