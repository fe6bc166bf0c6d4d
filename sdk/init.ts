/**
 * Readiness of the WebAssembly module.
 * @module
 */
import { startAsync } from './load.js';

/**
 * Compiles and starts the WebAssembly module without blocking: call it at
 * startup (a server's boot, a page's load) so that the first twofa call does
 * not compile the module on the spot (about 10 ms in Node 20). Optional: without
 * it the first call starts the module synchronously. Any number of calls
 * share one start.
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
  return startAsync();
}
