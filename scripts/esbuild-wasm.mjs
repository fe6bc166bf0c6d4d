// esbuild plugin: `#wasm` (the wasm-bindgen glue) and `#wasm-bytes` (the
// module's bytes, one character per byte) resolve to one build's generated
// files in pkg/<build>/.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function wasmBuild(name) {
  return {
    name: `twofa-${name}-wasm`,
    setup(build) {
      build.onResolve({ filter: /^#wasm$/ }, () => ({ path: join(root, 'pkg', name, 'twofa.js') }));
      build.onResolve({ filter: /^#wasm-bytes$/ }, () => ({ path: join(root, 'pkg', name, 'wasm-bytes.js') }));
    },
  };
}
