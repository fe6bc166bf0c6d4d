//! Shared secrets: generation from the CSPRNG, base32 (RFC 4648) encoding and
//! lenient decoding, display formatting. Secret bytes are zeroized on drop and
//! never appear in `Debug` output.
#![forbid(unsafe_code)]

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};
use crate::reason::Reason;

/// Bytes in a generated secret unless asked otherwise (160 bits, RFC 4226's recommendation).
pub const DEFAULT_SECRET_BYTES: usize = 20;
/// Generation refuses fewer bytes than this (128 bits, RFC 4226's minimum).
pub const MIN_SECRET_BYTES: usize = 16;
/// Generation refuses more bytes than this (an HMAC-SHA512 block).
pub const MAX_SECRET_BYTES: usize = 64;
/// Longest base32 text accepted for a secret; far beyond any real secret,
/// small enough that hostile input is rejected before any work.
const MAX_BASE32_CHARS: usize = 1024;

/// The RFC 4648 base32 alphabet.
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Shared key bytes of an HOTP/TOTP credential.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    /// A new secret of `bytes` random bytes (at least [`MIN_SECRET_BYTES`]).
    pub fn generate(bytes: usize) -> Result<Self> {
        if bytes < MIN_SECRET_BYTES {
            return Err(Error::SecretTooShort { bytes, min: MIN_SECRET_BYTES });
        }
        if bytes > MAX_SECRET_BYTES {
            return Err(Error::option("bytes", Reason::AtMostBytesGot { max: MAX_SECRET_BYTES, got: bytes }));
        }
        let mut key = Zeroizing::new(alloc::vec![0u8; bytes]);
        fill_random(&mut key)?;
        Ok(Secret(key))
    }

    /// Wraps existing key bytes. Any non-empty key computes codes; only
    /// generation enforces a minimum length.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self> {
        let bytes = Zeroizing::new(bytes);
        if bytes.is_empty() {
            return Err(Error::InvalidBase32 { reason: Reason::SecretEmpty });
        }
        Ok(Secret(bytes))
    }

    /// Decodes base32 leniently: lower case, spaces, hyphens and trailing `=`
    /// padding are accepted; any other character is [`Error::InvalidBase32`].
    pub fn from_base32(text: &str) -> Result<Self> {
        Ok(Self::read_base32(text)?.0)
    }

    /// Decodes like [`Secret::from_base32`] and also says whether the `=`
    /// padding was other than RFC 4648 asks (more or fewer `=`, which some
    /// services write and authenticator apps ignore).
    pub fn read_base32(text: &str) -> Result<(Self, Padding)> {
        if text.len() > MAX_BASE32_CHARS {
            return Err(Error::InvalidBase32 { reason: Reason::SecretTooLong });
        }
        let (canonical, padding) = normalize_base32(text)?;
        let mut bytes = decode_base32(&canonical).ok_or(Error::InvalidBase32 { reason: Reason::NotDecodable })?;
        Ok((Self::from_bytes(core::mem::take(&mut *bytes))?, padding))
    }

    /// The canonical form: upper-case base32 without padding.
    pub fn to_base32(&self) -> String {
        let mut out = String::with_capacity(self.0.len().div_ceil(5) * 8);
        let (mut bits, mut count) = (0u32, 0u32);
        for byte in self.0.iter() {
            bits = (bits << 8 | u32::from(*byte)) & 0xffff;
            count += 8;
            while count >= 5 {
                count -= 5;
                out.push(base32_digit(bits >> count));
            }
        }
        if count > 0 {
            out.push(base32_digit(bits << (5 - count)));
        }
        bits.zeroize();
        out
    }

    /// The key bytes, for computing codes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Number of key bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Never true: an empty secret cannot be constructed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret([REDACTED; {} bytes])", self.0.len())
    }
}

/// The `=` padding a secret was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Padding {
    /// None, or exactly what RFC 4648 asks for the length.
    Standard,
    /// `found` characters where RFC 4648 asks for `expected` (read anyway, as
    /// authenticator apps read it).
    Nonstandard {
        /// `=` characters in the text.
        found: usize,
        /// `=` characters RFC 4648 asks for this length.
        expected: usize,
    },
}

/// Upper-cases and strips separators and padding, checking every character.
/// Any number of trailing `=` is accepted (services write too many or too
/// few, and apps ignore them); the result says whether it was standard.
/// The text is wrapped so that the copy of the secret is wiped when dropped.
fn normalize_base32(text: &str) -> Result<(Zeroizing<String>, Padding)> {
    let mut out = Zeroizing::new(String::with_capacity(text.len()));
    let mut found = 0usize;
    for c in text.chars() {
        match c {
            ' ' | '-' | '\t' => continue,
            '=' => found += 1,
            _ if found > 0 => return Err(Error::InvalidBase32 { reason: Reason::PaddingInside }),
            'a'..='z' | 'A'..='Z' | '2'..='7' => out.push(c.to_ascii_uppercase()),
            '0' | '1' | '8' | '9' => {
                return Err(Error::InvalidBase32 { reason: Reason::NotBase32Digit })
            }
            _ => return Err(Error::InvalidBase32 { reason: Reason::NotBase32Character }),
        }
    }
    if out.is_empty() {
        return Err(Error::InvalidBase32 { reason: Reason::SecretEmpty });
    }
    // Lengths 1, 3 and 6 (mod 8) cannot come from any byte string.
    if matches!(out.len() % 8, 1 | 3 | 6) {
        return Err(Error::InvalidBase32 { reason: Reason::PartialByte });
    }
    let expected = (8 - out.len() % 8) % 8;
    let padding = if found == 0 || found == expected { Padding::Standard } else { Padding::Nonstandard { found, expected } };
    Ok((out, padding))
}

/// The base32 digit of the low five bits of `value`.
fn base32_digit(value: u32) -> char {
    let index = usize::try_from(value & 31).unwrap_or(0);
    char::from(BASE32.get(index).copied().unwrap_or(b'A'))
}

/// Decodes canonical base32 (upper case, no padding, checked by
/// [`normalize_base32`]): five bits per digit, trailing bits that do not
/// make a whole byte dropped; `None` for any other character. Written here
/// rather than taken from a crate that carries every base32 alphabet. The
/// bytes are wiped when dropped, on every path.
fn decode_base32(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let mut out = Zeroizing::new(Vec::with_capacity(text.len() * 5 / 8));
    let (mut bits, mut count) = (0u32, 0u32);
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => return None,
        };
        bits = (bits << 5 | u32::from(value)) & 0xffff;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push(u8::try_from((bits >> count) & 0xff).unwrap_or(0));
        }
    }
    bits.zeroize();
    Some(out)
}

/// Canonical base32 of a secret given in any accepted spelling.
pub fn canonical_base32(text: &str) -> Result<String> {
    Ok(Secret::from_base32(text)?.to_base32())
}

/// Groups a secret in blocks of four for people to read or type:
/// `"JBSW Y3DP EHPK 3PXP"`. The input is validated and normalised first.
pub fn format_secret(text: &str) -> Result<String> {
    let mut canonical = canonical_base32(text)?;
    let mut out = String::with_capacity(canonical.len() + canonical.len() / 4);
    for (i, c) in canonical.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    canonical.zeroize();
    Ok(out)
}

/// Fills `buf` from the platform CSPRNG (the OS, or `crypto.getRandomValues`).
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|_| Error::RandomUnavailable)
}
