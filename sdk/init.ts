/**
 * Readiness of the WebAssembly module.
 * @module
 */

const ready: Promise<void> = Promise.resolve();

/**
 * Resolves when the module is ready. It already is once the import has
 * finished: `init()` exists so code written for asynchronous loaders keeps
 * working, and it may be called any number of times.
 *
 * @example
 * ```ts
 * import { init, totp } from 'twofa';
 * await init(); // optional
 * totp({ secret });
 * ```
 */
export function init(): Promise<void> {
  return ready;
}
