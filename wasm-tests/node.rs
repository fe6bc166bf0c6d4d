//! wasm-bindgen tests in Node: `wasm-pack test --node -- --test wasm_node`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

#[path = "suite.rs"]
mod suite;
