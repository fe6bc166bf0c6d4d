// Edge runtimes (`edge-light`: Next.js edge routes and middleware, Vercel):
// compiling WebAssembly from bytes is forbidden there, so the bundler compiles
// the shipped dist/twofa_bg.wasm, imported with `?module`. Server build.
import wasmModule from '#wasm-module';
import { register } from '../load.js';

register(() => wasmModule);

export { init } from '../init.js';
export * from '../index.js';
