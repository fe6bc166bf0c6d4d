// `twofa/browser`: the lite build (OTP, URI, QR, base32) for pages.
import wasmBytes from '#wasm-bytes';
import { register, textToBytes } from '../load.js';

register(() => textToBytes(wasmBytes));

export { init } from '../init.js';
export * from '../lite.js';
