//! One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) with SHA-1,
//! SHA-256 and SHA-512, 6 to 10 digits, any period.
//!
//! Verification prepares the HMAC key state once and copies it per counter
//! ([`HotpKey`] and [`TotpKey`] keep it across calls), compares codes in
//! constant time, and computes every counter of the window unless an eligible
//! one matches. Time is always an argument: nothing here reads a clock.
#![forbid(unsafe_code)]

use alloc::string::String;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use subtle::{Choice, ConstantTimeEq};

use crate::error::{Error, Result};
use crate::reason::Reason;
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
        Self::parse(name).ok_or_else(|| Error::option("algorithm", Reason::Algorithm))
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
            return Err(Error::option("digits", Reason::Digits { min: MIN_DIGITS, max: MAX_DIGITS, got: digits }));
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
        Ok(HotpKey::new(*self, secret)?.generate_value(counter))
    }

    /// Checks `code` against counters `counter ..= counter + look_ahead` and
    /// returns the lowest matching counter (store `counter + 1` for next time).
    pub fn verify(&self, secret: &Secret, code: &str, counter: u64, look_ahead: u32) -> Result<Option<u64>> {
        HotpKey::new(*self, secret)?.verify(code, counter, look_ahead)
    }

    fn value(&self, mac: &PreparedMac, counter: u64) -> u64 {
        u64::from(mac.truncated(counter)) % 10u64.pow(self.digits)
    }

    /// The first of `counters` (skipping those not after `after`) whose code
    /// equals `given`, compared in constant time. The search stops at the
    /// first eligible match; a code that matches nothing eligible (a wrong
    /// guess, a replay) costs every counter, so timing tells a guesser no more
    /// than the answer does.
    fn first_match(
        &self,
        mac: &PreparedMac,
        given: u64,
        counters: impl Iterator<Item = u64>,
        after: Option<u64>,
    ) -> Option<u64> {
        let mut found = None;
        for counter in counters {
            let eligible = Choice::from(u8::from(after.is_none_or(|after| counter > after)));
            if bool::from(self.value(mac, counter).ct_eq(&given) & eligible) {
                found = Some(counter);
                break;
            }
        }
        found
    }
}

/// A secret prepared for HOTP: decoded and its HMAC key state computed once,
/// for callers that generate or check many codes with one secret.
#[derive(Clone, Debug)]
pub struct HotpKey {
    hotp: Hotp,
    mac: PreparedMac,
}

impl HotpKey {
    /// Prepares `secret` for `hotp`'s algorithm.
    pub fn new(hotp: Hotp, secret: &Secret) -> Result<Self> {
        Self::from_bytes(hotp, secret.as_bytes())
    }

    /// Prepares decoded key bytes (see [`crate::secret::with_decoded`]).
    pub fn from_bytes(hotp: Hotp, key: &[u8]) -> Result<Self> {
        Ok(HotpKey { hotp, mac: PreparedMac::new(hotp.algorithm, key)? })
    }

    /// The parameters.
    pub fn hotp(&self) -> Hotp {
        self.hotp
    }

    /// The code for `counter` as a number (see [`Hotp::generate_value`]).
    pub fn generate_value(&self, counter: u64) -> u64 {
        self.hotp.value(&self.mac, counter)
    }

    /// The code for `counter`.
    pub fn generate(&self, counter: u64) -> String {
        format_code(self.generate_value(counter), self.hotp.digits)
    }

    /// See [`Hotp::verify`].
    pub fn verify(&self, code: &str, counter: u64, look_ahead: u32) -> Result<Option<u64>> {
        if look_ahead > MAX_LOOK_AHEAD {
            return Err(Error::option("lookAhead", Reason::ZeroTo { max: MAX_LOOK_AHEAD, got: look_ahead }));
        }
        let given = parse_code(code, self.hotp.digits)?;
        let last = counter.saturating_add(u64::from(look_ahead));
        Ok(self.hotp.first_match(&self.mac, given, counter..=last, None))
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
            return Err(Error::option("period", Reason::PeriodZero));
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
    /// and returns the matching step greater than `after_step` (the last step
    /// this user already used: a replayed code does not match). Steps are
    /// tried nearest first, the past before the future (current, -1, +1,
    /// -2, ...), as a late code is likelier than an early one.
    pub fn verify(
        &self,
        secret: &Secret,
        code: &str,
        unix_seconds: u64,
        window: u32,
        after_step: Option<u64>,
    ) -> Result<Option<TotpMatch>> {
        TotpKey::new(*self, secret)?.verify(code, unix_seconds, window, after_step)
    }
}

/// A secret prepared for TOTP: decoded and its HMAC key state computed once,
/// for callers that generate or check many codes with one secret.
#[derive(Clone, Debug)]
pub struct TotpKey {
    totp: Totp,
    key: HotpKey,
}

impl TotpKey {
    /// Prepares `secret` for `totp`'s algorithm.
    pub fn new(totp: Totp, secret: &Secret) -> Result<Self> {
        Self::from_bytes(totp, secret.as_bytes())
    }

    /// Prepares decoded key bytes (see [`crate::secret::with_decoded`]).
    pub fn from_bytes(totp: Totp, key: &[u8]) -> Result<Self> {
        Ok(TotpKey { totp, key: HotpKey::from_bytes(totp.hotp, key)? })
    }

    /// The parameters.
    pub fn totp(&self) -> Totp {
        self.totp
    }

    /// The same key for HOTP codes.
    pub fn hotp_key(&self) -> &HotpKey {
        &self.key
    }

    /// The code at `unix_seconds` as a number (see [`Hotp::generate_value`]).
    pub fn generate_value(&self, unix_seconds: u64) -> u64 {
        self.key.generate_value(self.totp.step(unix_seconds))
    }

    /// The code at `unix_seconds`.
    pub fn generate(&self, unix_seconds: u64) -> String {
        self.key.generate(self.totp.step(unix_seconds))
    }

    /// See [`Totp::verify`].
    pub fn verify(&self, code: &str, unix_seconds: u64, window: u32, after_step: Option<u64>) -> Result<Option<TotpMatch>> {
        if window > MAX_WINDOW {
            return Err(Error::option("window", Reason::ZeroToSteps { max: MAX_WINDOW, got: window }));
        }
        let given = parse_code(code, self.totp.hotp.digits)?;
        let current = self.totp.step(unix_seconds);
        let steps = nearest_first(current, window);
        Ok(self.totp.hotp.first_match(&self.key.mac, given, steps, after_step).map(|step| TotpMatch {
            step,
            // Both are within MAX_WINDOW of each other, so the difference fits.
            drift: i64::try_from(step.abs_diff(current)).map_or(0, |d| if step < current { -d } else { d }),
        }))
    }
}

/// `current`, then `current - 1`, `current + 1`, ... out to `window` steps,
/// leaving out steps below 0 or above `u64::MAX`.
fn nearest_first(current: u64, window: u32) -> impl Iterator<Item = u64> {
    (0..=2 * u64::from(window)).filter_map(move |i| {
        let distance = i.div_ceil(2);
        if i % 2 == 1 { current.checked_sub(distance) } else { current.checked_add(distance) }
    })
}

/// HMAC key state computed once per key and cloned per counter (the `hmac`
/// crate over the `sha1` and `sha2` crates).
///
/// The server build's `otp` WebAssembly module (feature `part-otp` without
/// `part-sha2`, see src/wasm.rs) computes SHA-1 codes only, so that a server
/// checking the codes most authenticators use never compiles SHA-2: there,
/// and only there, the SHA-2 variants are left out and a SHA-2 key is
/// refused (the SDK sends those to the `sha2` module).
#[derive(Clone)]
enum PreparedMac {
    Sha1(Hmac<Sha1>),
    #[cfg(not(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2"))))]
    Sha256(Hmac<sha2::Sha256>),
    #[cfg(not(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2"))))]
    Sha512(Hmac<sha2::Sha512>),
}

impl core::fmt::Debug for PreparedMac {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The HMAC state is as good as the secret: never printed.
        f.write_str("PreparedMac(..)")
    }
}

impl PreparedMac {
    fn new(algorithm: Algorithm, key: &[u8]) -> Result<Self> {
        // HMAC takes keys of any length; the error branch cannot happen.
        let invalid = |_| Error::option("secret", Reason::NotHmacKey);
        Ok(match algorithm {
            Algorithm::Sha1 => PreparedMac::Sha1(Hmac::new_from_slice(key).map_err(invalid)?),
            #[cfg(not(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2"))))]
            Algorithm::Sha256 => PreparedMac::Sha256(Hmac::new_from_slice(key).map_err(invalid)?),
            #[cfg(not(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2"))))]
            Algorithm::Sha512 => PreparedMac::Sha512(Hmac::new_from_slice(key).map_err(invalid)?),
            #[cfg(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2")))]
            Algorithm::Sha256 | Algorithm::Sha512 => return Err(Error::option("algorithm", Reason::Algorithm)),
        })
    }

    /// RFC 4226 dynamic truncation of HMAC(counter): a 31-bit number.
    fn truncated(&self, counter: u64) -> u32 {
        let message = counter.to_be_bytes();
        match self {
            PreparedMac::Sha1(mac) => dynamic_truncate(&finish(mac, &message)),
            #[cfg(not(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2"))))]
            PreparedMac::Sha256(mac) => dynamic_truncate(&finish(mac, &message)),
            #[cfg(not(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2"))))]
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
