/**
 * Starting the WebAssembly modules. The core is cut by concern (`otp`, `uri`,
 * `qr`, `vault`, `backup`: see src/wasm.rs) into modules, each a
 * {@link Part} started on its first call, so a process compiles only what it
 * calls (scripts/esbuild-wasm.mjs says which module serves which concern). The bytes are inlined in the JavaScript (as a string of one
 * character per byte, which compresses like the binary; base64 in Node), so
 * no runtime or bundler has to locate a `.wasm` file next to the module
 * (bundlers move modules away from such files); edge runtimes get a module
 * their bundler compiled.
 *
 * Nothing is compiled at import: a process that imports twofa may never call
 * it. The first call of a concern compiles and instantiates its module
 * synchronously; `init()` instead compiles all of them off the main thread
 * where the runtime can, so that no call waits.
 * @internal
 * @module
 */
import { TwoFactorError } from './errors.js';
import type { Tables } from './messages.js';

/** Bytes to compile, or a module a bundler compiled. */
export type Source = Uint8Array<ArrayBuffer> | WebAssembly.Module;

/** One WebAssembly module and its wasm-bindgen glue's state. */
export class Part {
  /** Counts restarts of the instance (see {@link Part.restart}). */
  generation = 0;
  #compiled: WebAssembly.Module | undefined;
  #compiling: Promise<void> | undefined;
  #started = false;

  constructor(
    readonly name: string,
    private readonly instantiate: (options: { module: Source }) => unknown,
    private readonly reset: () => void,
    private readonly source: () => Source,
    /** The words of the errors it reports. */
    readonly tables: Tables,
  ) {}

  /** Instantiates the module if that has not happened yet (every call into it comes through here). */
  ensureStarted(): void {
    if (this.#started) return;
    try {
      this.instantiate({ module: this.#compiled ?? checked(this.source()) });
    } catch (error) {
      throw startFailure(error);
    }
    this.#started = true;
  }

  /**
   * Compiles asynchronously (off the main thread where the runtime can),
   * then instantiates. A failure is reported like the synchronous path's and
   * is not remembered: a later call tries again.
   */
  startAsync(): Promise<void> {
    this.#compiling ??= (async () => {
      if (this.#started) return;
      try {
        const module = this.source();
        this.#compiled = module instanceof Uint8Array ? await WebAssembly.compile(checked(module)) : module;
      } catch (error) {
        throw startFailure(error);
      }
    })().finally(() => {
      this.#compiling = undefined;
    });
    return this.#compiling.then(() => this.ensureStarted());
  }

  /** A fresh instance after a trap, whose state is undefined; the module stays compiled. */
  restart(): void {
    this.reset();
    this.generation += 1;
  }
}

/** Compiles and starts every part off the main thread (what `init()` does). */
export function startAll(parts: readonly Part[]): Promise<void> {
  // A build may serve several concerns from one module: start each module once.
  return Promise.all([...new Set(parts)].map((part) => part.startAsync())).then(() => undefined);
}

/** What each byte of a module inlined in a script was XORed with (`BYTE_MASK` in scripts/build.mjs). */
const BYTE_MASK = 0x35;

/** The bytes of a string of one character (U+0000 to U+00FF) per byte, each XORed with `BYTE_MASK`. */
export function textToBytes(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) ^ BYTE_MASK;
  return bytes;
}

function startFailure(error: unknown): TwoFactorError {
  if (error instanceof TwoFactorError) return error;
  if ((error as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND') {
    // Node requires each module's file on first use (scripts/esbuild-wasm.mjs, shipping 'file').
    return new TwoFactorError('INTERNAL_ERROR', "a file of twofa's WebAssembly modules is missing; keep the files of twofa's dist/ folder together (reinstall the package)", { cause: error });
  }
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
