// Resolved at build time (scripts/build.mjs) to the generated module holding
// the server or lite WebAssembly bytes as base64.
declare module '#wasm-base64' {
  const base64: string;
  export default base64;
}

// Resolved at build time to `./twofa_bg.wasm?module` (or the lite file): in
// edge runtimes the bundler compiles the shipped .wasm file into a module.
declare module '#wasm-module' {
  const module: WebAssembly.Module;
  export default module;
}
