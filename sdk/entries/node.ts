// Node entry (CommonJS build; the ESM entry re-exports it): server build,
// each module's bytes inlined as base64 (`#wasm-source/*`, see scripts/esbuild-wasm.mjs).
export { init } from '../init.js';
export * from '../index.js';
