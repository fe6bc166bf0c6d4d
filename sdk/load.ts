/**
 * Starting the WebAssembly module. The bytes are inlined in the JavaScript
 * (as a string of one character per byte, which compresses like the binary),
 * so no runtime or bundler has to locate a `.wasm` file next to the module
 * (bundlers move modules away from such files); edge runtimes get a module
 * their bundler compiled.
 *
 * Nothing is compiled at import: compiling takes most of the cost of loading
 * (about 10 ms in Node 20, most of it validating the module), and a process
 * that imports twofa may never call it.
 * The first call compiles and instantiates synchronously; `init()` instead
 * compiles off the main thread where the runtime can, so the first call is
 * then as fast as any other.
 * @internal
 * @module
 */
import * as glue from '#wasm';
import { TwoFactorError } from './errors.js';

type Source = Uint8Array<ArrayBuffer> | WebAssembly.Module;

let source: (() => Source) | undefined;
let compiled: WebAssembly.Module | undefined;
let compiling: Promise<void> | undefined;
let started = false;

/** The bytes of a string of one character (U+0000 to U+00FF) per byte. */
export function textToBytes(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Says where the module comes from (bytes, or a module compiled by a bundler); read on first use. */
export function register(load: () => Source): void {
  source = load;
}

/** Instantiates the module if that has not happened yet (every call into it comes through here). */
export function ensureStarted(): void {
  if (started) return;
  try {
    if (!source) throw new Error('no WebAssembly module was registered');
    glue.initSync({ module: compiled ?? checked(source()) });
  } catch (error) {
    throw startFailure(error);
  }
  started = true;
}

/**
 * Compiles asynchronously (off the main thread where the runtime can), then
 * instantiates. A failure is reported like the synchronous path's and is not
 * remembered: a later call tries again.
 */
export function startAsync(): Promise<void> {
  compiling ??= (async () => {
    if (started || !source) return;
    const module = source();
    try {
      compiled = module instanceof Uint8Array ? await WebAssembly.compile(checked(module)) : module;
    } catch (error) {
      throw startFailure(error);
    }
  })().finally(() => {
    compiling = undefined;
  });
  return compiling.then(ensureStarted);
}

function startFailure(error: unknown): TwoFactorError {
  if (error instanceof TwoFactorError) return error;
  return new TwoFactorError(
    'INTERNAL_ERROR',
    `the twofa WebAssembly module could not be started (${String(error)}); in browsers, a Content-Security-Policy must allow 'wasm-unsafe-eval'`,
    { cause: error },
  );
}

/**
 * The inlined bytes survive any bundler that keeps the string's characters,
 * but a classic script served in a non-UTF-8 charset would alter them: say
 * so instead of failing to compile.
 */
function checked<T extends Source>(module: T): T {
  if (module instanceof Uint8Array && !(module[0] === 0 && module[1] === 0x61 && module[2] === 0x73 && module[3] === 0x6d)) {
    throw new TwoFactorError(
      'INTERNAL_ERROR',
      'the twofa WebAssembly bytes inlined in the script were altered (is the script served with a charset other than UTF-8?); serve it as UTF-8 or as a module',
    );
  }
  return module;
}
