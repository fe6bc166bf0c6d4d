/**
 * The type of `#part/<concern>`, resolved at build time (scripts/esbuild-wasm.mjs)
 * for each concern of the core (`otp`, `uri`, `qr`, `vault`, `backup`) to the
 * WebAssembly module of the entry's build (server or lite) that serves it:
 * `part` starts that module on first use, from bytes inlined in the JavaScript
 * or, in edge runtimes, from the module the bundler compiled. `#wasm/<concern>`
 * is that module's wasm-bindgen glue.
 * @internal
 * @module
 */
import type { Part } from './load.js';

export declare const part: Part;
