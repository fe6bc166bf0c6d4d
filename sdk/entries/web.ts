// Browsers and bundlers (the `browser` and `default` conditions): server build as ES module.
import wasmBytes from '#wasm-bytes';
import { register, textToBytes } from '../load.js';

register(() => textToBytes(wasmBytes));

export { init } from '../init.js';
export * from '../index.js';
