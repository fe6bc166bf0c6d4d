// `twofa/browser`: the lite build (OTP, URI, QR, base32) for pages, each
// module's bytes inlined one character per byte.
export { init } from '../init-lite.js';
export * from '../lite.js';
