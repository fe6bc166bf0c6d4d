// The demo's embedded storage: one JSON file under a data folder, surviving
// restarts. Every change goes through `update`, which serialises writers in
// this process (a promise queue) and across processes (an exclusive lock
// file), and writes a temporary file then renames it, so a crash or two
// concurrent requests can never leave a half-written or mixed file.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the application stores per user; the last six fields are twofa's, stored as its flows return them. */
export interface User {
  id: string;
  email: string;
  /** scrypt; it is also the password version twofa binds reset links and trusted devices to (it changes with every new password). */
  passwordHash: string;
  /** Sessions carry this number; raising it ends every session issued before. */
  sessionVersion?: number;
  /** The first account is the site's admin (it sets the 2FA policy). */
  role?: 'admin';
  sealedSecret: string | null;
  lastUsedStep: number | null;
  backupRecord: string | null;
  channels?: string | null;
  factorResetAt?: number | null;
  devicesRevokedAt?: number | null;
}

/** Mandatory 2FA, as the admin set it: required for everyone, with a grace period from `since`. */
export interface SitePolicy {
  required: boolean;
  graceDays: number;
  since: number;
}

/** A message the demo "sent" (see lib/mail.ts). */
export interface Mail {
  id: number;
  at: number;
  to: string;
  subject: string;
  text: string;
}

export interface Data {
  users: Record<string, User>;
  policy?: SitePolicy | null;
  outbox?: Mail[];
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

/** What a twofa flow returned: write `update` where the row still holds `previous`. */
export interface Change {
  update: Partial<User>;
  previous: Partial<User>;
}

/**
 * Stores a flow's result only if the row still holds what the flow read
 * (`previous`): a compare-and-set, like `UPDATE … WHERE backupRecord =
 * $previous`. Resolves to the stored row, or undefined when another request
 * changed it first (the caller answers 409: try again). `endSessions` also
 * raises the session version in the same write, so every session issued
 * before ends (the caller then starts a fresh one for this browser).
 */
export function persist(userId: string, change: Change, { endSessions = false } = {}): Promise<User | undefined> {
  return update((data) => {
    const row = data.users[userId];
    if (!row) return undefined;
    for (const [key, value] of Object.entries(change.previous)) {
      if ((row[key as keyof User] ?? null) !== value) return undefined;
    }
    Object.assign(row, change.update);
    if (endSessions) row.sessionVersion = (row.sessionVersion ?? 0) + 1;
    return { ...row };
  });
}

export async function findUser(id: string): Promise<User | undefined> {
  return (await load()).users[id];
}

export async function findUserByEmail(email: string): Promise<User | undefined> {
  return Object.values((await load()).users).find((u) => u.email === email);
}

/** Everything else the demo keeps: the site's 2FA policy and the outbox. */
export async function readData(): Promise<Readonly<Data>> {
  return load();
}
