// Codes by email in Chromium: confirm the address in the settings (the code
// comes through the outbox page), then sign in with an emailed code; the
// code is in the server log too (development outbox only).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeIn, logout, passwordStep } from '../support.mjs';

/** The code in the newest mail to `to`, read from the outbox page. */
async function codeFromOutbox(demo, to) {
  const outbox = await demo.newPage();
  await outbox.goto(`${demo.url}/outbox`);
  const text = await outbox.textContent(`[data-testid=mail][data-to="${to}"] pre`);
  await outbox.close();
  return codeIn({ text });
}

export default function email(demo) {
  test('an emailed code as the only second factor: confirmed in the settings, used to sign in', async () => {
    const email = 'mailer@example.com';
    const page = await demo.newPage();
    await passwordStep(demo, page, '/signup', email);
    await page.waitForSelector('h1:text("Security settings")');
    const since = demo.lastMailId();
    await page.click('[data-testid=email-codes] button:text("Send a confirmation code")');
    await page.waitForSelector('#email-code');
    await demo.nextMail(email, /code/, since);
    await page.fill('#email-code', await codeFromOutbox(demo, email));
    await page.click('button:text("Turn on codes by email")');
    await page.waitForSelector('[data-testid=status]:has-text("is on")');
    await logout(page);

    // The challenge offers to send a code first (no authenticator app here).
    await passwordStep(demo, page, '/login', email);
    await page.waitForURL('**/verify');
    const before = demo.lastMailId();
    await page.click('twofa-challenge button:text("Send a code by email")');
    await page.waitForSelector('twofa-challenge button:has-text("Send again in")');
    const mail = await demo.nextMail(email, /code/, before);
    const code = codeIn(mail);
    assert.match(demo.log, new RegExp(`\\[mail\\] to ${email}: .*\\n.*${code}`), 'the code is in the server log');
    await page.fill('twofa-challenge input[name=code]', code);
    await page.click('twofa-challenge button[type=submit]');
    await page.waitForSelector('#welcome');
    assert.deepEqual(page.errors, []);
  });
}
