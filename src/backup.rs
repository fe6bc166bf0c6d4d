//! Backup codes: ten single-use codes of ten Crockford base32 characters
//! (50 bits each), stored only as one salted Argon2id record bound to the user
//! it belongs to; and codes imported from another system (6 to 12 letters or
//! digits), kept working in the same record.
//!
//! The record holds the Argon2id parameters, one random salt and one digest
//! per code, all under that salt and the user's context (Argon2's associated
//! data), so a record copied to another user's row never verifies. Checking a
//! code costs one Argon2id computation per shape it could have (one, or two
//! when the record holds imported codes), then a constant-time comparison with
//! every digest (no early exit). Parameters are read from the record, so they
//! can be raised later without breaking stored records.
//!
//! Record: `tfb2$m=19456,t=2,p=1$<salt>$<digest>,...$<imported digest>,...`
//! (base64url; the last part is empty when no codes were imported).
#![forbid(unsafe_code)]

use alloc::string::String;
use alloc::vec::Vec;
use argon2::{Algorithm, Argon2, AssociatedData, ParamsBuilder, Version};
use base64ct::{Base64UrlUnpadded, Encoding};
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::reason::Reason;
use crate::wire::push_decimal;
use crate::secret::fill_random;

/// Codes generated unless asked otherwise.
pub const DEFAULT_BACKUP_CODES: usize = 10;
/// Most codes in one set.
pub const MAX_BACKUP_CODES: usize = 100;
/// Characters in a code (without the hyphen).
pub const CODE_CHARS: usize = 10;

/// Crockford's base32: no I, L, O or U, so codes survive being read aloud.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RECORD_VERSION: &str = "tfb2";
/// Longest user context (for example a user id), in bytes.
pub const MAX_CONTEXT_BYTES: usize = 1024;
/// Shortest and longest imported code, in characters (without separators).
pub const IMPORTED_CHARS: core::ops::RangeInclusive<usize> = 6..=12;
const SALT_BYTES: usize = 16;
const DIGEST_BYTES: usize = 16;

/// Argon2id cost, stored in each record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl Default for Cost {
    /// OWASP's first Argon2id recommendation: 19 MiB, 2 passes, 1 lane.
    fn default() -> Self {
        Cost { memory_kib: 19 * 1024, iterations: 2, parallelism: 1 }
    }
}

impl Cost {
    /// Bounds for records read from storage, so a damaged record cannot ask
    /// for gigabytes of memory or minutes of work.
    fn is_sane(self) -> bool {
        (8..=256 * 1024).contains(&self.memory_kib) && (1..=16).contains(&self.iterations) && self.parallelism == 1
    }
}

/// `count` new codes, formatted `xxxxx-xxxxx` in lower case.
pub fn generate_codes(count: usize) -> Result<Vec<String>> {
    if !(1..=MAX_BACKUP_CODES).contains(&count) {
        return Err(Error::option("count", Reason::CountRange { max: MAX_BACKUP_CODES }));
    }
    let mut codes: Vec<String> = Vec::with_capacity(count);
    for _ in 0..count {
        let mut random = Zeroizing::new([0u8; 8]);
        fill_random(random.as_mut())?;
        let mut bits = u64::from_be_bytes(*random);
        let mut code = String::with_capacity(CODE_CHARS + 1);
        for i in 0..CODE_CHARS {
            if i == CODE_CHARS / 2 {
                code.push('-');
            }
            let index = usize::try_from(bits & 31).unwrap_or(0);
            code.push(char::from(CROCKFORD.get(index).copied().unwrap_or(b'0')).to_ascii_lowercase());
            bits >>= 5;
        }
        // From a CSPRNG a repeat within a set is out of reach (50 bits a
        // code: under 2^-36 for the largest set): one means a source that
        // repeats itself (a stub), refused rather than drawn from again,
        // which would never end.
        if codes.contains(&code) {
            return Err(Error::RandomUnavailable);
        }
        codes.push(code);
    }
    Ok(codes)
}

/// Reads a code as people type it: any case, spaces and hyphens ignored,
/// `O` read as `0` and `I`/`L` as `1`. Anything else is
/// [`Error::InvalidBackupCodeFormat`] (`INVALID_CODE_FORMAT`).
pub fn normalize_code(input: &str) -> Result<Zeroizing<[u8; CODE_CHARS]>> {
    let mut out = Zeroizing::new([0u8; CODE_CHARS]);
    let mut len = 0usize;
    for c in input.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        let byte = u8::try_from(c).ok().filter(|b| CROCKFORD.contains(b)).ok_or(Error::InvalidBackupCodeFormat)?;
        *out.get_mut(len).ok_or(Error::InvalidBackupCodeFormat)? = byte;
        len += 1;
    }
    if len != CODE_CHARS {
        return Err(Error::InvalidBackupCodeFormat);
    }
    Ok(out)
}

/// Whether `input` has the shape of a backup code (rather than a TOTP code).
pub fn looks_like_backup_code(input: &str) -> bool {
    normalize_code(input).is_ok()
}

/// An imported code as people type it: any case, spaces and hyphens ignored,
/// 6 to 12 ASCII letters or digits. Unlike generated codes no letters are
/// read as digits: the old system may have used every character.
pub fn normalize_imported(input: &str) -> Result<Zeroizing<Vec<u8>>> {
    let mut out = Zeroizing::new(Vec::with_capacity(*IMPORTED_CHARS.end()));
    for c in input.chars() {
        if matches!(c, ' ' | '-' | '\t') {
            continue;
        }
        let byte = u8::try_from(c.to_ascii_uppercase()).ok().filter(u8::is_ascii_alphanumeric);
        let byte = byte.ok_or(Error::InvalidBackupCodeFormat)?;
        if out.len() == *IMPORTED_CHARS.end() {
            return Err(Error::InvalidBackupCodeFormat);
        }
        out.push(byte);
    }
    if !IMPORTED_CHARS.contains(&out.len()) {
        return Err(Error::InvalidBackupCodeFormat);
    }
    Ok(out)
}

/// A code's shape, which decides how it is normalised and which digests it is
/// compared with. The shape is hashed with the code, so the two never mix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Generated,
    Imported,
}

impl Shape {
    fn tag(self) -> u8 {
        match self {
            Shape::Generated => b'G',
            Shape::Imported => b'I',
        }
    }
}

/// One record for `codes` (as [`generate_codes`] makes them), bound to
/// `context` (the user id), with the default cost and a fresh salt.
pub fn hash_codes(codes: &[String], context: &str) -> Result<String> {
    hash_codes_with_cost(codes, context, Cost::default())
}

/// One record for `codes` with another Argon2id cost (at most 256 MiB, 16
/// passes, 1 lane), for example to raise it as hardware gets faster.
pub fn hash_codes_with_cost(codes: &[String], context: &str, cost: Cost) -> Result<String> {
    if !cost.is_sane() {
        return Err(Error::option("cost", Reason::Cost));
    }
    let mut salt = [0u8; SALT_BYTES];
    fill_random(&mut salt)?;
    hash_codes_with(codes, context, cost, salt)
}

/// One record for codes from another system, bound to `context`: codes of
/// the generated shape are stored as such, any other code of 6 to 12 letters
/// or digits as an imported code. Each works once, like generated ones.
pub fn import_codes(codes: &[String], context: &str) -> Result<String> {
    let mut salt = [0u8; SALT_BYTES];
    fill_random(&mut salt)?;
    import_codes_with(codes, context, Cost::default(), salt)
}

pub(crate) fn import_codes_with(codes: &[String], context: &str, cost: Cost, salt: [u8; SALT_BYTES]) -> Result<String> {
    let (generated, imported): (Vec<&String>, Vec<&String>) = codes.iter().partition(|c| looks_like_backup_code(c));
    let generated = normalize_all(&generated, |code| normalize_code(code).map(|c| Zeroizing::new(c.to_vec())))?;
    let imported = normalize_all(&imported, |code| {
        normalize_imported(code).map_err(|_| Error::option("codes", Reason::ImportedCodeShape))
    })?;
    build_record(&generated, &imported, context, cost, salt)
}

pub(crate) fn hash_codes_with(codes: &[String], context: &str, cost: Cost, salt: [u8; SALT_BYTES]) -> Result<String> {
    let generated = normalize_all(codes, |code| {
        normalize_code(code).map(|c| Zeroizing::new(c.to_vec())).map_err(|_| {
            Error::option("codes", Reason::CodeShape)
        })
    })?;
    build_record(&generated, &[], context, cost, salt)
}

type Normalized = Zeroizing<Vec<u8>>;

/// Normalises every code, refusing more than the maximum and repeats.
fn normalize_all<T: AsRef<str>>(codes: &[T], normalize: impl Fn(&str) -> Result<Normalized>) -> Result<Vec<Normalized>> {
    if codes.len() > MAX_BACKUP_CODES {
        return Err(Error::option("codes", Reason::TooManyCodes { max: MAX_BACKUP_CODES }));
    }
    let mut out: Vec<Normalized> = Vec::with_capacity(codes.len());
    for code in codes {
        let code = normalize(code.as_ref())?;
        if out.iter().any(|seen| **seen == *code) {
            return Err(Error::option("codes", Reason::CodeTwice));
        }
        out.push(code);
    }
    Ok(out)
}

fn build_record(generated: &[Normalized], imported: &[Normalized], context: &str, cost: Cost, salt: [u8; SALT_BYTES]) -> Result<String> {
    if generated.len() + imported.len() > MAX_BACKUP_CODES {
        return Err(Error::option("codes", Reason::TooManyCodes { max: MAX_BACKUP_CODES }));
    }
    let binding = Binding::new(context, salt, cost)?;
    let hash = |shape: Shape, codes: &[Normalized]| codes.iter().map(|c| binding.digest(shape, c)).collect::<Result<Vec<_>>>();
    let record = Record { cost, salt, generated: hash(Shape::Generated, generated)?, imported: hash(Shape::Imported, imported)? };
    Ok(record.write())
}

/// Checks `code` against `record` for `context`. On a match, returns the
/// record without that code (store it) and how many codes remain; otherwise
/// `None`. A record made for another context never matches.
pub fn use_code(record: &str, code: &str, context: &str) -> Result<Option<(String, usize)>> {
    let mut parsed = Record::parse(record)?;
    let binding = Binding::new(context, parsed.salt, parsed.cost)?;
    let as_generated = normalize_code(code).ok().map(|c| Zeroizing::new(c.to_vec()));
    let as_imported = if parsed.imported.is_empty() { None } else { normalize_imported(code).ok() };
    if as_generated.is_none() && as_imported.is_none() {
        return Err(Error::InvalidBackupCodeFormat);
    }
    let mut found = false;
    for (shape, candidate, digests) in [
        (Shape::Generated, as_generated, &mut parsed.generated),
        (Shape::Imported, as_imported, &mut parsed.imported),
    ] {
        let Some(candidate) = candidate else { continue };
        if let Some(index) = position(digests, &binding.digest(shape, &candidate)?) {
            if !found {
                digests.remove(index);
                found = true;
            }
        }
    }
    Ok(found.then(|| (parsed.write(), parsed.generated.len() + parsed.imported.len())))
}

/// Where `candidate` is in `digests`, comparing with every digest in constant time.
fn position(digests: &[[u8; DIGEST_BYTES]], candidate: &[u8; DIGEST_BYTES]) -> Option<usize> {
    let mut found = Choice::from(0);
    let mut index = 0u32;
    for (i, stored) in digests.iter().enumerate() {
        let hit = stored.ct_eq(candidate) & !found;
        index.conditional_assign(&u32::try_from(i).unwrap_or(u32::MAX), hit);
        found |= hit;
    }
    bool::from(found).then(|| usize::try_from(index).unwrap_or(usize::MAX))
}

/// How many unused codes `record` holds.
pub fn count_codes(record: &str) -> Result<usize> {
    let parsed = Record::parse(record)?;
    Ok(parsed.generated.len() + parsed.imported.len())
}

/// Whether `input` could be one of `record`'s codes: the generated shape, or
/// 6 to 12 letters or digits when the record holds imported codes. A 6-digit
/// input can be both a TOTP code and an imported backup code.
pub fn could_be_code(record: &str, input: &str) -> Result<bool> {
    let parsed = Record::parse(record)?;
    Ok(looks_like_backup_code(input) || (!parsed.imported.is_empty() && normalize_imported(input).is_ok()))
}

/// The Argon2id instance for one record and user: salt, cost, and the user's
/// context as associated data (a SHA-256 of it, as Argon2 takes 32 bytes).
struct Binding {
    argon2: Argon2<'static>,
    salt: [u8; SALT_BYTES],
}

impl Binding {
    fn new(context: &str, salt: [u8; SALT_BYTES], cost: Cost) -> Result<Self> {
        if context.is_empty() || context.len() > MAX_CONTEXT_BYTES {
            return Err(Error::option("context", Reason::CodesContext));
        }
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        hasher.update(b"twofa backup codes v2\0");
        hasher.update(context.as_bytes());
        let data = AssociatedData::new(&hasher.finalize())
            .map_err(|_| Error::BackupRecordMalformed { reason: Reason::UnusableAssociatedData })?;
        let params = ParamsBuilder::new()
            .m_cost(cost.memory_kib)
            .t_cost(cost.iterations)
            .p_cost(cost.parallelism)
            .output_len(DIGEST_BYTES)
            .data(data)
            .build()
            .map_err(|_| Error::BackupRecordMalformed { reason: Reason::UnusableCost })?;
        Ok(Binding { argon2: Argon2::new(Algorithm::Argon2id, Version::V0x13, params), salt })
    }

    fn digest(&self, shape: Shape, code: &[u8]) -> Result<[u8; DIGEST_BYTES]> {
        let mut password = Zeroizing::new(Vec::with_capacity(code.len() + 1));
        password.push(shape.tag());
        password.extend_from_slice(code);
        let mut out = [0u8; DIGEST_BYTES];
        self.argon2
            .hash_password_into(&password, &self.salt, &mut out)
            .map_err(|_| Error::BackupRecordMalformed { reason: Reason::Argon2Failed })?;
        Ok(out)
    }
}

struct Record {
    cost: Cost,
    salt: [u8; SALT_BYTES],
    generated: Vec<[u8; DIGEST_BYTES]>,
    imported: Vec<[u8; DIGEST_BYTES]>,
}

impl Record {
    fn write(&self) -> String {
        let list = |digests: &[[u8; DIGEST_BYTES]]| {
            digests.iter().map(|d| Base64UrlUnpadded::encode_string(d)).collect::<Vec<String>>().join(",")
        };
        let mut record = String::from(RECORD_VERSION);
        for (label, value) in [("$m=", self.cost.memory_kib), (",t=", self.cost.iterations), (",p=", self.cost.parallelism)] {
            record.push_str(label);
            push_decimal(&mut record, u64::from(value));
        }
        for part in [Base64UrlUnpadded::encode_string(&self.salt), list(&self.generated), list(&self.imported)] {
            record.push('$');
            record.push_str(&part);
        }
        record
    }

    fn parse(record: &str) -> Result<Self> {
        let malformed = |reason| Error::BackupRecordMalformed { reason };
        if record.len() > 64 * 1024 {
            return Err(malformed(Reason::RecordTooLong));
        }
        if record.starts_with("tfb1$") {
            return Err(malformed(Reason::RecordFromV1));
        }
        let mut parts = record.split('$');
        let (Some(version), Some(params), Some(salt), Some(generated), Some(imported), None) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed(Reason::RecordShape));
        };
        if version != RECORD_VERSION {
            return Err(malformed(Reason::RecordVersion));
        }
        let cost = parse_cost(params).filter(|c| c.is_sane()).ok_or(malformed(Reason::RecordCost))?;
        let salt = Base64UrlUnpadded::decode_vec(salt)
            .ok()
            .and_then(|s| <[u8; SALT_BYTES]>::try_from(s).ok())
            .ok_or(malformed(Reason::RecordSalt))?;
        let (generated, imported) = (parse_digests(generated)?, parse_digests(imported)?);
        if generated.len() + imported.len() > MAX_BACKUP_CODES {
            return Err(malformed(Reason::RecordTooMany));
        }
        Ok(Record { cost, salt, generated, imported })
    }
}

fn parse_digests(list: &str) -> Result<Vec<[u8; DIGEST_BYTES]>> {
    if list.is_empty() {
        return Ok(Vec::new());
    }
    list.split(',')
        .map(|d| Base64UrlUnpadded::decode_vec(d).ok().and_then(|d| <[u8; DIGEST_BYTES]>::try_from(d).ok()))
        .collect::<Option<Vec<_>>>()
        .ok_or(Error::BackupRecordMalformed { reason: Reason::RecordDigest })
}

fn parse_cost(text: &str) -> Option<Cost> {
    let mut parts = text.split(',');
    let (Some(m), Some(t), Some(p), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let value = |part: &str, name: &str| part.strip_prefix(name)?.parse::<u32>().ok();
    Some(Cost { memory_kib: value(m, "m=")?, iterations: value(t, "t=")?, parallelism: value(p, "p=")? })
}
