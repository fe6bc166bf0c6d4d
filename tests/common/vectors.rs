//! The shared test vectors (RFC 4226 Appendix D, RFC 6238 Appendix B and
//! 1,000 cases computed by oathtool), checked the same way natively, in Node
//! and in a browser: compute each code, and verify it back.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use serde_json::Value;
use twofa::otp::{Algorithm, Hotp, Totp};
use twofa::secret::Secret;

pub const RFC_JSON: &str = include_str!("../../vectors/rfc.json");
pub const OATHTOOL_JSON: &str = include_str!("../../vectors/oathtool-cases.json");

#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub totp: bool,
    pub algorithm: Algorithm,
    pub digits: u32,
    pub secret_base32: String,
    pub secret_hex: Option<String>,
    pub period: u64,
    /// Unix seconds for TOTP, the counter for HOTP.
    pub moving_factor: u64,
    pub code: String,
}

fn algorithm(name: &str) -> Algorithm {
    Algorithm::parse(name).unwrap_or_else(|| panic!("unknown algorithm {name}"))
}

pub fn rfc_cases() -> Vec<Case> {
    let json: Value = serde_json::from_str(RFC_JSON).unwrap();
    let secret = |alg: &str| json["secrets"][alg]["base32"].as_str().unwrap().to_owned();
    let hex = |alg: &str| json["secrets"][alg]["hex"].as_str().map(str::to_owned);
    let mut cases = Vec::new();
    for (i, case) in json["hotp"].as_array().unwrap().iter().enumerate() {
        cases.push(Case {
            name: format!("RFC 4226 #{i}"),
            totp: false,
            algorithm: Algorithm::Sha1,
            digits: 6,
            secret_base32: secret("SHA1"),
            secret_hex: hex("SHA1"),
            period: 30,
            moving_factor: case["counter"].as_u64().unwrap(),
            code: case["code"].as_str().unwrap().to_owned(),
        });
    }
    for (i, case) in json["totp"].as_array().unwrap().iter().enumerate() {
        let alg = case["algorithm"].as_str().unwrap();
        cases.push(Case {
            name: format!("RFC 6238 #{i} {alg}"),
            totp: true,
            algorithm: algorithm(alg),
            digits: 8,
            secret_base32: secret(alg),
            secret_hex: hex(alg),
            period: 30,
            moving_factor: case["time"].as_u64().unwrap(),
            code: case["code"].as_str().unwrap().to_owned(),
        });
    }
    cases
}

pub fn oathtool_cases() -> Vec<Case> {
    let json: Value = serde_json::from_str(OATHTOOL_JSON).unwrap();
    json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let totp = case["type"] == "totp";
            Case {
                name: format!("oathtool #{i}"),
                totp,
                algorithm: algorithm(case["algorithm"].as_str().unwrap()),
                digits: u32::try_from(case["digits"].as_u64().unwrap()).unwrap(),
                secret_base32: case["secretBase32"].as_str().unwrap().to_owned(),
                secret_hex: case["secretHex"].as_str().map(str::to_owned),
                period: case["period"].as_u64().unwrap_or(30),
                moving_factor: if totp { case["time"].as_u64().unwrap() } else { case["counter"].as_u64().unwrap() },
                code: case["code"].as_str().unwrap().to_owned(),
            }
        })
        .collect()
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
}

/// Computes and verifies one case; the error says what differed.
pub fn check(case: &Case) -> Result<(), String> {
    let secret = Secret::from_base32(&case.secret_base32).map_err(|e| format!("{}: {e}", case.name))?;
    if let Some(hex) = &case.secret_hex {
        if secret.as_bytes() != hex_bytes(hex).as_slice() {
            return Err(format!("{}: base32 and hex secrets differ", case.name));
        }
    }
    let hotp = Hotp::new(case.algorithm, case.digits).map_err(|e| format!("{}: {e}", case.name))?;
    if case.totp {
        let totp = Totp::new(hotp, case.period).map_err(|e| format!("{}: {e}", case.name))?;
        let code = totp.generate(&secret, case.moving_factor).map_err(|e| e.to_string())?;
        if code != case.code {
            return Err(format!("{}: computed {code}, expected {}", case.name, case.code));
        }
        let step = case.moving_factor / case.period;
        match totp.verify(&secret, &case.code, case.moving_factor, 0, None) {
            Ok(Some(found)) if found.step == step && found.drift == 0 => {}
            other => return Err(format!("{}: verify gave {other:?}", case.name)),
        }
        // One period later the code is one step in the past.
        match totp.verify(&secret, &case.code, case.moving_factor + case.period, 1, None) {
            Ok(Some(found)) if found.step == step && found.drift == -1 => {}
            other => return Err(format!("{}: verify a step late gave {other:?}", case.name)),
        }
        // And it is refused once its step has been used.
        match totp.verify(&secret, &case.code, case.moving_factor, 1, Some(step)) {
            Ok(None) => {}
            Ok(Some(found)) if found.step > step => {} // a later step may share the code by chance
            other => return Err(format!("{}: replay gave {other:?}", case.name)),
        }
    } else {
        let code = hotp.generate(&secret, case.moving_factor).map_err(|e| e.to_string())?;
        if code != case.code {
            return Err(format!("{}: computed {code}, expected {}", case.name, case.code));
        }
        let start = case.moving_factor.saturating_sub(3);
        match hotp.verify(&secret, &case.code, start, 3) {
            Ok(Some(counter)) if counter <= case.moving_factor => {}
            other => return Err(format!("{}: verify gave {other:?}", case.name)),
        }
    }
    Ok(())
}

/// Checks every case and returns how many passed, or every failure.
pub fn check_all(cases: &[Case]) -> Result<usize, String> {
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    if failures.is_empty() {
        Ok(cases.len())
    } else {
        Err(format!("{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n")))
    }
}
