// Node entry (CommonJS build; the ESM entry re-exports it): server build,
// each module's bytes inlined as base64 (`#wasm-source/*`, see scripts/esbuild-wasm.mjs).
// Backup codes are hashed and checked in a worker thread (sdk/worker/), so
// Argon2id never blocks the event loop.
import workerSource from '#backup-worker-source';
import backupWasm from '#wasm-base64/backup';
import { installBackupHasher } from '../flows/backup-check.js';
import { workerHasher } from '../worker/pool.js';

installBackupHasher(workerHasher(workerSource, { wasm: backupWasm }));

export { init } from '../init.js';
export * from '../index.js';
