//! The input layout shared by the structured fuzz targets and the seed
//! generator (`cargo run --example make_seeds`).
//!
//! An input is a fixed header of numbers read from the front (big-endian;
//! missing bytes read as zero), then fields separated by `0xFF` (a byte that
//! never occurs in UTF-8, so text fields lose nothing), the last field taking
//! the rest of the input. Text fields that are not UTF-8 are read lossily.
//! The layout is simple on purpose, so seeds can be written by hand or with
//! [`Writer`].

use std::borrow::Cow;

/// Separates the variable-length fields.
pub const SEP: u8 = 0xFF;

/// Reads an input.
pub struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader over `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data }
    }

    fn take<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        let n = N.min(self.data.len());
        out[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        out
    }

    /// One byte.
    pub fn u8(&mut self) -> u8 {
        self.take::<1>()[0]
    }

    /// A flag: the low bit of one byte.
    pub fn bool(&mut self) -> bool {
        self.u8() & 1 == 1
    }

    /// Four bytes, big-endian.
    pub fn u32(&mut self) -> u32 {
        u32::from_be_bytes(self.take())
    }

    /// Eight bytes, big-endian.
    pub fn u64(&mut self) -> u64 {
        u64::from_be_bytes(self.take())
    }

    /// A flag byte, then eight bytes: `None` unless the flag's low bit is set.
    pub fn opt_u64(&mut self) -> Option<u64> {
        let present = self.bool();
        let value = self.u64();
        present.then_some(value)
    }

    /// Bytes up to the next separator (consumed) or the end.
    pub fn field(&mut self) -> &'a [u8] {
        match self.data.iter().position(|&b| b == SEP) {
            Some(i) => {
                let (field, rest) = self.data.split_at(i);
                self.data = &rest[1..];
                field
            }
            None => self.rest(),
        }
    }

    /// A text field.
    pub fn text(&mut self) -> Cow<'a, str> {
        String::from_utf8_lossy(self.field())
    }

    /// Everything left (may contain separators).
    pub fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.data)
    }
}

/// Writes an input in the layout [`Reader`] reads.
#[derive(Default)]
pub struct Writer(Vec<u8>);

impl Writer {
    /// An empty input.
    pub fn new() -> Self {
        Writer(Vec::new())
    }
    /// One byte.
    pub fn u8(mut self, v: u8) -> Self {
        self.0.push(v);
        self
    }
    /// A flag byte.
    pub fn bool(self, v: bool) -> Self {
        self.u8(u8::from(v))
    }
    /// Four bytes.
    pub fn u32(mut self, v: u32) -> Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }
    /// Eight bytes.
    pub fn u64(mut self, v: u64) -> Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }
    /// A flag byte and eight bytes.
    pub fn opt_u64(self, v: Option<u64>) -> Self {
        self.bool(v.is_some()).u64(v.unwrap_or(0))
    }
    /// A field and its separator (the field must not contain `0xFF`).
    pub fn field(mut self, v: impl AsRef<[u8]>) -> Self {
        assert!(
            !v.as_ref().contains(&SEP),
            "a field cannot contain the separator"
        );
        self.0.extend_from_slice(v.as_ref());
        self.0.push(SEP);
        self
    }
    /// The last field (no separator).
    pub fn rest(mut self, v: impl AsRef<[u8]>) -> Vec<u8> {
        self.0.extend_from_slice(v.as_ref());
        self.0
    }
}

/// The key rings of `sealed_open` and `token_open` (and their seeds): two
/// rings sharing key `k1`, as before and after a rotation to `k2`.
pub mod rings {
    use std::sync::LazyLock;
    use twofa::keyring::KeyRing;

    /// Key string of `k1`.
    pub const K1: &str = "fuzz key one: 32 bytes or more of material";
    /// Key string of `k2`.
    pub const K2: &str = "fuzz key two: 32 bytes or more of material";

    /// Before the rotation: `k1` only, current.
    pub static OLD: LazyLock<KeyRing> =
        LazyLock::new(|| KeyRing::new("k1", &[("k1", K1)]).expect("ring"));
    /// After the rotation: `k1` and `k2`, `k2` current.
    pub static RING: LazyLock<KeyRing> =
        LazyLock::new(|| KeyRing::new("k2", &[("k1", K1), ("k2", K2)]).expect("ring"));
}
