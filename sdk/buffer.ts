/**
 * Texts through a module's static buffer instead of strings (src/wasm.rs,
 * `mod buffer`): the QR module's (sdk/qr.ts) and the browser build's codes
 * module's (sdk/otp-buffer.ts), one copy for both in a bundle.
 * @internal
 * @module
 */

/**
 * The memory of the running instance of a module, from its glue's
 * `initSync`, which returns the running instance's exports when called
 * without a module. Read after a call into the module, which may have
 * started a fresh instance (after a trap) or grown the memory.
 */
export function memoryOf(initSync: unknown): Uint8Array<ArrayBuffer> {
  return new Uint8Array((initSync as () => { memory: WebAssembly.Memory }).call(undefined).memory.buffer);
}

const encoder = /* @__PURE__ */ new TextEncoder();
const decoder = /* @__PURE__ */ new TextDecoder();

/**
 * Writes texts as UTF-8 into the buffer at `start` of a module's memory, one
 * after another, `input` bytes at most; their lengths: -1 for an absent one,
 * -2 for one that does not fit (one the checks refuse; what was written of
 * it is wiped, it may hold a secret).
 */
export function putTexts(memory: Uint8Array, start: number, input: number, texts: readonly (string | undefined)[]): number[] {
  let at = start;
  return texts.map((text) => {
    if (text === undefined) return -1;
    const { read, written } = encoder.encodeInto(text, memory.subarray(at, start + input));
    if (read < text.length) {
      memory.fill(0, at, start + input);
      return -2;
    }
    at += written;
    return written;
  });
}

/**
 * The text a call wrote at `start` (its length), wiped once read (it may be
 * a secret); an error's wire form (minus its length) is thrown, as the glue
 * of other modules throws it.
 */
export function takeText(memory: Uint8Array, start: number, length: number): string {
  const bytes = memory.subarray(start, start + Math.abs(length));
  const value = decoder.decode(bytes);
  bytes.fill(0);
  if (length < 0) throw value;
  return value;
}
