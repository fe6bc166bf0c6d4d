//! The words of every error, reason and warning, natively (`Display`) and as
//! the WebAssembly bindings send them (wire form), in vectors/messages.json.
//! tests/node/messages.test.mjs checks that the SDK's table writes the same
//! words from each wire form. A new error, reason or warning needs a sample
//! here (the test says which id is missing); then
//! `TWOFA_UPDATE_MESSAGES=1 cargo test --test messages` rewrites the file.
#![cfg(not(target_arch = "wasm32"))]
use twofa::uri::Warning;
use twofa::wire::to_wire;
use twofa::{Error, Reason};

fn s(text: &str) -> String {
    text.to_owned()
}

/// One sample of every reason.
fn reasons() -> Vec<Reason> {
    use Reason::*;
    vec![
        SecretEmpty, SecretTooLong, NotDecodable, PaddingInside, NotBase32Digit, NotBase32Character, PartialByte,
        WholeNumber { min: 1, max: 9_007_199_254_740_991 }, OutOfRange, Timestamp,
        AtMostBytesGot { max: 64, got: 65 }, Algorithm, Digits { min: 6, max: 10, got: 5 }, ZeroTo { max: 100, got: 101 },
        ZeroToSteps { max: 10, got: 11 }, PeriodZero, NotHmacKey, OtpType, AccountEmpty, AtMostBytes { max: 256 },
        ControlCharacters, IssuerColon, AccountColon, Ecc, TitleTooLong, MarginTooBig, TextTooLongForQr, Colour, NoKeys,
        TooManyKeys, KeyIdShape, KeyIdTwice { id: s("k1") }, KeyTooLong { id: s("k\"2"), max: 1024 },
        CurrentKeyMissing { id: s("k9") }, PlaintextTooLong, NotEncrypted, ContextEmpty, ContextTooLong, NotDerived,
        Purpose, Subject, Lifetime, DataTooLong, TooFarInFuture, MacShape, CountRange { max: 100 }, Cost,
        TooManyCodes { max: 100 }, CodeShape, CodeTwice, ImportedCodeShape, CodesContext, UriTooLong { max: 8192 }, Scheme, UriType,
        InParameter { name: s("issuer"), problem: Box::new(PercentNotHex) }, PercentNotHex, PercentNotUtf8,
        SecretMissing, InSecret { error: Box::new(Error::InvalidBase32 { reason: NotBase32Digit }) },
        SecretTooShort { bytes: 5, min: 10 }, InLabel { problem: Box::new(PercentNotUtf8) }, NoAccount, UriAlgorithm,
        UriDigits { min: 6, max: 10 }, UriPeriod, CounterMissing, UriCounter, Twice { name: s("Issuer") }, SealTooLong,
        SealShape, SealVersion, SealKeyId, SealNotBase64, SealTooShort, TokenUnreadable, NotText, RecordTooLong,
        RecordShape, RecordVersion, RecordCost, RecordSalt, RecordDigest, RecordTooMany, UnusableCost, Argon2Failed,
        UnusableAssociatedData, RecordFromV1,
    ]
}

/// One sample of every error (each reason once more, as an option's).
fn errors() -> Vec<Error> {
    let mut errors = vec![
        Error::InvalidBase32 { reason: Reason::SecretEmpty },
        Error::SecretTooShort { bytes: 15, min: 16 },
        Error::InvalidCodeFormat { digits: 6 },
        Error::InvalidBackupCodeFormat,
        Error::InvalidUri { reason: Reason::Scheme },
        Error::RandomUnavailable,
        Error::KeyNotFound { key_id: s("k2") },
        Error::KeyTooShort { key_id: s("k1"), bytes: 5 },
        Error::SealMalformed { reason: Reason::SealShape },
        Error::SealInvalid,
        Error::TokenExpired { expired_at_ms: 61_000 },
        Error::BackupRecordMalformed { reason: Reason::RecordSalt },
    ];
    errors.extend(reasons().into_iter().map(|reason| Error::InvalidOption { name: "sample", reason }));
    errors
}

fn warnings() -> Vec<Warning> {
    vec![
        Warning::ShortSecret { bytes: 10, min: 16 },
        Warning::IssuerMismatch { label: s("Acme"), parameter: s("Other \\ \"quoted\"") },
        Warning::NoIssuer,
        Warning::UncommonAlgorithm { name: "SHA512" },
        Warning::UncommonDigits { digits: 8 },
        Warning::UncommonPeriod { period: 60 },
        Warning::IgnoredCounter,
        Warning::IgnoredPeriod,
        Warning::SecretPadding { found: 4, expected: 0 },
    ]
}

fn sorted(mut ids: Vec<u8>) -> Vec<u8> {
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[test]
fn every_error_reason_and_warning_has_a_sample() {
    assert_eq!(sorted(reasons().iter().map(Reason::id).collect()), sorted(Reason::IDS.to_vec()), "reasons");
    assert_eq!(sorted(errors().iter().map(Error::id).collect()), sorted(Error::IDS.to_vec()), "errors");
    assert_eq!(sorted(warnings().iter().map(Warning::id).collect()), sorted(Warning::IDS.to_vec()), "warnings");
}

#[test]
fn words_and_wire_forms_are_recorded() {
    let errors: Vec<_> = errors().iter().map(|e| serde_json::json!([to_wire(e), e.code(), e.to_string()])).collect();
    let warnings: Vec<_> = warnings().iter().map(|w| serde_json::json!([to_wire(w), w.to_string()])).collect();
    let text = serde_json::to_string_pretty(&serde_json::json!({ "errors": errors, "warnings": warnings })).unwrap() + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/vectors/messages.json");
    if std::env::var_os("TWOFA_UPDATE_MESSAGES").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let recorded = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        recorded == text,
        "vectors/messages.json differs from the words and wire forms of the core; if the change is intended, \
         run TWOFA_UPDATE_MESSAGES=1 cargo test --test messages and update sdk/messages.ts to match"
    );
}
