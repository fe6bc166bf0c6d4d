
// Resolved at build time (scripts/build.mjs): what starting a backup-code
// worker thread takes, required on first use: the bundled code of
// sdk/worker/backup-worker.ts and the data it expects (the backup module's bytes).
declare module '#backup-worker' {
  export function workerStart(): { source: string; workerData: unknown };
}
