//! The core operations of `bench/compare.mjs`, natively, with the same
//! inputs (keep them in sync with `bench/lib/inputs.mjs`). Each benchmark
//! does what the WebAssembly export does per call — for example it decodes
//! the base32 secret every time, as `verifyTotp({ secret, ... })` does — so
//! `bench/wasm-vs-native.mjs` compares like with like.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use twofa::otp::{Totp, TotpKey};
use twofa::qr::{self, SvgOptions};
use twofa::secret::Secret;
use twofa::uri::{self, KeyUri};

/// RFC 6238's SHA-1 secret, "12345678901234567890", in base32.
const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
/// Milliseconds, in the middle of a 30-second step.
const TIMESTAMP_MS: u64 = 1_760_000_012_345;
const ACCOUNT: &str = "alice.wonderland.smith@accounts.example.com";
const ISSUER: &str = "Example Corp";
/// What `build URI` produces: 135 characters, the text of the QR benchmark.
const URI: &str = "otpauth://totp/Example%20Corp:alice.wonderland.smith@accounts.example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example%20Corp";

fn benches(c: &mut Criterion) {
    assert_eq!(URI.len(), 135);
    let now = TIMESTAMP_MS / 1000;
    let totp = Totp::default();
    let secret = Secret::from_base32(SECRET).expect("secret");
    let valid = totp.generate(&secret, now).expect("code");
    // A well-formed code that matches none of the three steps in the window.
    let near: Vec<String> = [now - 30, now, now + 30].iter().map(|t| totp.generate(&secret, *t).expect("code")).collect();
    let invalid = (0..1_000_000u32).map(|n| format!("{n:06}")).find(|c| !near.contains(c)).expect("a free code");
    assert!(totp.verify(&secret, &valid, now, 1, None).expect("verify").is_some());
    assert!(totp.verify(&secret, &invalid, now, 1, None).expect("verify").is_none());
    assert_eq!(uri::build(&KeyUri::totp(SECRET, ACCOUNT, Some(ISSUER))).expect("uri"), URI);

    c.bench_function("totp_generate", |b| {
        b.iter(|| {
            let secret = Secret::from_base32(black_box(SECRET)).expect("secret");
            totp.generate(&secret, black_box(now)).expect("code")
        })
    });
    c.bench_function("verify_valid", |b| {
        b.iter(|| {
            let secret = Secret::from_base32(black_box(SECRET)).expect("secret");
            totp.verify(&secret, black_box(&valid), black_box(now), 1, None).expect("verify")
        })
    });
    c.bench_function("verify_invalid", |b| {
        b.iter(|| {
            let secret = Secret::from_base32(black_box(SECRET)).expect("secret");
            totp.verify(&secret, black_box(&invalid), black_box(now), 1, None).expect("verify")
        })
    });
    // One prepared key reused, as the SDK's totpKey (bench/compare.mjs "twofa-key").
    let key = TotpKey::new(totp, &secret).expect("key");
    c.bench_function("key_generate", |b| b.iter(|| key.generate(black_box(now))));
    c.bench_function("key_verify_valid", |b| b.iter(|| key.verify(black_box(&valid), black_box(now), 1, None).expect("verify")));
    c.bench_function("key_verify_invalid", |b| b.iter(|| key.verify(black_box(&invalid), black_box(now), 1, None).expect("verify")));
    c.bench_function("generate_secret", |b| b.iter(|| Secret::generate(black_box(20)).expect("secret").to_base32()));
    c.bench_function("build_uri", |b| {
        b.iter(|| uri::build(&KeyUri::totp(black_box(SECRET), black_box(ACCOUNT), Some(black_box(ISSUER)))).expect("uri"))
    });
    c.bench_function("parse_uri", |b| b.iter(|| uri::parse(black_box(URI)).expect("parse")));
    let options = SvgOptions::default(); // ECC M, margin 4
    c.bench_function("qr_svg", |b| b.iter(|| qr::svg(black_box(URI), &options).expect("svg")));
}

fn config() -> Criterion {
    let env = |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(env("BENCH_NATIVE_WARMUP_MS", 1000)))
        .measurement_time(std::time::Duration::from_millis(env("BENCH_NATIVE_MEASURE_MS", 3000)))
        .sample_size(usize::try_from(env("BENCH_NATIVE_SAMPLES", 50)).unwrap_or(50))
}

criterion_group! { name = core; config = config(); targets = benches }
criterion_main!(core);
