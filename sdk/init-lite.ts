/**
 * Readiness of the browser build's WebAssembly modules.
 * @module
 */
import { startAll } from './load.js';
import { part as otp } from '#part/otp';
import { part as qr } from '#part/qr';
import { part as sha2 } from '#part/sha2';
import { part as uri } from '#part/uri';

/**
 * Compiles and starts the browser build's codes module (codes, URIs, QR
 * codes) off the main thread; optional, as `init` of `twofa`. Not the one
 * that reads URIs, which pages that enroll users do not need (its bytes
 * stay out of their bundles): `parseUri` starts it on its first call.
 * @throws {TwoFactorError} `INTERNAL_ERROR` if the runtime cannot run WebAssembly.
 */
export function init(): Promise<void> {
  return startAll([otp, sha2, uri, qr]);
}
