// The demo's test clock: absent unless TWOFA_DEMO_TEST_CLOCK=1 (the server
// of the earlier suites has none), then the 72-hour wait of a self-service
// factor reset crossed with it. These run last: the clock only moves forward.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enrollInPage, passwordStep } from '../support.mjs';

const WAIT_MS = 72 * 3_600_000;

export function testClock(demo) {
  test('the test clock exists only with TWOFA_DEMO_TEST_CLOCK=1', async () => {
    assert.equal((await demo.client().post('/api/test/clock', { advanceMs: WAIT_MS })).status, 404);
    await demo.restart({ TWOFA_DEMO_TEST_CLOCK: '1' });
    await demo.advanceClock(1000);
    assert.equal(demo.clockOffsetMs, 1000);
  });
}

export function factorResetWait(demo) {
  test('factor reset: after the wait the old factor is gone and a new enrollment gives the session', async () => {
    const email = 'phoneless@example.com';
    await (await demo.client().signup(email)).enroll();
    const page = await demo.newPage();
    await passwordStep(demo, page, '/login', email);
    await page.click('summary:text("Lost your phone and backup codes?")');
    await page.click('button:text("Remove two-factor authentication in 72 hours")');
    await page.waitForSelector('[data-testid=pending-reset]');

    await demo.advanceClock(WAIT_MS + 60_000);
    const since = demo.lastMailId();
    await passwordStep(demo, page, '/login', email);
    await page.waitForURL('**/enroll?reason=factor-reset');
    assert.match(await page.textContent('[data-testid=enroll-reason]'), /old authenticator and backup codes no longer work/);
    assert.equal(demo.row(email).sealedSecret, null, 'the old factor is gone');
    await enrollInPage(page, demo.now());
    await page.waitForSelector('#welcome');
    assert.match(await page.textContent('[data-testid=home-2fa]'), /is on \(10 backup codes left\)/);
    assert.match((await demo.nextMail(email, /Security notice/, since)).text, /removed after the reset/);
    assert.deepEqual(page.errors, []);
  });
}
