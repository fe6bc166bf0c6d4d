//! # twofa core
//!
//! Two-factor authentication primitives in plain Rust: secrets, HOTP/TOTP,
//! `otpauth://` URIs and QR codes (and, with the default `server` feature,
//! sealed secrets, tokens and hashed backup codes). The crate never reads a
//! clock (time is an argument) and gets randomness only through `getrandom`,
//! so the same code runs natively and as WebAssembly. The JavaScript bindings
//! live in one private module compiled only for `wasm32`.
//!
//! ```
//! use twofa::{otp::{Hotp, Totp}, secret::Secret, uri};
//!
//! let secret = Secret::from_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")?;
//! let totp = Totp::default(); // SHA1, 6 digits, 30 s
//! let code = totp.generate(&secret, 1_700_000_000)?;
//! let found = totp.verify(&secret, &code, 1_700_000_005, 1, None)?.expect("matches");
//! assert_eq!(found.drift, 0);
//! // The same code is refused once its step has been used.
//! assert_eq!(totp.verify(&secret, &code, 1_700_000_005, 1, Some(found.step))?, None);
//!
//! assert_eq!(Hotp::default().generate(&secret, 0)?, "755224"); // RFC 4226
//!
//! let text = uri::build(&uri::KeyUri::totp(&secret.to_base32(), "alice@example.com", Some("Acme Co")))?;
//! assert_eq!(text, "otpauth://totp/Acme%20Co:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20Co");
//! assert_eq!(uri::parse(&text)?.key.issuer.as_deref(), Some("Acme Co"));
//! # Ok::<(), twofa::Error>(())
//! ```
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_possible_wrap,
    )
)]
#![warn(missing_docs)]

extern crate alloc;

pub mod error;
pub mod otp;
pub mod qr;
pub mod reason;
pub mod secret;
pub mod uri;
pub mod wire;

#[cfg(feature = "server")]
pub mod backup;
#[cfg(feature = "server")]
pub mod keyring;
#[cfg(feature = "server")]
pub mod token;

#[cfg(all(test, feature = "server", not(target_arch = "wasm32")))]
mod known_answers;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::{Error, Result};
pub use reason::Reason;
