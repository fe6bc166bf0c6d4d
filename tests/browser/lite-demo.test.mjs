// The lite demo page (`npm run demo:lite`), end to end: start the server, read the
// secret off the page, compute the code with oathtool (an independent
// implementation) and type it; a wrong code first must leave the QR alone.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
let server;
let url;
let browser;

before(async () => {
  server = spawn(process.execPath, ['scripts/serve.mjs'], { cwd: root, env: { ...process.env, PORT: '0' } });
  url = await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      const found = String(chunk).match(/http:\/\/\S+/);
      if (found) resolve(found[0]);
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.kill();
});

test('a code computed by oathtool from the page secret is accepted once', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  const secret = (await page.textContent('#secret')).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  const qrBefore = await page.innerHTML('#qr');
  assert.match(qrBefore, /^<svg/);

  const code = execFileSync('oathtool', ['--totp', '-b', secret], { encoding: 'utf8' }).trim();
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  await page.fill('#code', wrong);
  await page.click('#verify-form button');
  assert.match(await page.textContent('#verify-result'), /Not accepted/);
  assert.equal(await page.innerHTML('#qr'), qrBefore, 'a wrong code leaves the QR code alone');

  await page.fill('#code', `${code.slice(0, 3)} ${code.slice(3)}`); // as pasted from some apps
  await page.click('#verify-form button');
  assert.match(await page.textContent('#verify-result'), /^Accepted/);
  mkdirSync(`${root}test-output`, { recursive: true });
  await page.screenshot({ path: `${root}test-output/demo.png`, fullPage: true });

  await page.click('#verify-form button');
  assert.match(await page.textContent('#verify-result'), /Not accepted/, 'the same code is refused the second time');
  assert.deepEqual(errors, []);
  await page.close();
});
