/**
 * Readiness of the browser build's WebAssembly modules.
 * @module
 */
import { startAll } from './load.js';
import { part as otp } from '#part/otp';
import { part as qr } from '#part/qr';
import { part as uri } from '#part/uri';

/**
 * Compiles and starts the browser build's WebAssembly modules (codes, URIs,
 * QR) off the main thread; optional, as `init` of `twofa`.
 * @throws {TwoFactorError} `INTERNAL_ERROR` if the runtime cannot run WebAssembly.
 */
export function init(): Promise<void> {
  return startAll([otp, uri, qr]);
}
