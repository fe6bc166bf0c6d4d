//! Tokens: `open_token` on arbitrary text, purposes and times; issue/open
//! round trips with arbitrary subject, data, lifetime and time.
//!
//! Invariants:
//! - nothing panics; `open_token` fails only with `INVALID_OPTION` (bad
//!   purpose), `SEAL_MALFORMED`, `KEY_NOT_FOUND`, `SEAL_INVALID` or
//!   `TOKEN_EXPIRED`, and an opened token is not expired;
//! - `issue_token` fails (with `INVALID_OPTION`) exactly for a bad purpose,
//!   an empty or over-long subject, a lifetime outside 1 s..=366 days, data
//!   over 16 KiB, or an expiry past `u64::MAX` ms;
//! - an issued token opens to the same subject, data (`None` and `Some("")`
//!   kept apart), `issued_at_ms` and `expires_at_ms = now + ttl * 1000`,
//!   at every time before the expiry and at none from the expiry on (then
//!   `TOKEN_EXPIRED` carrying the expiry);
//! - it opens only for its purpose, not as a sealed value, and not after any
//!   one byte is changed (unless only spare base64 bits change, and then to
//!   the same claims).
#![no_main]

use libfuzzer_sys::fuzz_target;
use twofa_fuzz::rings::{OLD, RING};
use twofa_fuzz::Reader;

const MAX_SUBJECT_BYTES: usize = 1024;
const MAX_DATA_BYTES: usize = 16 * 1024;
const MAX_TTL_SECONDS: u64 = 366 * 24 * 3600;

/// Layout (see `twofa_fuzz`): header `use_old u8, open_at u64, ttl u64,
/// issue_at u64, probe u64, has_data u8, flip_at u32, flip_mask u8`, then the
/// fields `token`, `purpose`, `subject`, `data` (the rest).
struct Input {
    token: String,
    purpose: String,
    open_at: u64,
    use_old: bool,
    ttl: u64,
    issue_at: u64,
    probe: u64,
    subject: String,
    data: Option<String>,
    flip_at: u32,
    flip_mask: u8,
}

impl Input {
    fn read(bytes: &[u8]) -> Self {
        let mut r = Reader::new(bytes);
        let (use_old, open_at, ttl, issue_at, probe) =
            (r.bool(), r.u64(), r.u64(), r.u64(), r.u64());
        let (has_data, flip_at, flip_mask) = (r.bool(), r.u32(), r.u8());
        let token = r.text().into_owned();
        let purpose = r.text().into_owned();
        let subject = r.text().into_owned();
        let data = String::from_utf8_lossy(r.rest()).into_owned();
        Input {
            token,
            purpose,
            open_at,
            use_old,
            ttl,
            issue_at,
            probe,
            subject,
            data: has_data.then_some(data),
            flip_at,
            flip_mask,
        }
    }
}

fn purpose_ok(purpose: &str) -> bool {
    (1..=64).contains(&purpose.len())
        && purpose
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
}

/// Mostly a valid lifetime; values with the top bit set are used as they are.
fn ttl(raw: u64) -> u64 {
    if raw & (1 << 63) == 0 {
        raw % (MAX_TTL_SECONDS + 2) // 0 and MAX + 1 are invalid
    } else {
        raw & !(1 << 63)
    }
}

/// Mostly a realistic time in ms; values with the top bit set give a time
/// within 2^48 ms of `u64::MAX`, to reach the overflow check.
fn time(raw: u64) -> u64 {
    if raw & (1 << 63) == 0 {
        raw % 4_102_444_800_000 // before 2100
    } else {
        u64::MAX - (raw & 0xFFFF_FFFF_FFFF)
    }
}

fn check_arbitrary(token: &str, purpose: &str, now_ms: u64) {
    match RING.open_token(token, purpose, now_ms) {
        Ok(claims) => {
            assert!(purpose_ok(purpose));
            assert!(now_ms < claims.expires_at_ms, "expired token opened");
            assert!(!claims.subject.is_empty());
        }
        Err(err) if !purpose_ok(purpose) => assert_eq!(err.code(), "INVALID_OPTION", "{err:?}"),
        Err(err) => assert!(
            matches!(
                err.code(),
                "SEAL_MALFORMED" | "KEY_NOT_FOUND" | "SEAL_INVALID" | "TOKEN_EXPIRED"
            ),
            "{err:?}"
        ),
    }
}

fuzz_target!(|bytes: &[u8]| {
    let input = Input::read(bytes);
    check_arbitrary(&input.token, &input.purpose, input.open_at);

    // Issue, with the purpose as given (may be invalid).
    let ring = if input.use_old { &*OLD } else { &*RING };
    let ttl = ttl(input.ttl);
    let now = time(input.issue_at);
    let purpose = input.purpose.as_str();
    let subject = input.subject.as_str();
    let data = input.data.as_deref();
    let expiry = ttl.checked_mul(1000).and_then(|t| now.checked_add(t));
    let valid = purpose_ok(purpose)
        && (1..=MAX_SUBJECT_BYTES).contains(&subject.len())
        && (1..=MAX_TTL_SECONDS).contains(&ttl)
        && data.is_none_or(|d| d.len() <= MAX_DATA_BYTES)
        && expiry.is_some();
    let token = match ring.issue_token(purpose, subject, ttl, data, now) {
        Ok(token) => {
            assert!(
                valid,
                "issued with invalid arguments: purpose {purpose:?}, ttl {ttl}, now {now}"
            );
            token
        }
        Err(err) => {
            assert!(!valid, "refused valid arguments: {err:?}");
            assert_eq!(err.code(), "INVALID_OPTION", "{err:?}");
            return;
        }
    };
    let expires = expiry.expect("checked");
    assert!(token.starts_with(if input.use_old { "tf1.k1." } else { "tf1.k2." }));

    let check_claims = |at: u64| {
        let claims = RING
            .open_token(&token, purpose, at)
            .unwrap_or_else(|e| panic!("open at {at}: {e:?}"));
        assert_eq!(claims.subject, subject);
        assert_eq!(claims.data.as_deref(), data);
        assert_eq!(claims.issued_at_ms, now);
        assert_eq!(claims.expires_at_ms, expires);
        claims
    };
    // Valid up to the last millisecond before the expiry (and before issue:
    // there is no not-before check), expired from the expiry on.
    check_claims(now);
    check_claims(expires - 1);
    check_claims(0);
    let probe = input.probe;
    if probe < expires {
        check_claims(probe);
    }
    for at in [
        expires,
        expires.saturating_add(1),
        u64::MAX,
        probe.max(expires),
    ] {
        match RING.open_token(&token, purpose, at) {
            Err(twofa::Error::TokenExpired { expired_at_ms }) => assert_eq!(expired_at_ms, expires),
            other => panic!("open at {at} (expiry {expires}): {other:?}"),
        }
    }
    if input.use_old {
        let claims = OLD
            .open_token(&token, purpose, now)
            .expect("issuing ring opens");
        assert_eq!(claims.expires_at_ms, expires);
    }

    // Only for its purpose, and not as a sealed value.
    let other = if purpose.len() < 64 {
        format!("{purpose}x")
    } else {
        purpose[1..].to_owned()
    };
    assert_eq!(
        RING.open_token(&token, &other, now)
            .expect_err("other purpose")
            .code(),
        "SEAL_INVALID"
    );
    assert_eq!(
        RING.open(&token, purpose)
            .expect_err("token is not a sealed value")
            .code(),
        "SEAL_INVALID"
    );
    assert_eq!(
        RING.open(&token, subject)
            .expect_err("token is not a sealed value")
            .code(),
        "SEAL_INVALID"
    );

    // One changed byte.
    let mut tampered = token.clone().into_bytes();
    let at = input.flip_at as usize % tampered.len();
    tampered[at] ^= if input.flip_mask == 0 {
        1
    } else {
        input.flip_mask
    };
    let Ok(tampered) = String::from_utf8(tampered) else {
        return;
    };
    check_arbitrary(&tampered, purpose, now);
    if let Ok(claims) = RING.open_token(&tampered, purpose, now) {
        assert_eq!(at, token.len() - 1, "tampered token opened: {tampered}");
        assert_eq!(
            (claims.subject.as_str(), claims.data.as_deref()),
            (subject, data)
        );
        assert_eq!((claims.issued_at_ms, claims.expires_at_ms), (now, expires));
    }
});
