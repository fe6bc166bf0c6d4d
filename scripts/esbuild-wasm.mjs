// esbuild plugin: resolves, for one build (server or lite) and one way of
// shipping the bytes, each WebAssembly module's imports:
//   `#wasm/<part>`         the part's wasm-bindgen glue (pkg/<build>/<part>/twofa.js);
//   `#wasm-source/<part>`  a function returning what to compile, read on first use:
//      'bytes'  the bytes inlined one character per byte (compresses like the binary: bundles),
//      'base64' the bytes inlined as base64 (parses faster: Node),
//      'module' the shipped dist/<file> imported with `?module`, compiled by the bundler (edge runtimes).
// Each part's source is a separate pure function, so a bundle that never
// calls into a part drops its bytes.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The file a part's module is shipped as in dist/. */
export const wasmFile = (build, part) => `twofa_${build === 'lite' ? 'lite_' : ''}${part}_bg.wasm`;

export function wasmBuild(build, shipping) {
  const pkg = (part, file) => join(root, 'pkg', build, part, file);
  const sources = {
    bytes: (part) => `import text from ${JSON.stringify(pkg(part, 'wasm-bytes.js'))};
import { textToBytes } from ${JSON.stringify(join(root, 'sdk/load.ts'))};
export default () => textToBytes(text);`,
    base64: (part) => `import base64 from ${JSON.stringify(pkg(part, 'wasm-base64.js'))};
export default () => Buffer.from(base64, 'base64');`,
    module: (part) => `import module from ${JSON.stringify(`./${wasmFile(build, part)}?module`)};
export default () => module;`,
  };
  return {
    name: `twofa-${build}-wasm-${shipping}`,
    setup(b) {
      b.onResolve({ filter: /^#wasm\/[a-z]+$/ }, (args) => ({ path: pkg(args.path.slice(6), 'twofa.js') }));
      b.onResolve({ filter: /^#wasm-source\/[a-z]+$/ }, (args) => ({ path: args.path.slice(13), namespace: 'twofa-wasm-source' }));
      b.onResolve({ filter: /\.wasm\?module$/ }, (args) => ({ path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: 'twofa-wasm-source' }, (args) => ({
        contents: sources[shipping](args.path), resolveDir: root, loader: 'js',
      }));
    },
  };
}
