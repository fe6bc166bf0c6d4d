//! Key ring and sealing: round trips, every error path, tampering, context
//! binding, rotation from k1 to k2.
#![cfg(all(feature = "server", not(target_arch = "wasm32")))]
use proptest::prelude::*;
use twofa::keyring::KeyRing;

const K1: &str = "first-key-0123456789abcdef0123456789";
const K2: &str = "second-key-0123456789abcdef012345678";

fn ring(current: &str, keys: &[(&str, &str)]) -> KeyRing {
    KeyRing::new(current, keys).unwrap()
}

fn code<T: std::fmt::Debug>(result: twofa::Result<T>) -> &'static str {
    result.expect_err("should fail").code()
}

#[test]
fn construction_errors() {
    assert_eq!(code(KeyRing::new("k1", &[])), "INVALID_OPTION");
    assert_eq!(code(KeyRing::new("k1", &[("k1", "short")])), "KEY_TOO_SHORT");
    let short = KeyRing::new("k1", &[("k1", &"x".repeat(31))]).unwrap_err();
    assert!(short.to_string().contains("`k1` has 31 bytes") && short.to_string().contains("npx twofa keygen"), "{short}");
    assert_eq!(code(KeyRing::new("k1", &[("k 1", K1)])), "INVALID_OPTION");
    assert_eq!(code(KeyRing::new("k1", &[("k1.x", K1)])), "INVALID_OPTION");
    assert_eq!(code(KeyRing::new("k1", &[("k1", K1), ("k1", K2)])), "INVALID_OPTION");
    assert_eq!(code(KeyRing::new("k3", &[("k1", K1), ("k2", K2)])), "INVALID_OPTION");
    assert_eq!(ring("k2", &[("k1", K1), ("k2", K2)]).current_id(), "k2");
}

#[test]
fn debug_output_has_ids_but_no_key_material() {
    let debug = format!("{:?}", ring("k2", &[("k1", K1), ("k2", K2)]));
    assert!(debug.contains("k1") && debug.contains("k2"));
    assert!(!debug.contains("0123456789"), "{debug}");
}

#[test]
fn sealed_values_have_the_documented_shape() {
    let sealed = ring("k1", &[("k1", K1)]).seal(b"GEZDGNBVGY3TQOJQ", "user-1").unwrap();
    let parts: Vec<&str> = sealed.split('.').collect();
    assert_eq!(parts[..2], ["tf1", "k1"]);
    // 24-byte nonce + 16 bytes of plaintext + 16-byte tag, base64url without padding.
    assert_eq!(parts[2].len(), (24 + 16 + 16) * 4 / 3 + 1);
    assert!(!sealed.contains("GEZDGNBV"));
    let again = ring("k1", &[("k1", K1)]).seal(b"GEZDGNBVGY3TQOJQ", "user-1").unwrap();
    assert_ne!(sealed, again, "a fresh nonce each time");
}

#[test]
fn open_errors_name_the_problem() {
    let r = ring("k1", &[("k1", K1)]);
    let sealed = r.seal(b"secret", "user-1").unwrap();
    for bad in ["", "tf1", "tf1.k1", "tf2.k1.AAAA", "tf1.k1.!!!!", "tf1.k1.AAAA", "tf1.k$.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "tf1.k1.a.b", &"a".repeat(200_000)]
    {
        assert_eq!(code(r.open(bad, "user-1")), "SEAL_MALFORMED", "{bad:?}");
    }
    assert_eq!(code(r.open(&sealed, "user-2")), "SEAL_INVALID", "another user's context");
    assert_eq!(code(r.open(&sealed, "")), "INVALID_OPTION", "an empty context is a mistake");
    let other_material = ring("k1", &[("k1", K2)]);
    assert_eq!(code(other_material.open(&sealed, "user-1")), "SEAL_INVALID", "same id, other key");
    let token = r.issue_token("enroll", "user-1", 60, None, 0).unwrap();
    assert_eq!(code(r.open(&token, "user-1")), "SEAL_INVALID", "a token is not a sealed value");
}

#[test]
fn tampering_with_any_character_fails() {
    let r = ring("k1", &[("k1", K1)]);
    let sealed = r.seal(b"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "user-1").unwrap();
    let bytes = sealed.as_bytes();
    for i in 0..bytes.len() {
        for replacement in [b'A', b'z', b'_', b'.'] {
            if bytes[i] == replacement {
                continue;
            }
            let mut tampered = bytes.to_vec();
            tampered[i] = replacement;
            let tampered = String::from_utf8(tampered).unwrap();
            let result = r.open(&tampered, "user-1");
            // The last base64 character carries 4 spare bits: changing only
            // those decodes to the same bytes, which is not tampering.
            if let Ok(plain) = result {
                assert_eq!(i, bytes.len() - 1, "tampering at {i} went unnoticed");
                assert_eq!(plain.as_slice(), b"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
            }
        }
    }
}

#[test]
fn rotation_from_k1_to_k2() {
    let old = ring("k1", &[("k1", K1)]);
    let sealed_k1 = old.seal(b"totp secret", "user-1").unwrap();
    let both = ring("k2", &[("k1", K1), ("k2", K2)]);
    assert_eq!(both.open(&sealed_k1, "user-1").unwrap().as_slice(), b"totp secret");
    assert!(both.needs_rotation(&sealed_k1).unwrap());
    let sealed_k2 = both.reseal(&sealed_k1, "user-1").unwrap();
    assert!(sealed_k2.starts_with("tf1.k2."));
    assert!(!both.needs_rotation(&sealed_k2).unwrap());
    assert_eq!(code(both.reseal(&sealed_k1, "user-2")), "SEAL_INVALID", "reseal checks the context");

    let only_k2 = ring("k2", &[("k2", K2)]);
    let missing = only_k2.open(&sealed_k1, "user-1").unwrap_err();
    assert_eq!(missing.code(), "KEY_NOT_FOUND");
    assert_eq!(missing, twofa::Error::KeyNotFound { key_id: "k1".into() });
    assert!(missing.to_string().contains("restore key `k1`") && missing.to_string().contains("reset this user's 2FA"));
    assert_eq!(only_k2.open(&sealed_k2, "user-1").unwrap().as_slice(), b"totp secret");
    assert_eq!(code(only_k2.needs_rotation("nope")), "SEAL_MALFORMED");
}

#[test]
fn keyed_digests_name_their_key_and_compare_in_constant_time() {
    let old = ring("k1", &[("k1", K1)]);
    let both = ring("k2", &[("k1", K1), ("k2", K2)]);
    let tag = old.mac("twofa.otp", b"user-1|123456").unwrap();
    assert!(tag.starts_with("k1.") && tag.len() == 3 + 22, "{tag}");
    assert_eq!(old.mac("twofa.otp", b"user-1|123456").unwrap(), tag, "deterministic");
    assert!(both.verify_mac("twofa.otp", b"user-1|123456", &tag).unwrap(), "checked with the key it names");
    assert!(!both.verify_mac("twofa.otp", b"user-1|123457", &tag).unwrap());
    assert!(!both.verify_mac("twofa.other", b"user-1|123456", &tag).unwrap(), "bound to its purpose");
    assert!(both.mac("twofa.otp", b"user-1|123456").unwrap().starts_with("k2."));
    assert_eq!(code(ring("k2", &[("k2", K2)]).verify_mac("twofa.otp", b"x", &tag)), "KEY_NOT_FOUND");
    for bad in ["", "k1", "k1.", "k1.AAAA", "!!.AAAAAAAAAAAAAAAAAAAAAA"] {
        assert_eq!(code(both.verify_mac("twofa.otp", b"x", bad)), "SEAL_MALFORMED", "{bad:?}");
    }
    assert_eq!(code(both.mac("", b"x")), "INVALID_OPTION");
}

proptest! {
    #[test]
    fn seal_open_round_trips(plaintext in prop::collection::vec(any::<u8>(), 0..300), context in "\\PC{1,40}") {
        let r = ring("k2", &[("k1", K1), ("k2", K2)]);
        let sealed = r.seal(&plaintext, &context).unwrap();
        let opened = r.open(&sealed, &context).unwrap();
        prop_assert_eq!(opened.as_slice(), plaintext.as_slice());
        let other = format!("{context}x");
        prop_assert_eq!(r.open(&sealed, &other).unwrap_err().code(), "SEAL_INVALID");
    }

    #[test]
    fn open_never_panics(text in "tf1\\.[a-z0-9]{1,3}\\.[A-Za-z0-9_-]{0,120}") {
        let _ = ring("k1", &[("k1", K1)]).open(&text, "user");
    }
}
