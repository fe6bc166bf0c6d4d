//! Backup codes and their Argon2id records.
//!
//! `use_code` runs Argon2id with the cost written in the record (up to
//! 256 MiB), so arbitrary whole records only go to `count_codes` (parsing);
//! `use_code` gets records whose parameters are forced to the cheapest cost
//! (`m=8,t=1,p=1`) followed by arbitrary salt/digest text.
//!
//! Invariants:
//! - `normalize_code` agrees with an independent model (case, spaces,
//!   hyphens, tabs ignored; O->0, I/L->1; exactly ten Crockford characters)
//!   and is idempotent; failures are `INVALID_CODE_FORMAT`;
//! - `count_codes` never panics, fails only with `BACKUP_RECORD_MALFORMED`,
//!   and when it succeeds the record has the documented shape and the count
//!   is the number of comma-separated digests (at most 100);
//! - `use_code` on cheap records fails only with `BACKUP_RECORD_MALFORMED` or
//!   `INVALID_CODE_FORMAT`; a match removes exactly one digest;
//! - records hashed from fuzz-chosen codes (up to two) accept each code exactly once
//!   (in any order) and refuse a code that is not in the set.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twofa::backup::{count_codes, hash_codes_with_cost, normalize_code, normalize_imported, use_code, Cost};
use twofa_fuzz::Reader;

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHEAP_PARAMS: &str = "m=8,t=1,p=1";
/// The user every record here belongs to, and another one.
const USER: &str = "fuzz-user";
const OTHER: &str = "fuzz-other";
const CHEAP: Cost = Cost {
    memory_kib: 8,
    iterations: 1,
    parallelism: 1,
};

/// Layout (see `twofa_fuzz`): header `set size u8 (% 3), four u64 codes (the
/// first `size` used), order
/// u64, outsider u64`, then the fields `code`, `record`, `suffix` (the rest).
struct Input {
    /// Text for `normalize_code` (and the code given to `use_code`).
    code: String,
    /// Text for `count_codes`, and (with its parameters replaced) `use_code`.
    record: String,
    /// Appended to `tfb2$m=8,t=1,p=1$` for `use_code`.
    suffix: String,
    /// Up to two codes (50 bits each) to hash into a fresh record (each code
    /// costs three cheap Argon2id runs; more would only slow the target).
    set: Vec<u64>,
    /// Order in which to use them, and a code outside the set.
    order: u64,
    outsider: u64,
}

impl Input {
    fn read(data: &[u8]) -> Self {
        let mut r = Reader::new(data);
        let size = usize::from(r.u8() % 3);
        let mut set: Vec<u64> = (0..4).map(|_| r.u64()).collect();
        set.truncate(size);
        let (order, outsider) = (r.u64(), r.u64());
        let code = r.text().into_owned();
        let record = r.text().into_owned();
        let suffix = String::from_utf8_lossy(r.rest()).into_owned();
        Input {
            code,
            record,
            suffix,
            set,
            order,
            outsider,
        }
    }
}

/// The reference model of `normalize_code`.
fn model_normalize(input: &str) -> Option<[u8; 10]> {
    let mut out = Vec::new();
    for c in input.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !CROCKFORD.contains(&(c as u8)) {
            return None;
        }
        out.push(c as u8);
    }
    out.try_into().ok()
}

/// A code in the generator's format (`xxxxx-xxxxx`, lower case) from 50 bits.
fn code_from_bits(mut bits: u64) -> String {
    let mut code = String::new();
    for i in 0..10 {
        if i == 5 {
            code.push('-');
        }
        code.push(char::from(CROCKFORD[(bits & 31) as usize]).to_ascii_lowercase());
        bits >>= 5;
    }
    code
}

fn check_use(record: &str, code: &str) {
    match use_code(record, code, USER) {
        Err(err) => assert!(
            matches!(
                err.code(),
                "BACKUP_RECORD_MALFORMED" | "INVALID_CODE_FORMAT"
            ),
            "use_code: {err:?}"
        ),
        Ok(result) => {
            let count =
                count_codes(record).expect("use_code accepted a record count_codes refuses");
            assert!(
                normalize_code(code).is_ok() || normalize_imported(code).is_ok(),
                "use_code accepted a malformed code"
            );
            if let Some((rest, remaining)) = result {
                assert_eq!(remaining + 1, count);
                assert_eq!(count_codes(&rest).expect("rest parses"), remaining);
                assert!(rest.starts_with("tfb2$m=8,t=1,p=1$"), "{rest}");
                assert_eq!(use_code(record, code, OTHER).expect("same record"), None, "bound to its user");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let input = Input::read(data);
    // normalize_code against the model.
    match (normalize_code(&input.code), model_normalize(&input.code)) {
        (Ok(got), Some(want)) => {
            assert_eq!(*got, want);
            let text = std::str::from_utf8(got.as_ref()).expect("ASCII");
            assert_eq!(*normalize_code(text).expect("idempotent"), want);
            let spelled = format!("{}-{}", text[..5].to_ascii_lowercase(), &text[5..]);
            assert_eq!(
                *normalize_code(&spelled).expect("hyphenated lower case"),
                want
            );
        }
        (Err(err), None) => assert_eq!(err.code(), "INVALID_CODE_FORMAT"),
        (got, want) => panic!(
            "normalize_code({:?}) = {:?}, model says {want:?}",
            input.code,
            got.map(|c| *c)
        ),
    }

    // count_codes parses only: any record text is safe.
    match count_codes(&input.record) {
        Ok(count) => {
            assert!(count <= 100);
            let parts: Vec<&str> = input.record.split('$').collect();
            assert_eq!(parts.len(), 5, "{:?}", input.record);
            assert_eq!(parts[0], "tfb2");
            let listed = |list: &str| if list.is_empty() { 0 } else { list.split(',').count() };
            assert_eq!(count, listed(parts[3]) + listed(parts[4]));
        }
        Err(err) => assert_eq!(err.code(), "BACKUP_RECORD_MALFORMED", "{err:?}"),
    }

    // use_code only on records with the cheapest cost.
    check_use(
        &format!("tfb2${CHEAP_PARAMS}${}", input.suffix),
        &input.code,
    );
    let mut parts: Vec<&str> = input.record.split('$').collect();
    if parts.len() >= 2 {
        parts[1] = CHEAP_PARAMS;
        check_use(&parts.join("$"), &input.code);
    }

    // Round trip through a fresh cheap record.
    let mut set: Vec<String> = Vec::new();
    for bits in &input.set {
        let code = code_from_bits(*bits);
        if !set.contains(&code) {
            set.push(code);
        }
    }
    let mut record = hash_codes_with_cost(&set, USER, CHEAP).expect("hash valid codes");
    assert!(record.starts_with("tfb2$m=8,t=1,p=1$"), "{record}");
    assert_eq!(
        count_codes(&record).expect("fresh record parses"),
        set.len()
    );
    let outsider = code_from_bits(input.outsider);
    if !set.contains(&outsider) {
        assert_eq!(use_code(&record, &outsider, USER).expect("use outsider"), None);
    }
    let mut order = input.order;
    while !set.is_empty() {
        let index = (order % set.len() as u64) as usize;
        order /= set.len() as u64;
        // Any accepted spelling of the code works: upper case, no hyphen.
        let code = set.remove(index);
        let typed = if order & 1 == 0 {
            code.clone()
        } else {
            code.replace('-', " ").to_uppercase()
        };
        let (rest, remaining) = use_code(&record, &typed, USER)
            .expect("use")
            .expect("code in the set matches");
        assert_eq!(remaining, set.len());
        assert_eq!(
            use_code(&rest, &code, USER).expect("reuse"),
            None,
            "a used code matched again"
        );
        record = rest;
    }
    assert_eq!(count_codes(&record).expect("empty record parses"), 0);
});
