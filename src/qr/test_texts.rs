//! Texts the QR tests encode with twofa's encoders and with qrcodegen, and
//! the comparison of the codes.

use qrcodegen::QrCode;

/// Asserts that a code of `size` modules, dark where `dark(x, y)`, is qrcodegen's `expected`.
pub(super) fn assert_same_modules(text: &str, size: i32, dark: impl Fn(i32, i32) -> bool, expected: &QrCode) {
    let side = expected.size();
    assert_eq!(size, side, "{text:?}");
    assert!(
        (-1..=side).all(|y| (-1..=side).all(|x| dark(x, y) == expected.get_module(x, y))),
        "modules of {text:?} at {:?} (qrcodegen chose mask {:?})",
        expected.error_correction_level(),
        expected.mask()
    );
}

/// 2,000 texts of every shape: numeric, alphanumeric, bytes, UTF-8, short and long.
pub(super) fn texts() -> Vec<String> {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabets = ["0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 $%*+-./:", "otpauth://totp/Acme:alice@example.com?secret=JBSW&", "é€😀aZ9"];
    let mut texts = Vec::new();
    for i in 0..2000 {
        let chars: Vec<char> = alphabets[i % alphabets.len()].chars().collect();
        let len = usize::try_from(next() % 200).unwrap() + 1;
        texts.push((0..len).map(|_| chars[usize::try_from(next()).unwrap() % chars.len()]).collect());
    }
    texts
}
