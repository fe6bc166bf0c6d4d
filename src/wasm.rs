//! JavaScript bindings: the only module that knows about wasm-bindgen.
//!
//! The bindings are cut by concern, each behind a Cargo feature; a
//! WebAssembly module holds one or more concerns (scripts/esbuild-wasm.mjs),
//! so that a process or page compiles only what it calls:
//! - `otp` (feature `part-otp`): HOTP/TOTP codes and prepared keys, what a
//!   server calls on every login; SHA-1 only unless the module also serves
//! - `sha2` (`part-sha2`): the same functions for every algorithm (the SDK
//!   sends SHA-256 and SHA-512 keys there; see `PreparedMac` in src/otp.rs);
//! - `uri` (`part-uri`): secrets and building otpauth URIs;
//! - `parse` (`part-parse`): reading otpauth URIs;
//! - `qr` (`part-qr`): QR codes;
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
use crate::otp::{Algorithm, Hotp, HotpKey, Totp, TotpKey};
use crate::reason::Reason;

#[cfg(feature = "part-backup")]
mod backup {
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
}
#[cfg(all(not(feature = "lite"), any(feature = "part-otp", feature = "part-sha2")))]
mod otp {
    //! The `otp` and `sha2` concerns: HOTP/TOTP codes and (server build)
    //! prepared keys. What a server that checks codes compiles, alone; the
    //! server build's `otp` module computes SHA-1 codes only.
    //!
    //! The functions that compute codes return one number, not a `Result`:
    //! the answer (a code, counter or step, all whole and at least 0),
    //! [`NO_MATCH`], or [`FAILED`], after which the SDK takes the error with
    //! `takeError`. A `Result` crosses as several values, for which V8
    //! compiles a wrapper per signature with its optimising compiler when it
    //! compiles the module (or, returned through memory, costs each call two
    //! more calls into the module); one number costs neither.

    use alloc::string::String;
    use std::sync::Mutex;
    use wasm_bindgen::prelude::*;

    use super::{hotp_match, hotp_params, hotp_value, hotp_window, totp_match, totp_params, totp_value, totp_window};
    use crate::error::Error;
    use crate::otp::{HotpKey, TotpKey};
    use crate::secret::Secret;

    /// The answer when no code matched.
    const NO_MATCH: f64 = -1.0;
    /// The answer when the call failed: its error waits in [`LAST_ERROR`].
    const FAILED: f64 = -2.0;

    /// The wire form of the last failure, until `takeError` takes it.
    static LAST_ERROR: Mutex<Option<String>> = Mutex::new(None);

    /// The one-number form of a result (see the module's documentation).
    fn answer(result: Result<Option<f64>, Error>) -> f64 {
        match result {
            Ok(Some(value)) => value,
            Ok(None) => NO_MATCH,
            Err(error) => {
                if let Ok(mut last) = LAST_ERROR.lock() {
                    *last = Some(crate::wire::to_wire(&error));
                }
                FAILED
            }
        }
    }

    /// The error of the last call that answered `FAILED`, in its wire form
    /// (what the other modules throw).
    #[wasm_bindgen(js_name = takeError)]
    pub fn take_error() -> JsValue {
        let wire = LAST_ERROR.lock().ok().and_then(|mut last| last.take());
        JsValue::from_str(wire.as_deref().unwrap_or("[]"))
    }

    /// The code as a number: the SDK writes it with leading zeros (no string
    /// crosses back, which is most of a call's cost).
    #[wasm_bindgen]
    pub fn hotp(secret: &str, counter: f64, algorithm: Option<String>, digits: f64) -> f64 {
        answer(hotp_key(secret, algorithm.as_deref(), digits).and_then(|key| hotp_value(&key, counter)).map(Some))
    }

    /// The code as a number (see `hotp`).
    #[wasm_bindgen]
    pub fn totp(secret: &str, timestamp_ms: f64, algorithm: Option<String>, digits: f64, period: f64) -> f64 {
        answer(totp_key(secret, algorithm.as_deref(), digits, period).and_then(|key| totp_value(&key, timestamp_ms)).map(Some))
    }

    /// The matching counter, or `NO_MATCH`. The numbers are checked before the
    /// secret is decoded and the HMAC key prepared, as they cost nothing.
    #[wasm_bindgen(js_name = verifyHotp)]
    pub fn verify_hotp(secret: &str, code: &str, counter: f64, look_ahead: f64, algorithm: Option<String>, digits: f64) -> f64 {
        answer((|| {
            let params = hotp_params(algorithm.as_deref(), digits)?;
            let (counter, look_ahead) = hotp_window(counter, look_ahead)?;
            hotp_match(&HotpKey::new(params, &Secret::from_base32(secret)?)?, code, counter, look_ahead)
        })())
    }

    /// The matching step, or `NO_MATCH`; the SDK derives the drift from the
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
    ) -> f64 {
        answer((|| {
            let params = totp_params(algorithm.as_deref(), digits, period)?;
            let (now, window, after_step) = totp_window(timestamp_ms, window, after_step)?;
            totp_match(&TotpKey::new(params, &Secret::from_base32(secret)?)?, code, now, window, after_step)
        })())
    }

    fn hotp_key(secret: &str, algorithm: Option<&str>, digits: f64) -> Result<HotpKey, Error> {
        HotpKey::new(hotp_params(algorithm, digits)?, &Secret::from_base32(secret)?)
    }

    fn totp_key(secret: &str, algorithm: Option<&str>, digits: f64, period: f64) -> Result<TotpKey, Error> {
        TotpKey::new(totp_params(algorithm, digits, period)?, &Secret::from_base32(secret)?)
    }

    /// Prepared keys (server build only: browsers check a code or two).
    #[cfg(not(feature = "lite"))]
    mod prepared {
        use alloc::string::String;
        use wasm_bindgen::prelude::*;

        use super::{answer, hotp_key, totp_key};
        use crate::otp::{HotpKey, TotpKey};
        use crate::wasm::{hotp_match, hotp_value, hotp_window, throwing, totp_match, totp_value, totp_window, JsResult};

        /// A secret prepared once for many HOTP codes; the SDK's `hotpKey` wraps it.
        #[wasm_bindgen(js_name = CoreHotpKey)]
        pub struct WasmHotpKey(HotpKey);

        #[wasm_bindgen(js_class = CoreHotpKey)]
        impl WasmHotpKey {
            #[wasm_bindgen(constructor)]
            pub fn new(secret: &str, algorithm: Option<String>, digits: f64) -> JsResult<WasmHotpKey> {
                throwing(|| hotp_key(secret, algorithm.as_deref(), digits)).map(WasmHotpKey)
            }

            /// The code as a number (see `hotp`).
            pub fn generate(&self, counter: f64) -> f64 {
                answer(hotp_value(&self.0, counter).map(Some))
            }

            /// The matching counter, or `NO_MATCH`.
            pub fn verify(&self, code: &str, counter: f64, look_ahead: f64) -> f64 {
                answer(hotp_window(counter, look_ahead).and_then(|(counter, look_ahead)| hotp_match(&self.0, code, counter, look_ahead)))
            }
        }

        /// A secret prepared once for many TOTP codes; the SDK's `totpKey` wraps it.
        #[wasm_bindgen(js_name = CoreTotpKey)]
        pub struct WasmTotpKey(TotpKey);

        #[wasm_bindgen(js_class = CoreTotpKey)]
        impl WasmTotpKey {
            #[wasm_bindgen(constructor)]
            pub fn new(secret: &str, algorithm: Option<String>, digits: f64, period: f64) -> JsResult<WasmTotpKey> {
                throwing(|| totp_key(secret, algorithm.as_deref(), digits, period)).map(WasmTotpKey)
            }

            /// The code as a number (see `hotp`).
            pub fn generate(&self, timestamp_ms: f64) -> f64 {
                answer(totp_value(&self.0, timestamp_ms).map(Some))
            }

            /// The matching step, or `NO_MATCH` (see `verifyTotp`).
            pub fn verify(&self, code: &str, timestamp_ms: f64, window: f64, after_step: Option<f64>) -> f64 {
                answer(
                    totp_window(timestamp_ms, window, after_step)
                        .and_then(|(now, window, after_step)| totp_match(&self.0, code, now, window, after_step)),
                )
            }
        }
    }
}
#[cfg(feature = "part-qr")]
mod qr {
    //! The `qr` concern: QR codes (no HMAC).
    //!
    //! `qrSvg` allocates nothing and passes no string, so that the browser's
    //! module has neither an allocator nor wasm-bindgen's string glue: the SDK
    //! (sdk/qr.ts) writes the options and the text into the module's buffer
    //! (`qrBuffer`, or the browser build's `otpBuffer`, see
    //! [`super::buffer`]); the SVG, or the error's wire form, is written back
    //! at the start of the buffer.

    use wasm_bindgen::prelude::*;

    use super::buffer::{wiping_stack, Fields, BUF, QR_WIPE};
    use super::small;
    use crate::qr::{self, Ecc, SvgOptions};

    /// Bytes the SDK writes into the buffer at most (`INPUT` in sdk/qr.ts):
    /// more than valid options and the longest text a code holds take
    /// together (1 + 32 + 32 + 4096 + 7089), so that a value that does not
    /// fit is one the checks refuse (see [`super::buffer::LONG`]).
    const INPUT: usize = 16 * 1024;

    /// Where the SDK writes the input and reads the output (the browser
    /// build's module, which also serves codes, has one: `otpBuffer`).
    #[cfg(not(all(feature = "lite", any(feature = "part-otp", feature = "part-sha2", feature = "part-uri"))))]
    #[wasm_bindgen(js_name = qrBuffer)]
    pub fn buffer() -> *const u8 {
        BUF.start()
    }

    /// The length of the SVG written at the start of the buffer, or minus
    /// the length of the error's wire form written there. Each length is
    /// the field's bytes in the buffer, `-1` for no title, or another
    /// negative number for a value that did not fit.
    #[wasm_bindgen(js_name = qrSvg)]
    pub fn qr_svg(margin: f64, ecc: i32, dark: i32, light: i32, title: i32, text: i32) -> i32 {
        wiping_stack::<QR_WIPE, _>(|| {
            let input = BUF.take::<INPUT>(&[ecc, dark, light, title, text]);
            let mut fields = Fields::new(&*input);
            let (ecc, dark, light, title, text) = (fields.text(ecc), fields.text(dark), fields.text(light), fields.next(title), fields.text(text));
            let mut out = BUF.output();
            let result = Ecc::parse(ecc).and_then(|ecc| {
                let options = SvgOptions { ecc, margin: small("margin", margin, 0, qr::MAX_MARGIN)?, dark, light, title };
                qr::write_svg(&mut out, text, &options)
            });
            out.finish(result)
        })
    }

    /// Server build only: a page has no terminal.
    #[cfg(not(feature = "lite"))]
    #[wasm_bindgen(js_name = qrTerminal)]
    pub fn qr_terminal(text: &str, ecc: &str, margin: f64) -> super::JsResult<alloc::string::String> {
        super::throwing(|| qr::terminal(text, Ecc::parse(ecc)?, small("margin", margin, 0, qr::MAX_MARGIN)?))
    }
}
#[cfg(any(feature = "part-qr", all(feature = "lite", any(feature = "part-otp", feature = "part-sha2", feature = "part-uri"))))]
mod buffer {
    //! Texts through a static buffer instead of strings (`mod qr`, and the
    //! browser build's `mod codes`), so that a module has neither an
    //! allocator nor wasm-bindgen's string glue. The SDK writes the texts as
    //! UTF-8, one after another, at the start of the module's buffer and
    //! passes their lengths (`-1` for an absent value, another negative
    //! number for one that did not fit); the module copies them out, wipes
    //! them from the buffer (one may be a secret) and writes its answer, or
    //! the error's wire form, at the start of the buffer.

    use core::sync::atomic::{AtomicU8, Ordering::Relaxed};
    use zeroize::Zeroizing;

    use crate::error::Error;
    use crate::wire::{write_wire, Out};

    /// A length meaning "no value".
    pub const ABSENT: i32 = -1;
    /// NUL characters that stand for a value that did not fit the buffer:
    /// longer than any value a check lets through (not an option's name or
    /// a colour; longer than a QR code's text, a secret, a name or an image
    /// URL may be; no check looks for control characters before the
    /// length), so that such a value is refused by the same check as one
    /// just too long for it. Each module's input holds more than every
    /// valid value together, written in the order of the checks: a value
    /// that does not fit comes after valid ones only.
    pub const LONG: usize = 7090;
    /// Zeros take no bytes in the module.
    static LONG_TEXT: [u8; LONG] = [0; LONG];

    /// Bytes of the module's buffer: its longest answer. The longest SVG
    /// takes about 110 KB (a version 40 code of 177 rows, at most 3 bytes of
    /// path per module, and a title of 1024 characters escaped twice, at most
    /// 6 bytes each); without QR codes, the longest URI takes under 10 KB
    /// (names of 256 bytes and an image URL of 2048 bytes, each
    /// percent-encoded, at most 3 bytes per byte, and a secret of 1024
    /// characters).
    const BUFFER: usize = if cfg!(feature = "part-qr") { 128 * 1024 } else { 16 * 1024 };

    /// The module's buffer, which all its functions share.
    pub static BUF: Buffer<BUFFER> = Buffer::new();

    /// Runs an export's `work`, then (browser build) overwrites `WORDS`
    /// eight-byte words of the stack below it, where the functions it
    /// called left copies of what they handled that no `Zeroizing` reaches:
    /// the input, the decoded key, HMAC state, a QR code's data and modules
    /// (found by the attack on this ABI and the round's review). A page's
    /// script could read them from the module's memory long after the call.
    /// The server build skips it: its memory is the server's own, and speed
    /// counts there.
    pub fn wiping_stack<const WORDS: usize, R>(work: impl FnOnce() -> R) -> R {
        let answer = work();
        #[cfg(feature = "lite")]
        wipe_stack::<WORDS>();
        answer
    }

    /// Stack [`wiping_stack`] overwrites after a code, secret or URI
    /// function, in words: 64 KiB, over three times the deepest they go
    /// (about 17 KiB, with their 16 KiB copy of the input).
    #[cfg(all(feature = "lite", any(feature = "part-otp", feature = "part-sha2", feature = "part-uri")))]
    pub const CODES_WIPE: usize = 64 * 1024 / 8;
    /// After `qrSvg`, which goes about 154 KiB deep (its input, the module
    /// matrix moved by value, data and error-correction blocks): 256 KiB.
    /// tests/node/otp-buffer.test.mjs fills the stack with a marker and
    /// checks that each kind of call leaves zeros (64 KiB left 1,925
    /// written bytes after a QR code).
    pub const QR_WIPE: usize = 256 * 1024 / 8;

    /// Volatile stores (zeroize), eight bytes at a time, so that none is
    /// dropped as dead; its own frame is the region below the caller's.
    #[cfg(feature = "lite")]
    #[inline(never)]
    fn wipe_stack<const WORDS: usize>() {
        use zeroize::Zeroize;
        let mut below = [0u64; WORDS];
        below.zeroize();
    }

    /// `N` bytes, plain loads and stores in WebAssembly (no `unsafe` here).
    pub struct Buffer<const N: usize>([AtomicU8; N]);

    impl<const N: usize> Buffer<N> {
        pub const fn new() -> Self {
            Buffer([const { AtomicU8::new(0) }; N])
        }

        /// Where the SDK writes the input and reads the output.
        pub fn start(&self) -> *const u8 {
            self.0.as_ptr().cast()
        }

        /// Copies the fields of these lengths (at most `I` bytes) out of the
        /// buffer, wiping them there; the copy is wiped when dropped.
        pub fn take<const I: usize>(&self, lengths: &[i32]) -> Zeroizing<[u8; I]> {
            let used: usize = lengths.iter().filter_map(|len| usize::try_from(*len).ok()).sum();
            let mut input = Zeroizing::new([0u8; I]);
            input.iter_mut().zip(&self.0).take(used).for_each(|(to, from)| *to = from.swap(0, Relaxed));
            input
        }

        /// A writer at the start of the buffer.
        pub fn output(&self) -> Output<'_> {
            Output { buffer: &self.0, len: 0 }
        }
    }

    /// The fields in the input, one after another.
    pub struct Fields<'a> {
        input: &'a [u8],
        at: usize,
    }

    impl<'a> Fields<'a> {
        pub fn new(input: &'a [u8]) -> Self {
            Fields { input, at: 0 }
        }

        /// The next field, of this length: `None` for an absent one, [`LONG`]
        /// NULs for one that did not fit (or is not UTF-8).
        #[inline(never)] // once, not in each function
        pub fn next(&mut self, len: i32) -> Option<&'a str> {
            let bytes = usize::try_from(len).ok().and_then(|len| self.input.get(self.at..self.at + len));
            self.at += bytes.map_or(0, <[u8]>::len);
            let long = || core::str::from_utf8(&LONG_TEXT).unwrap_or_default();
            (len != ABSENT).then(|| bytes.and_then(|bytes| core::str::from_utf8(bytes).ok()).unwrap_or_else(long))
        }

        /// The next field, present.
        pub fn text(&mut self, len: i32) -> &'a str {
            self.next(len).unwrap_or_default()
        }
    }

    /// Writes to the buffer from its start; counts what does not fit.
    pub struct Output<'a> {
        buffer: &'a [AtomicU8],
        len: usize,
    }

    impl Output<'_> {
        /// The length of what was written, or after an error (whose wire
        /// form is written in its place) minus the length of that.
        pub fn finish(mut self, result: Result<(), Error>) -> i32 {
            let failed = result.is_err();
            if let Err(error) = result {
                self.len = 0;
                write_wire(&mut self, &error);
                // Its fields are names and numbers: nothing to free, and not
                // dropping it keeps the allocator out of the browser's modules.
                core::mem::forget(error);
            }
            match i32::try_from(self.len) {
                Ok(len) if self.len <= self.buffer.len() => if failed { -len } else { len },
                // Cannot happen (each buffer holds its module's longest
                // answer): trap rather than return a cut one.
                _ => core::arch::wasm32::unreachable(),
            }
        }
    }

    impl Out for Output<'_> {
        fn push_str(&mut self, text: &str) {
            self.buffer.iter().skip(self.len).zip(text.bytes()).for_each(|(to, from)| to.store(from, Relaxed));
            self.len += text.len();
        }
    }
}
#[cfg(all(feature = "lite", any(feature = "part-otp", feature = "part-sha2", feature = "part-uri")))]
mod codes {
    //! The browser build's `otp`, `sha2` and `uri` concerns (one module, with
    //! `qr`): codes of every algorithm, secrets and building URIs, with texts
    //! through the module's buffer (`otpBuffer`, see [`super::buffer`]) as
    //! `mod qr`, so that the module allocates nothing and passes no string.
    //! The SDK (sdk/otp-buffer.ts) writes the texts in the order the core
    //! checks them and wipes the answer once read (it may be a secret).
    //!
    //! The code functions answer with one number: the code, counter or step
    //! (whole, at least 0), [`NO_MATCH`], or minus the length of the error's
    //! wire form written at the start of the buffer (at least 3 bytes, so
    //! never [`NO_MATCH`]). The others answer with the length of their text
    //! written there, or minus the length of the error's wire form.

    use wasm_bindgen::prelude::*;

    use super::buffer::{wiping_stack, Fields, BUF, CODES_WIPE};
    use super::{hotp_match, hotp_params, hotp_value, hotp_window, totp_match, totp_params, totp_value, totp_window};
    use crate::error::Error;
    use crate::otp::{Totp, TotpKey};
    use crate::secret::with_decoded;

    /// Bytes copied out of the buffer at most: as many as `mod qr` copies,
    /// so that [`Buffer::take`](super::buffer::Buffer::take) is compiled
    /// once. The SDK writes 8 KiB at most (`INPUT` in sdk/otp-buffer.ts):
    /// more than valid values take together (a type, an algorithm, a
    /// secret, two names trimmed by the SDK as the core trims them, an image
    /// URL: 4 + 7 + 1024 + 256 + 256 + 2048).
    const INPUT: usize = 16 * 1024;

    /// The answer when no code matched.
    const NO_MATCH: f64 = -1.0;

    /// Where the SDK writes the input and reads the output.
    #[wasm_bindgen(js_name = otpBuffer)]
    pub fn buffer() -> *const u8 {
        BUF.start()
    }

    /// The one-number answer of a code function (see the module's documentation).
    fn answer(result: Result<Option<f64>, Error>) -> f64 {
        match result {
            Ok(Some(value)) => value,
            Ok(None) => NO_MATCH,
            Err(error) => f64::from(BUF.output().finish(Err(error))),
        }
    }

    /// `op` of [`code`] (and of `code` in sdk/otp-buffer.ts).
    const HOTP: i32 = 0;
    const TOTP: i32 = 1;
    const VERIFY_HOTP: i32 = 2;
    const VERIFY_TOTP: i32 = 3;

    /// HOTP and TOTP codes (as numbers: the SDK writes the leading zeros) and
    /// their verification, one function so that the steps they share are
    /// compiled once; `op` says which. `at` is the counter or the timestamp
    /// in milliseconds, `range` the look-ahead or the window, `after` whether
    /// there is an `after_step` (verification only); the texts are the
    /// algorithm (absent: SHA1), the secret and the code (verification
    /// only). The arguments are checked in the order of the server build's
    /// functions, the numbers before the secret is decoded and the HMAC key
    /// prepared. The answer: the code, the matching counter or step (the SDK
    /// derives the drift), `NO_MATCH`, or an error (see the module's
    /// documentation).
    #[wasm_bindgen]
    #[allow(clippy::too_many_arguments)]
    pub fn code(
        op: i32,
        at: f64,
        range: f64,
        after: bool,
        after_step: f64,
        digits: f64,
        period: f64,
        algorithm: i32,
        secret: i32,
        code: i32,
    ) -> f64 {
        wiping_stack::<CODES_WIPE, _>(|| {
            let input = BUF.take::<INPUT>(&[algorithm, secret, code]);
            let mut fields = Fields::new(&*input);
            let (algorithm, secret, code) = (fields.next(algorithm), fields.text(secret), fields.text(code));
            answer((|| {
                let params = match op {
                    TOTP | VERIFY_TOTP => totp_params(algorithm, digits, period)?,
                    // HOTP has no period: any valid one.
                    _ => Totp::new(hotp_params(algorithm, digits)?, 1)?,
                };
                let (counter, look_ahead) = if op == VERIFY_HOTP { hotp_window(at, range)? } else { (0, 0) };
                let (now, window, after_step) =
                    if op == VERIFY_TOTP { totp_window(at, range, after.then_some(after_step))? } else { (0, 0, None) };
                with_decoded(secret, |key| {
                    let key = TotpKey::from_bytes(params, key)?;
                    match op {
                        HOTP => hotp_value(key.hotp_key(), at).map(Some),
                        TOTP => totp_value(&key, at).map(Some),
                        VERIFY_HOTP => hotp_match(key.hotp_key(), code, counter, look_ahead),
                        _ => totp_match(&key, code, now, window, after_step),
                    }
                })
            })())
        })
    }

    #[cfg(feature = "part-uri")]
    mod uri {
        use wasm_bindgen::prelude::*;

        use super::super::buffer::{wiping_stack, Fields, BUF, CODES_WIPE};
        use super::super::{totp_params, whole, MAX_SAFE_INTEGER};
        use super::INPUT;
        use crate::error::Error;
        use crate::reason::Reason;
        use crate::secret;
        use crate::uri::{self, OtpType, UriFields};
        use crate::wire::Out;

        /// A new secret's base32: its length (see the module's documentation).
        /// The SDK writes `random` bytes from `crypto.getRandomValues` (as
        /// many as the longest secret takes; `-1` if it failed) into the
        /// buffer, which keeps `getrandom`'s bindings, and with them an
        /// externref table and the allocator, out of the module.
        #[wasm_bindgen(js_name = generateSecret)]
        pub fn generate_secret(bytes: f64, random: i32) -> i32 {
            wiping_stack::<CODES_WIPE, _>(|| {
                let input = BUF.take::<INPUT>(&[random]);
                let given = usize::try_from(random).ok().and_then(|len| input.get(..len));
                let fill = |key: &mut [u8]| match given {
                    Some(given) if given.len() >= key.len() => {
                        key.iter_mut().zip(given).for_each(|(to, from)| *to = *from);
                        Ok(())
                    }
                    _ => Err(Error::RandomUnavailable),
                };
                let mut out = BUF.output();
                let result = whole("bytes", bytes, 0, 1_000_000)
                    .and_then(|bytes| secret::write_generated(usize::try_from(bytes).unwrap_or(usize::MAX), fill, &mut out));
                out.finish(result)
            })
        }

        /// The secret in groups of four.
        #[wasm_bindgen(js_name = formatSecret)]
        pub fn format_secret(secret: i32) -> i32 {
            rewrite(secret, secret::write_formatted)
        }

        /// The secret's canonical base32.
        #[wasm_bindgen(js_name = normalizeSecret)]
        pub fn normalize_secret(secret: i32) -> i32 {
            rewrite(secret, secret::write_canonical)
        }

        /// The answer of `write` for the secret in the buffer.
        fn rewrite(secret: i32, write: fn(&str, &mut dyn Out) -> Result<(), Error>) -> i32 {
            wiping_stack::<CODES_WIPE, _>(|| {
                let input = BUF.take::<INPUT>(&[secret]);
                let secret = Fields::new(&*input).text(secret);
                let mut out = BUF.output();
                let result = write(secret, &mut out);
                out.finish(result)
            })
        }

        /// The URI: its length (see the module's documentation).
        #[wasm_bindgen(js_name = buildUri)]
        #[allow(clippy::too_many_arguments)]
        pub fn build_uri(
            digits: f64,
            period: f64,
            counter: f64,
            kind: i32,
            algorithm: i32,
            secret: i32,
            account: i32,
            issuer: i32,
            image: i32,
        ) -> i32 {
            wiping_stack::<CODES_WIPE, _>(|| {
                let input = BUF.take::<INPUT>(&[kind, algorithm, secret, account, issuer, image]);
                let mut fields = Fields::new(&*input);
                let (kind, algorithm, secret) = (fields.text(kind), fields.next(algorithm), fields.text(secret));
                let (account, issuer, image) = (fields.text(account), fields.next(issuer), fields.next(image));
                let mut out = BUF.output();
                let result = (|| {
                    // Built only when needed: dropping an error would link the allocator's `free`.
                    let otp_type = OtpType::parse(kind).ok_or_else(|| Error::option("type", Reason::OtpType))?;
                    let params = totp_params(algorithm, digits, period)?;
                    let counter = whole("counter", counter, 0, MAX_SAFE_INTEGER)?;
                    let fields = UriFields {
                        otp_type,
                        secret,
                        account,
                        issuer,
                        algorithm: params.hotp().algorithm(),
                        digits: params.hotp().digits(),
                        period: params.period(),
                        counter,
                        image,
                    };
                    uri::write(&mut out, fields)
                })();
                out.finish(result)
            })
        }
    }
}
#[cfg(all(not(feature = "lite"), feature = "part-uri"))]
mod uri {
    //! The `uri` module: secrets (generation, display) and otpauth URIs, what
    //! enrollment needs besides the QR code.

    use alloc::string::String;
    use wasm_bindgen::prelude::*;

    use super::{throwing, totp_params, whole, JsResult, MAX_SAFE_INTEGER};
    use crate::error::Error;
    use crate::reason::Reason;
    use crate::secret::{self, Secret};
    use crate::uri::{self, KeyUri, OtpType};

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
}
#[cfg(feature = "part-parse")]
mod parse {
    //! The `parse` concern: reading otpauth URIs (importing an account),
    //! which a page that enrolls users does not need.

    use alloc::string::String;
    use wasm_bindgen::prelude::*;

    use super::{throwing, JsResult};
    use crate::uri::{self, OtpType};
    use crate::wire::Json;

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
}
#[cfg(feature = "part-vault")]
mod vault {
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
}

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

#[allow(dead_code)] // each part uses some of the checks
fn hotp_value(key: &HotpKey, counter: f64) -> Result<f64, Error> {
    whole("counter", counter, 0, MAX_SAFE_INTEGER).map(|c| number(key.generate_value(c)))
}

#[allow(dead_code)] // each part uses some of the checks
fn totp_value(key: &TotpKey, timestamp_ms: f64) -> Result<f64, Error> {
    unix_seconds(timestamp_ms).map(|t| number(key.generate_value(t)))
}

#[allow(dead_code)] // each part uses some of the checks
fn hotp_window(counter: f64, look_ahead: f64) -> Result<(u64, u32), Error> {
    Ok((whole("counter", counter, 0, MAX_SAFE_INTEGER)?, small("lookAhead", look_ahead, 0, crate::otp::MAX_LOOK_AHEAD)?))
}

#[allow(dead_code)] // each part uses some of the checks
fn hotp_match(key: &HotpKey, code: &str, counter: u64, look_ahead: u32) -> Result<Option<f64>, Error> {
    // A match past 2^53 - 1 cannot be reported exactly: treat it as none.
    Ok(key.verify(code, counter, look_ahead)?.filter(|c| *c <= MAX_SAFE_INTEGER).map(number))
}

#[allow(dead_code)] // each part uses some of the checks
fn totp_window(timestamp_ms: f64, window: f64, after_step: Option<f64>) -> Result<(u64, u32, Option<u64>), Error> {
    let now = unix_seconds(timestamp_ms)?;
    let window = small("window", window, 0, crate::otp::MAX_WINDOW)?;
    let after_step = after_step.map(|s| whole("afterStep", s, 0, MAX_SAFE_INTEGER)).transpose()?;
    Ok((now, window, after_step))
}

#[allow(dead_code)] // each part uses some of the checks
fn totp_match(key: &TotpKey, code: &str, now: u64, window: u32, after_step: Option<u64>) -> Result<Option<f64>, Error> {
    Ok(key.verify(code, now, window, after_step)?.map(|m| number(m.step)))
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
