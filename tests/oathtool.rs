//! Differential test against the `oathtool` binary (OATH Toolkit, an
//! independent C implementation) on fresh random cases each run.
//! `scripts/setup` installs it; a missing binary fails the test.
#![cfg(not(target_arch = "wasm32"))] // native only; wasm-tests/ covers wasm32
use std::process::Command;
use twofa::otp::{Algorithm, Hotp, Totp};
use twofa::secret::Secret;

/// splitmix64: a tiny deterministic generator, so a failing seed can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn matches_oathtool_on_random_cases() {
    let seed = std::env::var("TWOFA_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
    });
    let mut rng = Rng(seed);
    let cases = 300;
    for i in 0..cases {
        let len = 1 + rng.below(64) as usize;
        let key: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        // Round-trip through our base32 so decoding is covered too.
        let secret = Secret::from_base32(&Secret::from_bytes(key).unwrap().to_base32()).unwrap();
        let (algorithm, mode) = [(Algorithm::Sha1, "sha1"), (Algorithm::Sha256, "sha256"), (Algorithm::Sha512, "sha512")]
            [rng.below(3) as usize];
        let digits = 6 + rng.below(3) as u32; // oathtool supports 6 to 8
        let mut command = Command::new("oathtool");
        command.arg("-d").arg(digits.to_string());
        // oathtool's HOTP mode is SHA-1 only; TOTP covers the other algorithms.
        let use_totp = algorithm != Algorithm::Sha1 || rng.below(2) == 0;
        let hotp = Hotp::new(algorithm, digits).unwrap();
        let ours = if use_totp {
            let period = 1 + rng.below(120);
            let time = rng.below(20_000_000_000); // to the year 2603
            command.arg(format!("--totp={mode}")).arg(format!("-s{period}s")).arg(format!("-N@{time}"));
            Totp::new(hotp, period).unwrap().generate(&secret, time).unwrap()
        } else {
            let counter = rng.next() >> rng.below(64);
            command.arg("--hotp").arg(format!("-c{counter}"));
            hotp.generate(&secret, counter).unwrap()
        };
        let output = command.arg(&hex).output().expect("oathtool is installed (scripts/setup installs it)");
        assert!(output.status.success(), "oathtool failed: {}", String::from_utf8_lossy(&output.stderr));
        let theirs = String::from_utf8(output.stdout).unwrap();
        assert_eq!(ours, theirs.trim(), "case {i} of seed {seed} (replay with TWOFA_SEED={seed}): {command:?}");
    }
}
