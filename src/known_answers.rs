//! Known-answer vectors for the stored formats (vectors/sealed.json): sealed
//! values, tokens and a backup-code record made with fixed keys, nonces and
//! salts. Recomputing them here catches any change of format; the Node and
//! Chrome tests open the same vectors through the public API.
//! Regenerate deliberately with `TWOFA_WRITE_VECTORS=1 cargo test known_answers`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde_json::{json, Value};

use crate::backup::{hash_codes_with, import_codes_with, Cost};
use crate::keyring::{Domain, KeyRing};

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/vectors/sealed.json");
const K1: &str = "k1-0123456789abcdef0123456789abcdef";
const K2: &str = "k2-fedcba9876543210fedcba9876543210";

fn nonce(fill: u8) -> [u8; 24] {
    core::array::from_fn(|i| fill.wrapping_add(u8::try_from(i).unwrap()))
}

fn ring(current: &str) -> KeyRing {
    KeyRing::new(current, &[("k1", K1), ("k2", K2)]).unwrap()
}

fn compute() -> Value {
    let sealed: Vec<Value> = [("k1", "user-1", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 1u8), ("k2", "user-2", "JBSWY3DPEHPK3PXP", 2), ("k2", "ünïcödé", "", 3)]
        .iter()
        .map(|(key, context, plaintext, fill)| {
            let value = ring(key).seal_with_nonce(Domain::Seal, context.as_bytes(), plaintext.as_bytes(), nonce(*fill)).unwrap();
            json!({ "keyId": key, "context": context, "plaintext": plaintext, "sealed": value })
        })
        .collect();
    let tokens: Vec<Value> = [
        ("k1", "enroll", "user-1", Some("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), 1_700_000_000_000u64, 900u64, 4u8),
        ("k2", "login-challenge", "user-2", None, 1_700_000_000_123, 600, 5),
    ]
    .iter()
    .map(|(key, purpose, subject, data, now, ttl, fill)| {
        let token = ring(key).issue_token_with_nonce(purpose, subject, *ttl, *data, *now, nonce(*fill)).unwrap();
        json!({ "keyId": key, "purpose": purpose, "subject": subject, "data": data, "issuedAtMs": now,
                "expiresAtMs": now + ttl * 1000, "token": token })
    })
    .collect();
    let codes: Vec<String> = ["k3m9x-q2w7p", "00000-zzzzz", "abcde-fghjk"].iter().map(ToString::to_string).collect();
    let cost = Cost { memory_kib: 64, iterations: 1, parallelism: 1 };
    let record = hash_codes_with(&codes, "user-1", cost, [7; 16]).unwrap();
    let imported: Vec<String> = ["123456", "k3m9x-q2w7p", "Legacy-Code1"].iter().map(ToString::to_string).collect();
    let imported_record = import_codes_with(&imported, "42", cost, [8; 16]).unwrap();
    json!({
        "note": "Known answers for twofa's stored formats. Made by src/known_answers.rs with fixed nonces and salt; \
                 open them with the key ring below. A change here is a change of stored format.",
        "keyRing": { "keys": { "k1": K1, "k2": K2 } },
        "sealed": sealed,
        "tokens": tokens,
        "backup": { "context": "user-1", "codes": codes, "record": record },
        "importedBackup": { "context": "42", "codes": imported, "record": imported_record },
    })
}

#[test]
fn known_answers_are_unchanged() {
    let computed = compute();
    if std::env::var_os("TWOFA_WRITE_VECTORS").is_some() {
        std::fs::write(PATH, serde_json::to_string_pretty(&computed).unwrap() + "\n").unwrap();
    }
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(PATH).expect("vectors/sealed.json")).unwrap();
    assert_eq!(computed, stored, "the stored formats changed; if that is intended, bump the version and regenerate");
}
