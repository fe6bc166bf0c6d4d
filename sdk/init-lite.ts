/**
 * Readiness of the browser build's WebAssembly modules.
 * @module
 */
import { startAll } from './load.js';
import { otp } from './parts/otp.js';
import { qr } from './parts/qr.js';

/**
 * Compiles and starts the browser build's WebAssembly modules (OTP and URIs,
 * QR) off the main thread; optional, as `init` of `twofa`.
 * @throws {TwoFactorError} `INTERNAL_ERROR` if the runtime cannot run WebAssembly.
 */
export function init(): Promise<void> {
  return startAll([otp, qr]);
}
