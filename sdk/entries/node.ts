// Node entry (CommonJS build; the ESM entry re-exports it): server build.
import wasmBase64 from '#wasm-base64';
import { register } from '../load.js';

register(() => Buffer.from(wasmBase64, 'base64'));

export { init } from '../init.js';
export * from '../index.js';
