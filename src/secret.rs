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
use crate::wire::Out;

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
        check_generated_length(bytes)?;
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
        let mut bytes = Zeroizing::new(alloc::vec![0u8; text.len().min(MAX_BASE32_CHARS) * 5 / 8]);
        let (len, padding) = decode_base32_into(text, &mut bytes)?;
        bytes.truncate(len);
        Ok((Self::from_bytes(core::mem::take(&mut *bytes))?, padding))
    }

    /// The canonical form: upper-case base32 without padding.
    pub fn to_base32(&self) -> String {
        let mut out = String::with_capacity(self.0.len().div_ceil(5) * 8);
        write_base32(&self.0, &mut out);
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

/// Most bytes a secret's text decodes to (five bits per character of the
/// longest text accepted): what [`decode_base32_into`] may write.
pub const MAX_DECODED_BYTES: usize = MAX_BASE32_CHARS * 5 / 8;

/// Decodes base32 leniently, as [`Secret::read_base32`], into `out` (for
/// callers that allocate nothing; [`MAX_DECODED_BYTES`] always suffice) and
/// returns the number of bytes written and the padding. Lower case, spaces,
/// hyphens, tabs and any number of trailing `=` are accepted (services write
/// too many or too few, and apps ignore them); every other byte is an error,
/// the first one found, before the length is checked. Five bits per digit;
/// trailing bits that do not make a whole byte are dropped.
pub fn decode_base32_into(text: &str, out: &mut [u8]) -> Result<(usize, Padding)> {
    if text.len() > MAX_BASE32_CHARS {
        return Err(Error::InvalidBase32 { reason: Reason::SecretTooLong });
    }
    let invalid = |reason| Err(Error::InvalidBase32 { reason });
    let (mut bits, mut count, mut digits, mut len, mut found) = (0u32, 0u32, 0usize, 0usize, 0usize);
    for c in text.bytes() {
        let value = match c {
            b' ' | b'-' | b'\t' => continue,
            b'=' => {
                found += 1;
                continue;
            }
            _ if found > 0 => return invalid(Reason::PaddingInside),
            b'a'..=b'z' => c - b'a',
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            b'0' | b'1' | b'8' | b'9' => return invalid(Reason::NotBase32Digit),
            // Any other byte, including those of non-ASCII characters.
            _ => return invalid(Reason::NotBase32Character),
        };
        digits += 1;
        bits = (bits << 5 | u32::from(value)) & 0xffff;
        count += 5;
        if count >= 8 {
            count -= 8;
            if let Some(slot) = out.get_mut(len) {
                *slot = u8::try_from((bits >> count) & 0xff).unwrap_or(0);
            }
            len += 1;
        }
    }
    bits.zeroize();
    if digits == 0 {
        return invalid(Reason::SecretEmpty);
    }
    // Lengths 1, 3 and 6 (mod 8) cannot come from any byte string.
    if matches!(digits % 8, 1 | 3 | 6) {
        return invalid(Reason::PartialByte);
    }
    if len > out.len() {
        return invalid(Reason::NotDecodable);
    }
    let expected = (8 - digits % 8) % 8;
    let padding = if found == 0 || found == expected { Padding::Standard } else { Padding::Nonstandard { found, expected } };
    Ok((len, padding))
}

/// Writes `bytes` as canonical base32: upper case, no padding.
pub fn write_base32(bytes: &[u8], out: &mut dyn Out) {
    let (mut bits, mut count) = (0u32, 0u32);
    for byte in bytes {
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
}

/// The base32 digit of the low five bits of `value`.
fn base32_digit(value: u32) -> char {
    let index = usize::try_from(value & 31).unwrap_or(0);
    char::from(BASE32.get(index).copied().unwrap_or(b'A'))
}

/// Decodes a secret given in any accepted spelling into a wiped array and
/// passes its bytes to `body` (no allocation).
pub fn with_decoded<T>(text: &str, body: impl FnOnce(&[u8]) -> Result<T>) -> Result<T> {
    let mut key = Zeroizing::new([0u8; MAX_DECODED_BYTES]);
    let (len, _) = decode_base32_into(text, &mut *key)?;
    body(key.get(..len).unwrap_or_default())
}

/// Canonical base32 of a secret given in any accepted spelling.
pub fn canonical_base32(text: &str) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    write_canonical(text, &mut out)?;
    Ok(out)
}

/// Writes [`canonical_base32`] of `text` to `out`.
pub fn write_canonical(text: &str, out: &mut dyn Out) -> Result<()> {
    with_decoded(text, |bytes| {
        write_base32(bytes, out);
        Ok(())
    })
}

/// Groups a secret in blocks of four for people to read or type:
/// `"JBSW Y3DP EHPK 3PXP"`. The input is validated and normalised first.
pub fn format_secret(text: &str) -> Result<String> {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    write_formatted(text, &mut out)?;
    Ok(out)
}

/// Writes [`format_secret`] of `text` to `out`.
pub fn write_formatted(text: &str, out: &mut dyn Out) -> Result<()> {
    write_canonical(text, &mut Grouped { out, written: 0 })
}

/// Writes the characters it is given with a space before every fourth but the first.
struct Grouped<'a> {
    out: &'a mut dyn Out,
    written: usize,
}

impl Out for Grouped<'_> {
    fn push_str(&mut self, text: &str) {
        text.chars().for_each(|c| self.push(c));
    }

    fn push(&mut self, c: char) {
        if self.written > 0 && self.written % 4 == 0 {
            self.out.push(' ');
        }
        self.out.push(c);
        self.written += 1;
    }
}

/// Writes a new secret of `bytes` random bytes, refused as by
/// [`Secret::generate`], as canonical base32, allocating nothing; `random`
/// fills the bytes from a CSPRNG (the browser's module takes them from the
/// SDK, which reads `crypto.getRandomValues` as `getrandom` does).
pub fn write_generated(bytes: usize, random: impl FnOnce(&mut [u8]) -> Result<()>, out: &mut dyn Out) -> Result<()> {
    check_generated_length(bytes)?;
    let mut key = Zeroizing::new([0u8; MAX_SECRET_BYTES]);
    let key = key.get_mut(..bytes).unwrap_or_default();
    random(key)?;
    check_random(key)?;
    write_base32(key, out);
    Ok(())
}

/// What [`Secret::generate`] refuses.
fn check_generated_length(bytes: usize) -> Result<()> {
    if bytes < MIN_SECRET_BYTES {
        return Err(Error::SecretTooShort { bytes, min: MIN_SECRET_BYTES });
    }
    if bytes > MAX_SECRET_BYTES {
        return Err(Error::option("bytes", Reason::AtMostBytesGot { max: MAX_SECRET_BYTES, got: bytes }));
    }
    Ok(())
}

/// Fills `buf` from the platform CSPRNG (the OS, or `crypto.getRandomValues`).
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|_| Error::RandomUnavailable)?;
    check_random(buf)
}

/// Refuses what a stub or a broken polyfill of `crypto.getRandomValues`
/// leaves, which would otherwise become an all-zero key or nonce: 8 or more
/// bytes of one value (from a CSPRNG: a chance of 2^-56 or less). Every byte
/// is read whatever the others are, so that the time says nothing of a secret.
fn check_random(buf: &[u8]) -> Result<()> {
    let Some((first, rest)) = buf.split_first() else { return Ok(()) };
    let differs = rest.iter().fold(0u8, |acc, byte| acc | (byte ^ first));
    if buf.len() >= 8 && core::hint::black_box(differs) == 0 {
        return Err(Error::RandomUnavailable);
    }
    Ok(())
}
