/**
 * Node's backup hasher: one worker thread (more on machines with the cores
 * for it) runs every Argon2id computation, so a burst of backup-code
 * attempts, enrollments or imports never blocks the event loop. Jobs wait in
 * two bounded queues: checking a code (someone signing in) goes before
 * hashing new codes, and a full queue refuses at once (`RATE_LIMITED`)
 * rather than making everyone wait. The worker starts on first use, holds
 * the process open only while it has work, and is started again if it dies
 * (the job it was running fails with `INTERNAL_ERROR`).
 * @internal
 * @module
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { TwoFactorError } from '../errors.js';
import type { UsedBackupCode } from '../backup.js';
import type { BackupHasher } from '../flows/backup-check.js';
import type { BackupJob, BackupReply } from './protocol.js';

/** Jobs one thread may hold waiting: about 4 s of work either way (35 ms a check, 0.35 s a set of codes). */
const QUEUE_LIMITS = { use: 128, hash: 12 } as const;
const BUSY_RETRY_MS = 5_000;

interface Job {
  message: BackupJob;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** What starting a worker takes: its bundled code and the data it expects. */
export type WorkerStart = () => { source: string; workerData: unknown };

/** One worker, the job it is running, and the jobs waiting for it. */
class Thread {
  readonly #start: WorkerStart;
  readonly #queues: Record<keyof typeof QUEUE_LIMITS, Job[]> = { use: [], hash: [] };
  #running: Job | undefined;
  #worker: Worker | undefined;

  constructor(start: WorkerStart) {
    this.#start = start;
  }

  get load(): number {
    return this.#queues.use.length + this.#queues.hash.length + (this.#running ? 1 : 0);
  }

  run(message: BackupJob): Promise<unknown> {
    const queue = this.#queues[message.op === 'use' ? 'use' : 'hash'];
    if (queue.length >= QUEUE_LIMITS[message.op === 'use' ? 'use' : 'hash']) {
      return Promise.reject(new TwoFactorError('RATE_LIMITED', 'backup codes are busy right now; try again in a few seconds', {
        retryAfterMs: BUSY_RETRY_MS,
      }));
    }
    return new Promise((resolve, reject) => {
      queue.push({ message, resolve, reject });
      this.#next();
    });
  }

  /** Sends the next job, checks first, when the worker is free. */
  #next(): void {
    if (this.#running) return;
    const job = this.#queues.use.shift() ?? this.#queues.hash.shift();
    if (!job) {
      this.#worker?.unref();
      return;
    }
    let worker: Worker;
    try {
      worker = this.#worker ?? this.#spawn();
    } catch (cause) {
      // No worker (its file missing, threads refused): this job fails, and the next one tries again.
      job.reject(new TwoFactorError('INTERNAL_ERROR', 'the backup-code worker could not be started; keep the files of twofa\'s dist/ folder together, then try again', { cause }));
      this.#next();
      return;
    }
    this.#running = job;
    worker.ref();
    worker.postMessage(job.message);
  }

  #spawn(): Worker {
    // Required here, not imported: loading node:worker_threads costs a process about 1.3 ms
    // at start-up, which one that never checks a backup code should not pay.
    const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
    const { source, workerData } = this.#start();
    const worker = new WorkerThread(source, { eval: true, name: 'twofa backup codes', workerData });
    worker.on('message', (reply: BackupReply) => this.#settle(reply));
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', (code) => this.#fail(worker, new Error(`the backup-code worker exited with ${code}`)));
    this.#worker = worker;
    return worker;
  }

  #settle(reply: BackupReply): void {
    const job = this.#running;
    if (!job || job.message.id !== reply.id) return;
    this.#running = undefined;
    if (reply.error) job.reject(new TwoFactorError(reply.error.code, reply.error.message));
    else job.resolve(reply.value);
    this.#next();
  }

  /** The worker died: its job fails, the waiting ones go to a new worker. */
  #fail(worker: Worker, cause: unknown): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    const job = this.#running;
    this.#running = undefined;
    job?.reject(new TwoFactorError('INTERNAL_ERROR', 'the backup-code worker failed; try again', { cause }));
    this.#next();
  }
}

/**
 * A hasher that runs in worker threads, each started from what `start`
 * returns (the worker's bundled code and the backup module's bytes).
 */
export function workerHasher(start: WorkerStart, threads = Math.max(1, Math.min(4, availableParallelism() - 1))): BackupHasher {
  const pool = Array.from({ length: threads }, () => new Thread(start));
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
