// Node entry (CommonJS build; the ESM entry re-exports it): server build.
// Each module's bytes are base64 in a file of their own, required on the
// module's first call (scripts/esbuild-wasm.mjs), and `createTwoFactor` with
// the flows is in dist/twofa_flows.cjs (entries/node-flows.ts), required on
// its first call: `require('twofa')` parses neither.
export { init } from '../init.js';
export * from '../index.js';
