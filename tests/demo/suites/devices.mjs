// "Remember this browser" in Chromium: the HttpOnly device cookie skips the
// code and is replaced at every use; a copy of an old one is refused and
// signs out every remembered browser; "Sign out all other devices" ends the
// other sessions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oathtool } from '../../support/oathtool.mjs';
import { challenge, logout, passwordStep, signInRemembered } from '../support.mjs';

const deviceCookie = async (page) => (await page.context().cookies()).find((c) => c.name === 'twofa_device');

export default function devices(demo) {
  test('a remembered browser skips the code; its cookie is rotated; a copied one signs out every browser; sign out all other devices', async () => {
    const email = 'trusted@example.com';
    const { secret, at, backupCodes } = await (await demo.client().signup(email)).enroll();
    const page = await demo.newPage();

    // A code with "Remember this browser": the HttpOnly device cookie, for /api/auth only.
    await signInRemembered(demo, page, email, oathtool(secret, at + 30_000));
    const first = await deviceCookie(page);
    assert.deepEqual([first.httpOnly, first.sameSite, first.path], [true, 'Strict', '/api/auth']);
    assert.equal(await page.evaluate(() => document.cookie.includes('twofa_device')), false);

    // Next time the password is enough, and the cookie is a new one.
    await logout(page);
    await passwordStep(demo, page, '/login', email);
    await page.waitForSelector('#welcome');
    const second = await deviceCookie(page);
    assert.notEqual(second.value, first.value);

    // A copy of the old cookie elsewhere, later (not a double click), is refused and signs out every
    // remembered browser, the owner's too.
    await demo.advanceClock(30_000);
    const thief = await demo.newPage();
    await thief.context().addCookies([{ ...first, domain: '127.0.0.1' }]);
    await passwordStep(demo, thief, '/login', email);
    await thief.waitForURL('**/verify');
    await logout(page);
    await signInRemembered(demo, page, email, backupCodes[0], { backup: true });

    // Sign out all other devices: the thief, who passed a code meanwhile, is signed out, and no browser is remembered.
    await challenge(thief, backupCodes[1], { backup: true });
    await thief.waitForSelector('#welcome');
    await page.goto(`${demo.url}/settings`);
    await page.click('button:text("Sign out all other devices")');
    await page.waitForSelector('p[role=status]:has-text("Every other device is signed out")');
    await thief.reload();
    await thief.waitForSelector('a:text("Log in")');
    await page.reload();
    await page.waitForSelector('h1:text("Security settings")');
    await logout(page);
    await passwordStep(demo, page, '/login', email);
    await page.waitForURL('**/verify');
    assert.deepEqual([...page.errors, ...thief.errors], []);
  });
}
