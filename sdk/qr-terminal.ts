/**
 * QR codes as text for terminals (server build: `twofa`, not `twofa/browser`,
 * whose module has no terminal drawing).
 * @module
 */
import { choice, num, options, str } from './checks.js';
import * as glue from '#wasm/qr';
import { part as qr } from '#part/qr';
import { ECC, type QrEcc } from './qr.js';
import { call } from './wasm.js';

/** Options of {@link qrTerminal}. */
export interface QrTerminalOptions {
  /** Default `'L'`: the smallest code, fine on a screen. */
  ecc?: QrEcc;
  /** Quiet zone in modules; default 2. */
  margin?: number;
}

/**
 * The QR code of `text` drawn with Unicode half blocks for a terminal (light
 * modules are blocks, for the usual dark background).
 *
 * @example
 * ```ts
 * console.log(qrTerminal(uri));
 * ```
 * @throws {TwoFactorError} `INVALID_OPTION`.
 */
export function qrTerminal(text: string, opts?: QrTerminalOptions): string {
  const t = str('text', text);
  const o = options('qrTerminal', opts, ['ecc', 'margin'], false);
  const ecc = choice('ecc', o.ecc, ECC, 'L');
  const margin = num('margin', o.margin, 2);
  return call(qr, () => glue.qrTerminal(t, ecc, margin));
}
