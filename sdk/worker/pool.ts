/**
 * Node's backup hasher: one worker thread (more on machines with the cores
 * for it) runs every Argon2id computation, so a burst of backup-code
 * attempts, enrollments or imports never blocks the event loop. The worker
 * starts on first use, holds the process open only while it has work, and is
 * started again if it dies (the jobs it held fail with `INTERNAL_ERROR`).
 * @internal
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TwoFactorError } from '../errors.js';
import type { UsedBackupCode } from '../backup.js';
import type { BackupHasher } from '../flows/backup-check.js';
import type { BackupJob, BackupReply } from './protocol.js';

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** One worker and the jobs it holds. */
class Thread {
  readonly #source: string;
  readonly #workerData: unknown;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;

  constructor(source: string, workerData: unknown) {
    this.#source = source;
    this.#workerData = workerData;
  }

  get load(): number {
    return this.#pending.size;
  }

  run(job: BackupJob): Promise<unknown> {
    const worker = this.#start();
    return new Promise((resolve, reject) => {
      this.#pending.set(job.id, { resolve, reject });
      if (this.#pending.size === 1) worker.ref();
      worker.postMessage(job);
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#source, { eval: true, name: 'twofa backup codes', workerData: this.#workerData });
    worker.unref();
    worker.on('message', (reply: BackupReply) => this.#settle(reply));
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', (code) => this.#fail(worker, new Error(`the backup-code worker exited with ${code}`)));
    this.#worker = worker;
    return worker;
  }

  #settle(reply: BackupReply): void {
    const job = this.#pending.get(reply.id);
    if (!job) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker?.unref();
    if (reply.error) job.reject(new TwoFactorError(reply.error.code, reply.error.message));
    else job.resolve(reply.value);
  }

  #fail(worker: Worker, cause: unknown): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    const jobs = [...this.#pending.values()];
    this.#pending.clear();
    for (const job of jobs) {
      job.reject(new TwoFactorError('INTERNAL_ERROR', 'the backup-code worker failed; try again', { cause }));
    }
  }
}

/**
 * A hasher that runs in worker threads built from `source` (the worker's
 * bundled code), handing each `workerData` (the backup module's bytes).
 */
export function workerHasher(source: string, workerData: unknown, threads = Math.max(1, Math.min(4, availableParallelism() - 1))): BackupHasher {
  const pool = Array.from({ length: threads }, () => new Thread(source, workerData));
  let nextId = 0;
  const run = (job: Omit<BackupJob, 'id'>) => {
    const thread = pool.reduce((a, b) => (b.load < a.load ? b : a));
    return thread.run({ ...job, id: ++nextId } as BackupJob);
  };
  return {
    use: (record, code, userId) => run({ op: 'use', args: [record, code, userId] }) as Promise<UsedBackupCode | null>,
    hash: (codes, userId) => run({ op: 'hash', args: [codes, userId] }) as Promise<string>,
    import: (codes, userId) => run({ op: 'import', args: [codes, userId] }) as Promise<string>,
  };
}
