// Mandatory 2FA in Chromium: the admin's switch (the first account is the
// admin), a reminder during the grace period, then an enrollment before any
// session (ENROLLMENT_REQUIRED through the challenge cookie).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enrollInPage, logout, passwordStep } from '../support.mjs';

async function setPolicy(demo, page, required, graceDays) {
  await page.goto(`${demo.url}/admin`);
  await page.setChecked('[data-testid=policy-form] input[name=required]', required);
  await page.fill('#grace-days', String(graceDays));
  await page.click('[data-testid=policy-form] button[type=submit]');
  await page.waitForSelector('[data-testid=policy-form] p[role=status]:text("Saved.")');
}

export default function policy(demo) {
  test('the admin requires 2FA: a reminder in the grace period, then enrollment before a session', async () => {
    const member = 'member@example.com';
    const memberClient = await demo.client().signup(member);
    assert.equal((await memberClient.post('/api/admin/policy', { required: true, graceDays: 0 })).status, 403, 'only the admin');

    const admin = await demo.newPage();
    await passwordStep(demo, admin, '/login', demo.adminEmail);
    await admin.waitForSelector('#welcome');
    try {
      await setPolicy(demo, admin, true, 7);
      const page = await demo.newPage();
      await passwordStep(demo, page, '/login', member);
      await page.waitForSelector('[data-testid=enrollment-due]');
      await logout(page);

      // Grace over: the password leads to the enrollment, and only then to a session.
      await setPolicy(demo, admin, true, 0);
      await passwordStep(demo, page, '/login', member);
      await page.waitForURL('**/enroll?reason=policy');
      assert.match(await page.textContent('[data-testid=enroll-reason]'), /requires two-factor authentication/);
      assert.equal((await page.request.get(`${demo.url}/api/user/setting/2fa/status`)).status(), 401, 'no session yet');
      await enrollInPage(page);
      await page.waitForSelector('#welcome');
      assert.match(await page.textContent('[data-testid=home-2fa]'), /is on/);
      assert.deepEqual([...page.errors, ...admin.errors], []);
    } finally {
      await setPolicy(demo, admin, false, 7);
    }
  });
}
