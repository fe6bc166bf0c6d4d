// `twofa/browser`: the lite build (OTP, URI, QR, base32) for pages.
import wasmBase64 from '#wasm-base64';
import { base64ToBytes, register } from '../load.js';

register(() => base64ToBytes(wasmBase64));

export { init } from '../init.js';
export * from '../lite.js';
