//! One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) with SHA-1,
//! SHA-256 and SHA-512, 6 to 10 digits, any period.
//!
//! Verification prepares the HMAC key state once and copies it per counter
//! ([`HotpKey`] and [`TotpKey`] keep it across calls), compares codes in
//! constant time, and computes every counter of the window unless an eligible
//! one matches. Time is always an argument: nothing here reads a clock.
#![forbid(unsafe_code)]

use alloc::string::String;
use subtle::{Choice, ConstantTimeEq};
#[cfg(any(feature = "small", test))]
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::reason::Reason;
use crate::secret::Secret;

/// Digits in a code unless asked otherwise.
pub const DEFAULT_DIGITS: u32 = 6;
/// Fewest digits a code may have (RFC 4226).
pub const MIN_DIGITS: u32 = 6;
/// Most digits a code may have: a 31-bit truncated value has ten digits.
pub const MAX_DIGITS: u32 = 10;
/// TOTP period in seconds unless asked otherwise.
pub const DEFAULT_PERIOD: u64 = 30;
/// TOTP steps accepted either side of the current one unless asked otherwise.
pub const DEFAULT_WINDOW: u32 = 1;
/// Widest TOTP window: each extra step multiplies a guesser's chances.
pub const MAX_WINDOW: u32 = 10;
/// Furthest HOTP look-ahead.
pub const MAX_LOOK_AHEAD: u32 = 100;

/// The HMAC hash function.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// HMAC-SHA-1, the default and the only one every authenticator app supports.
    #[default]
    Sha1,
    /// HMAC-SHA-256.
    Sha256,
    /// HMAC-SHA-512.
    Sha512,
}

impl Algorithm {
    /// Reads `SHA1`, `SHA256`, `SHA512` in any case, with or without a hyphen (`SHA-256`).
    pub fn parse(name: &str) -> Option<Self> {
        const NAMES: [(&str, Algorithm); 6] = [
            ("SHA1", Algorithm::Sha1),
            ("SHA-1", Algorithm::Sha1),
            ("SHA256", Algorithm::Sha256),
            ("SHA-256", Algorithm::Sha256),
            ("SHA512", Algorithm::Sha512),
            ("SHA-512", Algorithm::Sha512),
        ];
        NAMES.iter().find(|(known, _)| known.eq_ignore_ascii_case(name)).map(|(_, algorithm)| *algorithm)
    }

    /// The name used in otpauth URIs and the SDK: `SHA1`, `SHA256` or `SHA512`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
            Algorithm::Sha512 => "SHA512",
        }
    }

    /// Like [`Algorithm::parse`], with an error that names the option.
    pub fn from_option(name: &str) -> Result<Self> {
        Self::parse(name).ok_or_else(|| Error::option("algorithm", Reason::Algorithm))
    }
}

/// HOTP parameters, validated: an algorithm and a number of digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hotp {
    algorithm: Algorithm,
    digits: u32,
}

impl Default for Hotp {
    fn default() -> Self {
        Hotp { algorithm: Algorithm::Sha1, digits: DEFAULT_DIGITS }
    }
}

impl Hotp {
    /// Checks that `digits` is 6 to 10.
    pub fn new(algorithm: Algorithm, digits: u32) -> Result<Self> {
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) {
            return Err(Error::option("digits", Reason::Digits { min: MIN_DIGITS, max: MAX_DIGITS, got: digits }));
        }
        Ok(Hotp { algorithm, digits })
    }

    /// The hash function.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The number of digits.
    pub fn digits(&self) -> u32 {
        self.digits
    }

    /// The code for `counter`.
    pub fn generate(&self, secret: &Secret, counter: u64) -> Result<String> {
        Ok(format_code(self.generate_value(secret, counter)?, self.digits))
    }

    /// The code for `counter` as a number, for callers that format it
    /// themselves (with leading zeros to [`Hotp::digits`] places).
    pub fn generate_value(&self, secret: &Secret, counter: u64) -> Result<u64> {
        Ok(HotpKey::new(*self, secret)?.generate_value(counter))
    }

    /// Checks `code` against counters `counter ..= counter + look_ahead` and
    /// returns the lowest matching counter (store `counter + 1` for next time).
    pub fn verify(&self, secret: &Secret, code: &str, counter: u64, look_ahead: u32) -> Result<Option<u64>> {
        HotpKey::new(*self, secret)?.verify(code, counter, look_ahead)
    }

    fn value(&self, mac: &PreparedMac, counter: u64) -> u64 {
        u64::from(mac.truncated(counter)) % 10u64.pow(self.digits)
    }

    /// The first of `counters` (skipping those not after `after`) whose code
    /// equals `given`, compared in constant time. The search stops at the
    /// first eligible match; a code that matches nothing eligible (a wrong
    /// guess, a replay) costs every counter, so timing tells a guesser no more
    /// than the answer does.
    fn first_match(
        &self,
        mac: &PreparedMac,
        given: u64,
        counters: impl Iterator<Item = u64>,
        after: Option<u64>,
    ) -> Option<u64> {
        let mut found = None;
        for counter in counters {
            let eligible = Choice::from(u8::from(after.is_none_or(|after| counter > after)));
            if bool::from(self.value(mac, counter).ct_eq(&given) & eligible) {
                found = Some(counter);
                break;
            }
        }
        found
    }
}

/// A secret prepared for HOTP: decoded and its HMAC key state computed once,
/// for callers that generate or check many codes with one secret.
#[derive(Clone, Debug)]
pub struct HotpKey {
    hotp: Hotp,
    mac: PreparedMac,
}

impl HotpKey {
    /// Prepares `secret` for `hotp`'s algorithm.
    pub fn new(hotp: Hotp, secret: &Secret) -> Result<Self> {
        Ok(HotpKey { hotp, mac: PreparedMac::new(hotp.algorithm, secret)? })
    }

    /// The parameters.
    pub fn hotp(&self) -> Hotp {
        self.hotp
    }

    /// The code for `counter` as a number (see [`Hotp::generate_value`]).
    pub fn generate_value(&self, counter: u64) -> u64 {
        self.hotp.value(&self.mac, counter)
    }

    /// The code for `counter`.
    pub fn generate(&self, counter: u64) -> String {
        format_code(self.generate_value(counter), self.hotp.digits)
    }

    /// See [`Hotp::verify`].
    pub fn verify(&self, code: &str, counter: u64, look_ahead: u32) -> Result<Option<u64>> {
        if look_ahead > MAX_LOOK_AHEAD {
            return Err(Error::option("lookAhead", Reason::ZeroTo { max: MAX_LOOK_AHEAD, got: look_ahead }));
        }
        let given = parse_code(code, self.hotp.digits)?;
        let last = counter.saturating_add(u64::from(look_ahead));
        Ok(self.hotp.first_match(&self.mac, given, counter..=last, None))
    }
}

/// A TOTP match: the time step the code belongs to and its distance from
/// the current step (negative: the code was from the past).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TotpMatch {
    /// `floor(unix_seconds / period)` of the matching code.
    pub step: u64,
    /// `step - current_step`.
    pub drift: i64,
}

/// TOTP parameters, validated: HOTP parameters and a period in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totp {
    hotp: Hotp,
    period: u64,
}

impl Default for Totp {
    fn default() -> Self {
        Totp { hotp: Hotp::default(), period: DEFAULT_PERIOD }
    }
}

impl Totp {
    /// Checks that `period` is at least one second.
    pub fn new(hotp: Hotp, period: u64) -> Result<Self> {
        if period == 0 {
            return Err(Error::option("period", Reason::PeriodZero));
        }
        Ok(Totp { hotp, period })
    }

    /// The HOTP parameters.
    pub fn hotp(&self) -> Hotp {
        self.hotp
    }

    /// The period in seconds.
    pub fn period(&self) -> u64 {
        self.period
    }

    /// The time step of `unix_seconds`.
    pub fn step(&self, unix_seconds: u64) -> u64 {
        unix_seconds / self.period
    }

    /// The code at `unix_seconds`.
    pub fn generate(&self, secret: &Secret, unix_seconds: u64) -> Result<String> {
        self.hotp.generate(secret, self.step(unix_seconds))
    }

    /// The code at `unix_seconds` as a number (see [`Hotp::generate_value`]).
    pub fn generate_value(&self, secret: &Secret, unix_seconds: u64) -> Result<u64> {
        self.hotp.generate_value(secret, self.step(unix_seconds))
    }

    /// Checks `code` against the steps `current - window ..= current + window`
    /// and returns the matching step greater than `after_step` (the last step
    /// this user already used: a replayed code does not match). Steps are
    /// tried nearest first, the past before the future (current, -1, +1,
    /// -2, ...), as a late code is likelier than an early one.
    pub fn verify(
        &self,
        secret: &Secret,
        code: &str,
        unix_seconds: u64,
        window: u32,
        after_step: Option<u64>,
    ) -> Result<Option<TotpMatch>> {
        TotpKey::new(*self, secret)?.verify(code, unix_seconds, window, after_step)
    }
}

/// A secret prepared for TOTP: decoded and its HMAC key state computed once,
/// for callers that generate or check many codes with one secret.
#[derive(Clone, Debug)]
pub struct TotpKey {
    totp: Totp,
    key: HotpKey,
}

impl TotpKey {
    /// Prepares `secret` for `totp`'s algorithm.
    pub fn new(totp: Totp, secret: &Secret) -> Result<Self> {
        Ok(TotpKey { totp, key: HotpKey::new(totp.hotp, secret)? })
    }

    /// The parameters.
    pub fn totp(&self) -> Totp {
        self.totp
    }

    /// The code at `unix_seconds` as a number (see [`Hotp::generate_value`]).
    pub fn generate_value(&self, unix_seconds: u64) -> u64 {
        self.key.generate_value(self.totp.step(unix_seconds))
    }

    /// The code at `unix_seconds`.
    pub fn generate(&self, unix_seconds: u64) -> String {
        self.key.generate(self.totp.step(unix_seconds))
    }

    /// See [`Totp::verify`].
    pub fn verify(&self, code: &str, unix_seconds: u64, window: u32, after_step: Option<u64>) -> Result<Option<TotpMatch>> {
        if window > MAX_WINDOW {
            return Err(Error::option("window", Reason::ZeroToSteps { max: MAX_WINDOW, got: window }));
        }
        let given = parse_code(code, self.totp.hotp.digits)?;
        let current = self.totp.step(unix_seconds);
        let steps = nearest_first(current, window);
        Ok(self.totp.hotp.first_match(&self.key.mac, given, steps, after_step).map(|step| TotpMatch {
            step,
            // Both are within MAX_WINDOW of each other, so the difference fits.
            drift: i64::try_from(step.abs_diff(current)).map_or(0, |d| if step < current { -d } else { d }),
        }))
    }
}

/// `current`, then `current - 1`, `current + 1`, ... out to `window` steps,
/// leaving out steps below 0 or above `u64::MAX`.
fn nearest_first(current: u64, window: u32) -> impl Iterator<Item = u64> {
    (0..=2 * u64::from(window)).filter_map(move |i| {
        let distance = i.div_ceil(2);
        if i % 2 == 1 { current.checked_sub(distance) } else { current.checked_add(distance) }
    })
}

/// HMAC key state computed once per key: each code costs two compressions
/// of its hash function (see [`mac`]).
///
/// The server build's `otp` WebAssembly module (feature `part-otp` without
/// `part-sha2`, see src/wasm.rs) computes SHA-1 codes only, so that a server
/// checking the codes most authenticators use never compiles SHA-2: there,
/// and only there, the SHA-2 variants are left out and a SHA-2 key is
/// refused (the SDK sends those to the `sha2` module).
#[derive(Clone)]
enum PreparedMac {
    Sha1(mac::Key<mac::Sha1>),
    #[cfg(not(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2"))))]
    Sha256(mac::Key<mac::Sha256>),
    #[cfg(not(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2"))))]
    Sha512(mac::Key<mac::Sha512>),
}

impl core::fmt::Debug for PreparedMac {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The HMAC state is as good as the secret: never printed.
        f.write_str("PreparedMac(..)")
    }
}

impl PreparedMac {
    fn new(algorithm: Algorithm, secret: &Secret) -> Result<Self> {
        let key = secret.as_bytes();
        Ok(match algorithm {
            Algorithm::Sha1 => PreparedMac::Sha1(mac::Key::new(key)),
            #[cfg(not(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2"))))]
            Algorithm::Sha256 => PreparedMac::Sha256(mac::Key::new(key)),
            #[cfg(not(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2"))))]
            Algorithm::Sha512 => PreparedMac::Sha512(mac::Key::new(key)),
            #[cfg(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2")))]
            Algorithm::Sha256 | Algorithm::Sha512 => return Err(Error::option("algorithm", Reason::Algorithm)),
        })
    }

    /// RFC 4226 dynamic truncation of HMAC(counter): a 31-bit number.
    fn truncated(&self, counter: u64) -> u32 {
        match self {
            PreparedMac::Sha1(key) => key.truncated(counter),
            #[cfg(not(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2"))))]
            PreparedMac::Sha256(key) => key.truncated(counter),
            #[cfg(not(all(target_arch = "wasm32", feature = "part-otp", not(feature = "part-sha2"))))]
            PreparedMac::Sha512(key) => key.truncated(counter),
        }
    }
}

/// HMAC (RFC 2104) of an 8-byte counter, written over the SHA compression
/// functions of the `sha1` and `sha2` crates. The message is always one
/// short block, so the general-purpose `hmac`/`digest` layers (block
/// buffers, generic lengths, cloning whole hash states) are left out: a
/// prepared key is the two chaining values after the padded key blocks,
/// and a code is one compression for the inner hash and one for the outer.
/// Tested against the `hmac` crate for every key length up to three blocks.
pub(crate) mod mac {
    use sha2::digest::generic_array::GenericArray;
    use zeroize::Zeroize;

    /// The largest block (SHA-512's); shorter blocks use its start.
    const MAX_BLOCK: usize = 128;
    type Buffer = [u8; MAX_BLOCK];

    /// One SHA function as HMAC uses it.
    pub(crate) trait Hash {
        /// The chaining value.
        type State: Copy + Zeroize;
        /// The initial chaining value.
        const IV: Self::State;
        /// Bytes per block: 64 or 128.
        const BLOCK: usize;
        /// Bytes of output: 20, 32 or 64.
        const OUT: usize;
        /// Compresses one block (exactly [`Hash::BLOCK`] bytes) into `state`.
        fn compress(state: &mut Self::State, block: &[u8]);
        /// Writes the state big-endian into the first [`Hash::OUT`] bytes of `out`.
        fn output(state: &Self::State, out: &mut Buffer);
    }

    /// SHA-1.
    pub(crate) struct Sha1;
    /// SHA-256.
    #[allow(dead_code)] // unused in the SHA-1 module (see PreparedMac)
    pub(crate) struct Sha256;
    /// SHA-512.
    #[allow(dead_code)] // unused in the SHA-1 module (see PreparedMac)
    pub(crate) struct Sha512;

    fn words_out<const W: usize>(words: &[impl Copy + Into<u64>], out: &mut Buffer) {
        for (chunk, word) in out.chunks_exact_mut(W).zip(words) {
            let bytes = (*word).into().to_be_bytes();
            chunk.copy_from_slice(bytes.get(8 - W..).unwrap_or_default());
        }
    }

    impl Hash for Sha1 {
        type State = [u32; 5];
        const IV: Self::State = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0];
        const BLOCK: usize = 64;
        const OUT: usize = 20;
        fn compress(state: &mut Self::State, block: &[u8]) {
            if let Ok(block) = <&[u8; 64]>::try_from(block) {
                #[cfg(feature = "small")]
                super::sha1_compact(state, block);
                #[cfg(not(feature = "small"))]
                sha1::compress(state, &[GenericArray::from(*block)]);
            }
        }
        fn output(state: &Self::State, out: &mut Buffer) {
            words_out::<4>(state, out);
        }
    }

    impl Hash for Sha256 {
        type State = [u32; 8];
        const IV: Self::State = [
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
        ];
        const BLOCK: usize = 64;
        const OUT: usize = 32;
        fn compress(state: &mut Self::State, block: &[u8]) {
            if let Ok(block) = <&[u8; 64]>::try_from(block) {
                sha2::compress256(state, &[GenericArray::from(*block)]);
            }
        }
        fn output(state: &Self::State, out: &mut Buffer) {
            words_out::<4>(state, out);
        }
    }

    impl Hash for Sha512 {
        type State = [u64; 8];
        const IV: Self::State = [
            0x6a09_e667_f3bc_c908,
            0xbb67_ae85_84ca_a73b,
            0x3c6e_f372_fe94_f82b,
            0xa54f_f53a_5f1d_36f1,
            0x510e_527f_ade6_82d1,
            0x9b05_688c_2b3e_6c1f,
            0x1f83_d9ab_fb41_bd6b,
            0x5be0_cd19_137e_2179,
        ];
        const BLOCK: usize = 128;
        const OUT: usize = 64;
        fn compress(state: &mut Self::State, block: &[u8]) {
            if let Ok(block) = <&[u8; 128]>::try_from(block) {
                sha2::compress512(state, &[*GenericArray::from_slice(block)]);
            }
        }
        fn output(state: &Self::State, out: &mut Buffer) {
            words_out::<8>(state, out);
        }
    }

    /// Hashes the final `rest` (shorter than a block) of a message of
    /// `total` bytes into `state` (`rest`, 0x80, zeros, the length in bits),
    /// using `block` as scratch (the caller wipes it if `rest` is secret).
    fn finish<H: Hash>(state: &mut H::State, rest: &[u8], total: usize, block: &mut Buffer) {
        block.fill(0);
        if let Some(start) = block.get_mut(..rest.len()) {
            start.copy_from_slice(rest);
        }
        if let Some(end) = block.get_mut(rest.len()) {
            *end = 0x80;
        }
        if rest.len() + 1 + H::BLOCK / 8 > H::BLOCK {
            H::compress(state, block.get(..H::BLOCK).unwrap_or_default());
            block.fill(0);
        }
        // Lengths here are far below 2^61 bytes: 64 bits of length suffice.
        let bits = u64::try_from(total).unwrap_or(u64::MAX).wrapping_mul(8).to_be_bytes();
        if let Some(tail) = block.get_mut(H::BLOCK - 8..H::BLOCK) {
            tail.copy_from_slice(&bits);
        }
        H::compress(state, block.get(..H::BLOCK).unwrap_or_default());
    }

    /// A key prepared for HMAC: the chaining values after the inner
    /// (`key ^ 0x36..`) and outer (`key ^ 0x5c..`) key blocks. Wiped on drop.
    pub(crate) struct Key<H: Hash> {
        inner: H::State,
        outer: H::State,
    }

    impl<H: Hash> Clone for Key<H> {
        fn clone(&self) -> Self {
            Key { inner: self.inner, outer: self.outer }
        }
    }

    impl<H: Hash> Drop for Key<H> {
        fn drop(&mut self) {
            self.inner.zeroize();
            self.outer.zeroize();
        }
    }

    impl<H: Hash> Key<H> {
        /// Prepares a key of any length (one longer than a block is hashed first).
        pub(crate) fn new(key: &[u8]) -> Self {
            let mut block = [0u8; MAX_BLOCK];
            if key.len() > H::BLOCK {
                let mut state = H::IV;
                let mut blocks = key.chunks_exact(H::BLOCK);
                for chunk in blocks.by_ref() {
                    H::compress(&mut state, chunk);
                }
                finish::<H>(&mut state, blocks.remainder(), key.len(), &mut block);
                block.fill(0);
                H::output(&state, &mut block);
                state.zeroize();
            } else {
                block.iter_mut().zip(key).for_each(|(slot, byte)| *slot = *byte);
            }
            let mut chain = |pad: u8| {
                block.iter_mut().for_each(|byte| *byte ^= pad);
                let mut state = H::IV;
                H::compress(&mut state, block.get(..H::BLOCK).unwrap_or_default());
                state
            };
            let inner = chain(0x36);
            let outer = chain(0x36 ^ 0x5c);
            block.zeroize();
            Key { inner, outer }
        }

        /// HMAC(key, counter) into the first [`Hash::OUT`] bytes of `out`.
        fn tag_into(&self, counter: u64, out: &mut Buffer) {
            let mut scratch = [0u8; MAX_BLOCK];
            let mut inner = self.inner;
            finish::<H>(&mut inner, &counter.to_be_bytes(), H::BLOCK + 8, &mut scratch);
            H::output(&inner, out);
            let mut outer = self.outer;
            finish::<H>(&mut outer, out.get(..H::OUT).unwrap_or_default(), H::BLOCK + H::OUT, &mut scratch);
            H::output(&outer, out);
        }

        /// RFC 4226 dynamic truncation of HMAC(key, counter): a 31-bit number.
        pub(crate) fn truncated(&self, counter: u64) -> u32 {
            let mut tag = [0u8; MAX_BLOCK];
            self.tag_into(counter, &mut tag);
            dynamic_truncate(tag.get(..H::OUT).unwrap_or_default())
        }

        /// The whole HMAC, for tests against the `hmac` crate.
        #[cfg(test)]
        pub(crate) fn tag(&self, counter: u64) -> alloc::vec::Vec<u8> {
            let mut tag = [0u8; MAX_BLOCK];
            self.tag_into(counter, &mut tag);
            tag.get(..H::OUT).unwrap_or_default().to_vec()
        }
    }

    fn dynamic_truncate(digest: &[u8]) -> u32 {
        let offset = usize::from(digest.last().copied().unwrap_or(0) & 0x0f);
        let word = digest
            .get(offset..offset + 4)
            .and_then(|bytes| <[u8; 4]>::try_from(bytes).ok())
            .unwrap_or([0; 4]);
        u32::from_be_bytes(word) & 0x7fff_ffff
    }

    #[cfg(test)]
    mod tests {
        use super::{Hash, Key};
        use hmac::{Hmac, Mac};

        fn same<H: Hash, D>()
        where
            D: hmac::digest::core_api::CoreProxy,
            Hmac<D>: Mac + hmac::digest::KeyInit,
            D::Core: hmac::digest::HashMarker
                + hmac::digest::core_api::UpdateCore
                + hmac::digest::core_api::FixedOutputCore
                + hmac::digest::core_api::BufferKindUser<BufferKind = hmac::digest::block_buffer::Eager>
                + Default
                + Clone,
            <D::Core as hmac::digest::core_api::BlockSizeUser>::BlockSize: hmac::digest::typenum::IsLess<hmac::digest::typenum::U256>,
            hmac::digest::typenum::Le<<D::Core as hmac::digest::core_api::BlockSizeUser>::BlockSize, hmac::digest::typenum::U256>: hmac::digest::typenum::NonZero,
        {
            for len in 0..=3 * H::BLOCK + 1 {
                let key: alloc::vec::Vec<u8> = (0..len).map(|i| u8::try_from((i * 31 + len) % 251).unwrap()).collect();
                let ours = Key::<H>::new(&key);
                for counter in [0, 1, len as u64, u64::MAX] {
                    let mut theirs = <Hmac<D> as hmac::digest::KeyInit>::new_from_slice(&key).unwrap();
                    theirs.update(&counter.to_be_bytes());
                    assert_eq!(ours.tag(counter), theirs.finalize().into_bytes().to_vec(), "key of {len} bytes, counter {counter}");
                }
            }
        }

        #[test]
        fn compact_sha1_matches_the_crate() {
            let mut ours = [1u32, 2, 3, 4, 5];
            let mut theirs = ours;
            for n in 0..200u32 {
                let block: [u8; 64] = core::array::from_fn(|i| u8::try_from((i as u32 * 37 + n * 11) % 256).unwrap());
                super::super::sha1_compact(&mut ours, &block);
                sha1::compress(&mut theirs, &[block.into()]);
                assert_eq!(ours, theirs, "block {n}");
            }
        }

        #[test]
        fn matches_the_hmac_crate() {
            same::<super::Sha1, sha1::Sha1>();
            same::<super::Sha256, sha2::Sha256>();
            same::<super::Sha512, sha2::Sha512>();
        }
    }
}

/// SHA-1's compression function with rolled loops, for the size-optimised
/// build (feature `small`): the `sha1` crate's, unrolled, is 3 KB more of
/// WebAssembly. Tested against the crate's (natively, every build).
#[cfg(any(feature = "small", test))]
fn sha1_compact(state: &mut [u32; 5], block: &[u8; 64]) {
    let mut w = [0u32; 16];
    for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
        *word = bytes.iter().fold(0, |word, byte| word << 8 | u32::from(*byte));
    }
    let at = |w: &[u32; 16], i: usize| w.get(i & 15).copied().unwrap_or(0);
    let [mut a, mut b, mut c, mut d, mut e] = *state;
    for i in 0..80 {
        if i >= 16 {
            let next = (at(&w, i + 13) ^ at(&w, i + 8) ^ at(&w, i + 2) ^ at(&w, i)).rotate_left(1);
            if let Some(slot) = w.get_mut(i & 15) {
                *slot = next;
            }
        }
        let (f, k) = match i / 20 {
            0 => ((b & c) | (!b & d), 0x5A82_7999),
            1 => (b ^ c ^ d, 0x6ED9_EBA1),
            2 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
            _ => (b ^ c ^ d, 0xCA62_C1D6),
        };
        let t = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(at(&w, i));
        e = d;
        d = c;
        c = b.rotate_left(30);
        b = a;
        a = t;
    }
    for (word, add) in state.iter_mut().zip([a, b, c, d, e]) {
        *word = word.wrapping_add(add);
    }
    w.zeroize();
}

/// Reads a code of exactly `digits` ASCII digits.
fn parse_code(code: &str, digits: u32) -> Result<u64> {
    let bytes = code.as_bytes();
    if u32::try_from(bytes.len()).ok() != Some(digits) || !bytes.iter().all(u8::is_ascii_digit) {
        return Err(Error::InvalidCodeFormat { digits });
    }
    Ok(bytes.iter().fold(0u64, |value, b| value * 10 + u64::from(b - b'0')))
}

/// Writes `value` with leading zeros to `digits` places.
fn format_code(value: u64, digits: u32) -> String {
    let mut buf = [b'0'; MAX_DIGITS as usize];
    let mut rest = value;
    let width = usize::try_from(digits).unwrap_or(MAX_DIGITS as usize).min(buf.len());
    for slot in buf.iter_mut().take(width).rev() {
        *slot = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    buf.iter().take(width).map(|b| char::from(*b)).collect()
}
