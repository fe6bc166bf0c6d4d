// The `vault` WebAssembly module: key rings, sealed values and tokens (server build).
// `#wasm/vault` and `#wasm-source/vault` are resolved at build time (scripts/esbuild-wasm.mjs).
import { __wbg_reset_state, initSync } from '#wasm/vault';
import source from '#wasm-source/vault';
import { Part } from '../load.js';

export const vault = /* @__PURE__ */ new Part('vault', initSync, __wbg_reset_state, source);
