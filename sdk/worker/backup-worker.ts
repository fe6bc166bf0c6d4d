// The backup-code worker thread (Node): hashes and checks backup codes with
// Argon2id off the main thread. Built on its own (scripts/build.mjs) into a
// string that the Node entry starts with `new Worker(source, { eval: true })`,
// so it needs no file on disk (bundlers move files; a string moves with the
// code). It compiles only the backup WebAssembly module.
import { parentPort } from 'node:worker_threads';
import { hashBackupCodes, importBackupCodes, useBackupCode } from '../backup.js';
import { TwoFactorError } from '../errors.js';
import type { BackupJob, BackupReply } from './protocol.js';

function run(job: BackupJob): unknown {
  switch (job.op) {
    case 'use':
      return useBackupCode(...job.args);
    case 'hash':
      return hashBackupCodes(...job.args);
    case 'import':
      return importBackupCodes(...job.args);
  }
}

parentPort!.on('message', (job: BackupJob) => {
  let reply: BackupReply;
  try {
    reply = { id: job.id, value: run(job) };
  } catch (error) {
    const known = error instanceof TwoFactorError;
    reply = { id: job.id, error: { code: known ? error.code : 'INTERNAL_ERROR', message: known ? error.message : String(error) } };
  }
  parentPort!.postMessage(reply);
});
