// Browsers and bundlers (the `browser` and `default` conditions): server build as ES module.
import wasmBase64 from '#wasm-base64';
import { base64ToBytes, register } from '../load.js';

register(() => base64ToBytes(wasmBase64));

export { init } from '../init.js';
export * from '../index.js';
