//! Choosing the mask of a QR code quickly, with the same result as qrcodegen.
//!
//! The standard picks the mask (one of eight) whose code has the lowest
//! penalty score. qrcodegen scores the eight candidates one module at a time,
//! which is about 95 % of the time of drawing an enrollment QR code. Here the
//! same scores are computed on rows and columns held as bits, and the winner
//! is returned as bit rows.
//!
//! A candidate differs from the mask-0 code only in data modules where the
//! two masks differ and in the format bits, and both depend on the version
//! and error-correction level alone, not on the text. So the difference of
//! each mask from mask 0 is taken once per version and level (from codes of
//! no text: about 0.4 ms in WebAssembly, kept for the next calls, up to
//! `CACHED` sizes) and each candidate is the mask-0 code XOR that difference.

use alloc::vec::Vec;
use core::cell::RefCell;
use qrcodegen::{Mask, QrCode, QrCodeEcc, QrSegment, Version};

use super::Modules;

/// Largest version handled with bit rows (61 modules, about 250 bytes of URI
/// at level M); larger codes are left to qrcodegen's own choice.
const MAX_VERSION: u8 = 11;

const PENALTY_N1: i32 = 3;
const PENALTY_N2: i32 = 3;
const PENALTY_N3: i32 = 40;
const PENALTY_N4: i32 = 10;

/// A code's modules as bits: bit `x` of `rows[y]` and bit `y` of `cols[x]`.
#[derive(Clone)]
struct Bits {
    rows: Vec<u64>,
    cols: Vec<u64>,
}

impl Bits {
    fn of(code: &QrCode) -> Self {
        let side = usize::try_from(code.size()).unwrap_or(0);
        let mut bits = Bits { rows: alloc::vec![0; side], cols: alloc::vec![0; side] };
        for (y, row) in bits.rows.iter_mut().enumerate() {
            for (x, col) in bits.cols.iter_mut().enumerate() {
                // Both indexes are below the side (at most 128), so the casts are exact.
                #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
                let (xi, yi) = (x as i32, y as i32);
                if code.get_module(xi, yi) {
                    *row |= 1 << x;
                    *col |= 1 << y;
                }
            }
        }
        bits
    }

    fn xor(&self, other: &Bits) -> Bits {
        let xor = |a: &[u64], b: &[u64]| a.iter().zip(b).map(|(a, b)| a ^ b).collect();
        Bits { rows: xor(&self.rows, &other.rows), cols: xor(&self.cols, &other.cols) }
    }
}

/// What differs from mask 0 for each mask, for one version and level.
struct MaskDiffs {
    version: Version,
    ecl: QrCodeEcc,
    diffs: Vec<Bits>,
}

/// Versions and levels whose differences are kept (7 KB each): an issuer's
/// URIs differ in length only by the account name, a few versions at most.
const CACHED: usize = 4;

std::thread_local! {
    /// The most recently used first.
    static RECENT: RefCell<Vec<MaskDiffs>> = const { RefCell::new(Vec::new()) };
}

/// Encodes `segments` as qrcodegen's `encode_segments` does (smallest version,
/// error correction raised while the data still fits), with the same mask.
pub(super) fn encode(segments: &[QrSegment], ecl: QrCodeEcc) -> Result<Modules, qrcodegen::DataTooLong> {
    let qrcodegen_choice = || QrCode::encode_segments_advanced(segments, ecl, Version::MIN, Version::MAX, None, true).map(Modules::Code);
    // Too long for MAX_VERSION is found before anything is drawn.
    let Ok(first) = QrCode::encode_segments_advanced(segments, ecl, Version::MIN, Version::new(MAX_VERSION), Some(Mask::new(0)), true) else {
        return qrcodegen_choice();
    };
    let (version, level) = (first.version(), first.error_correction_level());
    let side = u32::try_from(first.size()).unwrap_or(0);
    let bits = Bits::of(&first);
    RECENT.with(|cell| {
        let mut recent = cell.borrow_mut();
        let diffs = match recent.iter().position(|d| d.version == version && d.ecl == level) {
            Some(index) => Some(recent.remove(index)),
            None => mask_diffs(version, level),
        };
        let Some(diffs) = diffs else { return qrcodegen_choice() };
        // The lowest penalty wins, the lowest mask number among equals.
        let mut best = (penalty(&bits, side), bits.rows.clone());
        for diff in &diffs.diffs {
            let candidate = bits.xor(diff);
            let score = penalty(&candidate, side);
            if score < best.0 {
                best = (score, candidate.rows);
            }
        }
        recent.truncate(CACHED - 1);
        recent.insert(0, diffs);
        Ok(Modules::Rows(best.1))
    })
}

/// Masks 1 to 7 against mask 0, from codes of no text (only the masks and
/// format bits differ between them, whatever the text).
fn mask_diffs(version: Version, ecl: QrCodeEcc) -> Option<MaskDiffs> {
    let empty = |mask: u8| QrCode::encode_segments_advanced(&[], ecl, version, version, Some(Mask::new(mask)), false).ok();
    let base = Bits::of(&empty(0)?);
    let diffs = (1..8).map(|mask| empty(mask).map(|code| Bits::of(&code).xor(&base))).collect::<Option<Vec<_>>>()?;
    Some(MaskDiffs { version, ecl, diffs })
}

/// qrcodegen's penalty score (`QrCode::get_penalty_score`), on bits.
fn penalty(bits: &Bits, side: u32) -> i32 {
    let lines: i32 = bits.rows.iter().chain(&bits.cols).map(|line| line_penalty(*line, side)).sum();
    // N2: 2x2 blocks of one colour, per pair of adjacent rows.
    let inner = (1u64 << (side - 1)) - 1; // x from 0 to side - 2
    let blocks: u32 = bits
        .rows
        .windows(2)
        .map(|pair| match pair {
            [a, b] => {
                let same_column = !(a ^ b);
                (same_column & (same_column >> 1) & !(a ^ (a >> 1)) & inner).count_ones()
            }
            _ => 0,
        })
        .sum();
    // N4: balance of dark and light.
    let dark: u32 = bits.rows.iter().map(|row| row.count_ones()).sum();
    let (dark, total) = (i32::try_from(dark).unwrap_or(0), i32::try_from(side * side).unwrap_or(1));
    let k = ((dark * 20 - total * 10).abs() + total - 1) / total - 1;
    lines + PENALTY_N2 * i32::try_from(blocks).unwrap_or(0) + PENALTY_N4 * k
}

/// N1 (runs of five or more) and N3 (finder-like patterns) of one row or
/// column: qrcodegen's module-by-module state machine, run by run. Runs
/// alternate light, dark, light, ... (the first light run may be empty); the
/// light border outside the code counts as `side` light modules at each end.
fn line_penalty(line: u64, side: u32) -> i32 {
    let border = i32::try_from(side).unwrap_or(0);
    let length = |run: u32| i32::try_from(run).unwrap_or(0);
    let mut history = [0i32; 7]; // run lengths, newest first
    let (mut n1, mut n3) = (0, 0);
    let mut x = 0;
    let mut before = border; // the border joins the first light run
    loop {
        let light = line.checked_shr(x).unwrap_or(0).trailing_zeros().min(side - x);
        x += light;
        n1 += run_penalty(length(light));
        if x >= side {
            push(&mut history, before + length(light) + border);
            return n1 + PENALTY_N3 * (n3 + finder_patterns(&history));
        }
        push(&mut history, before + length(light));
        n3 += finder_patterns(&history);
        before = 0;
        let dark = line.checked_shr(x).unwrap_or(0).trailing_ones().min(side - x);
        x += dark;
        n1 += run_penalty(length(dark));
        push(&mut history, length(dark));
        if x >= side {
            push(&mut history, border);
            return n1 + PENALTY_N3 * (n3 + finder_patterns(&history));
        }
    }
}

fn run_penalty(run: i32) -> i32 {
    i32::from(run >= 5) * (PENALTY_N1 + run - 5)
}

fn push(history: &mut [i32; 7], run: i32) {
    let [r0, r1, r2, r3, r4, r5, _] = *history;
    *history = [run, r0, r1, r2, r3, r4, r5];
}

/// Finder-like patterns (dark:light:dark:light:dark 1:1:3:1:1, with four
/// light modules on one side) ending at the light run just pushed: 0, 1 or 2.
fn finder_patterns(history: &[i32; 7]) -> i32 {
    let [r0, r1, r2, r3, r4, r5, r6] = *history;
    let n = r1;
    let core = (n > 0) & (r2 == n) & (r3 == n * 3) & (r4 == n) & (r5 == n);
    i32::from(core & (r0 >= n * 4) & (r6 >= n)) + i32::from(core & (r6 >= n * 4) & (r0 >= n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_code_and_mask_as_qrcodegen() {
        // Masks chosen on bit rows, per level: every mask must win somewhere.
        let mut masks = [[0usize; 8]; 4];
        for (i, text) in super::super::test_texts::texts().iter().enumerate() {
            let level = (i / 4) % 4; // independent of the alphabet (i % 4)
            let ecl = [QrCodeEcc::Low, QrCodeEcc::Medium, QrCodeEcc::Quartile, QrCodeEcc::High][level];
            let Ok(expected) = QrCode::encode_text(text, ecl) else { continue };
            let ours = encode(&QrSegment::make_segments(text), ecl).expect("fits as it did for qrcodegen");
            super::super::test_texts::assert_same_modules(text, ours.size(), |x, y| ours.get(x, y), &expected);
            if matches!(ours, Modules::Rows(_)) {
                masks[level][usize::from(expected.mask().value())] += 1;
            }
        }
        // The texts exercise every mask at every level, so a wrong score for any would show.
        assert!(masks.iter().flatten().all(|&n| n >= 3), "{masks:?}");
        assert!(masks.iter().flatten().sum::<usize>() >= 1500, "{masks:?}");
    }

    #[test]
    fn sizes_in_any_order_give_the_same_codes() {
        // More versions and levels than are kept, interleaved, twice over.
        let texts: Vec<String> = (1..=12).map(|n| "otpauth://totp/x?secret=".repeat(n)).collect();
        for round in 0..2 {
            for (i, text) in texts.iter().enumerate() {
                let ecl = [QrCodeEcc::Medium, QrCodeEcc::Low][(i + round) % 2];
                let expected = QrCode::encode_text(text, ecl).expect("fits");
                let ours = encode(&QrSegment::make_segments(text), ecl).expect("fits");
                let side = expected.size();
                assert!((0..side).all(|y| (0..side).all(|x| ours.get(x, y) == expected.get_module(x, y))), "{text:?}");
            }
        }
        RECENT.with(|cell| assert_eq!(cell.borrow().len(), CACHED));
    }

    #[test]
    fn codes_wider_than_the_bit_rows_use_qrcodegen_directly() {
        let text = "A".repeat(600); // version 15 at L
        let expected = QrCode::encode_text(&text, QrCodeEcc::Low).expect("fits");
        assert!(expected.version().value() > MAX_VERSION);
        let Modules::Code(ours) = encode(&QrSegment::make_segments(&text), QrCodeEcc::Low).expect("fits") else {
            panic!("expected qrcodegen's own code");
        };
        assert_eq!(ours.mask(), expected.mask());
    }
}
