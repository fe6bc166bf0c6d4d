// Edge runtimes (`edge-light`: Next.js edge routes and middleware, Vercel):
// compiling WebAssembly from bytes is forbidden there, so the bundler compiles
// the shipped dist/twofa_<part>_bg.wasm files, imported with `?module`. Server build.
export { init } from '../init.js';
export * from '../index.js';
