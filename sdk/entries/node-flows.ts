// Node entry's second file (dist/twofa_flows.cjs): `createTwoFactor` and
// what only it needs, required on its first call, so that a process that only
// checks codes does not parse the flows. It shares every other module with
// dist/node.cjs (one error class, one instance of each WebAssembly module):
// scripts/node-split.mjs resolves those imports to node.cjs's own.
// Backup codes are hashed and checked in a worker thread (sdk/worker/), so
// Argon2id never blocks the event loop; its code and bytes are required when
// the first worker starts (`#backup-worker`, scripts/build.mjs).
import { workerStart } from '#backup-worker';
import { installBackupHasher } from '../flows/backup-check.js';
import { workerHasher } from '../worker/pool.js';

installBackupHasher(workerHasher(workerStart));

export { createTwoFactor, keysFromEnv } from '../flows/index.js';
