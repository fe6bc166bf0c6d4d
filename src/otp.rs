//! One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) with SHA-1,
//! SHA-256 and SHA-512, 6 to 10 digits, any period.
//!
//! Verification prepares the HMAC key state once and clones it per counter,
//! computes every counter of the window whatever matches, and compares in
//! constant time. Time is always an argument: nothing here reads a clock.
#![forbid(unsafe_code)]

use alloc::string::String;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Sha256, Sha512};
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};

use crate::error::{Error, Result};
use crate::secret::Secret;

/// Digits in a code unless asked otherwise.
pub const DEFAULT_DIGITS: u32 = 6;
/// Fewest digits a code may have (RFC 4226).
pub const MIN_DIGITS: u32 = 6;
/// Most digits a code may have: a 31-bit truncated value has ten digits.
pub const MAX_DIGITS: u32 = 10;
/// TOTP period in seconds unless asked otherwise.
pub const DEFAULT_PERIOD: u64 = 30;
/// TOTP steps accepted either side of the current one unless asked otherwise.
pub const DEFAULT_WINDOW: u32 = 1;
/// Widest TOTP window: each extra step multiplies a guesser's chances.
pub const MAX_WINDOW: u32 = 10;
/// Furthest HOTP look-ahead.
pub const MAX_LOOK_AHEAD: u32 = 100;

/// The HMAC hash function.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// HMAC-SHA-1, the default and the only one every authenticator app supports.
    #[default]
    Sha1,
    /// HMAC-SHA-256.
    Sha256,
    /// HMAC-SHA-512.
    Sha512,
}

impl Algorithm {
    /// Reads `SHA1`, `SHA256`, `SHA512` in any case, with or without a hyphen (`SHA-256`).
    pub fn parse(name: &str) -> Option<Self> {
        const NAMES: [(&str, Algorithm); 6] = [
            ("SHA1", Algorithm::Sha1),
            ("SHA-1", Algorithm::Sha1),
            ("SHA256", Algorithm::Sha256),
            ("SHA-256", Algorithm::Sha256),
            ("SHA512", Algorithm::Sha512),
            ("SHA-512", Algorithm::Sha512),
        ];
        NAMES.iter().find(|(known, _)| known.eq_ignore_ascii_case(name)).map(|(_, algorithm)| *algorithm)
    }

    /// The name used in otpauth URIs and the SDK: `SHA1`, `SHA256` or `SHA512`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
            Algorithm::Sha512 => "SHA512",
        }
    }

    /// Like [`Algorithm::parse`], with an error that names the option.
    pub fn from_option(name: &str) -> Result<Self> {
        Self::parse(name).ok_or_else(|| Error::option("algorithm", "use 'SHA1', 'SHA256' or 'SHA512'"))
    }
}

/// HOTP parameters, validated: an algorithm and a number of digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hotp {
    algorithm: Algorithm,
    digits: u32,
}

impl Default for Hotp {
    fn default() -> Self {
        Hotp { algorithm: Algorithm::Sha1, digits: DEFAULT_DIGITS }
    }
}

impl Hotp {
    /// Checks that `digits` is 6 to 10.
    pub fn new(algorithm: Algorithm, digits: u32) -> Result<Self> {
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) {
            return Err(Error::option("digits", alloc::format!("must be {MIN_DIGITS} to {MAX_DIGITS}, got {digits}")));
        }
        Ok(Hotp { algorithm, digits })
    }

    /// The hash function.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The number of digits.
    pub fn digits(&self) -> u32 {
        self.digits
    }

    /// The code for `counter`.
    pub fn generate(&self, secret: &Secret, counter: u64) -> Result<String> {
        Ok(format_code(self.generate_value(secret, counter)?, self.digits))
    }

    /// The code for `counter` as a number, for callers that format it
    /// themselves (with leading zeros to [`Hotp::digits`] places).
    pub fn generate_value(&self, secret: &Secret, counter: u64) -> Result<u64> {
        let mac = PreparedMac::new(self.algorithm, secret)?;
        Ok(self.value(&mac, counter))
    }

    /// Checks `code` against counters `counter ..= counter + look_ahead` and
    /// returns the matching counter (store `counter + 1` for next time).
    pub fn verify(&self, secret: &Secret, code: &str, counter: u64, look_ahead: u32) -> Result<Option<u64>> {
        if look_ahead > MAX_LOOK_AHEAD {
            return Err(Error::option("lookAhead", alloc::format!("must be 0 to {MAX_LOOK_AHEAD}, got {look_ahead}")));
        }
        let given = parse_code(code, self.digits)?;
        let mac = PreparedMac::new(self.algorithm, secret)?;
        let last = counter.saturating_add(u64::from(look_ahead));
        Ok(self.first_match(&mac, given, counter, last, None))
    }

    fn value(&self, mac: &PreparedMac, counter: u64) -> u64 {
        u64::from(mac.truncated(counter)) % 10u64.pow(self.digits)
    }

    /// The earliest counter in `first ..= last` (and after `after`) whose code
    /// equals `given`. Every counter is computed and compared; the selection
    /// uses constant-time operations, so timing does not tell which matched.
    fn first_match(&self, mac: &PreparedMac, given: u64, first: u64, last: u64, after: Option<u64>) -> Option<u64> {
        let mut found = Choice::from(0);
        let mut matched = 0u64;
        for counter in first..=last {
            let eligible = Choice::from(u8::from(after.is_none_or(|after| counter > after)));
            let hit = self.value(mac, counter).ct_eq(&given) & eligible & !found;
            matched.conditional_assign(&counter, hit);
            found |= hit;
        }
        bool::from(found).then_some(matched)
    }
}

/// A TOTP match: the time step the code belongs to and its distance from
/// the current step (negative: the code was from the past).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TotpMatch {
    /// `floor(unix_seconds / period)` of the matching code.
    pub step: u64,
    /// `step - current_step`.
    pub drift: i64,
}

/// TOTP parameters, validated: HOTP parameters and a period in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totp {
    hotp: Hotp,
    period: u64,
}

impl Default for Totp {
    fn default() -> Self {
        Totp { hotp: Hotp::default(), period: DEFAULT_PERIOD }
    }
}

impl Totp {
    /// Checks that `period` is at least one second.
    pub fn new(hotp: Hotp, period: u64) -> Result<Self> {
        if period == 0 {
            return Err(Error::option("period", "must be at least 1 second"));
        }
        Ok(Totp { hotp, period })
    }

    /// The HOTP parameters.
    pub fn hotp(&self) -> Hotp {
        self.hotp
    }

    /// The period in seconds.
    pub fn period(&self) -> u64 {
        self.period
    }

    /// The time step of `unix_seconds`.
    pub fn step(&self, unix_seconds: u64) -> u64 {
        unix_seconds / self.period
    }

    /// The code at `unix_seconds`.
    pub fn generate(&self, secret: &Secret, unix_seconds: u64) -> Result<String> {
        self.hotp.generate(secret, self.step(unix_seconds))
    }

    /// The code at `unix_seconds` as a number (see [`Hotp::generate_value`]).
    pub fn generate_value(&self, secret: &Secret, unix_seconds: u64) -> Result<u64> {
        self.hotp.generate_value(secret, self.step(unix_seconds))
    }

    /// Checks `code` against the steps `current - window ..= current + window`
    /// and returns the earliest matching step greater than `after_step` (the
    /// last step this user already used: a replayed code does not match).
    pub fn verify(
        &self,
        secret: &Secret,
        code: &str,
        unix_seconds: u64,
        window: u32,
        after_step: Option<u64>,
    ) -> Result<Option<TotpMatch>> {
        if window > MAX_WINDOW {
            return Err(Error::option("window", alloc::format!("must be 0 to {MAX_WINDOW} steps, got {window}")));
        }
        let given = parse_code(code, self.hotp.digits)?;
        let mac = PreparedMac::new(self.hotp.algorithm, secret)?;
        let current = self.step(unix_seconds);
        let first = current.saturating_sub(u64::from(window));
        let last = current.saturating_add(u64::from(window));
        Ok(self.hotp.first_match(&mac, given, first, last, after_step).map(|step| TotpMatch {
            step,
            // Both are within MAX_WINDOW of each other, so the difference fits.
            drift: i64::try_from(step.abs_diff(current)).map_or(0, |d| if step < current { -d } else { d }),
        }))
    }
}

/// HMAC key state computed once per operation and cloned per counter.
#[derive(Clone)]
enum PreparedMac {
    Sha1(Hmac<Sha1>),
    Sha256(Hmac<Sha256>),
    Sha512(Hmac<Sha512>),
}

impl PreparedMac {
    fn new(algorithm: Algorithm, secret: &Secret) -> Result<Self> {
        let key = secret.as_bytes();
        // HMAC takes keys of any length; the error branch cannot happen.
        let invalid = |_| Error::option("secret", "not usable as an HMAC key");
        Ok(match algorithm {
            Algorithm::Sha1 => PreparedMac::Sha1(Hmac::new_from_slice(key).map_err(invalid)?),
            Algorithm::Sha256 => PreparedMac::Sha256(Hmac::new_from_slice(key).map_err(invalid)?),
            Algorithm::Sha512 => PreparedMac::Sha512(Hmac::new_from_slice(key).map_err(invalid)?),
        })
    }

    /// RFC 4226 dynamic truncation of HMAC(counter): a 31-bit number.
    fn truncated(&self, counter: u64) -> u32 {
        let message = counter.to_be_bytes();
        match self {
            PreparedMac::Sha1(mac) => dynamic_truncate(&finish(mac, &message)),
            PreparedMac::Sha256(mac) => dynamic_truncate(&finish(mac, &message)),
            PreparedMac::Sha512(mac) => dynamic_truncate(&finish(mac, &message)),
        }
    }
}

fn finish<M: Mac + Clone>(prepared: &M, message: &[u8]) -> hmac::digest::Output<M> {
    let mut mac = prepared.clone();
    mac.update(message);
    mac.finalize().into_bytes()
}

fn dynamic_truncate(digest: &[u8]) -> u32 {
    let offset = usize::from(digest.last().copied().unwrap_or(0) & 0x0f);
    let word = digest
        .get(offset..offset + 4)
        .and_then(|bytes| <[u8; 4]>::try_from(bytes).ok())
        .unwrap_or([0; 4]);
    u32::from_be_bytes(word) & 0x7fff_ffff
}

/// Reads a code of exactly `digits` ASCII digits.
fn parse_code(code: &str, digits: u32) -> Result<u64> {
    let bytes = code.as_bytes();
    if u32::try_from(bytes.len()).ok() != Some(digits) || !bytes.iter().all(u8::is_ascii_digit) {
        return Err(Error::InvalidCodeFormat { digits });
    }
    Ok(bytes.iter().fold(0u64, |value, b| value * 10 + u64::from(b - b'0')))
}

/// Writes `value` with leading zeros to `digits` places.
fn format_code(value: u64, digits: u32) -> String {
    let mut buf = [b'0'; MAX_DIGITS as usize];
    let mut rest = value;
    let width = usize::try_from(digits).unwrap_or(MAX_DIGITS as usize).min(buf.len());
    for slot in buf.iter_mut().take(width).rev() {
        *slot = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    buf.iter().take(width).map(|b| char::from(*b)).collect()
}
