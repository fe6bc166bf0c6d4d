// The enrollment QR code as the server drew it (`beginEnrollment`'s `qrSvg`),
// redrawn here without WebAssembly: the widget needs no QR encoder, and its
// pages no 'wasm-unsafe-eval'. The server's markup is never inserted: only
// the exact document twofa's `qrSvg` writes is accepted, its module rows
// taken out, and a fresh SVG built around them with the widget's own
// colours and name. Anything else draws nothing.

import { attrs } from './shared.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Longer than any QR code twofa draws (version 40, every other module dark: about 95,000 characters). */
const MAX_LENGTH = 100_000;
/** Widest side: version 40 (177 modules) with the largest margin `qrSvg` takes (64 on each side). */
const MAX_SIDE = 177 + 2 * 64;

// What src/qr.rs writes, and nothing else: the side twice (two or three
// digits, no leading zero), an optional name (escaped: no quote or angle
// bracket inside), an optional background, and one path of rows (`M x y.5 h
// run`, then `m gap 0 h run` for the next runs of the row) with at most three
// digits per number. No repetition in it can match the same text two ways,
// so a long string that fails, fails in linear time.
const COLOUR = '(?:#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,32})';
const NAME = '[^"<>]{0,6200}';
const ROWS = '(?:M\\d{1,3} \\d{1,3}\\.5h\\d{1,3}(?:m\\d{1,3} 0h\\d{1,3})*)+';
const DOCUMENT = new RegExp(
  '^<svg xmlns="http://www\\.w3\\.org/2000/svg" viewBox="0 0 ([1-9]\\d{1,2}) \\1" shape-rendering="crispEdges" role="img"'
  + `(?: aria-label="${NAME}"><title>${NAME}</title>|>)`
  + `(?:<rect width="100%" height="100%" fill="${COLOUR}"/>)?`
  + `<path stroke="${COLOUR}" d="(${ROWS})"/></svg>$`,
);

/** The QR code's side (in modules, margin included) and its path, if `svg` is exactly what twofa's `qrSvg` writes. */
export function parseQrSvg(svg: unknown): { side: number; path: string } | undefined {
  if (typeof svg !== 'string' || svg.length > MAX_LENGTH) return undefined;
  const match = DOCUMENT.exec(svg);
  const side = Number(match?.[1]);
  if (!match || !(side >= 21 && side <= MAX_SIDE)) return undefined; // 21: the smallest QR code, without margin
  return { side, path: match[2]! };
}

/** A fresh SVG of the QR code in `svg` (see {@link parseQrSvg}), named `title`; undefined when `svg` is not one. */
export function redrawQrSvg(svg: unknown, title: string): SVGSVGElement | undefined {
  const qr = parseQrSvg(svg);
  if (!qr) return undefined;
  const box = `0 0 ${qr.side} ${qr.side}`;
  const name = svgElement('title', {});
  name.textContent = title;
  return svgElement('svg', { viewBox: box, 'shape-rendering': 'crispEdges', role: 'img', 'aria-label': title }, name,
    svgElement('rect', { width: '100%', height: '100%', fill: '#fff' }),
    svgElement('path', { stroke: '#000', d: qr.path }));
}

function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string>, ...children: Node[]): SVGElementTagNameMap[K] {
  const element = attrs(document.createElementNS(SVG_NS, tag), attributes);
  element.append(...children);
  return element;
}
