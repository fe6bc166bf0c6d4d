//! The `vault` module: key rings, sealed values and tokens (server build).

use alloc::string::String;
use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

use super::{throwing, unix_ms, whole, JsResult};
use crate::error::Error;
use crate::keyring::KeyRing;
use crate::reason::Reason;
use crate::wire::Json;

/// The key ring; the SDK's `KeyRing` class wraps it.
#[wasm_bindgen(js_name = CoreKeyRing)]
pub struct WasmKeyRing(KeyRing);

#[wasm_bindgen(js_class = CoreKeyRing)]
impl WasmKeyRing {
    #[wasm_bindgen(constructor)]
    pub fn new(current: &str, ids: Vec<String>, keys: Vec<String>) -> JsResult<WasmKeyRing> {
        let pairs: Vec<(&str, &str)> = ids.iter().map(String::as_str).zip(keys.iter().map(String::as_str)).collect();
        throwing(|| KeyRing::new(current, &pairs)).map(WasmKeyRing)
    }

    #[wasm_bindgen(getter, js_name = currentKeyId)]
    pub fn current_key_id(&self) -> String {
        self.0.current_id().into()
    }

    pub fn seal(&self, plaintext: &str, context: &str) -> JsResult<String> {
        throwing(|| self.0.seal(plaintext.as_bytes(), context))
    }

    pub fn open(&self, sealed: &str, context: &str) -> JsResult<String> {
        throwing(|| {
            let bytes = self.0.open(sealed, context)?;
            // Everything sealed through this binding was a JavaScript string.
            String::from_utf8(bytes.to_vec()).map_err(|_| Error::SealMalformed { reason: Reason::NotText })
        })
    }

    #[wasm_bindgen(js_name = needsRotation)]
    pub fn needs_rotation(&self, sealed: &str) -> JsResult<bool> {
        throwing(|| self.0.needs_rotation(sealed))
    }

    pub fn reseal(&self, sealed: &str, context: &str) -> JsResult<String> {
        throwing(|| self.0.reseal(sealed, context))
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
        throwing(|| {
            let ttl = whole("ttlSeconds", ttl_seconds, 1, crate::token::MAX_TTL_SECONDS)?;
            self.0.issue_token(purpose, subject, ttl, data.as_deref(), unix_ms(timestamp_ms)?)
        })
    }

    pub fn mac(&self, purpose: &str, data: &str) -> JsResult<String> {
        throwing(|| self.0.mac(purpose, data.as_bytes()))
    }

    #[wasm_bindgen(js_name = verifyMac)]
    pub fn verify_mac(&self, purpose: &str, data: &str, tag: &str) -> JsResult<bool> {
        throwing(|| self.0.verify_mac(purpose, data.as_bytes(), tag))
    }

    /// `{ subject, data?, issuedAt, expiresAt }` (milliseconds), as JSON.
    #[wasm_bindgen(js_name = openToken)]
    pub fn open_token(&self, token: &str, purpose: &str, timestamp_ms: f64) -> JsResult<String> {
        let claims = throwing(|| self.0.open_token(token, purpose, unix_ms(timestamp_ms)?))?;
        Ok(Json::default()
            .text("subject", &claims.subject)
            .optional_text("data", claims.data.as_deref())
            .number("issuedAt", claims.issued_at_ms)
            .number("expiresAt", claims.expires_at_ms)
            .finish())
    }
}

#[wasm_bindgen]
pub fn fingerprint(text: &str) -> String {
    crate::token::fingerprint(text)
}
