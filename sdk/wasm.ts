/**
 * The bridge to the WebAssembly module. Modules import the glue as
 * `import * as glue from '#wasm'`, resolved at build time to the server or the
 * lite wasm-bindgen glue (only property accesses, so bundlers drop what is
 * unused); `call` turns whatever the module throws into a {@link TwoFactorError}.
 * @internal
 * @module
 */
import { __wbg_reset_state } from '#wasm';
import { TwoFactorError, type TwoFactorErrorCode } from './errors.js';
import { ensureStarted } from './load.js';

interface CoreError {
  name: string;
  code: TwoFactorErrorCode;
  message: string;
}

function isCoreError(value: unknown): value is CoreError {
  return value instanceof Error && value.name === 'TwoFactorError' && typeof (value as Partial<CoreError>).code === 'string';
}

/** Counts restarts of the instance (see {@link translate}). */
let instanceGeneration = 0;

/**
 * An object living in the module's memory (a prepared key, a key ring). A
 * restart of the instance discards that memory, so the object is rebuilt from
 * its arguments on next use instead of pointing into the new instance.
 */
export class CoreObject<T extends { free(): void }> {
  #value: T | undefined;
  #generation: number;
  readonly #create: () => T;
  readonly #kind: string;

  constructor(kind: string, create: () => T) {
    this.#kind = kind;
    this.#create = create;
    this.#value = call(create);
    this.#generation = instanceGeneration;
  }

  /** The object in the current instance. */
  get(): T {
    if (this.#value === undefined) {
      throw new TwoFactorError('KEY_DISPOSED', `this ${this.#kind} was disposed; create a new one`);
    }
    if (this.#generation !== instanceGeneration) {
      this.#value = call(this.#create);
      this.#generation = instanceGeneration;
    }
    return this.#value;
  }

  /** Frees the object's memory now; later uses throw `KEY_DISPOSED`. */
  dispose(): void {
    if (this.#value !== undefined && this.#generation === instanceGeneration) this.#value.free();
    this.#value = undefined;
  }
}

/** Runs one call into the module, translating its errors. */
export function call<T>(run: () => T): T {
  ensureStarted();
  try {
    return run();
  } catch (error) {
    throw translate(error);
  }
}

function translate(error: unknown): TwoFactorError {
  if (error instanceof TwoFactorError) return error;
  if (isCoreError(error)) return new TwoFactorError(error.code, error.message);
  if (error instanceof WebAssembly.RuntimeError) {
    // A trap leaves the instance's state undefined: start a fresh one so
    // that this failure does not turn into a failure of every later call.
    __wbg_reset_state();
    instanceGeneration += 1;
    return new TwoFactorError(
      'INTERNAL_ERROR',
      'the twofa WebAssembly module failed and was restarted; this is a bug in twofa, please report it',
      { cause: error },
    );
  }
  return new TwoFactorError('INTERNAL_ERROR', `unexpected failure in twofa: ${String(error)}`, { cause: error });
}
