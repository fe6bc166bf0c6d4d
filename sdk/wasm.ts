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

interface CoreError {
  name: string;
  code: TwoFactorErrorCode;
  message: string;
}

function isCoreError(value: unknown): value is CoreError {
  return value instanceof Error && value.name === 'TwoFactorError' && typeof (value as Partial<CoreError>).code === 'string';
}

/** Runs one call into the module, translating its errors. */
export function call<T>(run: () => T): T {
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
    return new TwoFactorError(
      'INTERNAL_ERROR',
      'the twofa WebAssembly module failed and was restarted; this is a bug in twofa, please report it',
      { cause: error },
    );
  }
  return new TwoFactorError('INTERNAL_ERROR', `unexpected failure in twofa: ${String(error)}`, { cause: error });
}
