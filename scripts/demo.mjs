#!/usr/bin/env node
// The Next.js demo (www/demo): install its dependencies, install the packed
// twofa tarball into it exactly as a user would, write a development key ring
// on first start, build when anything changed, and start it.
//   node scripts/demo.mjs          prepare and start (npm start); prints the URL
//   import { prepareDemo, startDemo } from './demo.mjs'   (tests)
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packTarball } from '../tests/support/pack.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const demoDir = join(root, 'www/demo');
const marker = join(demoDir, 'node_modules/.twofa-tarball');
const next = join(demoDir, 'node_modules/.bin/next');

function run(command, args, options = {}) {
  execFileSync(command, args, { cwd: demoDir, stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** Development keys in .env.local (read by Next in every runtime), made once. */
function ensureDevKeys() {
  const file = join(demoDir, '.env.local');
  if (!existsSync(file)) {
    const key = randomBytes(32).toString('base64url');
    writeFileSync(file, `# Written by scripts/demo.mjs for development only. Production must set its own TWOFA_KEYS.\nTWOFA_KEYS=dev1:${key}\n`, { mode: 0o600 });
  }
  if (!process.env.TWOFA_KEYS) {
    console.warn('twofa demo: using the DEVELOPMENT key ring in www/demo/.env.local; production must set its own TWOFA_KEYS ("id:key,...", 32+ random bytes each).');
  }
}

/** Everything up to a built app; skips what is up to date. */
export function prepareDemo() {
  const lock = join(demoDir, 'package-lock.json');
  if (!existsSync(join(demoDir, 'node_modules/.package-lock.json')) || newest(lock) > newest(join(demoDir, 'node_modules/.package-lock.json'))) {
    console.log('demo: installing Next.js and React');
    // `npm install`, not `npm ci`: a registry mirror without some platforms' optional packages makes `npm ci` refuse the lock.
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
    rmSync(marker, { force: true }); // npm install removed the tarball installed with --no-save
  }
  const tarball = packTarball();
  const digest = createHash('sha256').update(readFileSync(tarball)).digest('hex');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== digest) {
    console.log('demo: installing the twofa tarball');
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', tarball]);
    writeFileSync(marker, digest);
  }
  ensureDevKeys();
  const sources = ['app', 'components', 'lib', 'types', 'package.json', 'tsconfig.json'].map((p) => newest(join(demoDir, p)));
  const built = newest(join(demoDir, '.next/BUILD_ID'));
  if (!built || Math.max(...sources, newest(marker)) > built) {
    console.log('demo: next build');
    run(next, ['build']);
  }
}

function freePort(preferred) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      const fallback = createServer().listen(0, '127.0.0.1', () => {
        const { port } = fallback.address();
        fallback.close(() => resolve(port));
      });
    });
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
  });
}

/**
 * Starts `next start`; resolves to `{ url, child }` once it answers. The
 * development outbox is on (mail goes to the log and /outbox): this is a
 * local demo, not a deployment.
 */
export async function startDemo({ port, env = {} } = {}) {
  const chosen = port ?? (await freePort(Number(process.env.PORT ?? 3000)));
  const url = `http://127.0.0.1:${chosen}`;
  // APP_ORIGIN: the demo checks Origin against it and builds reset links from it, never from a request's Host.
  const child = spawn(next, ['start', '-p', String(chosen), '-H', '127.0.0.1'], {
    cwd: demoDir, env: { ...process.env, TWOFA_DEMO_OUTBOX: '1', APP_ORIGIN: url, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise((resolve, reject) => {
    const onData = (chunk) => { if (/Ready|started server|Local:/.test(String(chunk))) resolve(); };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`next start exited with ${code}`)));
  });
  return { url, child };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  prepareDemo();
  const { url, child } = await startDemo();
  child.stdout.pipe(process.stdout);
  child.stderr.pipe(process.stderr);
  console.log(`\ntwofa demo: ${url}/\n`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { child.kill(signal); process.exit(0); });
}
