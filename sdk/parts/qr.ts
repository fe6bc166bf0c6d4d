// The `qr` WebAssembly module: QR codes.
// `#wasm/qr` and `#wasm-source/qr` are resolved at build time (scripts/esbuild-wasm.mjs).
import { __wbg_reset_state, initSync } from '#wasm/qr';
import source from '#wasm-source/qr';
import { Part } from '../load.js';

export const qr = /* @__PURE__ */ new Part('qr', initSync, __wbg_reset_state, source);
