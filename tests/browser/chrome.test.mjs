// The conformance suite in headless Chromium, against the built package as a
// page loads it (with a CSP that allows WebAssembly but no eval).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launchChromium } from '../support/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
let server;
let browser;

before(async () => {
  server = await startStaticServer({ mounts: { '/': root } });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('conformance suite in Chromium: web (server) and browser (lite) builds', async (t) => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await page.goto(`${server.url}/tests/browser/conformance.html`);
  const results = await page.evaluate(() => window.twofaResults);
  assert.equal(results.error, undefined, results.error);
  for (const [label, { names, passed, failed }] of Object.entries(results)) {
    await t.test(`${label}: ${names.length} checks`, () => {
      assert.deepEqual(failed, []);
      assert.equal(passed, names.length);
      assert.ok(passed >= 7);
    });
  }
  assert.deepEqual(problems, []);
  await page.close();
});
