//! The `backup` module: backup codes and their Argon2id records (server
//! build). It holds Argon2id alone, so that a worker thread can instantiate
//! it by itself (its only imports are wasm-bindgen's and the random source).

use alloc::string::String;
use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

use super::{throwing, whole, JsResult};
use crate::backup;
use crate::wire::Json;

#[wasm_bindgen(js_name = generateBackupCodes)]
pub fn generate_backup_codes(count: f64) -> JsResult<Vec<String>> {
    throwing(|| backup::generate_codes(usize::try_from(whole("count", count, 0, 1_000_000)?).unwrap_or(usize::MAX)))
}

#[wasm_bindgen(js_name = hashBackupCodes)]
pub fn hash_backup_codes(codes: Vec<String>, context: &str) -> JsResult<String> {
    throwing(|| backup::hash_codes(&codes, context))
}

#[wasm_bindgen(js_name = importBackupCodes)]
pub fn import_backup_codes(codes: Vec<String>, context: &str) -> JsResult<String> {
    throwing(|| backup::import_codes(&codes, context))
}

/// `{ record, remaining }` as JSON, or `undefined` when the code does not match.
#[wasm_bindgen(js_name = useBackupCode)]
pub fn use_backup_code(record: &str, code: &str, context: &str) -> JsResult<Option<String>> {
    let used = throwing(|| backup::use_code(record, code, context))?;
    Ok(used.map(|(record, remaining)| {
        Json::default().text("record", &record).number("remaining", u64::try_from(remaining).unwrap_or(0)).finish()
    }))
}

/// Whether a typed code could be one of a record's backup codes (the
/// generated shape, or an imported code's when the record holds some).
#[wasm_bindgen(js_name = couldBeBackupCode)]
pub fn could_be_backup_code(record: &str, code: &str) -> JsResult<bool> {
    throwing(|| backup::could_be_code(record, code))
}

#[wasm_bindgen(js_name = countBackupCodes)]
pub fn count_backup_codes(record: &str) -> JsResult<f64> {
    #[allow(clippy::cast_precision_loss)] // at most 100
    throwing(|| backup::count_codes(record).map(|n| n as f64))
}
