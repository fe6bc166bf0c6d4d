//! Expiring tokens sealed by the key ring: the pending secret of an
//! enrollment, the login challenge after the password step, a reset link.
//!
//! A token is a sealed value (`tf1.<keyId>.<data>`) under the ring's token
//! subkey, whose associated data names the token's purpose, so an enrollment
//! token is never accepted as a login challenge. Inside is a small binary
//! record (version, issued-at, expiry, subject, optional data) rather than
//! JSON: shorter in a cookie, and no JSON parser in the core. Times are
//! milliseconds since 1970, as `Date.now()` gives them.
#![forbid(unsafe_code)]

use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Error, Result};
use crate::reason::Reason;
use crate::keyring::{Domain, KeyRing};
use crate::secret::fill_random;

/// Longest subject (for example a user id), in bytes.
pub const MAX_SUBJECT_BYTES: usize = 1024;
/// Longest data carried by a token, in bytes.
pub const MAX_DATA_BYTES: usize = 16 * 1024;
/// Longest lifetime: one year.
pub const MAX_TTL_SECONDS: u64 = 366 * 24 * 3600;

const LAYOUT_VERSION: u8 = 1;

/// A short name for a token or record in a store's keys (the first 16 bytes
/// of its SHA-256, in hex): marks it used without revealing it.
pub fn fingerprint(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(32);
    for byte in digest.iter().take(16) {
        for nibble in [byte >> 4, byte & 0x0f] {
            out.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    out
}

/// What an opened token carries.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenClaims {
    /// Whom the token is about, for example a user id.
    pub subject: String,
    /// Optional data sealed with it.
    pub data: Option<String>,
    /// When it was issued, in milliseconds since 1970.
    pub issued_at_ms: u64,
    /// When it stops being accepted, in milliseconds since 1970.
    pub expires_at_ms: u64,
}

// The data may be secret (an enrollment carries the pending TOTP secret).
impl core::fmt::Debug for TokenClaims {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("TokenClaims")
            .field("subject", &self.subject)
            .field("data", &self.data.as_ref().map(|_| "[REDACTED]"))
            .field("issued_at_ms", &self.issued_at_ms)
            .field("expires_at_ms", &self.expires_at_ms)
            .finish()
    }
}

/// A purpose: 1 to 64 of `A-Z a-z 0-9 _ - . :`.
pub(crate) fn check_purpose(purpose: &str) -> Result<()> {
    let ok = (1..=64).contains(&purpose.len())
        && purpose.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'));
    if ok {
        Ok(())
    } else {
        Err(Error::option("purpose", Reason::Purpose))
    }
}

impl KeyRing {
    /// Seals a token for `purpose` about `subject`, valid for `ttl_seconds`
    /// from `now_ms`.
    pub fn issue_token(
        &self,
        purpose: &str,
        subject: &str,
        ttl_seconds: u64,
        data: Option<&str>,
        now_ms: u64,
    ) -> Result<String> {
        let mut nonce = [0u8; 24];
        fill_random(&mut nonce)?;
        self.issue_token_with_nonce(purpose, subject, ttl_seconds, data, now_ms, nonce)
    }

    pub(crate) fn issue_token_with_nonce(
        &self,
        purpose: &str,
        subject: &str,
        ttl_seconds: u64,
        data: Option<&str>,
        now_ms: u64,
        nonce: [u8; 24],
    ) -> Result<String> {
        check_purpose(purpose)?;
        if subject.is_empty() || subject.len() > MAX_SUBJECT_BYTES {
            return Err(Error::option("subject", Reason::Subject));
        }
        if !(1..=MAX_TTL_SECONDS).contains(&ttl_seconds) {
            return Err(Error::option("ttlSeconds", Reason::Lifetime));
        }
        let data = data.map(str::as_bytes);
        if data.is_some_and(|d| d.len() > MAX_DATA_BYTES) {
            return Err(Error::option("data", Reason::DataTooLong));
        }
        let expires_at_ms = ttl_seconds
            .checked_mul(1000)
            .and_then(|ttl| now_ms.checked_add(ttl))
            .ok_or_else(|| Error::option("timestamp", Reason::TooFarInFuture))?;

        let mut record = zeroize::Zeroizing::new(Vec::with_capacity(32 + subject.len() + data.map_or(0, <[u8]>::len)));
        record.push(LAYOUT_VERSION);
        record.extend_from_slice(&now_ms.to_be_bytes());
        record.extend_from_slice(&expires_at_ms.to_be_bytes());
        push_field(&mut record, Some(subject.as_bytes()));
        push_field(&mut record, data);
        self.seal_with_nonce(Domain::Token, purpose.as_bytes(), &record, nonce)
    }

    /// Opens a token issued for `purpose`: [`Error::TokenExpired`] at or after
    /// its expiry, [`Error::SealInvalid`] if it was issued for another purpose.
    pub fn open_token(&self, token: &str, purpose: &str, now_ms: u64) -> Result<TokenClaims> {
        check_purpose(purpose)?;
        let record = self.open_in(Domain::Token, token, purpose.as_bytes())?;
        let claims = read_claims(&record).ok_or(Error::SealMalformed { reason: Reason::TokenUnreadable })?;
        if now_ms >= claims.expires_at_ms {
            return Err(Error::TokenExpired { expired_at_ms: claims.expires_at_ms });
        }
        Ok(claims)
    }
}

/// A present field is `1, u32 length, bytes`; an absent one is `0`.
fn push_field(record: &mut Vec<u8>, field: Option<&[u8]>) {
    match field {
        Some(bytes) => {
            record.push(1);
            record.extend_from_slice(&u32::try_from(bytes.len()).unwrap_or(u32::MAX).to_be_bytes());
            record.extend_from_slice(bytes);
        }
        None => record.push(0),
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_be_bytes(self.take(8)?.try_into().ok()?))
    }
    fn field(&mut self) -> Option<Option<String>> {
        match self.take(1)? {
            [0] => Some(None),
            [1] => {
                let len = usize::try_from(u32::from_be_bytes(self.take(4)?.try_into().ok()?)).ok()?;
                Some(Some(String::from_utf8(self.take(len)?.to_vec()).ok()?))
            }
            _ => None,
        }
    }
}

fn read_claims(record: &[u8]) -> Option<TokenClaims> {
    let mut reader = Reader(record);
    if reader.take(1)? != [LAYOUT_VERSION] {
        return None;
    }
    let issued_at_ms = reader.u64()?;
    let expires_at_ms = reader.u64()?;
    let subject = reader.field()??;
    let data = reader.field()?;
    reader.0.is_empty().then_some(TokenClaims { subject, data, issued_at_ms, expires_at_ms })
}
