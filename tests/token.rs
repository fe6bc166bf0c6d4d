//! Tokens: round trips, exact expiry, purpose binding, tampering, options, rotation.
#![cfg(all(feature = "server", not(target_arch = "wasm32")))]
use twofa::keyring::KeyRing;
use twofa::token::TokenClaims;

const K1: &str = "first-key-0123456789abcdef0123456789";
const K2: &str = "second-key-0123456789abcdef012345678";
const NOW: u64 = 1_700_000_000_000;

fn ring() -> KeyRing {
    KeyRing::new("k1", &[("k1", K1)]).unwrap()
}

fn code<T: std::fmt::Debug>(result: twofa::Result<T>) -> &'static str {
    result.expect_err("should fail").code()
}

#[test]
fn round_trip_with_and_without_data() {
    let r = ring();
    let token = r.issue_token("enroll", "user-1", 900, Some("GEZDGNBVGY3TQOJQ"), NOW).unwrap();
    assert!(token.starts_with("tf1.k1."));
    assert!(!token.contains("GEZDGNBV") && !token.contains("user-1"), "contents are encrypted");
    let claims = r.open_token(&token, "enroll", NOW + 1).unwrap();
    assert_eq!(
        claims,
        TokenClaims { subject: "user-1".into(), data: Some("GEZDGNBVGY3TQOJQ".into()), issued_at_ms: NOW, expires_at_ms: NOW + 900_000 }
    );
    assert!(!format!("{claims:?}").contains("GEZD"), "data is redacted in Debug");
    let plain = r.issue_token("login-challenge", "ünïcödé user", 60, None, NOW).unwrap();
    assert_eq!(r.open_token(&plain, "login-challenge", NOW).unwrap().data, None);
    let empty = r.issue_token("x", "u", 60, Some(""), NOW).unwrap();
    assert_eq!(r.open_token(&empty, "x", NOW).unwrap().data.as_deref(), Some(""));
}

#[test]
fn expires_exactly_at_expires_at() {
    let r = ring();
    let token = r.issue_token("challenge", "user-1", 600, None, NOW).unwrap();
    let expires = NOW + 600_000;
    assert_eq!(r.open_token(&token, "challenge", expires - 1).unwrap().expires_at_ms, expires);
    let error = r.open_token(&token, "challenge", expires).unwrap_err();
    assert_eq!(error, twofa::Error::TokenExpired { expired_at_ms: expires });
    assert_eq!(code(r.open_token(&token, "challenge", u64::MAX)), "TOKEN_EXPIRED");
}

#[test]
fn a_token_opens_only_for_its_purpose() {
    let r = ring();
    let enroll = r.issue_token("enroll", "user-1", 900, Some("secret"), NOW).unwrap();
    assert_eq!(code(r.open_token(&enroll, "login-challenge", NOW)), "SEAL_INVALID");
    assert_eq!(code(r.open_token(&enroll, "Enroll", NOW)), "SEAL_INVALID");
    let sealed = r.seal(b"x", "enroll").unwrap();
    assert_eq!(code(r.open_token(&sealed, "enroll", NOW)), "SEAL_INVALID", "a sealed value is not a token");
}

#[test]
fn tampering_fails() {
    let r = ring();
    let token = r.issue_token("enroll", "user-1", 900, Some("data"), NOW).unwrap();
    let last = token.len() - 1;
    for i in 0..last {
        let mut bytes = token.clone().into_bytes();
        bytes[i] = if bytes[i] == b'B' { b'C' } else { b'B' };
        let tampered = String::from_utf8(bytes).unwrap();
        assert!(r.open_token(&tampered, "enroll", NOW).is_err(), "tampering at {i}");
    }
}

#[test]
fn option_errors() {
    let r = ring();
    for purpose in ["", "with space", "ü", &"p".repeat(65)] {
        assert_eq!(code(r.issue_token(purpose, "u", 60, None, NOW)), "INVALID_OPTION", "{purpose:?}");
    }
    assert_eq!(code(r.issue_token("p", "", 60, None, NOW)), "INVALID_OPTION");
    assert_eq!(code(r.issue_token("p", &"u".repeat(1025), 60, None, NOW)), "INVALID_OPTION");
    assert_eq!(code(r.issue_token("p", "u", 0, None, NOW)), "INVALID_OPTION");
    assert_eq!(code(r.issue_token("p", "u", 366 * 86_400 + 1, None, NOW)), "INVALID_OPTION");
    assert_eq!(code(r.issue_token("p", "u", 60, Some(&"d".repeat(16 * 1024 + 1)), NOW)), "INVALID_OPTION");
    assert_eq!(code(r.issue_token("p", "u", 60, None, u64::MAX)), "INVALID_OPTION");
    assert_eq!(code(r.open_token("tf1.k1.AAAA", "p", NOW)), "SEAL_MALFORMED");
}

#[test]
fn tokens_survive_rotation_until_the_old_key_is_removed() {
    let token = ring().issue_token("reset", "user-1", 3600, None, NOW).unwrap();
    let rotated = KeyRing::new("k2", &[("k1", K1), ("k2", K2)]).unwrap();
    assert_eq!(rotated.open_token(&token, "reset", NOW).unwrap().subject, "user-1");
    assert!(rotated.issue_token("reset", "u", 60, None, NOW).unwrap().starts_with("tf1.k2."));
    let only_k2 = KeyRing::new("k2", &[("k2", K2)]).unwrap();
    assert_eq!(code(only_k2.open_token(&token, "reset", NOW)), "KEY_NOT_FOUND");
}

#[test]
fn fingerprints_are_sha256_prefixes() {
    // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assert_eq!(twofa::token::fingerprint("abc"), "ba7816bf8f01cfea414140de5dae2223");
    assert_ne!(twofa::token::fingerprint("tf1.k1.a"), twofa::token::fingerprint("tf1.k1.b"));
}
