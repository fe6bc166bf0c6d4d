// Resolved at build time (scripts/build.mjs) to the generated module holding
// the server or lite WebAssembly bytes, one character (U+0000-U+00FF) per byte.
declare module '#wasm-bytes' {
  const bytes: string;
  export default bytes;
}

// The same bytes as base64 (Node's entry: it parses faster than escapes).
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
