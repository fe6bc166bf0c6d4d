// The `otp` WebAssembly module: secrets, HOTP/TOTP codes, prepared keys and otpauth URIs.
// `#wasm/otp` and `#wasm-source/otp` are resolved at build time (scripts/esbuild-wasm.mjs).
import { __wbg_reset_state, initSync } from '#wasm/otp';
import source from '#wasm-source/otp';
import { Part } from '../load.js';

export const otp = /* @__PURE__ */ new Part('otp', initSync, __wbg_reset_state, source);
