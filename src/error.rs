//! The one error type of the core. Every variant has a stable [`Error::code`]
//! that the bindings pass to JavaScript, and a message that says what to do.
//! No variant carries secret material: messages name options and sizes, never
//! secrets, codes or keys.
//!
//! The words are for native Rust (`Display`); the WebAssembly bindings send
//! the variant's id and values ([`crate::wire`]) and the SDK writes the same
//! words from `sdk/messages.ts`. A new variant needs the next free id here,
//! its code in [`Error::code`], and its words under the same id there.
#![forbid(unsafe_code)]

use alloc::string::String;
use core::fmt;

use crate::reason::{texts, Reason};

texts! {
    /// Everything that can go wrong in the core.
    pub enum Error {
        0 InvalidBase32 { reason: Reason } => "secret is not valid base32 ({reason}); use the letters A-Z and digits 2-7 \
             (spaces, hyphens, lower case and '=' padding are accepted)",
        1 SecretTooShort { bytes: usize, min: usize } =>
            "a secret of {bytes} bytes is too short; generate at least {min} bytes (20 is the default)",
        2 InvalidOption { name: &'static str, reason: Reason } => "invalid option `{name}`: {reason}",
        3 InvalidCodeFormat { digits: u32 } =>
            "the code must be exactly {digits} digits; ask the user to type the code shown in their app",
        4 InvalidBackupCodeFormat =>
            "a backup code is 10 letters and digits like 'k3m9x-q2w7p'; ask the user to type one of their saved codes",
        5 InvalidUri { reason: Reason } => "invalid otpauth URI: {reason}",
        6 RandomUnavailable =>
            "no secure random numbers are available in this runtime (crypto.getRandomValues or the OS RNG failed)",
        7 KeyNotFound { key_id: String } => "this value was sealed with key `{key_id}`, which is not in the key ring; \
             restore key `{key_id}` to the ring (old keys stay for opening), or reset this user's 2FA",
        8 KeyTooShort { key_id: String, bytes: usize } =>
            "key `{key_id}` has {bytes} bytes, at least 32 are required; create one with `npx twofa keygen` (32 random bytes)",
        9 SealMalformed { reason: Reason } => "not a twofa sealed value or token: {reason}",
        10 SealInvalid => "sealed value or token failed authentication: it was altered, sealed with different \
             key material under the same key id, or belongs to another user or purpose",
        11 TokenExpired { expired_at_ms: u64 } =>
            "the token expired at {expired_at_ms} (milliseconds since 1970); start this step again for a new one",
        12 BackupRecordMalformed { reason: Reason } =>
            "not a twofa backup-code record: {reason}; store the string returned by hashBackupCodes unchanged",
    }
}

impl Error {
    /// The stable machine-readable code, e.g. `"INVALID_BASE32"`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidBase32 { .. } => "INVALID_BASE32",
            Error::SecretTooShort { .. } => "SECRET_TOO_SHORT",
            Error::InvalidOption { .. } => "INVALID_OPTION",
            Error::InvalidCodeFormat { .. } | Error::InvalidBackupCodeFormat => "INVALID_CODE_FORMAT",
            Error::InvalidUri { .. } => "INVALID_URI",
            Error::RandomUnavailable => "RANDOM_UNAVAILABLE",
            Error::KeyNotFound { .. } => "KEY_NOT_FOUND",
            Error::KeyTooShort { .. } => "KEY_TOO_SHORT",
            Error::SealMalformed { .. } => "SEAL_MALFORMED",
            Error::SealInvalid => "SEAL_INVALID",
            Error::TokenExpired { .. } => "TOKEN_EXPIRED",
            Error::BackupRecordMalformed { .. } => "BACKUP_RECORD_MALFORMED",
        }
    }

    pub(crate) fn option(name: &'static str, reason: Reason) -> Self {
        Error::InvalidOption { name, reason }
    }

    pub(crate) fn uri(reason: Reason) -> Self {
        Error::InvalidUri { reason }
    }
}

// Debug shows the code and the same text as Display: none of it is secret.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self)
    }
}

impl core::error::Error for Error {}

/// Result with the core's [`Error`].
pub type Result<T> = core::result::Result<T, Error>;
