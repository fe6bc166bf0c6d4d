//! Secrets: generation, base32 (RFC 4648 section 10 vectors), leniency, redaction.
#![cfg(not(target_arch = "wasm32"))] // native only; wasm-tests/ covers wasm32
use proptest::prelude::*;
use twofa::secret::{format_secret, write_generated, Secret, DEFAULT_SECRET_BYTES};

fn code<T: std::fmt::Debug>(result: twofa::Result<T>) -> &'static str {
    result.expect_err("should fail").code()
}

#[test]
fn generates_distinct_secrets_of_the_asked_length() {
    let a = Secret::generate(DEFAULT_SECRET_BYTES).unwrap();
    let b = Secret::generate(DEFAULT_SECRET_BYTES).unwrap();
    assert_eq!(a.len(), 20);
    assert_eq!(a.to_base32().len(), 32);
    assert_ne!(a, b);
    assert_eq!(Secret::generate(16).unwrap().len(), 16);
    assert_eq!(Secret::generate(64).unwrap().len(), 64);
}

#[test]
fn refuses_to_generate_short_or_huge_secrets() {
    assert_eq!(code(Secret::generate(15)), "SECRET_TOO_SHORT");
    assert_eq!(code(Secret::generate(0)), "SECRET_TOO_SHORT");
    assert_eq!(code(Secret::generate(65)), "INVALID_OPTION");
}

#[test]
fn rfc_4648_base32_vectors() {
    for (plain, encoded) in
        [("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI")]
    {
        let secret = Secret::from_base32(encoded).unwrap();
        assert_eq!(secret.as_bytes(), plain.as_bytes());
        assert_eq!(secret.to_base32(), encoded);
    }
}

#[test]
fn decodes_leniently() {
    let canonical = Secret::from_base32("JBSWY3DPEHPK3PXP").unwrap();
    for spelling in ["jbswy3dpehpk3pxp", "JBSW Y3DP EHPK 3PXP", "jbsw-y3dp-ehpk-3pxp", " JBSWY3DPEHPK3PXP\t"] {
        assert_eq!(Secret::from_base32(spelling).unwrap(), canonical, "{spelling:?}");
    }
    assert_eq!(Secret::from_base32("MZXW6===").unwrap().as_bytes(), b"foo");
    assert_eq!(Secret::from_base32("MZXW6YQ=").unwrap().as_bytes(), b"foob");
    assert_eq!(Secret::from_base32("MY======").unwrap().as_bytes(), b"f");
}

#[test]
fn reads_nonstandard_padding_as_authenticator_apps_do() {
    use twofa::secret::Padding;
    let read = |text: &str| Secret::read_base32(text).map(|(s, p)| (s.as_bytes().to_vec(), p)).unwrap();
    assert_eq!(read("MZXW6==="), (b"foo".to_vec(), Padding::Standard));
    assert_eq!(read("MZXW6"), (b"foo".to_vec(), Padding::Standard));
    assert_eq!(read("MZXW6=="), (b"foo".to_vec(), Padding::Nonstandard { found: 2, expected: 3 }));
    assert_eq!(read("MZXW6========="), (b"foo".to_vec(), Padding::Nonstandard { found: 9, expected: 3 }));
    assert_eq!(read("JBSWY3DPEHPK3PXP="), (b"Hello!\xde\xad\xbe\xef".to_vec(), Padding::Nonstandard { found: 1, expected: 0 }));
    assert_eq!(Secret::from_base32("JBSWY3DPEHPK3PXP====").unwrap(), Secret::from_base32("JBSWY3DPEHPK3PXP").unwrap());
}

#[test]
fn rejects_everything_else_as_invalid_base32() {
    for bad in ["", "   ", "-", "JBSWY3DPEHPK3PX0", "JBSWY3DPEHPK3PX1", "JBSWY3DP8", "JBSW!3DP", "MZ=XW6", "==",
        "A", "ABC", "ABCDEF", "JBSWY3DPÉ", "JBSWY3DP\u{0}"]
    {
        assert_eq!(code(Secret::from_base32(bad)), "INVALID_BASE32", "{bad:?}");
    }
    assert_eq!(code(Secret::from_base32(&"A".repeat(1025))), "INVALID_BASE32");
}

#[test]
fn never_shows_the_secret() {
    let text = "JBSWY3DPEHPK3PXP";
    let secret = Secret::from_base32(text).unwrap();
    let debug = format!("{secret:?}");
    assert_eq!(debug, "Secret([REDACTED; 10 bytes])");
    let error = Secret::from_base32("JBSWY3DPEHPK3PX!").unwrap_err().to_string();
    assert!(!error.contains("JBSWY3DP"), "{error}");
}

#[test]
fn formats_for_people() {
    assert_eq!(format_secret("jbswy3dpehpk3pxp").unwrap(), "JBSW Y3DP EHPK 3PXP");
    assert_eq!(format_secret("MZXW6YQ").unwrap(), "MZXW 6YQ");
    assert_eq!(format_secret("MZXW6YQ=").unwrap(), "MZXW 6YQ");
    assert_eq!(code(format_secret("nope!")), "INVALID_BASE32");
}

proptest! {
    #[test]
    fn base32_round_trips(bytes in prop::collection::vec(any::<u8>(), 1..80), lower in any::<bool>(), grouped in any::<bool>()) {
        let encoded = Secret::from_bytes(bytes.clone()).unwrap().to_base32();
        let mut spelled = if lower { encoded.to_lowercase() } else { encoded.clone() };
        if grouped {
            spelled = spelled.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(" ");
        }
        let decoded = Secret::from_base32(&spelled).unwrap();
        prop_assert_eq!(decoded.as_bytes(), bytes.as_slice());
        prop_assert_eq!(format_secret(&spelled).unwrap().replace(' ', ""), encoded);
    }

    /// The core's own base32 against the `base32` crate it replaced: the
    /// same text for any bytes, the same bytes for any digits (trailing bits
    /// of a last partial byte dropped alike).
    #[test]
    fn base32_matches_the_base32_crate(bytes in prop::collection::vec(any::<u8>(), 1..80), text in "[A-Z2-7]{1,80}") {
        let alphabet = base32::Alphabet::Rfc4648 { padding: false };
        prop_assert_eq!(Secret::from_bytes(bytes.clone()).unwrap().to_base32(), base32::encode(alphabet, &bytes));
        if !matches!(text.len() % 8, 1 | 3 | 6) {
            let (ours, theirs) = (Secret::from_base32(&text).unwrap(), base32::decode(alphabet, &text).unwrap());
            prop_assert_eq!(ours.as_bytes(), theirs.as_slice());
        }
    }

    #[test]
    fn decoding_never_panics(text in ".{0,80}") {
        let _ = Secret::from_base32(&text);
    }
}

#[test]
fn a_random_source_that_writes_one_value_is_refused() {
    // What a stub or broken polyfill of crypto.getRandomValues leaves: nothing written, zeros, a constant.
    let generate = |fill: fn(&mut [u8])| {
        let mut out = String::new();
        let random = |key: &mut [u8]| {
            fill(key);
            Ok(())
        };
        write_generated(20, random, &mut out).map(|()| out).map_err(|e| e.code())
    };
    assert_eq!(generate(|_| {}), Err("RANDOM_UNAVAILABLE"));
    assert_eq!(generate(|key| key.fill(0xA5)), Err("RANDOM_UNAVAILABLE"));
    let counted = generate(|key| key.iter_mut().zip(0u8..).for_each(|(byte, i)| *byte = i));
    assert_eq!(counted.map(|secret| secret.len()), Ok(32), "bytes that differ are written as base32");
}
