/**
 * Readiness of the WebAssembly modules.
 * @module
 */
import { startAll } from './load.js';
import { part as backup } from '#part/backup';
import { part as otp } from '#part/otp';
import { part as parse } from '#part/parse';
import { part as qr } from '#part/qr';
import { part as sha2 } from '#part/sha2';
import { part as uri } from '#part/uri';
import { part as vault } from '#part/vault';

/**
 * Compiles and starts twofa's WebAssembly modules without blocking: call it
 * at startup (a server's boot, a page's load) so that no twofa call compiles
 * a module on the spot (otherwise each concern's first call does: a few
 * milliseconds in Node 20). Optional, and any number of calls share one start.
 *
 * @example
 * ```ts
 * import { init, totp } from 'twofa';
 * await init(); // optional
 * totp({ secret });
 * ```
 * @throws {TwoFactorError} `INTERNAL_ERROR` if the runtime cannot run WebAssembly.
 */
export function init(): Promise<void> {
  return startAll([otp, sha2, uri, parse, qr, vault, backup]);
}
