
// Resolved at build time (scripts/build.mjs) to the bundled code of the
// backup-code worker thread (sdk/worker/backup-worker.ts), as a string.
declare module '#backup-worker-source' {
  const source: string;
  export default source;
}

// Resolved at build time (scripts/esbuild-wasm.mjs) to the base64 of the module serving a concern.
declare module '#wasm-base64/*' {
  const base64: string;
  export default base64;
}
