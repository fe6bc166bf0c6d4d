
// Resolved at build time (scripts/build.mjs) to the bundled code of the
// backup-code worker thread (sdk/worker/backup-worker.ts), as a string.
declare module '#backup-worker-source' {
  const source: string;
  export default source;
}
