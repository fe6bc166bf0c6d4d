//! Base32 secrets: `Secret::from_base32` on arbitrary text, and
//! `Secret::from_bytes` on arbitrary bytes.
//!
//! Invariants:
//! - decoding never panics; every failure is `INVALID_BASE32`;
//! - a decoded secret is non-empty, its canonical form (`to_base32`) is upper
//!   case A-Z/2-7 of the expected length and decodes to the same bytes, as do
//!   its lower-case, padded and `format_secret` spellings;
//! - `canonical_base32` and `format_secret` agree with `from_base32` (both
//!   fail, or both succeed with the canonical text);
//! - any non-empty byte string whose base32 fits in 1024 characters survives
//!   `from_bytes` -> `to_base32` -> `from_base32`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twofa::secret::{canonical_base32, format_secret, Secret};

/// `from_base32` refuses longer text before looking at it.
const MAX_BASE32_CHARS: usize = 1024;

fn is_canonical_char(b: u8) -> bool {
    b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)
}

fn check_secret(secret: &Secret) {
    assert!(!secret.is_empty());
    assert_eq!(secret.len(), secret.as_bytes().len());
    let canonical = secret.to_base32();
    assert!(
        canonical.bytes().all(is_canonical_char),
        "non-canonical output {canonical:?}"
    );
    assert_eq!(canonical.len(), (secret.len() * 8).div_ceil(5));

    // The canonical text, when short enough to be accepted, decodes to the same bytes...
    if canonical.len() > MAX_BASE32_CHARS {
        let err = Secret::from_base32(&canonical).expect_err("over-long canonical text accepted");
        assert_eq!(err.code(), "INVALID_BASE32");
        return;
    }
    let again = Secret::from_base32(&canonical).expect("canonical base32 must decode");
    assert_eq!(again.as_bytes(), secret.as_bytes());
    assert_eq!(again.to_base32(), canonical);
    // ...and so do the other accepted spellings of it.
    let lower = canonical.to_ascii_lowercase();
    assert_eq!(
        Secret::from_base32(&lower)
            .expect("lower case decodes")
            .as_bytes(),
        secret.as_bytes()
    );
    let padding = (8 - canonical.len() % 8) % 8;
    let padded = format!("{canonical}{}", "=".repeat(padding));
    if padded.len() <= MAX_BASE32_CHARS {
        assert_eq!(
            Secret::from_base32(&padded)
                .expect("padded decodes")
                .as_bytes(),
            secret.as_bytes()
        );
    }
    let formatted = format_secret(&canonical).expect("format_secret of canonical text");
    assert_eq!(formatted.replace(' ', ""), canonical);
    let groups: Vec<&str> = formatted.split(' ').collect();
    for (i, group) in groups.iter().enumerate() {
        assert!(
            !group.is_empty() && group.len() <= 4,
            "bad group {group:?} in {formatted:?}"
        );
        assert!(
            group.len() == 4 || i == groups.len() - 1,
            "short group inside {formatted:?}"
        );
    }
    if formatted.len() <= MAX_BASE32_CHARS {
        assert_eq!(
            Secret::from_base32(&formatted)
                .expect("formatted decodes")
                .as_bytes(),
            secret.as_bytes()
        );
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        match Secret::from_base32(text) {
            Ok(secret) => {
                check_secret(&secret);
                let canonical = secret.to_base32();
                assert_eq!(
                    canonical_base32(text).expect("canonical_base32 agrees"),
                    canonical
                );
                let formatted = format_secret(text).expect("format_secret agrees");
                assert_eq!(formatted.replace(' ', ""), canonical);
            }
            Err(err) => {
                assert_eq!(err.code(), "INVALID_BASE32", "{err:?}");
                assert!(canonical_base32(text).is_err());
                assert!(format_secret(text).is_err());
            }
        }
    }

    match Secret::from_bytes(data.to_vec()) {
        Ok(secret) => {
            assert_eq!(secret.as_bytes(), data);
            check_secret(&secret);
        }
        Err(err) => {
            assert!(
                data.is_empty(),
                "from_bytes refused {} bytes: {err:?}",
                data.len()
            );
            assert_eq!(err.code(), "INVALID_BASE32");
        }
    }
});
