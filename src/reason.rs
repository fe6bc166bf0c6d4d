//! What exactly is wrong, as data: each [`Reason`] is one message template
//! and the values it needs. Native Rust renders it with `Display`; the
//! WebAssembly bindings send its id and values instead (see [`crate::wire`]),
//! and the SDK writes the same words from its table in `sdk/messages.ts`, so
//! the shipped modules carry no message text and no formatting machinery.
//!
//! Adding a reason: a new line here with the next free id, the same words
//! under that id in `sdk/messages.ts`, and a sample in `tests/messages.rs`
//! (which checks that every reason is covered and how both sides read it).
#![forbid(unsafe_code)]

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

use crate::error::Error;

/// Declares a text enum: variants with explicit wire ids, their fields and
/// their native words (`{field}` inserts a field).
macro_rules! texts {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $( $id:literal $variant:ident $({ $($field:ident : $ty:ty),* $(,)? })? => $text:literal, )*
    }) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq)]
        #[non_exhaustive]
        #[allow(missing_docs)] // the words below say what each one means
        $vis enum $name {
            $( $variant $({ $($field: $ty),* })?, )*
        }

        impl $name {
            /// The stable id the WebAssembly bindings send for this variant.
            pub fn id(&self) -> u8 {
                match self {
                    $( $name::$variant { .. } => $id, )*
                }
            }

            /// Every id, for tests that check both sides know each one.
            pub const IDS: &'static [u8] = &[$($id),*];
        }

        impl $crate::wire::WireValue for $name {
            fn write(&self, wire: &mut $crate::wire::Wire<'_>) {
                wire.number(u64::from(self.id()));
                match self {
                    $( $name::$variant $({ $($field),* })? => { $($( wire.value($field); )*)? } )*
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    $( $name::$variant $({ $($field),* })? => write!(f, $text), )*
                }
            }
        }
    };
}
pub(crate) use texts;

texts! {
    /// Why a secret, an option, a URI, a sealed value or a record was refused.
    pub enum Reason {
        // base32 secrets (INVALID_BASE32)
        0 SecretEmpty => "the secret is empty",
        1 SecretTooLong => "longer than 1024 characters",
        2 NotDecodable => "not decodable",
        3 PaddingInside => "'=' padding inside the text",
        4 NotBase32Digit => "digits 0, 1, 8 and 9 are not base32",
        5 NotBase32Character => "a character outside A-Z and 2-7",
        6 PartialByte => "the length is not a whole number of bytes; a character is missing or extra",

        // numbers and simple options (INVALID_OPTION)
        10 WholeNumber { min: u64, max: u64 } => "must be a whole number from {min} to {max}",
        11 OutOfRange => "out of range",
        12 Timestamp => "must be milliseconds since 1970 (as from Date.now()), from 0 to 8.64e15",
        13 AtMostBytesGot { max: usize, got: usize } => "at most {max} bytes, got {got}",
        14 Algorithm => "use 'SHA1', 'SHA256' or 'SHA512'",
        15 Digits { min: u32, max: u32, got: u32 } => "must be {min} to {max}, got {got}",
        16 ZeroTo { max: u32, got: u32 } => "must be 0 to {max}, got {got}",
        17 ZeroToSteps { max: u32, got: u32 } => "must be 0 to {max} steps, got {got}",
        18 PeriodZero => "must be at least 1 second",
        19 NotHmacKey => "not usable as an HMAC key",
        20 OtpType => "use 'totp' or 'hotp'",
        21 AccountEmpty => "must not be empty; use the user's email or user name",
        22 AtMostBytes { max: usize } => "at most {max} bytes",
        23 ControlCharacters => "must not contain control characters",
        24 IssuerColon => "must not contain ':' (apps split the label at the first colon)",
        25 AccountColon => "contains ':' and there is no issuer, so apps would read the part before it as the issuer; pass an issuer",
        26 Ecc => "use 'L', 'M', 'Q' or 'H'",
        27 TitleTooLong => "at most 1024 characters",
        28 MarginTooBig => "must be 0 to 64 modules",
        29 TextTooLongForQr => "too long for a QR code at this error-correction level (about 2,900 bytes at 'L')",
        30 Colour => "use a colour like '#000', '#1a2b3c' or 'black'",

        // key rings, sealing and tokens (INVALID_OPTION)
        40 NoKeys => "give at least one key, e.g. {{ current: 'k1', keys: {{ k1: '...' }} }}",
        41 TooManyKeys => "at most 64 keys",
        42 KeyIdShape => "key ids are 1 to 32 of A-Z, a-z, 0-9, '_' and '-'",
        43 KeyIdTwice { id: String } => "key id `{id}` appears twice",
        44 KeyTooLong { id: String, max: usize } => "key `{id}` is longer than {max} bytes",
        45 CurrentKeyMissing { id: String } => "the current key `{id}` is not among the keys",
        46 PlaintextTooLong => "at most 64 KiB",
        47 NotEncrypted => "could not be encrypted",
        48 ContextEmpty => "must not be empty; pass the user id the value belongs to",
        49 ContextTooLong => "at most 1024 bytes",
        50 NotDerived => "could not derive a key",
        51 Purpose => "1 to 64 of A-Z, a-z, 0-9, '_', '-', '.' and ':', e.g. 'login-challenge'",
        52 Subject => "1 to 1024 bytes, for example the user id",
        53 Lifetime => "from 1 second to 366 days",
        54 DataTooLong => "at most 16 KiB",
        55 TooFarInFuture => "too far in the future",
        56 MacShape => "expected <keyId>.<digest>",

        // backup codes (INVALID_OPTION)
        60 CountRange { max: usize } => "from 1 to {max}",
        61 Cost => "memory 8 KiB to 256 MiB, 1 to 16 passes, 1 lane",
        62 TooManyCodes { max: usize } => "at most {max} codes",
        63 CodeShape => "each code must be 10 Crockford base32 characters, as generateBackupCodes makes them",
        64 CodeTwice => "a code appears twice",
        65 ImportedCodeShape => "each imported code must be 6 to 12 letters or digits",
        66 CodesContext => "the user id the codes belong to: 1 to 1024 bytes",

        // otpauth URIs (INVALID_URI)
        70 UriTooLong { max: usize } => "longer than {max} characters",
        71 Scheme => "must start with otpauth://",
        72 UriType => "the type must be totp or hotp",
        73 InParameter { name: String, problem: Box<Reason> } => "parameter `{name}`: {problem}",
        74 PercentNotHex => "a '%' is not followed by two hex digits",
        75 PercentNotUtf8 => "percent-escapes that are not UTF-8",
        76 SecretMissing => "the secret parameter is missing",
        77 InSecret { error: Box<Error> } => "the secret parameter: {error}",
        78 SecretTooShort { bytes: usize, min: usize } => "the secret is {bytes} bytes; at least {min} are needed, re-enroll the user with a new secret",
        79 InLabel { problem: Box<Reason> } => "the label: {problem}",
        80 NoAccount => "the label has no account name",
        81 UriAlgorithm => "algorithm must be SHA1, SHA256 or SHA512",
        82 UriDigits { min: u32, max: u32 } => "digits must be {min} to {max}",
        83 UriPeriod => "period must be a whole number of seconds, at least 1",
        84 CounterMissing => "an hotp URI needs a counter parameter",
        85 UriCounter => "counter must be a whole number",
        86 Twice { name: String } => "the {name} parameter appears twice",

        // sealed values and tokens (SEAL_MALFORMED)
        90 SealTooLong => "longer than 128 KiB",
        91 SealShape => "expected tf1.<keyId>.<data>",
        92 SealVersion => "unknown format version (expected tf1)",
        93 SealKeyId => "the key id is not valid",
        94 SealNotBase64 => "the data is not base64url",
        95 SealTooShort => "too short",
        96 TokenUnreadable => "the token's contents are not readable",
        97 NotText => "the plaintext is not text",

        // backup-code records (BACKUP_RECORD_MALFORMED)
        100 RecordTooLong => "longer than 64 KiB",
        101 RecordShape => "expected tfb2$m=..,t=..,p=..$<salt>$<digests>$<imported digests>",
        102 RecordVersion => "unknown record version (expected tfb2)",
        103 RecordCost => "bad Argon2id parameters",
        104 RecordSalt => "bad salt",
        105 RecordDigest => "bad digest",
        106 RecordTooMany => "too many digests",
        107 UnusableCost => "unusable Argon2id parameters",
        108 Argon2Failed => "Argon2id failed with these parameters",
        109 UnusableAssociatedData => "unusable associated data",
        110 RecordFromV1 => "a record from twofa 0.1, not bound to its user; issue new backup codes",
    }
}

// Debug shows the words: none of them is secret.
impl fmt::Debug for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
