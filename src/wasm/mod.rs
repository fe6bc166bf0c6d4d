//! JavaScript bindings: the only module that knows about wasm-bindgen.
//!
//! The bindings are cut by concern, each behind a Cargo feature; a
//! WebAssembly module holds one or more concerns (scripts/esbuild-wasm.mjs:
//! one each in the server build), so that a process or page compiles only
//! what it calls:
//! - `otp` (feature `part-otp`): HOTP/TOTP codes and prepared keys, what a
//!   server calls on every login;
//! - `uri` (`part-uri`): secrets and otpauth URIs;
//! - `qr` (`part-qr`): QR codes, all the enrollment widget needs;
//! - `vault` (`part-vault`): key rings, sealed values and tokens;
//! - `backup` (`part-backup`): backup codes and their Argon2id records.
//!
//! Arguments cross as plain strings and numbers (`f64`, checked here, so a
//! `u64` never becomes a BigInt and a fractional or negative number is an
//! error instead of a silent conversion). Every core error is thrown as its
//! wire form (a JSON array of ids and values, see [`crate::wire`]); the SDK
//! writes the message. Nothing here may panic: a panic would abort the
//! instance for every later call.

use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::otp::{Algorithm, Hotp, Totp};
use crate::reason::Reason;

#[cfg(feature = "part-backup")]
mod backup;
#[cfg(feature = "part-otp")]
mod otp;
#[cfg(feature = "part-qr")]
mod qr;
#[cfg(feature = "part-uri")]
mod uri;
#[cfg(feature = "part-vault")]
mod vault;

type JsResult<T> = Result<T, JsValue>;

/// Largest integer a JavaScript number holds exactly.
#[allow(dead_code)] // each part uses some of the checks
const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;
/// Largest time a JavaScript `Date` can hold, in milliseconds.
#[allow(dead_code)] // each part uses some of the checks
const MAX_TIMESTAMP_MS: f64 = 8.64e15;

/// The error as thrown to JavaScript: its wire form, a string.
#[allow(dead_code)] // each part uses some of the checks
fn js_error(error: Error) -> JsValue {
    JsValue::from_str(&crate::wire::to_wire(&error))
}

/// Runs a fallible body and throws its error to JavaScript.
#[allow(dead_code)] // each part uses some of the checks
fn throwing<T>(body: impl FnOnce() -> Result<T, Error>) -> JsResult<T> {
    body().map_err(js_error)
}

/// A whole number from `min` to `max` (both within the safe-integer range).
#[allow(dead_code)] // each part uses some of the checks
fn whole(name: &'static str, value: f64, min: u64, max: u64) -> Result<u64, Error> {
    if !(value.is_finite() && value.fract() == 0.0 && value >= number(min) && value <= number(max)) {
        return Err(Error::option(name, Reason::WholeNumber { min, max }));
    }
    // Checked above: finite, whole, 0 <= value <= 2^53, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(value as u64)
}

#[allow(dead_code)] // each part uses some of the checks
fn small(name: &'static str, value: f64, min: u32, max: u32) -> Result<u32, Error> {
    let n = whole(name, value, u64::from(min), u64::from(max))?;
    u32::try_from(n).map_err(|_| Error::option(name, Reason::OutOfRange))
}

/// Milliseconds since the epoch (as from `Date.now()`), whole.
#[allow(dead_code)] // each part uses some of the checks
fn unix_ms(timestamp_ms: f64) -> Result<u64, Error> {
    if !(timestamp_ms.is_finite() && (0.0..=MAX_TIMESTAMP_MS).contains(&timestamp_ms)) {
        return Err(Error::option("timestamp", Reason::Timestamp));
    }
    // Checked above: finite and within 0..=8.64e15, so the cast is exact after floor.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(timestamp_ms.floor() as u64)
}

/// Milliseconds since the epoch to whole seconds.
#[allow(dead_code)] // each part uses some of the checks
fn unix_seconds(timestamp_ms: f64) -> Result<u64, Error> {
    Ok(unix_ms(timestamp_ms)? / 1000)
}

/// HOTP parameters from the SDK's options. An absent algorithm is SHA1, the
/// default, so the common call passes no string for it.
#[allow(dead_code)] // each part uses some of the checks
fn hotp_params(algorithm: Option<&str>, digits: f64) -> Result<Hotp, Error> {
    let algorithm = algorithm.map_or(Ok(Algorithm::Sha1), Algorithm::from_option)?;
    Hotp::new(algorithm, small("digits", digits, 0, 1000)?)
}

/// TOTP parameters from the SDK's options.
#[allow(dead_code)] // each part uses some of the checks
fn totp_params(algorithm: Option<&str>, digits: f64, period: f64) -> Result<Totp, Error> {
    Totp::new(hotp_params(algorithm, digits)?, whole("period", period, 1, MAX_SAFE_INTEGER)?)
}

#[allow(clippy::cast_precision_loss, dead_code)] // values are below 2^53 by construction
fn number(value: u64) -> f64 {
    value as f64
}

/// Set just before [`trap_for_tests`] traps: state that a trap leaves behind
/// (as a half-finished operation would) until the instance is restarted.
static LEFT_BEHIND: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);

/// Traps on purpose so the SDK's recovery from a trapped instance can be
/// tested (tests/node/trap-recovery.test.mjs); the SDK does not expose it.
/// Every part has it: each one restarts on its own.
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

/// Talc instead of dlmalloc: about 3 KB less per module, and faster.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
