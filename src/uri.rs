//! `otpauth://` URIs in the Key URI Format that authenticator apps scan.
//!
//! Building writes the label as `issuer:account` (each part percent-encoded,
//! spaces as `%20`, never `+`) and repeats the issuer as a parameter; default
//! algorithm, digits and period are left out so the QR code stays small.
//! Parsing accepts the shapes found in the wild (`+` or `%20` for spaces, an
//! issuer prefix with or without the parameter, any case of parameter values,
//! unknown parameters) and reports what apps may get wrong as warnings.
#![forbid(unsafe_code)]

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::reason::{texts, Reason};
use crate::wire::{push_decimal, Out};
use crate::otp::{Algorithm, DEFAULT_DIGITS, DEFAULT_PERIOD, MAX_DIGITS, MIN_DIGITS};
use crate::secret::{write_base32, Padding, Secret, MIN_SECRET_BYTES};

/// Longest URI accepted by [`parse`]: far beyond what fits in a QR code.
pub const MAX_URI_LENGTH: usize = 8192;
/// Longest account or issuer name accepted by [`build`], in bytes.
pub const MAX_NAME_BYTES: usize = 256;
/// Longest image URL accepted by [`build`], in bytes.
pub const MAX_IMAGE_BYTES: usize = 2048;
/// Shortest imported secret: 80 bits, what some services still issue.
pub const MIN_IMPORTED_SECRET_BYTES: usize = 10;

/// `totp` or `hotp`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OtpType {
    /// Time-based (RFC 6238).
    #[default]
    Totp,
    /// Counter-based (RFC 4226).
    Hotp,
}

impl OtpType {
    /// `"totp"` or `"hotp"`.
    pub fn name(self) -> &'static str {
        match self {
            OtpType::Totp => "totp",
            OtpType::Hotp => "hotp",
        }
    }

    /// Reads `totp` or `hotp` in any case.
    pub fn parse(name: &str) -> Option<Self> {
        if name.eq_ignore_ascii_case("totp") {
            Some(OtpType::Totp)
        } else if name.eq_ignore_ascii_case("hotp") {
            Some(OtpType::Hotp)
        } else {
            None
        }
    }
}

/// Everything an `otpauth://` URI carries.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyUri {
    /// `totp` or `hotp`.
    pub otp_type: OtpType,
    /// Base32 secret (canonical after parsing: upper case, no padding).
    pub secret: Zeroizing<String>,
    /// The account name shown in the app, e.g. an email address.
    pub account: String,
    /// The service name shown in the app.
    pub issuer: Option<String>,
    /// HMAC hash function.
    pub algorithm: Algorithm,
    /// Digits per code.
    pub digits: u32,
    /// TOTP period in seconds (TOTP only).
    pub period: u64,
    /// HOTP initial counter (HOTP only).
    pub counter: u64,
    /// Optional logo URL (a common extension).
    pub image: Option<String>,
}

impl KeyUri {
    /// A TOTP URI with default parameters.
    pub fn totp(secret: &str, account: &str, issuer: Option<&str>) -> Self {
        KeyUri {
            otp_type: OtpType::Totp,
            secret: Zeroizing::new(secret.to_owned()),
            account: account.to_owned(),
            issuer: issuer.map(ToOwned::to_owned),
            algorithm: Algorithm::Sha1,
            digits: DEFAULT_DIGITS,
            period: DEFAULT_PERIOD,
            counter: 0,
            image: None,
        }
    }
}

impl fmt::Debug for KeyUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyUri")
            .field("otp_type", &self.otp_type)
            .field("secret", &"[REDACTED]")
            .field("account", &self.account)
            .field("issuer", &self.issuer)
            .field("algorithm", &self.algorithm)
            .field("digits", &self.digits)
            .field("period", &self.period)
            .field("counter", &self.counter)
            .field("image", &self.image)
            .finish()
    }
}

impl KeyUri {
    /// The fields, borrowed (what [`write`] takes).
    pub fn fields(&self) -> UriFields<'_> {
        UriFields {
            otp_type: self.otp_type,
            secret: &self.secret,
            account: &self.account,
            issuer: self.issuer.as_deref(),
            algorithm: self.algorithm,
            digits: self.digits,
            period: self.period,
            counter: self.counter,
            image: self.image.as_deref(),
        }
    }
}

/// What a [`KeyUri`] carries, borrowed: a URI to [`write`] without
/// allocating (the browser's WebAssembly module).
#[derive(Clone, Copy, Debug)]
#[allow(missing_docs)] // the fields of `KeyUri`
pub struct UriFields<'a> {
    pub otp_type: OtpType,
    pub secret: &'a str,
    pub account: &'a str,
    pub issuer: Option<&'a str>,
    pub algorithm: Algorithm,
    pub digits: u32,
    pub period: u64,
    pub counter: u64,
    pub image: Option<&'a str>,
}

/// Writes the URI. The secret is validated and written in canonical form.
pub fn build(key: &KeyUri) -> Result<String> {
    let mut uri = String::with_capacity(64 + key.secret.len() + 2 * key.account.len());
    write(&mut uri, key.fields())?;
    Ok(uri)
}

/// Writes the URI of [`build`] to `out`, only once every field is checked.
pub fn write(out: &mut dyn Out, key: UriFields<'_>) -> Result<()> {
    crate::secret::with_decoded(key.secret, |secret| write_checked(out, key, secret))
}

fn write_checked(uri: &mut dyn Out, key: UriFields<'_>, secret: &[u8]) -> Result<()> {
    // Surrounding spaces are not part of a name (parse trims them too).
    let account = key.account.trim();
    if account.is_empty() {
        return Err(Error::option("account", Reason::AccountEmpty));
    }
    if account.len() > MAX_NAME_BYTES {
        return Err(Error::option("account", Reason::AtMostBytes { max: MAX_NAME_BYTES }));
    }
    if account.chars().any(char::is_control) {
        return Err(Error::option("account", Reason::ControlCharacters));
    }
    let issuer = key.issuer.map(str::trim).filter(|issuer| !issuer.is_empty());
    if let Some(issuer) = issuer {
        if has_colon(issuer) {
            return Err(Error::option("issuer", Reason::IssuerColon));
        }
        if issuer.len() > MAX_NAME_BYTES {
            return Err(Error::option("issuer", Reason::AtMostBytes { max: MAX_NAME_BYTES }));
        }
        if issuer.chars().any(char::is_control) {
            return Err(Error::option("issuer", Reason::ControlCharacters));
        }
    } else if has_colon(account) {
        return Err(Error::option("account", Reason::AccountColon));
    }
    if key.image.is_some_and(|image| image.len() > MAX_IMAGE_BYTES) {
        return Err(Error::option("image", Reason::AtMostBytes { max: MAX_IMAGE_BYTES }));
    }
    crate::otp::Hotp::new(key.algorithm, key.digits)?;
    if key.otp_type == OtpType::Totp && key.period == 0 {
        return Err(Error::option("period", Reason::PeriodZero));
    }

    uri.push_str("otpauth://");
    uri.push_str(key.otp_type.name());
    uri.push('/');
    if let Some(issuer) = issuer {
        percent_encode(issuer, uri);
        uri.push(':');
    }
    percent_encode(account, uri);
    uri.push_str("?secret=");
    write_base32(secret, uri);
    if let Some(issuer) = issuer {
        uri.push_str("&issuer=");
        percent_encode(issuer, uri);
    }
    if key.algorithm != Algorithm::Sha1 {
        uri.push_str("&algorithm=");
        uri.push_str(key.algorithm.name());
    }
    if key.digits != DEFAULT_DIGITS {
        uri.push_str("&digits=");
        push_decimal(uri, u64::from(key.digits));
    }
    match key.otp_type {
        OtpType::Totp if key.period != DEFAULT_PERIOD => {
            uri.push_str("&period=");
            push_decimal(uri, key.period);
        }
        OtpType::Totp => {}
        OtpType::Hotp => {
            uri.push_str("&counter=");
            push_decimal(uri, key.counter);
        }
    }
    if let Some(image) = key.image.filter(|image| !image.is_empty()) {
        uri.push_str("&image=");
        percent_encode(image, uri);
    }
    Ok(())
}

texts! {
    /// What an app may get wrong with a parsed URI. The words start with a
    /// stable identifier (`SHORT_SECRET: ...`); the ids are the wire form
    /// (see [`crate::wire`]), written in words by the SDK's `sdk/messages.ts`.
    pub enum Warning {
        0 ShortSecret { bytes: usize, min: usize } =>
            "SHORT_SECRET: the secret is {bytes} bytes, fewer than the {min} RFC 4226 requires; re-enroll when you can",
        1 IssuerMismatch { label: String, parameter: String } =>
            "ISSUER_MISMATCH: the label says issuer '{label}' but the issuer parameter says '{parameter}'; using the parameter",
        2 NoIssuer => "NO_ISSUER: there is no issuer; apps show only the account name",
        3 UncommonAlgorithm { name: &'static str } =>
            "UNCOMMON_ALGORITHM: {name}; many authenticator apps ignore the algorithm and use SHA1",
        4 UncommonDigits { digits: u32 } => "UNCOMMON_DIGITS: {digits} digits; many authenticator apps show only 6",
        5 UncommonPeriod { period: u64 } => "UNCOMMON_PERIOD: {period} seconds; many authenticator apps use 30",
        6 IgnoredCounter => "IGNORED_COUNTER: a totp URI has no counter; it was ignored",
        7 IgnoredPeriod => "IGNORED_PERIOD: an hotp URI has no period; it was ignored",
        8 SecretPadding { found: usize, expected: usize } =>
            "SECRET_PADDING: the secret ends in {found} '=' where RFC 4648 asks for {expected}; it was read as authenticator apps read it",
    }
}

impl fmt::Debug for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A parsed URI and what an app might get wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedUri {
    /// The URI's contents.
    pub key: KeyUri,
    /// What apps may get wrong; each one's text starts with a stable
    /// identifier, e.g. `SHORT_SECRET: ...`.
    pub warnings: Vec<Warning>,
}

/// Reads an `otpauth://` URI. Bad input is [`Error::InvalidUri`] saying what is wrong.
pub fn parse(uri: &str) -> Result<ParsedUri> {
    if uri.len() > MAX_URI_LENGTH {
        return Err(Error::uri(Reason::UriTooLong { max: MAX_URI_LENGTH }));
    }
    let uri = uri.trim();
    let rest = strip_prefix_ignore_case(uri, "otpauth://")
        .ok_or_else(|| Error::uri(Reason::Scheme))?;
    let rest = rest.split('#').next().unwrap_or(rest);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (type_name, raw_label) = path.split_once('/').unwrap_or((path, ""));
    let otp_type = OtpType::parse(type_name).ok_or_else(|| Error::uri(Reason::UriType))?;

    let mut warnings = Vec::new();
    let mut params = Params::default();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(raw_value, true).map_err(|e| Error::uri(Reason::InParameter { name: name.into(), problem: Box::new(e) }))?;
        params.set(name, value)?;
    }

    let secret_text = params.secret.ok_or_else(|| Error::uri(Reason::SecretMissing))?;
    let (secret, padding) =
        Secret::read_base32(&secret_text).map_err(|e| Error::uri(Reason::InSecret { error: Box::new(e) }))?;
    if let Padding::Nonstandard { found, expected } = padding {
        warnings.push(Warning::SecretPadding { found, expected });
    }
    if secret.len() < MIN_IMPORTED_SECRET_BYTES {
        return Err(Error::uri(Reason::SecretTooShort { bytes: secret.len(), min: MIN_IMPORTED_SECRET_BYTES }));
    }
    if secret.len() < MIN_SECRET_BYTES {
        warnings.push(Warning::ShortSecret { bytes: secret.len(), min: MIN_SECRET_BYTES });
    }

    // Apps split the label at the first colon, literal or encoded; '+' is a
    // space only in the issuer prefix (an account may be `john+tag@x.com`),
    // and only a literal one (`%2B` is a plus). Spaces around names are trimmed.
    let (raw_prefix, raw_account) = split_label(raw_label);
    let prefix = raw_prefix
        .map(|raw| percent_decode(raw, true).map_err(|e| Error::uri(Reason::InLabel { problem: Box::new(e) })))
        .transpose()?
        .map(|prefix| prefix.trim().to_owned())
        .filter(|prefix| !prefix.is_empty());
    let account = percent_decode(raw_account, false).map_err(|e| Error::uri(Reason::InLabel { problem: Box::new(e) }))?;
    let account = account.trim().to_owned();
    if account.is_empty() {
        return Err(Error::uri(Reason::NoAccount));
    }
    let param_issuer = params.issuer.map(|issuer| issuer.trim().to_owned()).filter(|issuer| !issuer.is_empty());
    let issuer = match (prefix, param_issuer) {
        (Some(prefix), Some(param)) => {
            if prefix != param {
                warnings.push(Warning::IssuerMismatch { label: prefix, parameter: param.clone() });
            }
            Some(param)
        }
        (prefix, param) => param.or(prefix),
    };
    if issuer.is_none() {
        warnings.push(Warning::NoIssuer);
    }

    let algorithm = match params.algorithm {
        Some(name) => Algorithm::parse(&name)
            .ok_or_else(|| Error::uri(Reason::UriAlgorithm))?,
        None => Algorithm::Sha1,
    };
    if algorithm != Algorithm::Sha1 {
        warnings.push(Warning::UncommonAlgorithm { name: algorithm.name() });
    }
    let digits = match params.digits {
        Some(text) => parse_number(&text)
            .and_then(|d| u32::try_from(d).ok())
            .filter(|d| (MIN_DIGITS..=MAX_DIGITS).contains(d))
            .ok_or_else(|| Error::uri(Reason::UriDigits { min: MIN_DIGITS, max: MAX_DIGITS }))?,
        None => DEFAULT_DIGITS,
    };
    if digits != DEFAULT_DIGITS {
        warnings.push(Warning::UncommonDigits { digits });
    }

    let mut period = DEFAULT_PERIOD;
    let mut counter = 0;
    match otp_type {
        OtpType::Totp => {
            if let Some(text) = params.period {
                period = parse_number(&text)
                    .filter(|p| *p >= 1)
                    .ok_or_else(|| Error::uri(Reason::UriPeriod))?;
            }
            if period != DEFAULT_PERIOD {
                warnings.push(Warning::UncommonPeriod { period });
            }
            if params.counter.is_some() {
                warnings.push(Warning::IgnoredCounter);
            }
        }
        OtpType::Hotp => {
            let text = params.counter.ok_or_else(|| Error::uri(Reason::CounterMissing))?;
            counter = parse_number(&text).ok_or_else(|| Error::uri(Reason::UriCounter))?;
            if params.period.is_some() {
                warnings.push(Warning::IgnoredPeriod);
            }
        }
    }

    Ok(ParsedUri {
        key: KeyUri {
            otp_type,
            secret: Zeroizing::new(secret.to_base32()),
            account,
            issuer,
            algorithm,
            digits,
            period,
            counter,
            image: params.image.filter(|image| !image.is_empty()),
        },
        warnings,
    })
}

/// The parameters twofa reads; others are ignored.
#[derive(Default)]
struct Params {
    secret: Option<Zeroizing<String>>,
    issuer: Option<String>,
    algorithm: Option<String>,
    digits: Option<String>,
    period: Option<String>,
    counter: Option<String>,
    image: Option<String>,
}

impl Params {
    fn set(&mut self, name: &str, value: String) -> Result<()> {
        let slot = match name.to_ascii_lowercase().as_str() {
            "secret" => {
                let value = Zeroizing::new(value);
                return match self.secret {
                    Some(_) => Err(Error::uri(Reason::Twice { name: "secret".into() })),
                    None => {
                        self.secret = Some(value);
                        Ok(())
                    }
                };
            }
            "issuer" => &mut self.issuer,
            "algorithm" => &mut self.algorithm,
            "digits" => &mut self.digits,
            "period" => &mut self.period,
            "counter" => &mut self.counter,
            "image" => &mut self.image,
            _ => return Ok(()),
        };
        if slot.is_some() {
            return Err(Error::uri(Reason::Twice { name: name.into() }));
        }
        *slot = Some(value);
        Ok(())
    }
}

/// The raw label split at its first colon, literal or percent-encoded.
fn split_label(raw: &str) -> (Option<&str>, &str) {
    let literal = raw.find(':').map(|at| (at, 1));
    let encoded = raw.to_ascii_uppercase().find("%3A").map(|at| (at, 3));
    match (literal, encoded) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
    .and_then(|(at, len)| Some((raw.get(..at)?, raw.get(at + len..)?)))
    .map_or((None, raw), |(prefix, account)| (Some(prefix), account))
}

/// Whether `text` has a colon (a byte search: `str::contains` brings a
/// general substring searcher into the module).
fn has_colon(text: &str) -> bool {
    text.bytes().any(|b| b == b':')
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| text.get(prefix.len()..)).flatten()
}

/// A decimal number of at most 15 digits (exact in a JavaScript number).
fn parse_number(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() || text.len() > 15 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so a space
/// is `%20` and a colon inside a name is `%3A`.
fn percent_encode(text: &str, out: &mut dyn Out) {
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(hex_digit(b >> 4));
            out.push(hex_digit(b & 0x0f));
        }
    }
}

/// Decodes `%XX` escapes (and `+` as a space in query values) into UTF-8 text.
fn percent_decode(text: &str, plus_is_space: bool) -> core::result::Result<String, Reason> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut iter = text.bytes();
    while let Some(b) = iter.next() {
        match b {
            b'%' => {
                let high = iter.next().and_then(hex_value);
                let low = iter.next().and_then(hex_value);
                match (high, low) {
                    (Some(high), Some(low)) => bytes.push(high << 4 | low),
                    _ => return Err(Reason::PercentNotHex),
                }
            }
            b'+' if plus_is_space => bytes.push(b' '),
            _ => bytes.push(b),
        }
    }
    String::from_utf8(bytes).map_err(|_| Reason::PercentNotUtf8)
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).map_or('0', |c| c.to_ascii_uppercase())
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}
