// The demo's embedded storage: one JSON file under a data folder, surviving
// restarts. Every change goes through `update`, which serialises writers in
// this process (a promise queue) and across processes (an exclusive lock
// file), and writes a temporary file then renames it, so a crash or two
// concurrent requests can never leave a half-written or mixed file.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the application stores per user; all but the first three are twofa's. */
export interface User {
  id: string;
  email: string;
  passwordHash: string;
  sealedSecret: string | null;
  lastUsedStep: number | null;
  backupRecord: string | null;
  channels?: string | null;
  factorResetAt?: number | null;
  devicesRevokedAt?: number | null;
}

interface Data {
  users: Record<string, User>;
}

export const DATA_DIR = process.env.TWOFA_DEMO_DATA ?? join(process.cwd(), 'data');
const FILE = join(DATA_DIR, 'db.json');
const LOCK = `${FILE}.lock`;

async function load(): Promise<Data> {
  try {
    return JSON.parse(await readFile(FILE, 'utf8')) as Data;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { users: {} };
    throw error;
  }
}

async function lock(): Promise<() => Promise<void>> {
  await mkdir(DATA_DIR, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(LOCK, 'wx');
      await handle.close();
      return () => rm(LOCK, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than 10 s belongs to a process that died mid-write.
      const age = await stat(LOCK).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 10_000) await rm(LOCK, { force: true });
      await new Promise((r) => setTimeout(r, Math.min(5 * (attempt + 1), 50)));
    }
  }
}

let queue: Promise<unknown> = Promise.resolve();

/** Reads, changes and writes the data atomically; returns what `change` returns. */
export function update<T>(change: (data: Data) => T | Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    const unlock = await lock();
    try {
      const data = await load();
      const result = await change(data);
      const temporary = `${FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temporary, JSON.stringify(data, null, 1), { mode: 0o600 });
      await rename(temporary, FILE);
      return result;
    } finally {
      await unlock();
    }
  });
  queue = run.catch(() => {});
  return run;
}

/**
 * Stores what a twofa flow returned, only if the row still holds what the
 * flow read (`previous`): a compare-and-set, like `UPDATE … WHERE
 * backupRecord = $previous`. False when another request changed it first.
 */
export function persist(userId: string, result: { update: Partial<User>; previous: Partial<User> }): Promise<boolean> {
  return update((data) => {
    const row = data.users[userId];
    if (!row) return false;
    for (const [key, value] of Object.entries(result.previous)) {
      if ((row[key as keyof User] ?? null) !== value) return false;
    }
    Object.assign(row, result.update);
    return true;
  });
}

export async function findUser(id: string): Promise<User | undefined> {
  return (await load()).users[id];
}

export async function findUserByEmail(email: string): Promise<User | undefined> {
  return Object.values((await load()).users).find((u) => u.email === email);
}
