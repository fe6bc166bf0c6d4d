/**
 * The browser build's `#wasm/otp`, `#wasm/sha2`, `#wasm/uri` and `#wasm/qr`:
 * the functions of the server build's glue (strings in, strings or numbers
 * out), over the lite codes module, which passes no strings and allocates
 * nothing (src/wasm.rs, `mod codes` and `mod buffer`). It also draws QR
 * codes: sdk/qr.ts calls its glue's `qrSvg` over the same buffer. Texts go as UTF-8 into the
 * module's buffer, one after another in the order the core checks them, each
 * as its length (-1 for an absent value, -2 for one that does not fit: one
 * the checks refuse); the module copies them out and wipes them there. Its
 * text answers (a secret, a URI holding one) are wiped from the buffer once
 * read.
 * @internal
 * @module
 */
import * as glue from '#glue/otp';
import { memoryOf, putTexts, takeText } from './buffer.js';

// What sdk/qr.ts calls: the glue's own, over the module's one buffer.
export { initSync, otpBuffer as qrBuffer, qrSvg } from '#glue/otp';

/** Bytes written into the module's buffer at most (`INPUT` in src/wasm.rs, `mod codes`, copies more). */
const INPUT = 8192;
/** Random bytes handed to `generateSecret`: as many as the longest secret takes. */
const RANDOM = 64;
/** What `str::trim` in the core takes off a name (Unicode White_Space). */
const SPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;

/** The error of the last code call that answered -2, in its wire form, until `takeError` takes it. */
let failure: string | undefined;

/** The module's memory, read after a call into it (`otpBuffer`). */
const memory = (): Uint8Array<ArrayBuffer> => memoryOf(glue.initSync);

/** Writes texts into the buffer; their lengths. */
function put(...texts: (string | undefined)[]): number[] {
  const start = glue.otpBuffer();
  return putTexts(memory(), start, INPUT, texts);
}

/** The text a call wrote (its length), wiped once read; an error's wire form (minus its length) is thrown. */
function text(length: number): string {
  const start = glue.otpBuffer();
  return takeText(memory(), start, length);
}

/** A code call's answer as the server build's glue gives it: -2 for an error, kept for `takeError`. */
function answer(value: number): number {
  if (value >= -1) return value;
  failure = text(-value);
  return -2;
}

export function takeError(): string {
  const taken = failure ?? '[]';
  failure = undefined;
  return taken;
}

/** `op` of the module's `code` (src/wasm.rs, `mod codes`). */
const enum Op { Hotp, Totp, VerifyHotp, VerifyTotp }

/** Codes and their verification: one function of the module (`code`). */
function codes(op: Op, at: number, range: number, afterStep: number | undefined, digits: number, period: number, ...texts: (string | undefined)[]): number {
  const [a = -1, s = -1, c = -1] = put(...texts);
  return answer(glue.code(op, at, range, afterStep !== undefined, afterStep ?? 0, digits, period, a, s, c));
}

export function hotp(secret: string, counter: number, algorithm: string | undefined, digits: number): number {
  return codes(Op.Hotp, counter, 0, undefined, digits, 0, algorithm, secret);
}

export function totp(secret: string, timestamp: number, algorithm: string | undefined, digits: number, period: number): number {
  return codes(Op.Totp, timestamp, 0, undefined, digits, period, algorithm, secret);
}

export function verifyHotp(secret: string, code: string, counter: number, lookAhead: number, algorithm: string | undefined, digits: number): number {
  return codes(Op.VerifyHotp, counter, lookAhead, undefined, digits, 0, algorithm, secret, code);
}

export function verifyTotp(
  secret: string, code: string, timestamp: number, window: number, afterStep: number | undefined,
  algorithm: string | undefined, digits: number, period: number,
): number {
  return codes(Op.VerifyTotp, timestamp, window, afterStep, digits, period, algorithm, secret, code);
}

export function generateSecret(bytes: number): string {
  let random = -1; // RANDOM_UNAVAILABLE, once the core has checked `bytes`
  const start = glue.otpBuffer();
  try {
    crypto.getRandomValues(memory().subarray(start, start + RANDOM));
    random = RANDOM;
  } catch {
    // no `crypto` in this runtime
  }
  return text(glue.generateSecret(bytes, random));
}

export function formatSecret(secret: string): string {
  return text(glue.formatSecret(put(secret)[0] ?? -1));
}

export function normalizeSecret(secret: string): string {
  return text(glue.normalizeSecret(put(secret)[0] ?? -1));
}

export function buildUri(
  type: string, secret: string, account: string, issuer: string | undefined, algorithm: string | undefined,
  digits: number, period: number, counter: number, image: string | undefined,
): string {
  // Names are trimmed as the core trims them, so that valid values always
  // fit (see INPUT); an issuer with a colon is refused for it first, whatever
  // its length, as ':' alone is.
  const name = issuer?.replace(SPACE, '');
  const [t = -1, a = -1, s = -1, n = -1, i = -1, m = -1] = put(type, algorithm, secret, account.replace(SPACE, ''), name?.includes(':') ? ':' : name, image);
  return text(glue.buildUri(digits, period, counter, t, a, s, n, i, m));
}
