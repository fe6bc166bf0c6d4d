// esbuild plugin: `#wasm` (the wasm-bindgen glue), `#wasm-bytes` (the
// module's bytes, one character per byte: compresses well, for bundles) and
// `#wasm-base64` (the same as base64: parses faster, for Node) resolve to one
// build's generated files in pkg/<build>/.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function wasmBuild(name) {
  return {
    name: `twofa-${name}-wasm`,
    setup(build) {
      build.onResolve({ filter: /^#wasm$/ }, () => ({ path: join(root, 'pkg', name, 'twofa.js') }));
      build.onResolve({ filter: /^#wasm-bytes$/ }, () => ({ path: join(root, 'pkg', name, 'wasm-bytes.js') }));
      build.onResolve({ filter: /^#wasm-base64$/ }, () => ({ path: join(root, 'pkg', name, 'wasm-base64.js') }));
    },
  };
}
