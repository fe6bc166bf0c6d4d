//! HOTP/TOTP behaviour beyond the vectors: options, code format, windows, replay, extremes.
#![cfg(not(target_arch = "wasm32"))] // native only; wasm-tests/ covers wasm32
use twofa::otp::{Algorithm, Hotp, HotpKey, Totp, TotpKey, TotpMatch};
use twofa::secret::Secret;

fn secret() -> Secret {
    Secret::from_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").unwrap()
}

fn code<T: std::fmt::Debug>(result: twofa::Result<T>) -> &'static str {
    result.expect_err("should fail").code()
}

#[test]
fn algorithm_names() {
    for (name, alg) in [("SHA1", Algorithm::Sha1), ("sha-256", Algorithm::Sha256), ("Sha512", Algorithm::Sha512)] {
        assert_eq!(Algorithm::parse(name), Some(alg));
    }
    for bad in ["MD5", "SHA", "SHA-1-", "", "SHA1SHA1", "SHA3-256"] {
        assert_eq!(Algorithm::parse(bad), None, "{bad}");
    }
    assert_eq!(Algorithm::from_option("md5").unwrap_err().code(), "INVALID_OPTION");
}

#[test]
fn option_ranges() {
    assert_eq!(code(Hotp::new(Algorithm::Sha1, 5)), "INVALID_OPTION");
    assert_eq!(code(Hotp::new(Algorithm::Sha1, 11)), "INVALID_OPTION");
    assert_eq!(code(Totp::new(Hotp::default(), 0)), "INVALID_OPTION");
    let totp = Totp::default();
    assert_eq!(code(totp.verify(&secret(), "123456", 0, 11, None)), "INVALID_OPTION");
    assert_eq!(code(Hotp::default().verify(&secret(), "123456", 0, 101)), "INVALID_OPTION");
}

#[test]
fn codes_of_the_wrong_shape_are_errors_not_mismatches() {
    let totp = Totp::default();
    for bad in ["", "12345", "1234567", "12345a", " 123456", "123 456", "١٢٣٤٥٦", "+12345", "-12345", "12345\u{0}"] {
        assert_eq!(code(totp.verify(&secret(), bad, 59, 1, None)), "INVALID_CODE_FORMAT", "{bad:?}");
    }
    let eight = Totp::new(Hotp::new(Algorithm::Sha1, 8).unwrap(), 30).unwrap();
    assert_eq!(code(eight.verify(&secret(), "287082", 59, 1, None)), "INVALID_CODE_FORMAT");
    assert_eq!(eight.verify(&secret(), "94287082", 59, 1, None).unwrap(), Some(TotpMatch { step: 1, drift: 0 }));
}

#[test]
fn window_and_drift() {
    let totp = Totp::default();
    let now = 1_700_000_000;
    let step = now / 30;
    let previous = totp.generate(&secret(), now - 30).unwrap();
    let next = totp.generate(&secret(), now + 30).unwrap();
    let two_ahead = totp.generate(&secret(), now + 60).unwrap();
    assert_eq!(totp.verify(&secret(), &previous, now, 1, None).unwrap(), Some(TotpMatch { step: step - 1, drift: -1 }));
    assert_eq!(totp.verify(&secret(), &next, now, 1, None).unwrap(), Some(TotpMatch { step: step + 1, drift: 1 }));
    assert_eq!(totp.verify(&secret(), &two_ahead, now, 1, None).unwrap(), None);
    assert_eq!(totp.verify(&secret(), &two_ahead, now, 2, None).unwrap(), Some(TotpMatch { step: step + 2, drift: 2 }));
    assert_eq!(totp.verify(&secret(), &previous, now, 0, None).unwrap(), None);
}

#[test]
fn after_step_blocks_replay_and_older_codes() {
    let totp = Totp::default();
    let now = 1_700_000_000;
    let step = now / 30;
    let current = totp.generate(&secret(), now).unwrap();
    let previous = totp.generate(&secret(), now - 30).unwrap();
    let first = totp.verify(&secret(), &current, now, 1, None).unwrap().unwrap();
    assert_eq!(first.step, step);
    assert_eq!(totp.verify(&secret(), &current, now, 1, Some(first.step)).unwrap(), None, "replay");
    assert_eq!(totp.verify(&secret(), &previous, now, 1, Some(first.step)).unwrap(), None, "older than last used");
    assert_eq!(totp.verify(&secret(), &previous, now, 1, Some(step - 2)).unwrap(), Some(TotpMatch { step: step - 1, drift: -1 }));
}

#[test]
fn extremes_of_time_and_counters() {
    let totp = Totp::default();
    // Near zero the window does not reach below step 0.
    let at_zero = totp.generate(&secret(), 0).unwrap();
    assert_eq!(totp.verify(&secret(), &at_zero, 0, 10, None).unwrap().map(|m| m.step), Some(0));
    // Year 2500 and the end of u64 time.
    let y2500 = 16_725_225_600;
    let c = totp.generate(&secret(), y2500).unwrap();
    assert_eq!(totp.verify(&secret(), &c, y2500, 1, None).unwrap().map(|m| m.drift), Some(0));
    let end = totp.generate(&secret(), u64::MAX).unwrap();
    assert_eq!(totp.verify(&secret(), &end, u64::MAX, 10, None).unwrap().map(|m| m.step), Some(u64::MAX / 30));
    let one_second = Totp::new(Hotp::default(), 1).unwrap();
    assert_ne!(one_second.generate(&secret(), 100).unwrap(), one_second.generate(&secret(), 101).unwrap());
    let hotp = Hotp::default();
    let last = hotp.generate(&secret(), u64::MAX).unwrap();
    assert_eq!(hotp.verify(&secret(), &last, u64::MAX, 100).unwrap(), Some(u64::MAX));
}

#[test]
fn ten_digit_codes_keep_leading_zeros() {
    let hotp = Hotp::new(Algorithm::Sha1, 10).unwrap();
    let mut seen_leading_zero = false;
    for counter in 0..200 {
        let code = hotp.generate(&secret(), counter).unwrap();
        assert_eq!(code.len(), 10);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(hotp.verify(&secret(), &code, counter, 0).unwrap(), Some(counter));
        seen_leading_zero |= code.starts_with('0');
    }
    assert!(seen_leading_zero, "31-bit values below 10^9 occur often");
}

#[test]
fn hotp_look_ahead_returns_the_matching_counter() {
    let hotp = Hotp::default();
    let code = hotp.generate(&secret(), 7).unwrap();
    assert_eq!(hotp.verify(&secret(), &code, 5, 2).unwrap(), Some(7));
    assert_eq!(hotp.verify(&secret(), &code, 5, 1).unwrap(), None);
    assert_eq!(hotp.verify(&secret(), &code, 8, 10).unwrap(), None, "never behind the counter");
}

#[test]
fn prepared_keys_agree_with_one_shot_calls() {
    for algorithm in [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512] {
        for digits in [6, 8, 10] {
            let hotp = Hotp::new(algorithm, digits).unwrap();
            let totp = Totp::new(hotp, 30).unwrap();
            let (hotp_key, totp_key) = (HotpKey::new(hotp, &secret()).unwrap(), TotpKey::new(totp, &secret()).unwrap());
            for t in [0u64, 59, 1_111_111_109, 2_000_000_000, 20_000_000_000] {
                let code = totp.generate(&secret(), t).unwrap();
                assert_eq!(totp_key.generate(t), code);
                assert_eq!(totp_key.generate_value(t), code.parse::<u64>().unwrap());
                assert_eq!(totp_key.verify(&code, t + 30, 1, None).unwrap(), totp.verify(&secret(), &code, t + 30, 1, None).unwrap());
                assert_eq!(totp_key.verify(&code, t + 30, 1, None).unwrap().map(|m| m.drift), Some(-1));
                assert_eq!(hotp_key.generate(t), hotp.generate(&secret(), t).unwrap());
                assert_eq!(hotp_key.verify(&hotp_key.generate(t + 3), t, 5).unwrap(), Some(t + 3));
            }
            assert_eq!(code(totp_key.verify("12345", 0, 1, None)), "INVALID_CODE_FORMAT");
            assert_eq!(code(totp_key.verify("123456", 0, 11, None)), "INVALID_OPTION");
            assert_eq!(code(hotp_key.verify("123456", 0, 101)), "INVALID_OPTION");
        }
    }
    // Debug output never shows key material.
    let debug = format!("{:?}", TotpKey::new(Totp::default(), &secret()).unwrap());
    assert!(debug.starts_with("TotpKey") && !debug.contains("GEZDGNBV"), "{debug}");
}

#[test]
fn steps_are_tried_nearest_first_past_before_future() {
    // RFC 6238's SHA-1 secret gives the same code at steps 910737 and 910738
    // (found by search): the step nearest now wins, then the past.
    let rfc = Secret::from_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").unwrap();
    let totp = Totp::default();
    let (earlier, later) = (910_737u64, 910_738u64);
    let code = totp.generate(&rfc, earlier * 30).unwrap();
    assert_eq!(code, "911617");
    assert_eq!(totp.generate(&rfc, later * 30).unwrap(), code);
    assert_eq!(totp.verify(&rfc, &code, later * 30, 1, None).unwrap(), Some(TotpMatch { step: later, drift: 0 }));
    assert_eq!(totp.verify(&rfc, &code, earlier * 30, 1, None).unwrap(), Some(TotpMatch { step: earlier, drift: 0 }));
    // Nearer beats earlier.
    assert_eq!(totp.verify(&rfc, &code, (later + 1) * 30, 2, None).unwrap(), Some(TotpMatch { step: later, drift: -1 }));
    assert_eq!(totp.verify(&rfc, &code, (earlier - 1) * 30, 2, None).unwrap(), Some(TotpMatch { step: earlier, drift: 1 }));
    // Steps 153567 and 153569 share a code: from 153568, the past one wins.
    let gap = totp.generate(&rfc, 153_567 * 30).unwrap();
    assert_eq!(totp.generate(&rfc, 153_569 * 30).unwrap(), gap);
    assert_eq!(totp.verify(&rfc, &gap, 153_568 * 30, 1, None).unwrap(), Some(TotpMatch { step: 153_567, drift: -1 }));
    assert_eq!(totp.verify(&rfc, &gap, 153_568 * 30, 1, Some(153_567)).unwrap(), Some(TotpMatch { step: 153_569, drift: 1 }));
    // A used step is skipped, and the other step still matches once.
    assert_eq!(totp.verify(&rfc, &code, later * 30, 1, Some(earlier)).unwrap(), Some(TotpMatch { step: later, drift: 0 }));
    assert_eq!(totp.verify(&rfc, &code, later * 30, 1, Some(later)).unwrap(), None);
    // HOTP look-ahead returns the lowest counter.
    assert_eq!(Hotp::default().verify(&rfc, &code, earlier, 3).unwrap(), Some(earlier));
}
