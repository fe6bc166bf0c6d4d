// Resolved at build time (scripts/build.mjs) to the generated module holding
// the server or lite WebAssembly bytes as base64.
declare module '#wasm-base64' {
  const base64: string;
  export default base64;
}
