//! The core compiled to wasm32, run by wasm-bindgen-test in Node (node.rs)
//! and in headless Chrome (browser.rs): the shared vectors, randomness from
//! `crypto.getRandomValues`, URI and QR round trips.
use twofa::otp::Totp;
use twofa::qr::{svg, SvgOptions};
use twofa::secret::Secret;
use twofa::uri::{build, parse, KeyUri};
use wasm_bindgen_test::wasm_bindgen_test;

#[path = "../tests/common/vectors.rs"]
mod vectors;

#[wasm_bindgen_test]
fn rfc_vectors() {
    assert_eq!(vectors::check_all(&vectors::rfc_cases()), Ok(28));
}

#[wasm_bindgen_test]
fn oathtool_cases() {
    assert_eq!(vectors::check_all(&vectors::oathtool_cases()), Ok(1000));
}

#[wasm_bindgen_test]
fn secrets_come_from_the_platform_rng() {
    let a = Secret::generate(20).unwrap();
    let b = Secret::generate(20).unwrap();
    assert_ne!(a, b);
    assert_eq!(a.to_base32().len(), 32);
    assert_eq!(Secret::generate(15).unwrap_err().code(), "SECRET_TOO_SHORT");
}

#[wasm_bindgen_test]
fn enrollment_round_trip() {
    let secret = Secret::generate(20).unwrap();
    let uri = build(&KeyUri::totp(&secret.to_base32(), "alice@example.com", Some("Acme Co"))).unwrap();
    let parsed = parse(&uri).unwrap();
    assert_eq!(parsed.key.secret.as_str(), secret.to_base32());
    let totp = Totp::default();
    let now = 2_000_000_000;
    let code = totp.generate(&secret, now).unwrap();
    assert_eq!(totp.verify(&secret, &code, now + 30, 1, None).unwrap().map(|m| m.drift), Some(-1));
    let image = svg(&uri, &SvgOptions::default()).unwrap();
    assert!(image.starts_with("<svg") && image.ends_with("</svg>"));
}

#[wasm_bindgen_test]
fn far_future_times_are_exact() {
    // u64 arithmetic, not JavaScript numbers: the year 2500 and beyond.
    let secret = Secret::from_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").unwrap();
    let totp = Totp::default();
    let t = 16_725_225_600u64;
    let code = totp.generate(&secret, t).unwrap();
    assert_eq!(totp.verify(&secret, &code, t, 0, None).unwrap().map(|m| m.step), Some(t / 30));
}
