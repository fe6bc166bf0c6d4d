//! HOTP/TOTP verification with arbitrary secrets, parameters, times and codes.
//!
//! Invariants:
//! - `Hotp::new` / `Totp::new` / `Secret::from_bytes` accept exactly the
//!   valid parameters (6-10 digits, period >= 1, non-empty key);
//! - `verify` refuses a window over 10 / look-ahead over 100 with
//!   `INVALID_OPTION`, a code that is not exactly `digits` ASCII digits with
//!   `INVALID_CODE_FORMAT`, and never panics (time and counters near 0 and
//!   `u64::MAX` included);
//! - a match is within the window (`current - window ..= current + window`,
//!   saturating), after `after_step`, has the right drift, is a step whose
//!   generated code is the given code, and is the first such step nearest
//!   now (the past before the future at equal distance); no match means no
//!   eligible step generates the code (checked exhaustively);
//! - a code generated for a step inside the window is accepted, at that step
//!   or at a step no further from now with the same code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twofa::otp::{Algorithm, Hotp, Totp};
use twofa::secret::Secret;
use twofa_fuzz::Reader;

const MAX_WINDOW: u32 = 10;
const MAX_LOOK_AHEAD: u32 = 100;
/// Above this look-ahead the HOTP oracle checks only the returned match, not
/// every counter, to keep executions fast.
const EXHAUSTIVE_LOOK_AHEAD: u32 = 16;

enum Code {
    /// Any text, mostly refused as a format error.
    Raw(String),
    /// A number written with leading zeros to the parameter's digits (or to
    /// the given width, to exercise wrong lengths).
    Number(u64, Option<u8>),
}

/// Layout (see `twofa_fuzz`): header `algorithm u8, digits u8, period u64,
/// window u8, after_step (flag u8, u64), unix_seconds u64, pick u8,
/// counter u64, look_ahead u8, code kind u8, code number u64, code width
/// u8`, then the fields `secret`, `code text` (the rest).
struct Input {
    secret: Vec<u8>,
    algorithm: u8,
    digits: u8,
    period: u64,
    window: u8,
    after_step: Option<u64>,
    unix_seconds: u64,
    code: Code,
    /// Picks the step whose generated code must be accepted.
    pick: u8,
    counter: u64,
    look_ahead: u8,
}

impl Input {
    fn read(data: &[u8]) -> Self {
        let mut r = Reader::new(data);
        let (algorithm, digits, period, window) = (r.u8(), r.u8(), r.u64(), r.u8());
        let (after_step, unix_seconds, pick, counter, look_ahead) =
            (r.opt_u64(), r.u64(), r.u8(), r.u64(), r.u8());
        let (kind, number, width) = (r.u8(), r.u64(), r.u8());
        let secret = r.field().to_vec();
        let text = String::from_utf8_lossy(r.rest()).into_owned();
        let code = match kind % 3 {
            0 => Code::Raw(text),
            1 => Code::Number(number, None),
            _ => Code::Number(number, Some(width)),
        };
        Input {
            secret,
            algorithm,
            digits,
            period,
            window,
            after_step,
            unix_seconds,
            code,
            pick,
            counter,
            look_ahead,
        }
    }
}

fn algorithm(n: u8) -> Algorithm {
    match n % 3 {
        0 => Algorithm::Sha1,
        1 => Algorithm::Sha256,
        _ => Algorithm::Sha512,
    }
}

/// Mostly 6..=10, sometimes 0..=5 or 11..=12, and rarely huge.
fn digits(n: u8) -> u32 {
    match n {
        250..=255 => u32::MAX - u32::from(255 - n),
        _ => u32::from(n % 13),
    }
}

/// Mostly 1..=120 (0 is invalid); the high half of the byte space keeps the
/// raw value so that huge periods are covered too.
fn period(raw: u64) -> u64 {
    if raw & (1 << 63) == 0 {
        raw % 121
    } else {
        raw & !(1 << 63)
    }
}

fn code_text(code: &Code, digits: u32) -> String {
    match code {
        Code::Raw(text) => text.clone(),
        Code::Number(n, width) => {
            let width = width.map_or(digits.min(64) as usize, |w| usize::from(w % 16));
            let text = n.to_string();
            if text.len() >= width {
                text[text.len() - width..].to_owned()
            } else {
                format!("{}{text}", "0".repeat(width - text.len()))
            }
        }
    }
}

fn well_formed(code: &str, digits: u32) -> bool {
    code.len() == digits as usize && code.bytes().all(|b| b.is_ascii_digit())
}

/// A refusal is `INVALID_OPTION` for an out-of-range window or look-ahead,
/// else `INVALID_CODE_FORMAT`, and only for a code that is not well formed.
fn assert_refused(err: &twofa::Error, option_out_of_range: bool, code: &str, digits: u32) {
    if option_out_of_range {
        assert_eq!(err.code(), "INVALID_OPTION", "{err:?}");
    } else {
        assert!(!well_formed(code, digits), "well-formed code refused: {err:?}");
        assert_eq!(err.code(), "INVALID_CODE_FORMAT", "{err:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let input = Input::read(data);
    let alg = algorithm(input.algorithm);
    let digits = digits(input.digits);
    let hotp = match Hotp::new(alg, digits) {
        Ok(hotp) => {
            assert!((6..=10).contains(&digits));
            assert_eq!((hotp.algorithm(), hotp.digits()), (alg, digits));
            hotp
        }
        Err(err) => {
            assert!(
                !(6..=10).contains(&digits),
                "digits {digits} refused: {err:?}"
            );
            assert_eq!(err.code(), "INVALID_OPTION");
            return;
        }
    };
    let period = period(input.period);
    let totp = match Totp::new(hotp, period) {
        Ok(totp) => {
            assert!(period >= 1);
            totp
        }
        Err(err) => {
            assert_eq!(period, 0, "period {period} refused: {err:?}");
            assert_eq!(err.code(), "INVALID_OPTION");
            return;
        }
    };
    let secret = match Secret::from_bytes(input.secret.clone()) {
        Ok(secret) => secret,
        Err(err) => {
            assert!(input.secret.is_empty());
            assert_eq!(err.code(), "INVALID_BASE32");
            return;
        }
    };
    let gen = |step: u64| {
        hotp.generate(&secret, step)
            .expect("generate never fails on valid parameters")
    };
    // generate_value is generate before formatting.
    let value = hotp
        .generate_value(&secret, input.counter)
        .expect("generate_value");
    assert!(value < 10u64.pow(digits));
    assert_eq!(
        format!("{value:0width$}", width = digits as usize),
        gen(input.counter)
    );
    assert_eq!(
        totp.generate_value(&secret, input.unix_seconds)
            .expect("generate_value"),
        hotp.generate_value(&secret, input.unix_seconds / period)
            .expect("generate_value")
    );

    let window = u32::from(input.window % 13);
    let code = code_text(&input.code, digits);
    let now = input.unix_seconds;
    let current = now / period;
    assert_eq!(totp.step(now), current);
    let first = current.saturating_sub(u64::from(window));
    let last = current.saturating_add(u64::from(window));

    // TOTP verify of the given code.
    match totp.verify(&secret, &code, now, window, input.after_step) {
        Err(err) => assert_refused(&err, window > MAX_WINDOW, &code, digits),
        Ok(found) => {
            assert!(window <= MAX_WINDOW, "window {window} accepted");
            assert!(
                well_formed(&code, digits),
                "malformed code {code:?} accepted"
            );
            let eligible = |step: u64| input.after_step.is_none_or(|after| step > after);
            let mut order: Vec<u64> = (first..=last).collect();
            order.sort_by_key(|&step| (step.abs_diff(current), step > current));
            let expected = order.into_iter().find(|&step| eligible(step) && gen(step) == code);
            assert_eq!(
                found.map(|m| m.step),
                expected,
                "wrong match for {code:?} at {now}/{period}"
            );
            if let Some(m) = found {
                assert!(first <= m.step && m.step <= last);
                assert!(eligible(m.step));
                assert_eq!(
                    i128::from(m.drift),
                    i128::from(m.step) - i128::from(current)
                );
            }
        }
    }

    // The code generated now is accepted now, with drift 0.
    let now_code = totp.generate(&secret, now).expect("generate");
    assert_eq!(now_code, gen(current));
    assert_eq!(now_code.len(), digits as usize);
    assert!(well_formed(&now_code, digits));
    let m = totp
        .verify(&secret, &now_code, now, 0, None)
        .expect("verify")
        .expect("current code matches");
    assert_eq!((m.step, m.drift), (current, 0));
    if current > 0 {
        assert_eq!(
            totp.verify(&secret, &now_code, now, 0, Some(current))
                .expect("verify"),
            None,
            "replay accepted"
        );
    }

    // A code generated for a step in the window is accepted at that step.
    if window <= MAX_WINDOW {
        let span = last - first; // at most 2 * window
        let step = first + u64::from(input.pick) % (span + 1);
        let picked = gen(step);
        let m = totp
            .verify(&secret, &picked, now, window, None)
            .expect("verify")
            .expect("picked code matches");
        let no_further = |m: u64| m.abs_diff(current) <= step.abs_diff(current);
        assert!(no_further(m.step) && gen(m.step) == picked);
        if step > 0 {
            let m = totp
                .verify(&secret, &picked, now, window, Some(step - 1))
                .expect("verify")
                .expect("matches");
            assert!(m.step >= step && no_further(m.step) && gen(m.step) == picked);
        }
        if let Some(m) = totp
            .verify(&secret, &picked, now, window, Some(step))
            .expect("verify")
        {
            assert!(m.step > step && gen(m.step) == picked);
        }
    }

    // HOTP verify with a look-ahead (mostly valid, sometimes over 100).
    let look_ahead = match input.look_ahead {
        0..=199 => u32::from(input.look_ahead) % (EXHAUSTIVE_LOOK_AHEAD + 1),
        200..=249 => u32::from(input.look_ahead - 200) * 2, // 0..=98
        _ => MAX_LOOK_AHEAD + u32::from(input.look_ahead - 250), // 100..=105
    };
    let counter = input.counter;
    let end = counter.saturating_add(u64::from(look_ahead));
    match hotp.verify(&secret, &code, counter, look_ahead) {
        Err(err) => assert_refused(&err, look_ahead > MAX_LOOK_AHEAD, &code, digits),
        Ok(found) => {
            assert!(look_ahead <= MAX_LOOK_AHEAD && well_formed(&code, digits));
            if let Some(c) = found {
                assert!(counter <= c && c <= end);
                assert_eq!(gen(c), code);
            }
            if look_ahead <= EXHAUSTIVE_LOOK_AHEAD {
                assert_eq!(found, (counter..=end).find(|&c| gen(c) == code));
            }
        }
    }
    if look_ahead <= MAX_LOOK_AHEAD {
        let target = counter.saturating_add(u64::from(input.pick) % (u64::from(look_ahead) + 1));
        let c = hotp
            .verify(&secret, &gen(target), counter, look_ahead)
            .expect("verify")
            .expect("matches");
        assert!(counter <= c && c <= target);
        assert_eq!(
            hotp.verify(&secret, &gen(counter), counter, look_ahead)
                .expect("verify"),
            Some(counter)
        );
    }
});
