/**
 * QR codes for enrollment, drawn locally: the secret never goes to a QR service.
 * @module
 */
import { choice, num, optionalStr, options, str } from './checks.js';
import * as glue from '#wasm/qr';
import { part as qr } from '#part/qr';
import { memoryOf, putTexts, takeText } from './buffer.js';
import { call } from './wasm.js';

/** Error-correction level: L 7 %, M 15 %, Q 25 %, H 30 % recoverable. */
export type QrEcc = 'L' | 'M' | 'Q' | 'H';

/** Options of {@link qrSvg}. */
export interface QrSvgOptions {
  /** Default `'M'`. */
  ecc?: QrEcc;
  /** Quiet zone in modules, 0 to 64; default 4 (the standard's minimum). */
  margin?: number;
  /** Dark module colour: `#rgb`, `#rrggbb`, `#rrggbbaa` or a CSS name; default `'#000'`. */
  dark?: string;
  /** Background colour, or `'none'`; default `'#fff'`. */
  light?: string;
  /** Accessible name, written as `<title>` and `aria-label`. */
  title?: string;
}

/** @internal */
export const ECC: readonly QrEcc[] = ['L', 'M', 'Q', 'H'];

/**
 * The QR code of `text` as an SVG document: one background rectangle and one
 * path, scalable to any size (set width and height with CSS).
 *
 * @example
 * ```ts
 * element.innerHTML = qrSvg(uri, { title: 'Scan with your authenticator app' });
 * ```
 * @throws {TwoFactorError} `INVALID_OPTION` (also when `text` is too long for a QR code).
 */
export function qrSvg(text: string, opts?: QrSvgOptions): string {
  const t = str('text', text);
  const o = options('qrSvg', opts, ['ecc', 'margin', 'dark', 'light', 'title'], false);
  const ecc = choice('ecc', o.ecc, ECC, 'M');
  const margin = num('margin', o.margin, 4);
  const dark = o.dark === undefined ? '#000' : str('dark', o.dark);
  const light = o.light === undefined ? '#fff' : str('light', o.light);
  const title = optionalStr('title', o.title);
  return call(qr, () => {
    // The module passes no strings (src/wasm.rs, mod qr): the options and the
    // text go as UTF-8 into its buffer, one after another, each as its length
    // (-1 for no title, -2 for a value that does not fit: one the checks refuse).
    // The memory is read after the first call and again after qrSvg (in the server build it may grow).
    const memory = () => memoryOf(glue.initSync);
    const start = glue.qrBuffer();
    const [e = -1, d = -1, l = -1, ti = -1, te = -1] = putTexts(memory(), start, INPUT, [ecc, dark, light, title, t]);
    const length = glue.qrSvg(margin, e, d, l, ti, te);
    return takeText(memory(), start, length);
  });
}

/** Bytes written into the module's buffer at most (`INPUT` in src/wasm.rs). */
const INPUT = 16_384;
