//! The `qr` module: QR codes, all the enrollment widget needs (no HMAC).

use alloc::string::String;
use wasm_bindgen::prelude::*;

use super::{small, throwing, JsResult};
use crate::qr::{self, Ecc, SvgOptions};

#[wasm_bindgen(js_name = qrSvg)]
pub fn qr_svg(text: &str, ecc: &str, margin: f64, dark: &str, light: &str, title: Option<String>) -> JsResult<String> {
    throwing(|| {
        let options = SvgOptions {
            ecc: Ecc::parse(ecc)?,
            margin: small("margin", margin, 0, qr::MAX_MARGIN)?,
            dark,
            light,
            title: title.as_deref(),
        };
        qr::svg(text, &options)
    })
}

/// Server build only: a page has no terminal.
#[cfg(not(feature = "lite"))]
#[wasm_bindgen(js_name = qrTerminal)]
pub fn qr_terminal(text: &str, ecc: &str, margin: f64) -> JsResult<String> {
    throwing(|| qr::terminal(text, Ecc::parse(ecc)?, small("margin", margin, 0, qr::MAX_MARGIN)?))
}
