// Consumer projects, each using the packed tarball as a user would
// (`npm pack`, then `npm install` of the .tgz): Node CommonJS, Node ESM,
// TypeScript with moduleResolution bundler and node16, a Vite browser build
// loaded in Chromium; and packaging lint (publint, are-the-types-wrong).
// The Next.js app is built from the same tarball by tests/demo/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launchChromium } from '../support/chromium.mjs';
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
  for (const entry of readdirSync(here)) if (entry !== 'consumers.test.mjs' && entry !== 'node_modules') cpSync(join(here, entry), join(work, entry), { recursive: true });
  // The tools from package.json, then the tarball exactly as a user installs it.
  const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
  manifest.dependencies = { twofa: `file:${tarball}` };
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

test('Vite browser build with twofa/browser and twofa/widget runs in Chromium', async () => {
  const dir = join(work, 'vite');
  run(bin('vite'), ['build', '--logLevel', 'warn'], dir);
  const assets = readdirSync(join(dir, 'dist/assets')).filter((f) => f.endsWith('.js'));
  const gzip = assets.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, 'dist/assets', f))).length, 0);
  console.log(`vite bundle: ${assets.length} file(s), ${(gzip / 1024).toFixed(1)} KB gzip`);
  const server = await startStaticServer({ mounts: { '/': join(dir, 'dist') } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector('#result').textContent !== 'running');
    assert.equal(await page.textContent('#result'), 'ok');
    assert.equal(await page.textContent('#widget'), 'defined');
    assert.match(await page.innerHTML('#qr'), /^<svg/);
    assert.ok(await page.$('twofa-challenge input[name=code]'), 'the element rendered');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('packaging lint: publint and are-the-types-wrong find no problems', () => {
  assert.match(run(bin('publint'), ['--strict', tarball], work), /All good/);
  assert.match(run(bin('attw'), [tarball, '--format', 'ascii'], work), /No problems found/);
});

after(() => {});
