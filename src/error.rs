//! The one error type of the core. Every variant has a stable [`Error::code`]
//! that the bindings pass to JavaScript, and a message that says what to do.
//! No variant carries secret material: messages name options and sizes, never
//! secrets, codes or keys.
#![forbid(unsafe_code)]

use alloc::string::String;
use core::fmt;

/// Everything that can go wrong in the core.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
#[allow(missing_docs)] // fields are described by their variant
pub enum Error {
    /// A secret is not base32 (RFC 4648); `reason` says what was found.
    InvalidBase32 { reason: &'static str },
    /// A secret to generate is shorter than the minimum.
    SecretTooShort { bytes: usize, min: usize },
    /// An option is out of range or of the wrong shape.
    InvalidOption { name: &'static str, reason: String },
    /// A code to verify does not have the expected number of digits.
    InvalidCodeFormat { digits: u32 },
    /// A backup code is not ten Crockford base32 characters.
    InvalidBackupCodeFormat,
    /// An `otpauth://` URI could not be parsed or built.
    InvalidUri { reason: String },
    /// The operating system or browser gave no random bytes.
    RandomUnavailable,
    /// A sealed value names a key id that the key ring does not hold.
    KeyNotFound { key_id: String },
    /// A key in the key ring carries fewer than 32 bytes.
    KeyTooShort { key_id: String, bytes: usize },
    /// A sealed value or token is not in twofa's format.
    SealMalformed { reason: &'static str },
    /// A sealed value or token failed authentication: tampered, sealed with
    /// other key material under the same id, for another context or purpose.
    SealInvalid,
    /// A token is past its expiry (milliseconds since 1970).
    TokenExpired { expired_at_ms: u64 },
    /// A backup-code record is not in twofa's format.
    BackupRecordMalformed { reason: &'static str },
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

    pub(crate) fn option(name: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidOption { name, reason: reason.into() }
    }

    pub(crate) fn uri(reason: impl Into<String>) -> Self {
        Error::InvalidUri { reason: reason.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidBase32 { reason } => write!(
                f,
                "secret is not valid base32 ({reason}); use the letters A-Z and digits 2-7 \
                 (spaces, hyphens, lower case and '=' padding are accepted)"
            ),
            Error::SecretTooShort { bytes, min } => write!(
                f,
                "a secret of {bytes} bytes is too short; generate at least {min} bytes (20 is the default)"
            ),
            Error::InvalidOption { name, reason } => write!(f, "invalid option `{name}`: {reason}"),
            Error::InvalidCodeFormat { digits } => write!(
                f,
                "the code must be exactly {digits} digits; ask the user to type the code shown in their app"
            ),
            Error::InvalidBackupCodeFormat => f.write_str(
                "a backup code is 10 letters and digits like 'k3m9x-q2w7p'; ask the user to type one of their saved codes",
            ),
            Error::InvalidUri { reason } => write!(f, "invalid otpauth URI: {reason}"),
            Error::RandomUnavailable => f.write_str(
                "no secure random numbers are available in this runtime (crypto.getRandomValues or the OS RNG failed)",
            ),
            Error::KeyNotFound { key_id } => write!(
                f,
                "this value was sealed with key `{key_id}`, which is not in the key ring; \
                 restore key `{key_id}` to the ring (old keys stay for opening), or reset this user's 2FA"
            ),
            Error::KeyTooShort { key_id, bytes } => write!(
                f,
                "key `{key_id}` has {bytes} bytes, at least 32 are required; create one with \
                 `npx twofa keygen` (32 random bytes)"
            ),
            Error::SealMalformed { reason } => write!(f, "not a twofa sealed value or token: {reason}"),
            Error::SealInvalid => f.write_str(
                "sealed value or token failed authentication: it was altered, sealed with different \
                 key material under the same key id, or belongs to another user or purpose",
            ),
            Error::TokenExpired { expired_at_ms } => write!(
                f,
                "the token expired at {expired_at_ms} (milliseconds since 1970); start this step again for a new one"
            ),
            Error::BackupRecordMalformed { reason } => write!(
                f,
                "not a twofa backup-code record: {reason}; store the string returned by hashBackupCodes unchanged"
            ),
        }
    }
}

// Debug shows the same text as Display: none of it is secret.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self)
    }
}

impl core::error::Error for Error {}

/// Result with the core's [`Error`].
pub type Result<T> = core::result::Result<T, Error>;
