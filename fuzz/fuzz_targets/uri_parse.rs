//! `otpauth://` URIs: `uri::parse` on arbitrary text, then `build` and
//! `parse` again.
//!
//! Invariants:
//! - parsing never panics; every failure is `INVALID_URI`;
//! - a parsed key is valid: canonical base32 secret of at least 10 bytes,
//!   6-10 digits, a period of at least 1, a non-blank account;
//! - `build(&parsed.key)` fails exactly in the cases `build` refuses on
//!   purpose but `parse` accepts from the wild (see `expected_build_refusal`),
//!   and then only with `INVALID_OPTION`;
//! - otherwise `parse(build(key))` gives the same key without an
//!   `ISSUER_MISMATCH` warning, and `build` is a fixed point (building the
//!   re-parsed key gives the same text).
//!
//! This target found three round-trip bugs, fixed in `src/uri.rs` (an empty
//! issuer kept as `Some("")`, leading spaces of the account kept or not
//! depending on the label, and `%2B` in the issuer prefix read as a space);
//! the `seed-issue*` inputs of its corpus reproduce them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twofa::secret::Secret;
use twofa::uri::{self, KeyUri, OtpType};

const MAX_NAME_BYTES: usize = 256;
const MAX_IMAGE_BYTES: usize = 2048;
const MIN_IMPORTED_SECRET_BYTES: usize = 10;

/// Why `build` must refuse a key that `parse` legitimately accepted: `parse`
/// is lenient with what real services issue, `build` only writes URIs that
/// every app reads the same way.
fn expected_build_refusal(key: &KeyUri) -> Option<&'static str> {
    if key.account.len() > MAX_NAME_BYTES {
        return Some("account longer than 256 bytes");
    }
    if key.account.chars().any(char::is_control) {
        return Some("account with control characters");
    }
    match key.issuer.as_deref().filter(|issuer| !issuer.is_empty()) {
        Some(issuer) if issuer.contains(':') => return Some("issuer with ':'"),
        Some(issuer) if issuer.len() > MAX_NAME_BYTES => {
            return Some("issuer longer than 256 bytes")
        }
        Some(issuer) if issuer.chars().any(char::is_control) => {
            return Some("issuer with control characters")
        }
        Some(_) => {}
        None if key.account.contains(':') => return Some("account with ':' and no issuer"),
        None => {}
    }
    if key
        .image
        .as_ref()
        .is_some_and(|image| image.len() > MAX_IMAGE_BYTES)
    {
        return Some("image longer than 2048 bytes");
    }
    None
}

fn check_key(key: &KeyUri) {
    let secret = Secret::from_base32(&key.secret).expect("parsed secret decodes");
    assert_eq!(
        secret.to_base32(),
        *key.secret,
        "parsed secret is canonical"
    );
    assert!(secret.len() >= MIN_IMPORTED_SECRET_BYTES);
    assert!((6..=10).contains(&key.digits));
    assert!(key.period >= 1);
    assert!(!key.account.is_empty());
    assert_eq!(key.account.trim(), key.account, "account not trimmed");
    if let Some(issuer) = &key.issuer {
        assert!(
            !issuer.is_empty() && issuer.trim() == issuer,
            "issuer {issuer:?}"
        );
    }
    if key.otp_type == OtpType::Totp {
        assert_eq!(key.counter, 0);
    } else {
        assert_eq!(key.period, 30);
    }
    assert!(key.image.as_deref() != Some(""));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = match uri::parse(text) {
        Ok(parsed) => parsed,
        Err(err) => {
            assert_eq!(err.code(), "INVALID_URI", "{err:?}");
            return;
        }
    };
    let key = &parsed.key;
    check_key(key);
    for warning in &parsed.warnings {
        let text = warning.to_string();
        let id = text.split(':').next().unwrap_or_default();
        assert!(
            !id.is_empty() && id.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'),
            "warning {warning:?}"
        );
    }

    let refusal = expected_build_refusal(key);
    let built = match uri::build(key) {
        Ok(built) => built,
        Err(err) => {
            assert!(
                refusal.is_some(),
                "build refused a parsed key: {err:?}\nkey: {key:?}"
            );
            assert_eq!(err.code(), "INVALID_OPTION", "{err:?}");
            return;
        }
    };
    assert!(
        refusal.is_none(),
        "build accepted a key with {}: {built}",
        refusal.unwrap_or_default()
    );
    assert!(built.starts_with("otpauth://"));
    assert!(built.is_ascii(), "built URI is not ASCII: {built:?}");

    let again = uri::parse(&built)
        .unwrap_or_else(|err| panic!("built URI does not parse: {err:?}\n{built}"));
    assert!(
        again.key == *key,
        "round trip changed the key\n  input: {text:?}\n  built: {built}\n  first:  {key:?}\n  second: {:?}",
        again.key
    );
    // A built URI writes the issuer the same way in the label and the
    // parameter, so parsing it must not warn about a mismatch.
    assert!(
        !again
            .warnings
            .iter()
            .any(|w| matches!(w, uri::Warning::IssuerMismatch { .. })),
        "built URI warns {:?}: {built}",
        again.warnings
    );
    // Build is a fixed point after one round.
    let rebuilt = uri::build(&again.key).expect("re-parsed key builds");
    let third = uri::parse(&rebuilt).expect("rebuilt URI parses");
    assert_eq!(
        third.key, again.key,
        "second round trip changed the key: {rebuilt}"
    );
    assert_eq!(rebuilt, built, "build is not deterministic");
});
