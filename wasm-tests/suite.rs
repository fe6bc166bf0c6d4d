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

#[cfg(feature = "server")]
#[wasm_bindgen_test]
fn sealing_tokens_and_backup_codes() {
    use twofa::backup::{generate_codes, hash_codes_with_cost, use_code, Cost};
    use twofa::keyring::KeyRing;
    let ring = KeyRing::new("k2", &[("k1", "first-key-0123456789abcdef0123456789"), ("k2", "second-key-0123456789abcdef012345678")])
        .unwrap();
    let sealed = ring.seal(b"GEZDGNBVGY3TQOJQ", "user-1").unwrap();
    assert_eq!(ring.open(&sealed, "user-1").unwrap().as_slice(), b"GEZDGNBVGY3TQOJQ");
    assert_eq!(ring.open(&sealed, "user-2").unwrap_err().code(), "SEAL_INVALID");
    let token = ring.issue_token("enroll", "user-1", 60, Some("data"), 1_000).unwrap();
    assert_eq!(ring.open_token(&token, "enroll", 60_999).unwrap().subject, "user-1");
    assert_eq!(ring.open_token(&token, "enroll", 61_000).unwrap_err().code(), "TOKEN_EXPIRED");
    let codes = generate_codes(3).unwrap();
    let record = hash_codes_with_cost(&codes, "user-1", Cost { memory_kib: 64, iterations: 1, parallelism: 1 }).unwrap();
    let (rest, left) = use_code(&record, &codes[2], "user-1").unwrap().unwrap();
    assert_eq!(left, 2);
    assert_eq!(use_code(&rest, &codes[2], "user-1").unwrap(), None);
    assert_eq!(use_code(&record, &codes[1], "user-2").unwrap(), None);
}
