// The `backup` WebAssembly module: backup codes and Argon2id (server build).
// `#wasm/backup` and `#wasm-source/backup` are resolved at build time (scripts/esbuild-wasm.mjs).
import { __wbg_reset_state, initSync } from '#wasm/backup';
import source from '#wasm-source/backup';
import { Part } from '../load.js';

export const backup = /* @__PURE__ */ new Part('backup', initSync, __wbg_reset_state, source);
