//! RFC and oathtool vectors, natively.
#![cfg(not(target_arch = "wasm32"))] // native only; wasm-tests/ covers wasm32
mod common;
use common::vectors::{check_all, oathtool_cases, rfc_cases};

#[test]
fn rfc_4226_and_6238_vectors() {
    let cases = rfc_cases();
    assert_eq!(cases.len(), 28, "10 HOTP + 18 TOTP vectors");
    assert_eq!(check_all(&cases), Ok(28));
}

#[test]
fn all_oathtool_cases() {
    let cases = oathtool_cases();
    assert_eq!(cases.len(), 1000);
    assert!(cases.iter().any(|c| c.secret_hex.as_ref().is_some_and(|h| h.len() < 20)), "short secrets are covered");
    assert_eq!(check_all(&cases), Ok(1000));
}
