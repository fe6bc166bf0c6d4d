//! The `otp` module: HOTP/TOTP codes and (server build) prepared keys. What
//! a server that checks codes compiles, alone.

use wasm_bindgen::prelude::*;

use super::{hotp_params, js_error, number, small, throwing, totp_params, unix_seconds, whole, JsResult, MAX_SAFE_INTEGER};
use crate::error::Error;
use crate::otp::{HotpKey, TotpKey};
use crate::secret::Secret;

/// The code as a number: the SDK writes it with leading zeros (no string
/// crosses back, which is most of a call's cost).
#[wasm_bindgen]
pub fn hotp(secret: &str, counter: f64, algorithm: Option<String>, digits: f64) -> JsResult<f64> {
    WasmHotpKey::new(secret, algorithm, digits)?.generate(counter)
}

/// The code as a number (see `hotp`).
#[wasm_bindgen]
pub fn totp(secret: &str, timestamp_ms: f64, algorithm: Option<String>, digits: f64, period: f64) -> JsResult<f64> {
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
    algorithm: Option<String>,
    digits: f64,
) -> JsResult<Option<f64>> {
    throwing(|| {
        let params = hotp_params(algorithm.as_deref(), digits)?;
        let (counter, look_ahead) = hotp_window(counter, look_ahead)?;
        hotp_match(&HotpKey::new(params, &Secret::from_base32(secret)?)?, code, counter, look_ahead)
    })
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
    algorithm: Option<String>,
    digits: f64,
    period: f64,
) -> JsResult<Option<f64>> {
    throwing(|| {
        let params = totp_params(algorithm.as_deref(), digits, period)?;
        let (now, window, after_step) = totp_window(timestamp_ms, window, after_step)?;
        totp_match(&TotpKey::new(params, &Secret::from_base32(secret)?)?, code, now, window, after_step)
    })
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
#[cfg_attr(not(feature = "lite"), wasm_bindgen(js_name = CoreHotpKey))]
pub struct WasmHotpKey(HotpKey);

#[cfg_attr(not(feature = "lite"), wasm_bindgen(js_class = CoreHotpKey))]
impl WasmHotpKey {
    #[cfg_attr(not(feature = "lite"), wasm_bindgen(constructor))]
    pub fn new(secret: &str, algorithm: Option<String>, digits: f64) -> JsResult<WasmHotpKey> {
        throwing(|| HotpKey::new(hotp_params(algorithm.as_deref(), digits)?, &Secret::from_base32(secret)?)).map(WasmHotpKey)
    }

    /// The code as a number (see `hotp`).
    pub fn generate(&self, counter: f64) -> JsResult<f64> {
        whole("counter", counter, 0, MAX_SAFE_INTEGER).map(|c| number(self.0.generate_value(c))).map_err(js_error)
    }

    /// The matching counter, or `undefined`.
    #[cfg(not(feature = "lite"))]
    pub fn verify(&self, code: &str, counter: f64, look_ahead: f64) -> JsResult<Option<f64>> {
        throwing(|| {
            let (counter, look_ahead) = hotp_window(counter, look_ahead)?;
            hotp_match(&self.0, code, counter, look_ahead)
        })
    }
}

/// A secret prepared once for many TOTP codes; the SDK's `totpKey` wraps it
/// (server build only, see `WasmHotpKey`).
#[cfg_attr(not(feature = "lite"), wasm_bindgen(js_name = CoreTotpKey))]
pub struct WasmTotpKey(TotpKey);

#[cfg_attr(not(feature = "lite"), wasm_bindgen(js_class = CoreTotpKey))]
impl WasmTotpKey {
    #[cfg_attr(not(feature = "lite"), wasm_bindgen(constructor))]
    pub fn new(secret: &str, algorithm: Option<String>, digits: f64, period: f64) -> JsResult<WasmTotpKey> {
        throwing(|| TotpKey::new(totp_params(algorithm.as_deref(), digits, period)?, &Secret::from_base32(secret)?)).map(WasmTotpKey)
    }

    /// The code as a number (see `hotp`).
    pub fn generate(&self, timestamp_ms: f64) -> JsResult<f64> {
        unix_seconds(timestamp_ms).map(|t| number(self.0.generate_value(t))).map_err(js_error)
    }

    /// The matching step, or `undefined` (see `verifyTotp`).
    #[cfg(not(feature = "lite"))]
    pub fn verify(&self, code: &str, timestamp_ms: f64, window: f64, after_step: Option<f64>) -> JsResult<Option<f64>> {
        throwing(|| {
            let (now, window, after_step) = totp_window(timestamp_ms, window, after_step)?;
            totp_match(&self.0, code, now, window, after_step)
        })
    }
}
