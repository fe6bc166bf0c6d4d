// Consumer projects, each using the packed tarball as a user would
// (`npm pack`, then `npm install` of the .tgz): Node CommonJS, Node ESM,
// TypeScript with moduleResolution bundler and node16, React 19 under strict
// TypeScript, Vite browser builds (plain and React) loaded in Chromium, the
// `twofa` command from node_modules/.bin; and packaging lint (publint,
// are-the-types-wrong).
// The Next.js app is built from the same tarball by tests/demo/, and a fresh
// one from the README's "Add 2FA to your app" by nextjs-readme.test.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { oathtool } from '../support/oathtool.mjs';
import { packTarball } from '../support/pack.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../..');
const work = join(root, '.cache/consumers');
const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const bin = (name) => join(work, 'node_modules/.bin', name);
let tarball;

before(() => {
  tarball = packTarball();
  mkdirSync(work, { recursive: true });
  for (const entry of readdirSync(work)) if (entry !== 'node_modules') rmSync(join(work, entry), { recursive: true, force: true });
  // npm keeps an installed package of the same version without comparing the tarball: always take the new one.
  rmSync(join(work, 'node_modules/twofa'), { recursive: true, force: true });
  // nextjs-readme is its own test's project (nextjs-readme.test.mjs).
  for (const entry of readdirSync(here)) if (!entry.endsWith('.test.mjs') && entry !== 'node_modules' && entry !== 'nextjs-readme') cpSync(join(here, entry), join(work, entry), { recursive: true });
  // The tools from package.json, then the tarball exactly as a user installs it.
  const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
  manifest.dependencies = { twofa: `file:${tarball}` };
  // The README's React example must compile as written, in the React project.
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const [, example] = /## React \/ Next\.js types[^]*?```tsx\n([^]*?)```/.exec(readme);
  writeFileSync(join(work, 'ts-react/ReadmeExample.tsx'), example);
  writeFileSync(join(work, 'package.json'), JSON.stringify(manifest, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], work);
});

test('Node CommonJS project', () => {
  assert.match(run(process.execPath, ['index.cjs'], join(work, 'node-cjs')), /node-cjs: ok/);
});

test('Node ESM project', () => {
  assert.match(run(process.execPath, ['index.mjs'], join(work, 'node-esm')), /node-esm: ok/);
});

test('TypeScript, moduleResolution bundler: types resolve and tsc --noEmit passes', () => {
  run(bin('tsc'), ['-p', 'tsconfig.json'], join(work, 'ts-bundler'));
});

test('TypeScript, module node16 (ESM and CommonJS files): tsc --noEmit passes', () => {
  run(bin('tsc'), ['-p', 'tsconfig.json'], join(work, 'ts-node16'));
});

/**
 * Builds a project with Vite, serves it and opens it in Chromium after
 * `prepare(page)` (routes); `check(page)` runs there, and no page error may occur.
 */
async function inChromium(project, check, prepare = async () => {}) {
  const dir = join(work, project);
  run(bin('vite'), ['build', '--logLevel', 'warn'], dir);
  const assets = readdirSync(join(dir, 'dist/assets')).filter((f) => f.endsWith('.js'));
  const gzip = assets.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, 'dist/assets', f))).length, 0);
  console.log(`${project} bundle: ${assets.length} file(s), ${(gzip / 1024).toFixed(1)} KB gzip`);
  const server = await startStaticServer({ mounts: { '/': join(dir, 'dist') } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await prepare(page);
    await page.goto(server.url);
    await check(page);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
}

test('Vite browser build with twofa/browser and twofa/widget runs in Chromium', async () => {
  await inChromium('vite', async (page) => {
    await page.waitForFunction(() => document.querySelector('#result').textContent !== 'running');
    assert.equal(await page.textContent('#result'), 'ok');
    assert.equal(await page.textContent('#widget'), 'defined');
    assert.match(await page.innerHTML('#qr'), /^<svg/);
    assert.ok(await page.$('twofa-challenge input[name=code]'), 'the element rendered');
  });
});

test('React 19 + TypeScript (jsx: react-jsx, strict): the widget\'s JSX types, with no declaration of the project\'s own', () => {
  run(bin('tsc'), ['-p', 'tsconfig.json'], join(work, 'ts-react'));
});

test('React 19 renders both elements with the typed props: attributes, fetchOptions, messages, ref and events work', async () => {
  const requests = [];
  let confirmations = 0;
  const uri = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme';
  const { qrSvg } = createRequire(join(work, 'package.json'))('twofa'); // the server's QR code, from the tarball
  const answers = {
    begin: () => ({ status: 200, json: { uri, qrSvg: qrSvg(uri), enrollmentToken: 'enroll-token' } }),
    confirm: () => (++confirmations === 1 ? { status: 401, json: { error: 'INVALID_CODE' } } : { status: 200, json: { backupCodes: ['k3m9x-q2w7p', 'a4b5c-d6e7f'] } }),
    verify: () => ({ status: 200, json: { user: 'alice' } }),
  };
  const mockServer = (page) => page.route('**/api/2fa/*', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    requests.push({ name, csrf: route.request().headers()['x-csrf-token'] });
    return route.fulfill(answers[name]());
  });
  await inChromium('ts-react', async (page) => {
    await page.waitForSelector('twofa-enroll .qr svg');
    await page.fill('twofa-enroll input[name=code]', '123456');
    await page.click('twofa-enroll button[type=submit]');
    await page.waitForSelector('twofa-enroll .message.error:text("Falscher Code.")');
    await page.click('twofa-enroll button[type=submit]');
    await page.check('twofa-enroll input[type=checkbox]');
    await page.click('twofa-enroll button:text("Done")');
    await page.waitForSelector('#status:text("enrolled with 2 backup codes")');

    assert.equal(await page.textContent('#properties'), 'set', 'the ref is the element, its messages set by React');
    await page.fill('twofa-challenge input[name=code]', '654321');
    await page.click('twofa-challenge button[type=submit]');
    await page.waitForSelector('#status:text("verified alice")');
  }, mockServer);
  assert.deepEqual(requests.map((r) => r.name), ['begin', 'confirm', 'confirm', 'verify']);
  assert.ok(requests.every((r) => r.csrf === 'csrf-123'), 'fetchOptions reached every request');
});

test('the twofa command from the tarball (node_modules/.bin/twofa), on the package\'s own Node entry', () => {
  const cli = bin('twofa');
  assert.equal(run(cli, ['--version'], work).trim(), JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  assert.equal(run(cli, ['code', secret, '--time', '1767225600000'], work).trim(), oathtool(secret, 1767225600000));
  assert.match(run(cli, ['keygen'], work).split('\n')[0], /^TWOFA_KEYS=[\w-]+:[A-Za-z0-9_-]{43}$/);
  const source = readFileSync(join(work, 'node_modules/twofa/dist/cli.cjs'), 'utf8');
  assert.ok(source.includes('require("./node.cjs")') && source.length < 50_000, 'the Node entry next to it, no second copy of the wasm');
});

test('packaging lint: publint and are-the-types-wrong find no problems', () => {
  assert.match(run(bin('publint'), ['--strict', tarball], work), /All good/);
  assert.match(run(bin('attw'), [tarball, '--format', 'ascii'], work), /No problems found/);
});

after(() => {});
