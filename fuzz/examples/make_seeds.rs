//! Writes the hand-picked seed inputs of every target to `corpus/<target>/`
//! (files named `seed-*`; run from `fuzz/`: `cargo run --example make_seeds`).
//! Sealed values, tokens and backup records are made with the API and the
//! fuzz key rings, so the targets start from inputs that open.

use std::fs;
use std::path::Path;

use twofa::backup::{hash_codes_with_cost, Cost};
use twofa_fuzz::rings::{OLD, RING};
use twofa_fuzz::Writer;

fn write(target: &str, name: &str, bytes: impl AsRef<[u8]>) {
    let dir = Path::new("corpus").join(target);
    fs::create_dir_all(&dir).expect("corpus directory");
    fs::write(dir.join(format!("seed-{name}")), bytes).expect("write seed");
}

/// `verify_code` layout: header, then `secret`, then the code text.
#[allow(clippy::too_many_arguments)]
fn verify_seed(
    alg: u8,
    digits: u8,
    period: u64,
    window: u8,
    after: Option<u64>,
    t: u64,
    counter: u64,
    look_ahead: u8,
    secret: &[u8],
    code: &str,
) -> Vec<u8> {
    Writer::new()
        .u8(alg)
        .u8(digits)
        .u64(period)
        .u8(window)
        .opt_u64(after)
        .u64(t)
        .u8(3) // pick
        .u64(counter)
        .u8(look_ahead)
        .u8(0) // code kind: raw text
        .u64(0)
        .u8(0)
        .field(secret)
        .rest(code)
}

fn main() {
    // base32_decode: secrets as services and people write them.
    for (name, text) in [
        ("rfc-key", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        ("google-example", "JBSWY3DPEHPK3PXP"),
        ("grouped-lower", "jbsw y3dp ehpk 3pxp"),
        ("hyphens", "JBSW-Y3DP-EHPK-3PXP"),
        ("padded", "JBSWY3DPEA======"),
        ("padded-4", "MZXW6==="),
        ("short", "MY"),
        ("bad-digit", "JBSWY3DP0HPK3PXP"),
        ("bad-length", "JBSWY3D"),
        ("tab-padding-inside", "MZ=XW6\t=="),
    ] {
        write("base32_decode", name, text);
    }

    // uri_parse: URIs from the Key URI Format and the wild.
    for (name, text) in [
        ("google", "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"),
        (
            "full",
            "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30",
        ),
        ("sha256", "otpauth://totp/Acme:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme&algorithm=SHA256&digits=8&period=60"),
        ("hotp", "otpauth://hotp/Acme:carol?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme&counter=42"),
        ("plus-spaces", "OTPAUTH://TOTP/Big+Corp:dave%40example.com?SECRET=jbsw+y3dp+ehpk+3pxp&issuer=Big+Corp&image=https%3A%2F%2Fexample.com%2Flogo.png"),
        ("no-issuer", "otpauth://totp/erin@example.com?secret=JBSWY3DPEHPK3PXP"),
        ("mismatch", "otpauth://totp/Old%20Name:%20frank?secret=JBSWY3DPEHPK3PXPJBSW&issuer=New%20Name&counter=7#frag"),
        ("hotp-period", "otpauth://hotp/gina?secret=GEZDGNBVGY3TQOJQ&counter=0&period=60&digits=10&algorithm=sha-512"),
        ("unicode", "otpauth://totp/%C3%9Cber:h%C3%A9l%C3%A8ne?secret=GEZDGNBVGY3TQOJQGEZDGNBV&issuer=%C3%9Cber"),
        // The round-trip bugs this target found (fuzz/README.md, Findings).
        ("issue1-empty-issuer", "otpauth://totp/Acme:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=&period=60"),
        ("issue2-account-space", "otpauth://totp/%20alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme"),
        ("issue3-plus-issuer", "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=A%2BB"),
    ] {
        write("uri_parse", name, text);
    }

    // verify_code: RFC 4226 and RFC 6238 test vectors, and edge times.
    let sha1_key = b"12345678901234567890";
    let sha256_key = b"12345678901234567890123456789012";
    let sha512_key = b"1234567890123456789012345678901234567890123456789012345678901234";
    write(
        "verify_code",
        "rfc6238-sha1",
        verify_seed(0, 8, 30, 1, None, 59, 0, 0, sha1_key, "94287082"),
    );
    write(
        "verify_code",
        "rfc6238-sha256",
        verify_seed(
            1,
            8,
            30,
            1,
            Some(0),
            1_111_111_109,
            0,
            0,
            sha256_key,
            "68084774",
        ),
    );
    write(
        "verify_code",
        "rfc6238-sha512",
        verify_seed(
            2,
            8,
            30,
            2,
            None,
            20_000_000_000,
            0,
            0,
            sha512_key,
            "47863826",
        ),
    );
    write(
        "verify_code",
        "rfc4226-hotp",
        verify_seed(0, 6, 30, 0, None, 0, 0, 10, sha1_key, "755224"),
    );
    write(
        "verify_code",
        "rfc4226-lookahead",
        verify_seed(0, 6, 30, 0, None, 0, 3, 9, sha1_key, "520489"),
    );
    write(
        "verify_code",
        "max-time",
        verify_seed(
            0,
            6,
            1,
            10,
            Some(u64::MAX - 1),
            u64::MAX,
            u64::MAX - 2,
            100,
            sha1_key,
            "123456",
        ),
    );
    write(
        "verify_code",
        "bad-format",
        verify_seed(0, 6, 30, 1, None, 1_700_000_000, 0, 0, b"k", "12 345"),
    );

    // backup_codes: codes as people type them, and records.
    let codes = [
        "k3m9x-q2w7p".to_owned(),
        "0abcd-efghj".to_owned(),
        "zzzzz-00000".to_owned(),
    ];
    let cheap = hash_codes_with_cost(
        &codes,
        "fuzz-user",
        Cost {
            memory_kib: 8,
            iterations: 1,
            parallelism: 1,
        },
    )
    .expect("record");
    let default_cost = cheap.replacen("m=8,t=1,p=1", "m=19456,t=2,p=1", 1);
    let suffix = cheap
        .splitn(3, '$')
        .nth(2)
        .expect("salt and digests")
        .to_owned();
    let backup = |size: u8, code: &str, record: &str, suffix: &str| {
        Writer::new()
            .u8(size)
            .u64(1)
            .u64(2)
            .u64(3)
            .u64(4)
            .u64(5)
            .u64(6)
            .field(code)
            .field(record)
            .rest(suffix)
    };
    write(
        "backup_codes",
        "typed",
        backup(2, "K3M9X Q2W7P", &default_cost, &suffix),
    );
    write(
        "backup_codes",
        "confusable",
        backup(1, "k3m9x-q2w7p", &cheap, &suffix),
    );
    write(
        "backup_codes",
        "no-match",
        backup(0, "OIL00-11111", &cheap, "AAAAAAAAAAAAAAAAAAAAAA$$"),
    );
    write(
        "backup_codes",
        "empty-record",
        backup(
            2,
            "12345-6789a",
            "tfb2$m=8,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$$",
            "",
        ),
    );

    // sealed_open: values sealed with both keys, for their context.
    let sealed = |use_old: bool, flip_at: u32, sealed: &str, context: &str, plaintext: &[u8]| {
        Writer::new()
            .bool(use_old)
            .u32(flip_at)
            .u8(1)
            .field(sealed)
            .field(context)
            .rest(plaintext)
    };
    let secret =
        b"\x3d\xc6\xca\xa4\x82\x4a\x6d\x28\x87\x67\xb2\x33\x1e\x20\xb4\x31\x66\xcb\x85\xd9";
    let v1 = OLD.seal(secret, "user-1").expect("seal");
    let v2 = RING
        .seal(b"JBSWY3DPEHPK3PXP", "alice@example.com")
        .expect("seal");
    write(
        "sealed_open",
        "old-key",
        sealed(true, 7, &v1, "user-1", secret),
    );
    write(
        "sealed_open",
        "current-key",
        sealed(false, 1000, &v2, "alice@example.com", b"JBSWY3DPEHPK3PXP"),
    );
    write(
        "sealed_open",
        "wrong-context",
        sealed(false, 3, &v2, "user-1", b""),
    );
    write(
        "sealed_open",
        "unknown-key",
        sealed(
            false,
            0,
            &v1.replacen("tf1.k1.", "tf1.k9.", 1),
            "user-1",
            b"x",
        ),
    );

    // token_open: tokens for the flows that use them, opened in time.
    let now = 1_700_000_000_000u64;
    let token = |use_old: bool,
                 open_at: u64,
                 ttl: u64,
                 has_data: bool,
                 token: &str,
                 purpose: &str,
                 subject: &str,
                 data: &str| {
        Writer::new()
            .bool(use_old)
            .u64(open_at)
            .u64(ttl)
            .u64(now)
            .u64(now + 1)
            .bool(has_data)
            .u32(5)
            .u8(0x20)
            .field(token)
            .field(purpose)
            .field(subject)
            .rest(data)
    };
    let enroll = RING
        .issue_token("enroll", "user-42", 600, Some("JBSWY3DPEHPK3PXP"), now)
        .expect("token");
    let login = OLD
        .issue_token("login-challenge", "user-7", 300, None, now)
        .expect("token");
    write(
        "token_open",
        "enroll",
        token(
            false,
            now + 1_000,
            600,
            true,
            &enroll,
            "enroll",
            "user-42",
            "JBSWY3DPEHPK3PXP",
        ),
    );
    write(
        "token_open",
        "login",
        token(
            true,
            now + 299_999,
            300,
            false,
            &login,
            "login-challenge",
            "user-7",
            "",
        ),
    );
    write(
        "token_open",
        "expired",
        token(
            false,
            now + 300_000,
            1,
            true,
            &login,
            "login-challenge",
            "u",
            "",
        ),
    );
    write(
        "token_open",
        "wrong-purpose",
        token(
            false, now, 31_622_400, false, &enroll, "step-up", "user-42", "",
        ),
    );
    println!("seeds written to corpus/");
}
