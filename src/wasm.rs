//! JavaScript bindings: the only module that knows about wasm-bindgen.
//!
//! Arguments cross as plain strings and numbers (`f64`, checked here, so a
//! `u64` never becomes a BigInt and a fractional or negative number is an
//! error instead of a silent conversion). Every core error becomes a JS
//! `Error` with a stable `code`, which the SDK turns into `TwoFactorError`.
//! Nothing here may panic: a panic would abort the instance for every later call.

use alloc::string::String;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::otp::{Algorithm, Hotp, HotpKey, Totp, TotpKey};
use crate::qr::{self, Ecc, SvgOptions};
use crate::secret::{self, Secret};
use crate::uri::{self, KeyUri, OtpType};

type JsResult<T> = Result<T, JsValue>;

/// Largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;
/// Largest time a JavaScript `Date` can hold, in milliseconds.
const MAX_TIMESTAMP_MS: f64 = 8.64e15;

fn js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("TwoFactorError");
    // Setting a property on a fresh Error cannot fail; ignore the Result.
    let _ = js_sys::Reflect::set(&js, &JsValue::from_str("code"), &JsValue::from_str(error.code()));
    js.into()
}

/// A whole number from `min` to `max` (both within the safe-integer range).
/// Bounds are formatted as integers: float formatting would add ~20 KB of wasm.
fn whole(name: &'static str, value: f64, min: u64, max: u64) -> Result<u64, Error> {
    if !(value.is_finite() && value.fract() == 0.0 && value >= number(min) && value <= number(max)) {
        return Err(Error::option(name, alloc::format!("must be a whole number from {min} to {max}")));
    }
    // Checked above: finite, whole, 0 <= value <= 2^53, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(value as u64)
}

fn small(name: &'static str, value: f64, min: u32, max: u32) -> Result<u32, Error> {
    let n = whole(name, value, u64::from(min), u64::from(max))?;
    u32::try_from(n).map_err(|_| Error::option(name, "out of range"))
}

/// Milliseconds since the epoch (as from `Date.now()`), whole.
fn unix_ms(timestamp_ms: f64) -> Result<u64, Error> {
    if !(timestamp_ms.is_finite() && (0.0..=MAX_TIMESTAMP_MS).contains(&timestamp_ms)) {
        return Err(Error::option(
            "timestamp",
            "must be milliseconds since 1970 (as from Date.now()), from 0 to 8.64e15",
        ));
    }
    // Checked above: finite and within 0..=8.64e15, so the cast is exact after floor.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(timestamp_ms.floor() as u64)
}

/// Milliseconds since the epoch to whole seconds.
fn unix_seconds(timestamp_ms: f64) -> Result<u64, Error> {
    Ok(unix_ms(timestamp_ms)? / 1000)
}

#[allow(clippy::cast_precision_loss)] // values are below 2^53 by construction
fn number(value: u64) -> f64 {
    value as f64
}

fn hotp_params(algorithm: &str, digits: f64) -> Result<Hotp, Error> {
    Hotp::new(Algorithm::from_option(algorithm)?, small("digits", digits, 0, 1000)?)
}

fn totp_params(algorithm: &str, digits: f64, period: f64) -> Result<Totp, Error> {
    Totp::new(hotp_params(algorithm, digits)?, whole("period", period, 1, MAX_SAFE_INTEGER)?)
}

#[wasm_bindgen(js_name = generateSecret)]
pub fn generate_secret(bytes: f64) -> JsResult<String> {
    let bytes = whole("bytes", bytes, 0, 1_000_000).map_err(js_error)?;
    let bytes = usize::try_from(bytes).unwrap_or(usize::MAX);
    Secret::generate(bytes).map(|s| s.to_base32()).map_err(js_error)
}

#[wasm_bindgen(js_name = formatSecret)]
pub fn format_secret(secret: &str) -> JsResult<String> {
    secret::format_secret(secret).map_err(js_error)
}

#[wasm_bindgen(js_name = normalizeSecret)]
pub fn normalize_secret(secret: &str) -> JsResult<String> {
    secret::canonical_base32(secret).map_err(js_error)
}

/// The code as a number: the SDK writes it with leading zeros (no string
/// crosses back, which is most of a call's cost).
#[wasm_bindgen]
pub fn hotp(secret: &str, counter: f64, algorithm: &str, digits: f64) -> JsResult<f64> {
    WasmHotpKey::new(secret, algorithm, digits)?.generate(counter)
}

/// The code as a number (see `hotp`).
#[wasm_bindgen]
pub fn totp(secret: &str, timestamp_ms: f64, algorithm: &str, digits: f64, period: f64) -> JsResult<f64> {
    WasmTotpKey::new(secret, algorithm, digits, period)?.generate(timestamp_ms)
}

/// The matching counter, or `undefined`. The numbers are checked before the
/// secret is decoded and the HMAC key prepared, as they cost nothing.
#[wasm_bindgen(js_name = verifyHotp)]
pub fn verify_hotp(
    secret: &str,
    code: &str,
    counter: f64,
    look_ahead: f64,
    algorithm: &str,
    digits: f64,
) -> JsResult<Option<f64>> {
    (|| {
        let params = hotp_params(algorithm, digits)?;
        let (counter, look_ahead) = hotp_window(counter, look_ahead)?;
        hotp_match(&HotpKey::new(params, &Secret::from_base32(secret)?)?, code, counter, look_ahead)
    })()
    .map_err(js_error)
}

/// The matching step, or `undefined`; the SDK derives the drift from the
/// step and the time it passed (no array is allocated per call).
#[wasm_bindgen(js_name = verifyTotp)]
#[allow(clippy::too_many_arguments)]
pub fn verify_totp(
    secret: &str,
    code: &str,
    timestamp_ms: f64,
    window: f64,
    after_step: Option<f64>,
    algorithm: &str,
    digits: f64,
    period: f64,
) -> JsResult<Option<f64>> {
    (|| {
        let params = totp_params(algorithm, digits, period)?;
        let (now, window, after_step) = totp_window(timestamp_ms, window, after_step)?;
        totp_match(&TotpKey::new(params, &Secret::from_base32(secret)?)?, code, now, window, after_step)
    })()
    .map_err(js_error)
}

fn hotp_window(counter: f64, look_ahead: f64) -> Result<(u64, u32), Error> {
    Ok((whole("counter", counter, 0, MAX_SAFE_INTEGER)?, small("lookAhead", look_ahead, 0, crate::otp::MAX_LOOK_AHEAD)?))
}

fn hotp_match(key: &HotpKey, code: &str, counter: u64, look_ahead: u32) -> Result<Option<f64>, Error> {
    // A match past 2^53 - 1 cannot be reported exactly: treat it as none.
    Ok(key.verify(code, counter, look_ahead)?.filter(|c| *c <= MAX_SAFE_INTEGER).map(number))
}

fn totp_window(timestamp_ms: f64, window: f64, after_step: Option<f64>) -> Result<(u64, u32, Option<u64>), Error> {
    let now = unix_seconds(timestamp_ms)?;
    let window = small("window", window, 0, crate::otp::MAX_WINDOW)?;
    let after_step = after_step.map(|s| whole("afterStep", s, 0, MAX_SAFE_INTEGER)).transpose()?;
    Ok((now, window, after_step))
}

fn totp_match(key: &TotpKey, code: &str, now: u64, window: u32, after_step: Option<u64>) -> Result<Option<f64>, Error> {
    Ok(key.verify(code, now, window, after_step)?.map(|m| number(m.step)))
}

/// A secret prepared once for many HOTP codes; the SDK's `hotpKey` wraps it
/// (server build only: browsers check a code or two, and the class costs the
/// lite build 2 KB; there the one-shot functions use it unexported).
#[cfg_attr(feature = "server", wasm_bindgen(js_name = HotpKey))]
pub struct WasmHotpKey(HotpKey);

#[cfg_attr(feature = "server", wasm_bindgen(js_class = HotpKey))]
impl WasmHotpKey {
    #[cfg_attr(feature = "server", wasm_bindgen(constructor))]
    pub fn new(secret: &str, algorithm: &str, digits: f64) -> JsResult<WasmHotpKey> {
        (|| HotpKey::new(hotp_params(algorithm, digits)?, &Secret::from_base32(secret)?))().map(WasmHotpKey).map_err(js_error)
    }

    /// The code as a number (see `hotp`).
    pub fn generate(&self, counter: f64) -> JsResult<f64> {
        whole("counter", counter, 0, MAX_SAFE_INTEGER).map(|c| number(self.0.generate_value(c))).map_err(js_error)
    }

    /// The matching counter, or `undefined`.
    #[cfg(feature = "server")]
    pub fn verify(&self, code: &str, counter: f64, look_ahead: f64) -> JsResult<Option<f64>> {
        (|| {
            let (counter, look_ahead) = hotp_window(counter, look_ahead)?;
            hotp_match(&self.0, code, counter, look_ahead)
        })()
        .map_err(js_error)
    }
}

/// A secret prepared once for many TOTP codes; the SDK's `totpKey` wraps it
/// (server build only, see `WasmHotpKey`).
#[cfg_attr(feature = "server", wasm_bindgen(js_name = TotpKey))]
pub struct WasmTotpKey(TotpKey);

#[cfg_attr(feature = "server", wasm_bindgen(js_class = TotpKey))]
impl WasmTotpKey {
    #[cfg_attr(feature = "server", wasm_bindgen(constructor))]
    pub fn new(secret: &str, algorithm: &str, digits: f64, period: f64) -> JsResult<WasmTotpKey> {
        (|| TotpKey::new(totp_params(algorithm, digits, period)?, &Secret::from_base32(secret)?))()
            .map(WasmTotpKey)
            .map_err(js_error)
    }

    /// The code as a number (see `hotp`).
    pub fn generate(&self, timestamp_ms: f64) -> JsResult<f64> {
        unix_seconds(timestamp_ms).map(|t| number(self.0.generate_value(t))).map_err(js_error)
    }

    /// The matching step, or `undefined` (see `verifyTotp`).
    #[cfg(feature = "server")]
    pub fn verify(&self, code: &str, timestamp_ms: f64, window: f64, after_step: Option<f64>) -> JsResult<Option<f64>> {
        (|| {
            let (now, window, after_step) = totp_window(timestamp_ms, window, after_step)?;
            totp_match(&self.0, code, now, window, after_step)
        })()
        .map_err(js_error)
    }
}

#[wasm_bindgen(js_name = buildUri)]
#[allow(clippy::too_many_arguments)]
pub fn build_uri(
    kind: &str,
    secret: &str,
    account: &str,
    issuer: Option<String>,
    algorithm: &str,
    digits: f64,
    period: f64,
    counter: f64,
    image: Option<String>,
) -> JsResult<String> {
    (|| {
        let otp_type = OtpType::parse(kind).ok_or_else(|| Error::option("type", "use 'totp' or 'hotp'"))?;
        let params = totp_params(algorithm, digits, period)?;
        let mut key = KeyUri::totp(secret, account, issuer.as_deref());
        key.otp_type = otp_type;
        key.algorithm = params.hotp().algorithm();
        key.digits = params.hotp().digits();
        key.period = params.period();
        key.counter = whole("counter", counter, 0, MAX_SAFE_INTEGER)?;
        key.image = image;
        uri::build(&key)
    })()
    .map_err(js_error)
}

/// A JSON object written by hand: one string crosses to JavaScript, which
/// parses it, instead of one boundary call per field (and no serde).
struct Json(String);

impl Json {
    fn new() -> Self {
        Json(String::from("{"))
    }

    fn key(&mut self, name: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        push_json_string(&mut self.0, name);
        self.0.push(':');
    }

    fn text(mut self, name: &str, value: &str) -> Self {
        self.key(name);
        push_json_string(&mut self.0, value);
        self
    }

    fn optional_text(self, name: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.text(name, value),
            None => self,
        }
    }

    fn number(mut self, name: &str, value: u64) -> Self {
        self.key(name);
        self.0.push_str(&value.to_string());
        self
    }

    fn texts(mut self, name: &str, values: &[String]) -> Self {
        self.key(name);
        self.0.push('[');
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            push_json_string(&mut self.0, value);
        }
        self.0.push(']');
        self
    }

    fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                out.push_str("\\u00");
                for nibble in [u32::from(c) >> 4, u32::from(c) & 0xf] {
                    out.push(char::from_digit(nibble, 16).unwrap_or('0'));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The URI's fields and `warnings`, as JSON.
#[wasm_bindgen(js_name = parseUri)]
pub fn parse_uri(text: &str) -> JsResult<String> {
    let parsed = uri::parse(text).map_err(js_error)?;
    let key = &parsed.key;
    let json = Json::new()
        .text("type", key.otp_type.name())
        .text("secret", &key.secret)
        .text("account", &key.account)
        .optional_text("issuer", key.issuer.as_deref())
        .text("algorithm", key.algorithm.name())
        .number("digits", u64::from(key.digits));
    let json = match key.otp_type {
        OtpType::Totp => json.number("period", key.period),
        OtpType::Hotp => json.number("counter", key.counter),
    };
    Ok(json.optional_text("image", key.image.as_deref()).texts("warnings", &parsed.warnings).finish())
}

#[wasm_bindgen(js_name = qrSvg)]
pub fn qr_svg(text: &str, ecc: &str, margin: f64, dark: &str, light: &str, title: Option<String>) -> JsResult<String> {
    (|| {
        let options = SvgOptions {
            ecc: Ecc::parse(ecc)?,
            margin: small("margin", margin, 0, qr::MAX_MARGIN)?,
            dark,
            light,
            title: title.as_deref(),
        };
        qr::svg(text, &options)
    })()
    .map_err(js_error)
}

#[wasm_bindgen(js_name = qrTerminal)]
pub fn qr_terminal(text: &str, ecc: &str, margin: f64) -> JsResult<String> {
    (|| qr::terminal(text, Ecc::parse(ecc)?, small("margin", margin, 0, qr::MAX_MARGIN)?))().map_err(js_error)
}

#[cfg(feature = "server")]
mod server {
    //! Sealing, tokens and backup codes: the server build only.
    use super::{js_error, unix_ms, whole, Json, JsResult};
    use crate::backup;
    use crate::keyring::KeyRing;
    use alloc::string::String;
    use alloc::vec::Vec;
    use wasm_bindgen::prelude::*;

    /// The key ring; the SDK's `KeyRing` class wraps it.
    #[wasm_bindgen(js_name = KeyRing)]
    pub struct WasmKeyRing(KeyRing);

    #[wasm_bindgen(js_class = KeyRing)]
    impl WasmKeyRing {
        #[wasm_bindgen(constructor)]
        pub fn new(current: &str, ids: Vec<String>, keys: Vec<String>) -> JsResult<WasmKeyRing> {
            let pairs: Vec<(&str, &str)> = ids.iter().map(String::as_str).zip(keys.iter().map(String::as_str)).collect();
            KeyRing::new(current, &pairs).map(WasmKeyRing).map_err(js_error)
        }

        #[wasm_bindgen(getter, js_name = currentKeyId)]
        pub fn current_key_id(&self) -> String {
            self.0.current_id().into()
        }

        pub fn seal(&self, plaintext: &str, context: &str) -> JsResult<String> {
            self.0.seal(plaintext.as_bytes(), context).map_err(js_error)
        }

        pub fn open(&self, sealed: &str, context: &str) -> JsResult<String> {
            let bytes = self.0.open(sealed, context).map_err(js_error)?;
            // Everything sealed through this binding was a JavaScript string.
            String::from_utf8(bytes.to_vec())
                .map_err(|_| js_error(crate::Error::SealMalformed { reason: "the plaintext is not text" }))
        }

        #[wasm_bindgen(js_name = needsRotation)]
        pub fn needs_rotation(&self, sealed: &str) -> JsResult<bool> {
            self.0.needs_rotation(sealed).map_err(js_error)
        }

        pub fn reseal(&self, sealed: &str, context: &str) -> JsResult<String> {
            self.0.reseal(sealed, context).map_err(js_error)
        }

        #[wasm_bindgen(js_name = issueToken)]
        pub fn issue_token(
            &self,
            purpose: &str,
            subject: &str,
            ttl_seconds: f64,
            data: Option<String>,
            timestamp_ms: f64,
        ) -> JsResult<String> {
            (|| {
                let ttl = whole("ttlSeconds", ttl_seconds, 1, crate::token::MAX_TTL_SECONDS)?;
                self.0.issue_token(purpose, subject, ttl, data.as_deref(), unix_ms(timestamp_ms)?)
            })()
            .map_err(js_error)
        }

        pub fn mac(&self, purpose: &str, data: &str) -> JsResult<String> {
            self.0.mac(purpose, data.as_bytes()).map_err(js_error)
        }

        #[wasm_bindgen(js_name = verifyMac)]
        pub fn verify_mac(&self, purpose: &str, data: &str, tag: &str) -> JsResult<bool> {
            self.0.verify_mac(purpose, data.as_bytes(), tag).map_err(js_error)
        }

        /// `{ subject, data?, issuedAt, expiresAt }` (milliseconds), as JSON.
        #[wasm_bindgen(js_name = openToken)]
        pub fn open_token(&self, token: &str, purpose: &str, timestamp_ms: f64) -> JsResult<String> {
            let claims = (|| self.0.open_token(token, purpose, unix_ms(timestamp_ms)?))().map_err(js_error)?;
            Ok(Json::new()
                .text("subject", &claims.subject)
                .optional_text("data", claims.data.as_deref())
                .number("issuedAt", claims.issued_at_ms)
                .number("expiresAt", claims.expires_at_ms)
                .finish())
        }
    }

    #[wasm_bindgen(js_name = generateBackupCodes)]
    pub fn generate_backup_codes(count: f64) -> JsResult<Vec<String>> {
        let count = whole("count", count, 0, 1_000_000).map_err(js_error)?;
        backup::generate_codes(usize::try_from(count).unwrap_or(usize::MAX)).map_err(js_error)
    }

    #[wasm_bindgen(js_name = hashBackupCodes)]
    pub fn hash_backup_codes(codes: Vec<String>, context: &str) -> JsResult<String> {
        backup::hash_codes(&codes, context).map_err(js_error)
    }

    #[wasm_bindgen(js_name = importBackupCodes)]
    pub fn import_backup_codes(codes: Vec<String>, context: &str) -> JsResult<String> {
        backup::import_codes(&codes, context).map_err(js_error)
    }

    /// `{ record, remaining }` as JSON, or `undefined` when the code does not match.
    #[wasm_bindgen(js_name = useBackupCode)]
    pub fn use_backup_code(record: &str, code: &str, context: &str) -> JsResult<Option<String>> {
        let used = backup::use_code(record, code, context).map_err(js_error)?;
        Ok(used.map(|(record, remaining)| {
            Json::new().text("record", &record).number("remaining", u64::try_from(remaining).unwrap_or(0)).finish()
        }))
    }

    #[wasm_bindgen(js_name = couldBeBackupCode)]
    pub fn could_be_backup_code(record: &str, code: &str) -> JsResult<bool> {
        backup::could_be_code(record, code).map_err(js_error)
    }

    #[wasm_bindgen(js_name = countBackupCodes)]
    pub fn count_backup_codes(record: &str) -> JsResult<f64> {
        #[allow(clippy::cast_precision_loss)] // at most 100
        backup::count_codes(record).map(|n| n as f64).map_err(js_error)
    }

    #[wasm_bindgen]
    pub fn fingerprint(text: &str) -> String {
        crate::token::fingerprint(text)
    }

    #[wasm_bindgen(js_name = looksLikeBackupCode)]
    pub fn looks_like_backup_code(code: &str) -> bool {
        backup::looks_like_backup_code(code)
    }
}

/// Set just before [`trap_for_tests`] traps: state that a trap leaves behind
/// (as a half-finished operation would) until the instance is restarted.
static LEFT_BEHIND: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);

/// Traps on purpose so the SDK's recovery from a trapped instance can be
/// tested (tests/node/trap-recovery.test.mjs); the SDK does not expose it.
#[wasm_bindgen(js_name = __trapForTests)]
pub fn trap_for_tests() {
    LEFT_BEHIND.store(true, core::sync::atomic::Ordering::Relaxed);
    core::arch::wasm32::unreachable()
}

/// Whether a trap's state is still present (false in a fresh instance).
#[wasm_bindgen(js_name = __trapLeftStateForTests)]
pub fn trap_left_state_for_tests() -> bool {
    LEFT_BEHIND.load(core::sync::atomic::Ordering::Relaxed)
}
