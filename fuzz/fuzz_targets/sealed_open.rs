//! Sealed values (`tf1.<keyId>.<base64url>`): `open`, `needs_rotation` and
//! `reseal` on arbitrary text and contexts; seal/open round trips; tampering.
//!
//! Two rings share key `k1`: OLD (current `k1`) and RING (`k1` and `k2`,
//! current `k2`), as before and after a key rotation.
//!
//! Invariants:
//! - nothing panics; `open`/`reseal` fail only with `INVALID_OPTION` (bad
//!   context), `SEAL_MALFORMED`, `KEY_NOT_FOUND` or `SEAL_INVALID`, and
//!   `needs_rotation` only with `SEAL_MALFORMED`, consistently with `open`;
//! - `needs_rotation` is true exactly for values not sealed with `k2`;
//! - a sealed value opens to its plaintext in both rings (for `k1`) and only
//!   for its own context; `reseal` moves it to `k2` and keeps the plaintext;
//! - changing any one byte of a sealed value makes it fail to open, unless
//!   the change is in the spare low bits of the last base64 character, in
//!   which case the plaintext is identical.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twofa_fuzz::rings::{OLD, RING};
use twofa_fuzz::Reader;

const MAX_CONTEXT_BYTES: usize = 1024;
const MAX_PLAINTEXT_BYTES: usize = 64 * 1024;

/// Layout (see `twofa_fuzz`): header `use_old u8, flip_at u32, flip_mask
/// u8`, then the fields `sealed`, `context`, `plaintext` (the rest).
struct Input {
    sealed: String,
    context: String,
    plaintext: Vec<u8>,
    use_old: bool,
    flip_at: u32,
    flip_mask: u8,
}

impl Input {
    fn read(data: &[u8]) -> Self {
        let mut r = Reader::new(data);
        let (use_old, flip_at, flip_mask) = (r.bool(), r.u32(), r.u8());
        let sealed = r.text().into_owned();
        let context = r.text().into_owned();
        let plaintext = r.rest().to_vec();
        Input {
            sealed,
            context,
            plaintext,
            use_old,
            flip_at,
            flip_mask,
        }
    }
}

fn context_ok(context: &str) -> bool {
    !context.is_empty() && context.len() <= MAX_CONTEXT_BYTES
}

/// Checks `open`, `needs_rotation` and `reseal` on any text and context.
fn check_arbitrary(sealed: &str, context: &str) {
    let rotation = RING.needs_rotation(sealed);
    match &rotation {
        Ok(needs) => assert_eq!(*needs, sealed.split('.').nth(1) != Some("k2")),
        Err(err) => assert_eq!(err.code(), "SEAL_MALFORMED", "{err:?}"),
    }
    match RING.open(sealed, context) {
        Ok(plaintext) => {
            assert!(context_ok(context) && rotation.is_ok());
            let resealed = RING
                .reseal(sealed, context)
                .expect("reseal an openable value");
            assert!(resealed.starts_with("tf1.k2."));
            assert!(!RING.needs_rotation(&resealed).expect("resealed parses"));
            assert_eq!(
                *RING.open(&resealed, context).expect("open resealed"),
                *plaintext
            );
        }
        Err(err) => {
            let code = err.code();
            if !context_ok(context) {
                assert_eq!(code, "INVALID_OPTION", "{err:?}");
            } else if rotation.is_err() {
                assert_eq!(code, "SEAL_MALFORMED", "{err:?}");
            } else {
                assert!(
                    matches!(code, "KEY_NOT_FOUND" | "SEAL_INVALID" | "SEAL_MALFORMED"),
                    "{err:?}"
                );
            }
            let again = RING
                .reseal(sealed, context)
                .expect_err("reseal of an unopenable value");
            assert_eq!(again.code(), code);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let input = Input::read(data);
    check_arbitrary(&input.sealed, &input.context);

    // Round trip with a valid context and plaintext.
    let context = if context_ok(&input.context) {
        input.context.as_str()
    } else {
        "user-1"
    };
    let mut plaintext = input.plaintext;
    plaintext.truncate(MAX_PLAINTEXT_BYTES);
    let (ring, id) = if input.use_old {
        (&*OLD, "k1")
    } else {
        (&*RING, "k2")
    };
    let sealed = ring.seal(&plaintext, context).expect("seal");
    let body = sealed
        .strip_prefix(&format!("tf1.{id}."))
        .expect("format tf1.<id>.<data>");
    let body_bytes = 24 + plaintext.len() + 16;
    assert_eq!(
        body.len(),
        (body_bytes * 4).div_ceil(3),
        "unpadded base64url length"
    );
    assert!(body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    assert_eq!(*RING.open(&sealed, context).expect("open"), plaintext);
    assert_eq!(RING.needs_rotation(&sealed).expect("parses"), input.use_old);
    if input.use_old {
        assert_eq!(
            *OLD.open(&sealed, context).expect("old ring opens its own"),
            plaintext
        );
        let resealed = RING.reseal(&sealed, context).expect("reseal");
        assert!(resealed.starts_with("tf1.k2."));
        assert_eq!(
            *RING.open(&resealed, context).expect("open resealed"),
            plaintext
        );
        assert_eq!(
            OLD.open(&resealed, context)
                .expect_err("old ring lacks k2")
                .code(),
            "KEY_NOT_FOUND"
        );
    }
    // Bound to its context.
    let other = if context.len() < MAX_CONTEXT_BYTES {
        format!("{context}x")
    } else {
        context.chars().skip(1).collect()
    };
    if context_ok(&other) && other != context {
        assert_eq!(
            RING.open(&sealed, &other)
                .expect_err("other context")
                .code(),
            "SEAL_INVALID"
        );
    }
    // A sealed value is not a token (another subkey).
    assert!(RING.open_token(&sealed, "login", 0).is_err());

    // Tampering with one byte.
    let mut bytes = sealed.clone().into_bytes();
    let at = input.flip_at as usize % bytes.len();
    let mask = if input.flip_mask == 0 {
        1
    } else {
        input.flip_mask
    };
    bytes[at] ^= mask;
    let Ok(tampered) = String::from_utf8(bytes) else {
        return;
    };
    check_arbitrary(&tampered, context);
    match RING.open(&tampered, context) {
        Err(_) => {}
        Ok(opened) => {
            // Unpadded base64 of n bytes has 2 (n % 3 == 1) or 4 (n % 3 == 2)
            // spare bits in its last character; a decoder may ignore them.
            let last = at == sealed.len() - 1;
            assert!(
                last && !body_bytes.is_multiple_of(3),
                "tampered value opened: byte {at} ^ {mask:#04x}: {tampered}"
            );
            assert_eq!(
                *opened, plaintext,
                "tampered value opened to other plaintext"
            );
        }
    }
});
