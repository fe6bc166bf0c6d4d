//! Backup codes: ten single-use codes of ten Crockford base32 characters
//! (50 bits each), stored only as one salted Argon2id record.
//!
//! The record holds the Argon2id parameters, one random salt and one digest
//! per code, all under that salt: checking a code costs one Argon2id
//! computation whatever the number of codes, then a constant-time comparison
//! with every digest (no early exit). Parameters are read from the record, so
//! they can be raised later without breaking stored records.
//!
//! Record: `tfb1$m=19456,t=2,p=1$<salt>$<digest>,<digest>,...` (base64url).
#![forbid(unsafe_code)]

use alloc::string::String;
use alloc::vec::Vec;
use argon2::{Algorithm, Argon2, Params, Version};
use base64ct::{Base64UrlUnpadded, Encoding};
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::secret::fill_random;

/// Codes generated unless asked otherwise.
pub const DEFAULT_BACKUP_CODES: usize = 10;
/// Most codes in one set.
pub const MAX_BACKUP_CODES: usize = 100;
/// Characters in a code (without the hyphen).
pub const CODE_CHARS: usize = 10;

/// Crockford's base32: no I, L, O or U, so codes survive being read aloud.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RECORD_VERSION: &str = "tfb1";
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
        return Err(Error::option("count", alloc::format!("from 1 to {MAX_BACKUP_CODES}")));
    }
    let mut codes: Vec<String> = Vec::with_capacity(count);
    while codes.len() < count {
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
        // A repeat within one set has probability 2^-50; skip it anyway.
        if !codes.contains(&code) {
            codes.push(code);
        }
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

/// One record for `codes`, with the default cost and a fresh salt.
pub fn hash_codes(codes: &[String]) -> Result<String> {
    hash_codes_with_cost(codes, Cost::default())
}

/// One record for `codes` with another Argon2id cost (at most 256 MiB, 16
/// passes, 1 lane), for example to raise it as hardware gets faster.
pub fn hash_codes_with_cost(codes: &[String], cost: Cost) -> Result<String> {
    if !cost.is_sane() {
        return Err(Error::option("cost", "memory 8 KiB to 256 MiB, 1 to 16 passes, 1 lane"));
    }
    let mut salt = [0u8; SALT_BYTES];
    fill_random(&mut salt)?;
    hash_codes_with(codes, cost, salt)
}

pub(crate) fn hash_codes_with(codes: &[String], cost: Cost, salt: [u8; SALT_BYTES]) -> Result<String> {
    if codes.len() > MAX_BACKUP_CODES {
        return Err(Error::option("codes", alloc::format!("at most {MAX_BACKUP_CODES} codes")));
    }
    let mut normalized: Vec<Zeroizing<[u8; CODE_CHARS]>> = Vec::with_capacity(codes.len());
    for code in codes {
        let code = normalize_code(code).map_err(|_| {
            Error::option("codes", "each code must be 10 Crockford base32 characters, as generateBackupCodes makes them")
        })?;
        if normalized.iter().any(|seen| **seen == *code) {
            return Err(Error::option("codes", "a code appears twice"));
        }
        normalized.push(code);
    }
    let digests =
        normalized.iter().map(|code| digest(code.as_ref(), &salt, cost)).collect::<Result<Vec<[u8; DIGEST_BYTES]>>>()?;
    Ok(write_record(cost, &salt, &digests))
}

/// Checks `code` against `record`. On a match, returns the record without
/// that code (store it) and how many codes remain; otherwise `None`.
pub fn use_code(record: &str, code: &str) -> Result<Option<(String, usize)>> {
    let parsed = Record::parse(record)?;
    let code = normalize_code(code)?;
    let candidate = digest(code.as_ref(), &parsed.salt, parsed.cost)?;
    let mut found = Choice::from(0);
    let mut index = 0u32;
    for (i, stored) in parsed.digests.iter().enumerate() {
        let hit = stored.ct_eq(&candidate) & !found;
        index.conditional_assign(&u32::try_from(i).unwrap_or(u32::MAX), hit);
        found |= hit;
    }
    if !bool::from(found) {
        return Ok(None);
    }
    let remaining: Vec<[u8; DIGEST_BYTES]> = parsed
        .digests
        .iter()
        .enumerate()
        .filter(|(i, _)| u32::try_from(*i).ok() != Some(index))
        .map(|(_, d)| *d)
        .collect();
    let count = remaining.len();
    Ok(Some((write_record(parsed.cost, &parsed.salt, &remaining), count)))
}

/// How many unused codes `record` holds.
pub fn count_codes(record: &str) -> Result<usize> {
    Ok(Record::parse(record)?.digests.len())
}

fn digest(code: &[u8], salt: &[u8], cost: Cost) -> Result<[u8; DIGEST_BYTES]> {
    let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, Some(DIGEST_BYTES))
        .map_err(|_| Error::BackupRecordMalformed { reason: "unusable Argon2id parameters" })?;
    let mut out = [0u8; DIGEST_BYTES];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(code, salt, &mut out)
        .map_err(|_| Error::BackupRecordMalformed { reason: "Argon2id failed with these parameters" })?;
    Ok(out)
}

fn write_record(cost: Cost, salt: &[u8], digests: &[[u8; DIGEST_BYTES]]) -> String {
    let list: Vec<String> = digests.iter().map(|d| Base64UrlUnpadded::encode_string(d)).collect();
    alloc::format!(
        "{RECORD_VERSION}$m={},t={},p={}${}${}",
        cost.memory_kib,
        cost.iterations,
        cost.parallelism,
        Base64UrlUnpadded::encode_string(salt),
        list.join(",")
    )
}

struct Record {
    cost: Cost,
    salt: [u8; SALT_BYTES],
    digests: Vec<[u8; DIGEST_BYTES]>,
}

impl Record {
    fn parse(record: &str) -> Result<Self> {
        let malformed = |reason| Error::BackupRecordMalformed { reason };
        if record.len() > 64 * 1024 {
            return Err(malformed("longer than 64 KiB"));
        }
        let mut parts = record.split('$');
        let (Some(version), Some(params), Some(salt), Some(list), None) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed("expected tfb1$m=..,t=..,p=..$<salt>$<digests>"));
        };
        if version != RECORD_VERSION {
            return Err(malformed("unknown record version (expected tfb1)"));
        }
        let cost = parse_cost(params).filter(|c| c.is_sane()).ok_or(malformed("bad Argon2id parameters"))?;
        let salt = Base64UrlUnpadded::decode_vec(salt)
            .ok()
            .and_then(|s| <[u8; SALT_BYTES]>::try_from(s).ok())
            .ok_or(malformed("bad salt"))?;
        let digests = if list.is_empty() {
            Vec::new()
        } else {
            list.split(',')
                .map(|d| Base64UrlUnpadded::decode_vec(d).ok().and_then(|d| <[u8; DIGEST_BYTES]>::try_from(d).ok()))
                .collect::<Option<Vec<_>>>()
                .ok_or(malformed("bad digest"))?
        };
        if digests.len() > MAX_BACKUP_CODES {
            return Err(malformed("too many digests"));
        }
        Ok(Record { cost, salt, digests })
    }
}

fn parse_cost(text: &str) -> Option<Cost> {
    let mut parts = text.split(',');
    let (Some(m), Some(t), Some(p), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let value = |part: &str, name: &str| part.strip_prefix(name)?.parse::<u32>().ok();
    Some(Cost { memory_kib: value(m, "m=")?, iterations: value(t, "t=")?, parallelism: value(p, "p=")? })
}
