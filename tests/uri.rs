//! otpauth URIs: exact building, real-world shapes, errors, round trips.
#![cfg(not(target_arch = "wasm32"))] // native only; wasm-tests/ covers wasm32
use proptest::prelude::*;
use twofa::otp::Algorithm;
use twofa::uri::{build, parse, KeyUri, OtpType};

const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // 20 bytes

fn warning_ids(uri: &str) -> Vec<String> {
    parse(uri).unwrap().warnings.iter().map(|w| w.to_string().split(':').next().unwrap().to_owned()).collect()
}

fn uri_error(uri: &str) -> String {
    let error = parse(uri).expect_err(uri);
    assert_eq!(error.code(), "INVALID_URI", "{uri}");
    error.to_string()
}

#[test]
fn builds_the_key_uri_format() {
    let key = KeyUri::totp(SECRET, "alice@example.com", Some("Acme Co"));
    assert_eq!(
        build(&key).unwrap(),
        "otpauth://totp/Acme%20Co:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20Co"
    );
    let mut key = KeyUri::totp("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", "bob", None);
    key.algorithm = Algorithm::Sha256;
    key.digits = 8;
    key.period = 60;
    key.image = Some("https://example.com/logo.png".into());
    assert_eq!(
        build(&key).unwrap(),
        "otpauth://totp/bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA256&digits=8&period=60\
         &image=https%3A%2F%2Fexample.com%2Flogo.png"
    );
    let mut key = KeyUri::totp(SECRET, "carol+tag@example.com", Some("Q&A: no")); // ':' in issuer
    assert_eq!(build(&key).unwrap_err().code(), "INVALID_OPTION");
    key.issuer = Some("Q&A".into());
    key.otp_type = OtpType::Hotp;
    key.counter = 42;
    assert_eq!(
        build(&key).unwrap(),
        "otpauth://hotp/Q%26A:carol%2Btag@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Q%26A&counter=42"
    );
}

#[test]
fn build_rejects_what_apps_would_misread() {
    let with = |account: &str, issuer: Option<&str>| build(&KeyUri::totp(SECRET, account, issuer)).map_err(|e| e.code());
    assert_eq!(with("", Some("Acme")), Err("INVALID_OPTION"));
    assert_eq!(with("  ", Some("Acme")), Err("INVALID_OPTION"));
    assert_eq!(with("a:b", None), Err("INVALID_OPTION"), "colon without issuer");
    assert_eq!(with("line\nbreak", Some("Acme")), Err("INVALID_OPTION"));
    assert_eq!(with(&"a".repeat(257), Some("Acme")), Err("INVALID_OPTION"));
    assert_eq!(with("a", Some(&"A".repeat(257))), Err("INVALID_OPTION"));
    assert!(with(&"a".repeat(256), Some(&"A".repeat(256))).is_ok());
    assert_eq!(with("a:b", Some("Acme")).unwrap(), format!("otpauth://totp/Acme:a%3Ab?secret={SECRET}&issuer=Acme"));
    assert_eq!(build(&KeyUri::totp("not base32!", "a", None)).unwrap_err().code(), "INVALID_BASE32");
}

#[test]
fn parses_real_world_shapes() {
    // Google's documentation example (a 10-byte secret).
    let p = parse("otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example").unwrap();
    assert_eq!((p.key.issuer.as_deref(), p.key.account.as_str()), (Some("Example"), "alice@google.com"));
    assert_eq!(p.key.secret.as_str(), "JBSWY3DPEHPK3PXP");
    assert_eq!((p.key.digits, p.key.period, p.key.algorithm), (6, 30, Algorithm::Sha1));
    assert_eq!(warning_ids("otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"), ["SHORT_SECRET"]);
    // Services that pad the secret with '=' (too many or too few): read as apps read it, with a warning.
    let padded = parse("otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP==&issuer=Example").unwrap();
    assert_eq!(padded.key.secret.as_str(), "JBSWY3DPEHPK3PXP");
    let first = padded.warnings.first().map(ToString::to_string).unwrap_or_default();
    assert_eq!(first.split(':').next(), Some("SECRET_PADDING"));
    assert!(first.contains("ends in 2 '=' where RFC 4648 asks for 0"), "{:?}", padded.warnings);
    assert_eq!(warning_ids(&format!("otpauth://totp/A:b?secret={SECRET}===&issuer=A")), ["SECRET_PADDING"]);

    // '+' and '%20' for spaces, every default spelled out.
    let p = parse(&format!(
        "otpauth://totp/ACME%20Co:john.doe@email.com?secret={SECRET}&issuer=ACME+Co&algorithm=SHA1&digits=6&period=30"
    ))
    .unwrap();
    assert_eq!(p.key.issuer.as_deref(), Some("ACME Co"));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let p = parse(&format!("otpauth://totp/ACME+Co:john?secret={SECRET}&issuer=ACME%20Co")).unwrap();
    assert!(p.warnings.is_empty(), "'+' in the issuer prefix is a space: {:?}", p.warnings);

    // Issuer only in the label; only in the parameter; nowhere.
    assert_eq!(parse(&format!("otpauth://totp/Acme:bob?secret={SECRET}")).unwrap().key.issuer.as_deref(), Some("Acme"));
    let p = parse(&format!("otpauth://totp/bob?secret={SECRET}&issuer=Acme")).unwrap();
    assert_eq!((p.key.issuer.as_deref(), p.key.account.as_str()), (Some("Acme"), "bob"));
    let p = parse(&format!("otpauth://totp/alice%40example.com?secret={SECRET}")).unwrap();
    assert_eq!((p.key.issuer, p.key.account.as_str()), (None, "alice@example.com"));
    assert_eq!(warning_ids(&format!("otpauth://totp/alice?secret={SECRET}")), ["NO_ISSUER"]);

    // Encoded colon as separator, spaces after it, '+' kept in the account (plus addressing).
    let p = parse(&format!("otpauth://totp/Big%20Corp%3A%20alice?secret={SECRET}")).unwrap();
    assert_eq!((p.key.issuer.as_deref(), p.key.account.as_str()), (Some("Big Corp"), "alice"));
    let p = parse(&format!("otpauth://totp/Acme:john+tag@example.com?secret={SECRET}&issuer=Acme")).unwrap();
    assert_eq!(p.key.account, "john+tag@example.com");

    // Case of scheme, type and values; lower-case and padded secrets; unknown parameters; image; fragment.
    let p = parse(&format!(
        "OTPAUTH://TOTP/Acme:bob?Secret={}%3D%3D%3D%3D&algorithm=sha256&digits=8&period=60&foo=bar&image=https%3A%2F%2Fx.test%2Fa.png#frag",
        "mzxw6ytbojtg633cmfzdcmrtgq2q" // "foobarfoobar12345", 17 bytes
    ))
    .unwrap();
    assert_eq!(p.key.secret.as_str(), "MZXW6YTBOJTG633CMFZDCMRTGQ2Q");
    assert_eq!((p.key.algorithm, p.key.digits, p.key.period), (Algorithm::Sha256, 8, 60));
    assert_eq!(p.key.image.as_deref(), Some("https://x.test/a.png"));
    assert_eq!(
        warning_ids(&format!("otpauth://totp/Acme:bob?secret={SECRET}&algorithm=SHA512&digits=7&period=15&issuer=Acme")),
        ["UNCOMMON_ALGORITHM", "UNCOMMON_DIGITS", "UNCOMMON_PERIOD"]
    );

    // Mismatched issuer: the parameter wins, with a warning.
    let p = parse(&format!("otpauth://totp/Old:bob?secret={SECRET}&issuer=New")).unwrap();
    assert_eq!(p.key.issuer.as_deref(), Some("New"));
    assert_eq!(warning_ids(&format!("otpauth://totp/Old:bob?secret={SECRET}&issuer=New")), ["ISSUER_MISMATCH"]);

    // Found by fuzzing: an empty issuer is no issuer; names are trimmed either way;
    // a '+' written %2B in the issuer stays a plus (only a literal '+' is a space).
    let p = parse(&format!("otpauth://totp/:alice?secret={SECRET}&issuer=")).unwrap();
    assert_eq!((p.key.issuer, p.key.account.as_str()), (None, "alice"));
    assert_eq!(parse(&format!("otpauth://totp/%20bob%20?secret={SECRET}")).unwrap().key.account, "bob");
    assert_eq!(parse(&format!("otpauth://totp/Acme:%20bob?secret={SECRET}")).unwrap().key.account, "bob");
    let plus = build(&KeyUri::totp(SECRET, "carol", Some("C++ Forum"))).unwrap();
    assert_eq!(plus, format!("otpauth://totp/C%2B%2B%20Forum:carol?secret={SECRET}&issuer=C%2B%2B%20Forum"));
    let p = parse(&plus).unwrap();
    assert_eq!(p.key.issuer.as_deref(), Some("C++ Forum"));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(build(&KeyUri::totp(SECRET, "  dave ", Some(" Acme "))).unwrap(), format!("otpauth://totp/Acme:dave?secret={SECRET}&issuer=Acme"));

    // HOTP.
    let p = parse(&format!("otpauth://hotp/Acme:bob?secret={SECRET}&issuer=Acme&counter=42&period=60")).unwrap();
    assert_eq!((p.key.otp_type, p.key.counter), (OtpType::Hotp, 42));
    assert_eq!(warning_ids(&format!("otpauth://hotp/Acme:bob?secret={SECRET}&issuer=Acme&counter=1&period=60")), ["IGNORED_PERIOD"]);
    assert_eq!(warning_ids(&format!("otpauth://totp/Acme:bob?secret={SECRET}&issuer=Acme&counter=1")), ["IGNORED_COUNTER"]);
}

#[test]
fn bad_uris_say_what_is_wrong() {
    let s = SECRET;
    for (uri, says) in [
        (format!("https://totp/a?secret={s}"), "otpauth://"),
        (format!("otpauth://motp/a?secret={s}"), "totp or hotp"),
        ("otpauth://totp/a?issuer=x".to_owned(), "secret parameter is missing"),
        ("otpauth://totp/a?secret=ABC!".to_owned(), "base32"),
        ("otpauth://totp/a?secret=MZXW6YTBOI".to_owned(), "at least 10"),
        (format!("otpauth://totp/a?secret={s}&secret={s}"), "twice"),
        (format!("otpauth://totp/a?secret={s}&digits=5"), "digits"),
        (format!("otpauth://totp/a?secret={s}&digits=six"), "digits"),
        (format!("otpauth://totp/a?secret={s}&period=0"), "period"),
        (format!("otpauth://totp/a?secret={s}&algorithm=MD5"), "algorithm"),
        (format!("otpauth://hotp/a?secret={s}"), "counter"),
        (format!("otpauth://hotp/a?secret={s}&counter=-1"), "counter"),
        (format!("otpauth://totp/a%G1?secret={s}"), "hex digits"),
        (format!("otpauth://totp/a%?secret={s}"), "hex digits"),
        (format!("otpauth://totp/a%FF?secret={s}"), "UTF-8"),
        (format!("otpauth://totp/?secret={s}"), "no account"),
        (format!("otpauth://totp/Acme:?secret={s}"), "no account"),
        (format!("otpauth://totp/a?secret={s}&x={}", "y".repeat(9000)), "longer than"),
    ] {
        let message = uri_error(&uri);
        assert!(message.contains(says), "{uri}: {message}");
        assert!(!message.contains(s), "the secret is not in the message: {message}");
    }
}

fn name() -> impl Strategy<Value = String> {
    // Printable text with the characters URIs must escape, but no control characters.
    "[a-zA-Z0-9 @._+%&=?#/é漢😀-]{1,24}".prop_filter("not blank", |s| !s.trim().is_empty())
}

proptest! {
    #[test]
    fn build_then_parse_round_trips(
        bytes in prop::collection::vec(any::<u8>(), 16..40),
        account in name(),
        issuer in prop::option::of(name()),
        alg in 0usize..3,
        digits in 6u32..=10,
        period in 1u64..600,
        hotp in any::<bool>(),
        counter in 0u64..1_000_000,
    ) {
        let secret = twofa::secret::Secret::from_bytes(bytes).unwrap().to_base32();
        let mut key = KeyUri::totp(&secret, &account, issuer.as_deref());
        key.algorithm = [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512][alg];
        key.digits = digits;
        if hotp { key.otp_type = OtpType::Hotp; key.counter = counter; } else { key.period = period; }
        let uri = build(&key).unwrap();
        prop_assert!(!uri.contains(' ') && !uri.contains('+'), "{}", uri);
        let parsed = parse(&uri).unwrap();
        prop_assert_eq!(parsed.key.account.as_str(), key.account.trim());
        prop_assert_eq!(parsed.key.issuer.as_deref(), key.issuer.as_deref().map(str::trim).filter(|i| !i.is_empty()));
        prop_assert_eq!(parsed.key.secret.as_str(), secret.as_str());
        prop_assert_eq!((parsed.key.algorithm, parsed.key.digits), (key.algorithm, key.digits));
        if hotp { prop_assert_eq!(parsed.key.counter, counter) } else { prop_assert_eq!(parsed.key.period, period) }
    }

    #[test]
    fn parse_never_panics(text in "otpauth://[a-zA-Z%:/?&=+#0-9 .-]{0,120}") {
        let _ = parse(&text);
    }
}
