// Node entry (CommonJS build; the ESM entry re-exports it): server build.
import wasmBytes from '#wasm-bytes';
import { register } from '../load.js';

register(() => Buffer.from(wasmBytes, 'latin1'));

export { init } from '../init.js';
export * from '../index.js';
