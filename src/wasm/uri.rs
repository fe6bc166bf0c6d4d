//! The `uri` module: secrets (generation, display) and otpauth URIs, what
//! enrollment needs besides the QR code.

use alloc::string::String;
use wasm_bindgen::prelude::*;

use super::{throwing, totp_params, whole, JsResult, MAX_SAFE_INTEGER};
use crate::error::Error;
use crate::reason::Reason;
use crate::secret::{self, Secret};
use crate::uri::{self, KeyUri, OtpType};
use crate::wire::Json;

#[wasm_bindgen(js_name = generateSecret)]
pub fn generate_secret(bytes: f64) -> JsResult<String> {
    throwing(|| {
        let bytes = usize::try_from(whole("bytes", bytes, 0, 1_000_000)?).unwrap_or(usize::MAX);
        Ok(Secret::generate(bytes)?.to_base32())
    })
}

#[wasm_bindgen(js_name = formatSecret)]
pub fn format_secret(secret: &str) -> JsResult<String> {
    throwing(|| secret::format_secret(secret))
}

#[wasm_bindgen(js_name = normalizeSecret)]
pub fn normalize_secret(secret: &str) -> JsResult<String> {
    throwing(|| secret::canonical_base32(secret))
}

#[wasm_bindgen(js_name = buildUri)]
#[allow(clippy::too_many_arguments)]
pub fn build_uri(
    kind: &str,
    secret: &str,
    account: &str,
    issuer: Option<String>,
    algorithm: Option<String>,
    digits: f64,
    period: f64,
    counter: f64,
    image: Option<String>,
) -> JsResult<String> {
    throwing(|| {
        let otp_type = OtpType::parse(kind).ok_or(Error::option("type", Reason::OtpType))?;
        let params = totp_params(algorithm.as_deref(), digits, period)?;
        let mut key = KeyUri::totp(secret, account, issuer.as_deref());
        key.otp_type = otp_type;
        key.algorithm = params.hotp().algorithm();
        key.digits = params.hotp().digits();
        key.period = params.period();
        key.counter = whole("counter", counter, 0, MAX_SAFE_INTEGER)?;
        key.image = image;
        uri::build(&key)
    })
}

/// The URI's fields and `warnings` (each in its wire form), as JSON.
#[wasm_bindgen(js_name = parseUri)]
pub fn parse_uri(text: &str) -> JsResult<String> {
    let parsed = throwing(|| uri::parse(text))?;
    let key = &parsed.key;
    let json = Json::default()
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
    Ok(json.optional_text("image", key.image.as_deref()).wires("warnings", &parsed.warnings).finish())
}
