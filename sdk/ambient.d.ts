// Resolved at build time (scripts/esbuild-wasm.mjs) for each WebAssembly
// module (`otp`, `qr`, `vault`, `backup`) of the entry's build (server
// or lite): a function returning the module's bytes (inlined one character
// per byte, or base64 in Node) or, in edge runtimes, the module the bundler
// compiled from `./twofa_<part>_bg.wasm?module`. Read on first use only.
declare module '#wasm-source/*' {
  const source: () => Uint8Array<ArrayBuffer> | WebAssembly.Module;
  export default source;
}
