// A private PostgreSQL for one test file: initdb in a temporary directory, a
// free loopback port, its socket in that directory, stopped and removed when
// done. Never uses a server that is already running. As root, the server runs
// as the `postgres` user (PostgreSQL refuses to run as root).
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.mjs';

/** The directory of initdb and pg_ctl: on PATH, else Debian's newest /usr/lib/postgresql/<ver>/bin. */
export function postgresBin() {
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    if (initdb) return join(initdb, '..');
  } catch { /* not on PATH */ }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a) : [];
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  if (!found) throw new Error('PostgreSQL not found: run scripts/setup (installs Debian postgresql)');
  return found;
}

function ownerOf() {
  if (process.getuid?.() !== 0) return null;
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Starts PostgreSQL; resolves to `{ port, url, config, stop, start, destroy }`:
 * `stop()` stops it at once (as a crash would), `start()` starts it again on
 * the same data directory and port, `destroy()` stops it and removes all.
 * `settings` are extra `-c name=value` server settings.
 */
export async function startPostgres({ settings = { fsync: 'off' } } = {}) {
  const bin = postgresBin();
  const owner = ownerOf();
  const dir = mkdtempSync(join(tmpdir(), 'twofa-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const asOwner = (tool, args) => {
    const [command, argv] = owner ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    return execFileSync(command, argv, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  };
  asOwner('initdb', ['-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '-D', data]);
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1',
    ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
  ].join(' ');
  let running = false;
  const start = () => {
    asOwner('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', serverOptions, '-w', 'start']);
    running = true;
  };
  const stop = () => {
    if (!running) return;
    asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    running = false;
  };
  const destroy = () => {
    try { stop(); } finally { rmSync(dir, { recursive: true, force: true }); }
  };
  // A run that dies without its after() hook, or is interrupted, must not leave a server behind.
  const cleanUp = () => { try { destroy(); } catch { /* already gone */ } };
  process.once('exit', cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => { cleanUp(); process.exit(128 + (signal === 'SIGINT' ? 2 : 15)); });
  start();
  const config = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };
  return { port, url: `postgres://postgres@127.0.0.1:${port}/postgres`, config, start, stop, destroy };
}
