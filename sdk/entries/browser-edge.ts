// `twofa/browser` in edge runtimes (`edge-light`): the lite build from the
// shipped dist/twofa_lite_<part>_bg.wasm files, compiled by the bundler (`?module`).
export { init } from '../init-lite.js';
export * from '../lite.js';
