/**
 * Instantiating the WebAssembly module. The bytes are inlined as base64 in
 * the JavaScript, so no runtime or bundler has to locate a `.wasm` file next
 * to the module (bundlers move modules away from such files). Compilation is
 * synchronous: modules of this size compile in milliseconds, and browsers
 * have allowed `new WebAssembly.Module` on the main thread since 2023.
 * @internal
 * @module
 */
import * as glue from '#wasm';

/** Decodes base64 with `atob`, present in every browser, worker and Node >= 16. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Instantiates the module once (from bytes, or a module compiled by a bundler); later calls do nothing. */
export function instantiate(module: Uint8Array | WebAssembly.Module): void {
  glue.initSync({ module });
}
