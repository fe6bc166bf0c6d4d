// Browsers and bundlers (the `browser` and `default` conditions): server build
// as ES module, each module's bytes inlined one character per byte.
export { init } from '../init.js';
export * from '../index.js';
