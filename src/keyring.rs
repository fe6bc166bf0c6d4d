//! A key ring with ids, and sealing: authenticated encryption of values at
//! rest (TOTP secrets in a user table) that names the key it was sealed with.
//!
//! A sealed value is `tf1.<keyId>.<base64url(nonce ‖ ciphertext ‖ tag)>`:
//! XChaCha20-Poly1305 with a random 24-byte nonce, under a subkey derived by
//! HKDF-SHA256 from the ring key for one purpose (sealing or tokens, never the
//! raw key). The associated data binds the format version, key id, purpose and
//! the caller's context (the user id), so a value copied to another user's row
//! or presented for another purpose does not open. A value sealed with a key
//! the ring no longer holds is [`Error::KeyNotFound`] naming that id.
#![forbid(unsafe_code)]

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64ct::{Base64UrlUnpadded, Encoding};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::reason::Reason;
use crate::secret::fill_random;
use crate::token::check_purpose;

/// Key strings must carry at least this many bytes (256 bits).
pub const MIN_KEY_BYTES: usize = 32;
/// Longest key string accepted.
pub const MAX_KEY_BYTES: usize = 1024;
/// Longest plaintext [`KeyRing::seal`] accepts.
pub const MAX_PLAINTEXT_BYTES: usize = 64 * 1024;
/// Longest context (for example a user id).
pub const MAX_CONTEXT_BYTES: usize = 1024;
/// Longest sealed value [`KeyRing::open`] reads.
const MAX_SEALED_CHARS: usize = 128 * 1024;

const VERSION: &str = "tf1";
const NONCE_BYTES: usize = 24;
const TAG_BYTES: usize = 16;
const HKDF_SALT: &[u8] = b"twofa key ring v1";
const MAC_BYTES: usize = 16;

/// What a subkey is for: values sealed for storage, tokens, or keyed digests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Domain {
    Seal,
    Token,
    Mac,
}

impl Domain {
    fn label(self) -> &'static [u8] {
        match self {
            Domain::Seal => b"seal",
            Domain::Token => b"token",
            Domain::Mac => b"mac",
        }
    }
}

struct RingKey {
    id: String,
    seal: Zeroizing<[u8; 32]>,
    token: Zeroizing<[u8; 32]>,
    mac: Zeroizing<[u8; 32]>,
}

impl RingKey {
    fn subkey(&self, domain: Domain) -> &[u8; 32] {
        match domain {
            Domain::Seal => &self.seal,
            Domain::Token => &self.token,
            Domain::Mac => &self.mac,
        }
    }

    /// HMAC-SHA256 of length-prefixed `purpose` and `data`, first 16 bytes.
    fn mac(&self, purpose: &str, data: &[u8]) -> Result<[u8; MAC_BYTES]> {
        use hmac::{Hmac, Mac};
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.mac.as_ref()).map_err(|_| Error::SealInvalid)?;
        for part in [purpose.as_bytes(), data] {
            mac.update(&u32::try_from(part.len()).unwrap_or(u32::MAX).to_be_bytes());
            mac.update(part);
        }
        let full = mac.finalize().into_bytes();
        let mut out = [0u8; MAC_BYTES];
        out.copy_from_slice(full.get(..MAC_BYTES).ok_or(Error::SealInvalid)?);
        Ok(out)
    }
}

/// Keys by id, one of them current. Old keys stay to open old values.
pub struct KeyRing {
    keys: Vec<RingKey>,
    current: usize,
}

impl core::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|k| k.id.as_str()).collect();
        f.debug_struct("KeyRing").field("current", &self.current_id()).field("ids", &ids).finish_non_exhaustive()
    }
}

/// A key id: 1 to 32 of `A-Z a-z 0-9 _ -`.
pub fn is_key_id(id: &str) -> bool {
    (1..=32).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The parts of a sealed value.
pub(crate) struct Envelope<'a> {
    pub key_id: &'a str,
    pub bytes: Vec<u8>,
}

impl<'a> Envelope<'a> {
    pub(crate) fn parse(sealed: &'a str) -> Result<Self> {
        if sealed.len() > MAX_SEALED_CHARS {
            return Err(Error::SealMalformed { reason: Reason::SealTooLong });
        }
        let mut parts = sealed.split('.');
        let (Some(version), Some(key_id), Some(body), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(Error::SealMalformed { reason: Reason::SealShape });
        };
        if version != VERSION {
            return Err(Error::SealMalformed { reason: Reason::SealVersion });
        }
        if !is_key_id(key_id) {
            return Err(Error::SealMalformed { reason: Reason::SealKeyId });
        }
        let bytes = Base64UrlUnpadded::decode_vec(body)
            .map_err(|_| Error::SealMalformed { reason: Reason::SealNotBase64 })?;
        if bytes.len() < NONCE_BYTES + TAG_BYTES {
            return Err(Error::SealMalformed { reason: Reason::SealTooShort });
        }
        Ok(Envelope { key_id, bytes })
    }
}

impl KeyRing {
    /// A ring from `(id, key string)` pairs and the id of the current key.
    /// Key strings are any text of at least 32 bytes (generate one with 32
    /// random bytes in base64url); they are never used directly as keys.
    pub fn new(current: &str, keys: &[(&str, &str)]) -> Result<Self> {
        if keys.is_empty() {
            return Err(Error::option("keys", Reason::NoKeys));
        }
        if keys.len() > 64 {
            return Err(Error::option("keys", Reason::TooManyKeys));
        }
        let mut ring = Vec::with_capacity(keys.len());
        for (id, material) in keys {
            if !is_key_id(id) {
                return Err(Error::option("keys", Reason::KeyIdShape));
            }
            if ring.iter().any(|k: &RingKey| k.id == *id) {
                return Err(Error::option("keys", Reason::KeyIdTwice { id: (*id).into() }));
            }
            if material.len() < MIN_KEY_BYTES {
                return Err(Error::KeyTooShort { key_id: (*id).to_string(), bytes: material.len() });
            }
            if material.len() > MAX_KEY_BYTES {
                return Err(Error::option("keys", Reason::KeyTooLong { id: (*id).into(), max: MAX_KEY_BYTES }));
            }
            ring.push(RingKey {
                id: (*id).to_string(),
                seal: derive(material.as_bytes(), Domain::Seal)?,
                token: derive(material.as_bytes(), Domain::Token)?,
                mac: derive(material.as_bytes(), Domain::Mac)?,
            });
        }
        let current = ring.iter().position(|k| k.id == current).ok_or_else(|| {
            Error::option("current", Reason::CurrentKeyMissing { id: current.into() })
        })?;
        Ok(KeyRing { keys: ring, current })
    }

    /// The id new values are sealed with.
    pub fn current_id(&self) -> &str {
        self.keys.get(self.current).map_or("", |k| k.id.as_str())
    }

    /// Seals `plaintext` for `context` (for example the user id) with the current key.
    pub fn seal(&self, plaintext: &[u8], context: &str) -> Result<String> {
        check_context(context)?;
        let mut nonce = [0u8; NONCE_BYTES];
        fill_random(&mut nonce)?;
        self.seal_with_nonce(Domain::Seal, context.as_bytes(), plaintext, nonce)
    }

    /// Opens a value sealed for `context` by this ring, with any key it holds.
    pub fn open(&self, sealed: &str, context: &str) -> Result<Zeroizing<Vec<u8>>> {
        check_context(context)?;
        self.open_in(Domain::Seal, sealed, context.as_bytes())
    }

    /// Whether `sealed` was sealed with a key other than the current one.
    pub fn needs_rotation(&self, sealed: &str) -> Result<bool> {
        Ok(Envelope::parse(sealed)?.key_id != self.current_id())
    }

    /// Opens with whichever key sealed the value and seals again with the current key.
    pub fn reseal(&self, sealed: &str, context: &str) -> Result<String> {
        let plaintext = self.open(sealed, context)?;
        self.seal(&plaintext, context)
    }

    /// A keyed digest of `data` for `purpose` with the current key:
    /// `<keyId>.<base64url of 16 bytes>`. For values that must be compared
    /// later without being kept (a one-time code in a store): without the
    /// ring, the digest of a 6-digit code cannot be reversed by trying all.
    pub fn mac(&self, purpose: &str, data: &[u8]) -> Result<String> {
        check_purpose(purpose)?;
        check_mac_data(data)?;
        let key = self.keys.get(self.current).ok_or(Error::SealInvalid)?;
        Ok(join_dotted(&[&key.id, &Base64UrlUnpadded::encode_string(&key.mac(purpose, data)?)]))
    }

    /// Whether `tag` is [`KeyRing::mac`] of `data` for `purpose`, with the key
    /// it names (compared in constant time). A key id the ring lacks is
    /// [`Error::KeyNotFound`]; a tag of the wrong shape is [`Error::SealMalformed`].
    pub fn verify_mac(&self, purpose: &str, data: &[u8], tag: &str) -> Result<bool> {
        use subtle::ConstantTimeEq;
        check_purpose(purpose)?;
        check_mac_data(data)?;
        let malformed = Error::SealMalformed { reason: Reason::MacShape };
        let (key_id, digest) = tag.split_once('.').ok_or(malformed.clone())?;
        let digest = Base64UrlUnpadded::decode_vec(digest).map_err(|_| malformed.clone())?;
        if digest.len() != MAC_BYTES || !is_key_id(key_id) {
            return Err(malformed);
        }
        let key = self.keys.iter().find(|k| k.id == key_id).ok_or_else(|| Error::KeyNotFound { key_id: key_id.to_string() })?;
        Ok(bool::from(key.mac(purpose, data)?.ct_eq(digest.as_slice())))
    }

    pub(crate) fn seal_with_nonce(
        &self,
        domain: Domain,
        context: &[u8],
        plaintext: &[u8],
        nonce: [u8; NONCE_BYTES],
    ) -> Result<String> {
        if plaintext.len() > MAX_PLAINTEXT_BYTES {
            return Err(Error::option("plaintext", Reason::PlaintextTooLong));
        }
        let key = self.keys.get(self.current).ok_or(Error::SealInvalid)?;
        let cipher = XChaCha20Poly1305::new_from_slice(key.subkey(domain)).map_err(|_| Error::SealInvalid)?;
        let aad = associated_data(&key.id, domain, context);
        let ciphertext = cipher
            .encrypt(&XNonce::from(nonce), Payload { msg: plaintext, aad: &aad })
            .map_err(|_| Error::option("plaintext", Reason::NotEncrypted))?;
        let mut body = Vec::with_capacity(NONCE_BYTES + ciphertext.len());
        body.extend_from_slice(&nonce);
        body.extend_from_slice(&ciphertext);
        Ok(join_dotted(&[VERSION, &key.id, &Base64UrlUnpadded::encode_string(&body)]))
    }

    pub(crate) fn open_in(&self, domain: Domain, sealed: &str, context: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let envelope = Envelope::parse(sealed)?;
        let key = self
            .keys
            .iter()
            .find(|k| k.id == envelope.key_id)
            .ok_or_else(|| Error::KeyNotFound { key_id: envelope.key_id.to_string() })?;
        let (nonce, ciphertext) = envelope.bytes.split_at(NONCE_BYTES);
        let nonce = <[u8; NONCE_BYTES]>::try_from(nonce).map_err(|_| Error::SealMalformed { reason: Reason::SealTooShort })?;
        let cipher = XChaCha20Poly1305::new_from_slice(key.subkey(domain)).map_err(|_| Error::SealInvalid)?;
        let aad = associated_data(&key.id, domain, context);
        cipher
            .decrypt(&XNonce::from(nonce), Payload { msg: ciphertext, aad: &aad })
            .map(Zeroizing::new)
            .map_err(|_| Error::SealInvalid)
    }
}

/// `a.b.c`, written without the formatting machinery.
fn join_dotted(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(part);
    }
    out
}

fn check_mac_data(data: &[u8]) -> Result<()> {
    if data.len() > MAX_PLAINTEXT_BYTES {
        return Err(Error::option("data", Reason::PlaintextTooLong));
    }
    Ok(())
}

fn check_context(context: &str) -> Result<()> {
    if context.is_empty() {
        return Err(Error::option("context", Reason::ContextEmpty));
    }
    if context.len() > MAX_CONTEXT_BYTES {
        return Err(Error::option("context", Reason::ContextTooLong));
    }
    Ok(())
}

/// One subkey per purpose from the key string, by HKDF-SHA256.
fn derive(material: &[u8], domain: Domain) -> Result<Zeroizing<[u8; 32]>> {
    let mut out = Zeroizing::new([0u8; 32]);
    let mut info = Vec::with_capacity(24);
    info.extend_from_slice(b"twofa/");
    info.extend_from_slice(domain.label());
    Hkdf::<Sha256>::new(Some(HKDF_SALT), material)
        .expand(&info, out.as_mut())
        .map_err(|_| Error::option("keys", Reason::NotDerived))?;
    Ok(out)
}

/// Length-prefixed parts, so no two different tuples give the same bytes.
fn associated_data(key_id: &str, domain: Domain, context: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(32 + key_id.len() + context.len());
    for part in [VERSION.as_bytes(), key_id.as_bytes(), domain.label(), context] {
        aad.extend_from_slice(&u32::try_from(part.len()).unwrap_or(u32::MAX).to_be_bytes());
        aad.extend_from_slice(part);
    }
    aad
}
