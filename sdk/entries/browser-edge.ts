// `twofa/browser` in edge runtimes (`edge-light`): the lite build from the
// shipped dist/twofa_lite_bg.wasm, compiled by the bundler (`?module`).
import wasmModule from '#wasm-module';
import { register } from '../load.js';

register(() => wasmModule);

export { init } from '../init.js';
export * from '../lite.js';
