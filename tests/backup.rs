//! Backup codes: generation, normalisation, hashing, single use, records.
#![cfg(all(feature = "server", not(target_arch = "wasm32")))]
use std::collections::HashSet;
use twofa::backup::{
    could_be_code, count_codes, generate_codes, hash_codes, hash_codes_with_cost, import_codes, looks_like_backup_code, normalize_code,
    normalize_imported, use_code, Cost,
};

const CHEAP: Cost = Cost { memory_kib: 64, iterations: 1, parallelism: 1 };

fn code<T: std::fmt::Debug>(result: twofa::Result<T>) -> &'static str {
    result.expect_err("should fail").code()
}

#[test]
fn generated_codes_have_the_documented_shape() {
    let codes = generate_codes(10).unwrap();
    assert_eq!(codes.len(), 10);
    for c in &codes {
        assert_eq!(c.len(), 11);
        assert_eq!(&c[5..6], "-");
        assert!(c.chars().all(|ch| ch == '-' || "0123456789abcdefghjkmnpqrstvwxyz".contains(ch)), "{c}");
    }
    assert_eq!(code(generate_codes(0)), "INVALID_OPTION");
    assert_eq!(code(generate_codes(101)), "INVALID_OPTION");
}

#[test]
fn unique_over_100_000_codes_and_every_character_used() {
    let mut seen = HashSet::new();
    let mut chars = HashSet::new();
    for _ in 0..1000 {
        for c in generate_codes(100).unwrap() {
            chars.extend(c.chars());
            assert!(seen.insert(c), "a repeated code");
        }
    }
    assert_eq!(seen.len(), 100_000);
    assert_eq!(chars.len(), 33, "32 Crockford characters and the hyphen");
}

#[test]
fn normalisation_table() {
    let canonical = *normalize_code("abcde-12345").unwrap();
    assert_eq!(&canonical, b"ABCDE12345");
    for same in ["ABCDE-12345", "abcde12345", " abc de 123 45 ", "ABCDE--12345"] {
        assert_eq!(*normalize_code(same).unwrap(), canonical, "{same:?}");
    }
    assert_eq!(&*normalize_code("oOiIl-0000L").unwrap(), b"0011100001");
    for bad in ["abcde-1234", "abcde-123456", "abcdu-12345", "abcde_12345", "abcdé-12345", "", "１２３４５-abcde", "123456"] {
        assert_eq!(code(normalize_code(bad)), "INVALID_CODE_FORMAT", "{bad:?}");
    }
    assert!(looks_like_backup_code("K3M9X Q2W7P"));
    assert!(!looks_like_backup_code("123456"));
}

#[test]
fn each_code_works_once() {
    let codes = generate_codes(10).unwrap();
    let mut record = hash_codes_with_cost(&codes, "user-1", CHEAP).unwrap();
    assert_eq!(count_codes(&record).unwrap(), 10);
    assert!(!record.contains(&codes[0]) && !record.to_lowercase().contains(&codes[0].replace('-', "")));
    // Typed differently from how it was shown.
    let typed = codes[3].to_uppercase().replace('-', " ");
    let (next, remaining) = use_code(&record, &typed, "user-1").unwrap().expect("a valid code");
    assert_eq!(remaining, 9);
    assert_eq!(use_code(&next, &codes[3], "user-1").unwrap(), None, "the same code twice");
    record = next;
    for (i, c) in codes.iter().enumerate().filter(|(i, _)| *i != 3) {
        let (next, left) = use_code(&record, c, "user-1").unwrap().unwrap_or_else(|| panic!("code {i}"));
        assert_eq!(left, count_codes(&next).unwrap());
        record = next;
    }
    assert_eq!(count_codes(&record).unwrap(), 0);
    assert!(record.ends_with("$$"), "a record with no codes left: {record}");
    assert_eq!(use_code(&record, &codes[0], "user-1").unwrap(), None);
    assert_eq!(code(use_code(&record, "not a code", "user-1")), "INVALID_CODE_FORMAT");
}

#[test]
fn default_cost_record() {
    let codes = generate_codes(3).unwrap();
    let record = hash_codes(&codes, "user-1").unwrap();
    assert!(record.starts_with("tfb2$m=19456,t=2,p=1$"), "{record}");
    assert_eq!(use_code(&record, &codes[1], "user-1").unwrap().map(|(_, n)| n), Some(2));
    assert_eq!(use_code(&record, "00000-00000", "user-1").unwrap(), None);
}

#[test]
fn hashing_errors() {
    let dup = vec!["abcde-12345".to_owned(), "ABCDE12345".to_owned()];
    assert_eq!(code(hash_codes_with_cost(&dup, "user-1", CHEAP)), "INVALID_OPTION");
    assert_eq!(code(hash_codes_with_cost(&["nope".to_owned()], "user-1", CHEAP)), "INVALID_OPTION");
    let too_big = Cost { memory_kib: 1 << 20, ..CHEAP };
    assert_eq!(code(hash_codes_with_cost(&[], "user-1", too_big)), "INVALID_OPTION");
    let empty = hash_codes_with_cost(&[], "user-1", CHEAP).unwrap();
    assert_eq!(code(hash_codes_with_cost(&[], "", CHEAP)), "INVALID_OPTION", "a record needs its user");
    assert_eq!(count_codes(&empty).unwrap(), 0);
}

#[test]
fn malformed_records() {
    let good = hash_codes_with_cost(&["abcde-12345".to_owned()], "user-1", CHEAP).unwrap();
    let salt = good.split('$').nth(2).unwrap().to_owned();
    let digest = good.split('$').nth(3).unwrap().to_owned();
    for bad in [
        String::new(),
        "abcde-12345".to_owned(),
        good.replace("tfb2", "tfb3"),
        format!("tfb1$m=64,t=1,p=1${salt}${digest}"),
        format!("tfb2$m=64,t=1$${salt}${digest}$"),
        format!("tfb2$m=64,t=1,p=1,x=1${salt}${digest}$"),
        format!("tfb2$m=4294967295,t=1,p=1${salt}${digest}$"),
        format!("tfb2$m=64,t=1000,p=1${salt}${digest}$"),
        format!("tfb2$m=64,t=1,p=4${salt}${digest}$"),
        format!("tfb2$m=64,t=1,p=1$short${digest}$"),
        format!("tfb2$m=64,t=1,p=1${salt}${digest},$"),
        format!("tfb2$m=64,t=1,p=1${salt}${digest},!!$"),
        format!("tfb2$m=64,t=1,p=1${salt}${digest}"),
        format!("tfb2$m=64,t=1,p=1${salt}${digest}$$extra"),
        format!("tfb2$m=64,t=1,p=1${salt}${}$", vec![digest.clone(); 101].join(",")),
        format!("tfb2$m=64,t=1,p=1${salt}${}${}", vec![digest.clone(); 51].join(","), vec![digest.clone(); 50].join(",")),
    ] {
        assert_eq!(code(count_codes(&bad)), "BACKUP_RECORD_MALFORMED", "{bad}");
        assert_eq!(code(use_code(&bad, "abcde-12345", "user-1")), "BACKUP_RECORD_MALFORMED", "{bad}");
    }
    let old = format!("tfb1$m=64,t=1,p=1${salt}${digest}");
    assert!(count_codes(&old).unwrap_err().to_string().contains("issue new backup codes"));
    // Parameters are read from the record: a record made with other costs still works.
    assert_eq!(use_code(&good, "ABCDE 12345", "user-1").unwrap().map(|(_, n)| n), Some(0));
}

#[test]
fn a_record_belongs_to_its_user() {
    let codes = generate_codes(3).unwrap();
    let record = hash_codes_with_cost(&codes, "42", CHEAP).unwrap();
    assert_eq!(use_code(&record, &codes[0], "43").unwrap(), None, "copied to another user's row");
    assert_eq!(use_code(&record, &codes[0], "042").unwrap(), None);
    assert_eq!(code(use_code(&record, &codes[0], "")), "INVALID_OPTION");
    assert_eq!(use_code(&record, &codes[0], "42").unwrap().map(|(_, n)| n), Some(2));
}

#[test]
fn imported_codes_work_once_each_alongside_generated_ones() {
    let legacy: Vec<String> = ["123456", "654321", "ab12cd34", "Legacy-Code-1", "k3m9x-q2w7p", "UUUUUU"].iter().map(|c| c.to_string()).collect();
    let mut record = import_codes(&legacy, "7").unwrap();
    assert!(record.starts_with("tfb2$m=19456,t=2,p=1$"), "{record}");
    assert_eq!(count_codes(&record).unwrap(), 6);
    for text in ["123456", "AB12CD34", "legacycode1", "uuuuuu"] {
        assert!(could_be_code(&record, text).unwrap(), "{text}");
    }
    assert!(!could_be_code(&record, "12345").unwrap(), "too short for an imported code");
    for (typed, left) in [("123 456", 5), ("AB12-CD34", 4), ("LEGACYCODE1", 3), ("K3M9X Q2W7P", 2), ("uuuuuu", 1)] {
        let (next, n) = use_code(&record, typed, "7").unwrap().unwrap_or_else(|| panic!("{typed}"));
        assert_eq!(n, left);
        assert_eq!(use_code(&next, typed, "7").unwrap(), None, "{typed} twice");
        record = next;
    }
    assert_eq!(use_code(&record, "654321", "8").unwrap(), None, "another user");
    assert_eq!(use_code(&record, "999999", "7").unwrap(), None);
    assert_eq!(use_code(&record, "654321", "7").unwrap().map(|(_, n)| n), Some(0));
    // A record without imported codes does not take their shape.
    let generated = hash_codes_with_cost(&generate_codes(2).unwrap(), "7", CHEAP).unwrap();
    assert!(!could_be_code(&generated, "123456").unwrap());
    assert_eq!(code(use_code(&generated, "123456", "7")), "INVALID_CODE_FORMAT");
}

#[test]
fn imported_code_shapes() {
    assert_eq!(&*normalize_imported("ab-12 cd").unwrap(), b"AB12CD");
    for bad in ["12345", "1234567890123", "abc_def", "ünïcöd", "", "      "] {
        assert_eq!(code(normalize_imported(bad)), "INVALID_CODE_FORMAT", "{bad:?}");
    }
    let dup: Vec<String> = ["123456", "123 456"].iter().map(|c| c.to_string()).collect();
    assert_eq!(code(import_codes(&dup, "7")), "INVALID_OPTION");
    assert_eq!(code(import_codes(&["12345".to_owned()], "7")), "INVALID_OPTION");
    assert_eq!(code(import_codes(&vec!["123456".to_owned(); 1], "")), "INVALID_OPTION");
}
