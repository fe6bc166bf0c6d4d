/**
 * The bridge to the WebAssembly modules. SDK modules import, for their
 * concern, the glue as `import * as glue from '#wasm/otp'` and the module as
 * `import { part as otp } from '#part/otp'` (resolved at build time for the
 * server or the lite build; only property accesses, so bundlers drop what is
 * unused) and call the glue through {@link call} with that part, which
 * starts the module on first use and turns whatever it throws into a
 * {@link TwoFactorError}.
 * @internal
 * @module
 */
import { TwoFactorError } from './errors.js';
import type { Part } from './load.js';
import { errorText } from './messages.js';

/**
 * An object living in a module's memory (a prepared key, a key ring). A
 * restart of the instance discards that memory, so the object is rebuilt from
 * its arguments on next use instead of pointing into the new instance.
 */
export class CoreObject<T extends { free(): void }> {
  #value: T | undefined;
  #generation: number;
  readonly #part: Part;
  readonly #create: () => T;
  readonly #kind: string;

  constructor(part: Part, kind: string, create: () => T) {
    this.#part = part;
    this.#kind = kind;
    this.#create = create;
    this.#value = call(part, create);
    this.#generation = part.generation;
  }

  /** The object in the current instance. */
  get(): T {
    if (this.#value === undefined) {
      throw new TwoFactorError('KEY_DISPOSED', `this ${this.#kind} was disposed; create a new one`);
    }
    if (this.#generation !== this.#part.generation) {
      this.#value = call(this.#part, this.#create);
      this.#generation = this.#part.generation;
    }
    return this.#value;
  }

  /** Frees the object's memory now; later uses throw `KEY_DISPOSED`. */
  dispose(): void {
    if (this.#value !== undefined && this.#generation === this.#part.generation) this.#value.free();
    this.#value = undefined;
  }
}

/** Runs one call into a part's module, starting it first, translating its errors. */
export function call<T>(part: Part, run: () => T): T {
  part.ensureStarted();
  try {
    return run();
  } catch (error) {
    throw translate(part, error);
  }
}

function translate(part: Part, error: unknown): TwoFactorError {
  if (error instanceof TwoFactorError) return error;
  // The core throws its errors in their wire form: '[id, values...]'.
  if (typeof error === 'string' && error.startsWith('[')) {
    const [code, message] = errorText(JSON.parse(error) as unknown[], part.tables);
    return new TwoFactorError(code, message);
  }
  if (error instanceof WebAssembly.RuntimeError) {
    // A trap leaves the instance's state undefined: start a fresh one so
    // that this failure does not turn into a failure of every later call.
    part.restart();
    return new TwoFactorError(
      'INTERNAL_ERROR',
      'the twofa WebAssembly module failed and was restarted; this is a bug in twofa, please report it',
      { cause: error },
    );
  }
  return new TwoFactorError('INTERNAL_ERROR', `unexpected failure in twofa: ${String(error)}`, { cause: error });
}
