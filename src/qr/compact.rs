//! A QR encoder written for size, for the browser build (feature `small`).
//!
//! It makes the same codes as qrcodegen's `QrCode::encode_text` (one segment
//! in numeric, alphanumeric or byte mode, the smallest version, error
//! correction raised while the data still fits, the mask of lowest penalty;
//! tested against qrcodegen below), in a third of the code: fixed buffers on
//! the stack instead of vectors, one byte per module, no allocation.
#![forbid(unsafe_code)]

use super::Ecc;

/// Modules on a side of the largest code (version 40).
const MAX_SIDE: usize = 177;
/// Codewords of the largest code.
const MAX_CODEWORDS: usize = 3706;
/// Blocks of the largest code (version 40 at level H).
const MAX_BLOCKS: usize = 81;
/// Error-correction codewords per block, at most.
const MAX_ECC: usize = 30;

/// A module's flags.
const DARK: u8 = 1;
const FUNCTION: u8 = 2;

const PENALTY_N1: i32 = 3;
const PENALTY_N2: i32 = 3;
const PENALTY_N3: i32 = 40;
const PENALTY_N4: i32 = 10;

/// Error-correction codewords per block, by level (L, M, Q, H) and version - 1.
const ECC_PER_BLOCK: [[u8; 40]; 4] = [
    [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
    [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
];

/// Error-correction blocks, by level and version - 1.
const BLOCKS: [[u8; 40]; 4] = [
    [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
    [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
    [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
    [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
];

/// A character's value in alphanumeric mode (`0-9`, `A-Z`, then ` $%*+-./:`).
fn alphanumeric(byte: u8) -> Option<u32> {
    let value = match byte {
        b'0'..=b'9' => byte - b'0',
        b'A'..=b'Z' => byte - b'A' + 10,
        _ => 36 + u8::try_from(b" $%*+-./:".iter().position(|&c| c == byte)?).ok()?,
    };
    Some(u32::from(value))
}

/// The text does not fit any version at the level asked for.
pub(super) struct TooLong;

/// An encoded code: one byte of flags per module.
pub(super) struct Code {
    side: i32,
    cells: [u8; MAX_SIDE * MAX_SIDE],
}

impl Code {
    pub(super) fn size(&self) -> i32 {
        self.side
    }

    /// Whether the module at `x`, `y` is dark; outside the code is light.
    pub(super) fn get(&self, x: i32, y: i32) -> bool {
        self.cell(x, y) & DARK != 0
    }

    fn index(&self, x: i32, y: i32) -> Option<usize> {
        let inside = (0..self.side).contains(&x) && (0..self.side).contains(&y);
        inside.then(|| usize::try_from(y * self.side + x).ok()).flatten()
    }

    fn cell(&self, x: i32, y: i32) -> u8 {
        self.index(x, y).and_then(|i| self.cells.get(i)).copied().unwrap_or(0)
    }

    fn cell_mut(&mut self, x: i32, y: i32) -> Option<&mut u8> {
        self.index(x, y).and_then(|i| self.cells.get_mut(i))
    }

    fn set_function(&mut self, x: i32, y: i32, dark: bool) {
        if let Some(cell) = self.cell_mut(x, y) {
            *cell = FUNCTION | u8::from(dark);
        }
    }
}

/// How the text is encoded: the one mode that holds all of it, as qrcodegen's `make_segments` chooses.
#[derive(Clone, Copy)]
enum Mode {
    Numeric,
    Alphanumeric,
    Byte,
}

impl Mode {
    fn of(text: &[u8]) -> Mode {
        if text.iter().all(u8::is_ascii_digit) {
            Mode::Numeric
        } else if text.iter().all(|&b| alphanumeric(b).is_some()) {
            Mode::Alphanumeric
        } else {
            Mode::Byte
        }
    }

    /// The mode indicator and the widths of the character count (versions 1-9, 10-26, 27-40).
    fn header(self) -> (u32, [u32; 3]) {
        match self {
            Mode::Numeric => (1, [10, 12, 14]),
            Mode::Alphanumeric => (2, [9, 11, 13]),
            Mode::Byte => (4, [8, 16, 16]),
        }
    }

    fn count_bits(self, version: usize) -> u32 {
        let (_, widths) = self.header();
        widths.get((version + 7) / 17).copied().unwrap_or(16)
    }

    fn data_bits(self, chars: usize) -> usize {
        match self {
            Mode::Numeric => chars / 3 * 10 + [0, 4, 7].get(chars % 3).copied().unwrap_or(0),
            Mode::Alphanumeric => chars / 2 * 11 + chars % 2 * 6,
            Mode::Byte => chars * 8,
        }
    }
}

/// Level `ecc`'s row in the tables, and its format bits.
fn level(ecc: Ecc) -> (usize, u32) {
    match ecc {
        Ecc::Low => (0, 1),
        Ecc::Medium => (1, 0),
        Ecc::Quartile => (2, 3),
        Ecc::High => (3, 2),
    }
}

fn table(table: &[[u8; 40]; 4], version: usize, ecc: Ecc) -> usize {
    let row = table.get(level(ecc).0);
    usize::from(row.and_then(|row| row.get(version - 1)).copied().unwrap_or(1))
}

/// Modules that hold codewords (data and error correction, and the remainder bits).
fn raw_modules(version: usize) -> usize {
    let mut modules = (16 * version + 128) * version + 64;
    if version >= 2 {
        let aligns = version / 7 + 2;
        modules -= (25 * aligns - 10) * aligns - 55;
        if version >= 7 {
            modules -= 36;
        }
    }
    modules
}

fn data_codewords(version: usize, ecc: Ecc) -> usize {
    raw_modules(version) / 8 - table(&ECC_PER_BLOCK, version, ecc) * table(&BLOCKS, version, ecc)
}

/// Bits appended to a zeroed buffer, most significant first.
struct Bits<'a> {
    bytes: &'a mut [u8],
    len: usize,
}

impl Bits<'_> {
    fn push(&mut self, value: u32, count: u32) {
        for i in (0..count).rev() {
            if let Some(byte) = self.bytes.get_mut(self.len / 8) {
                *byte |= u8::from(value >> i & 1 == 1) << (7 - self.len % 8);
            }
            self.len += 1;
        }
    }
}

/// Encodes `text` as qrcodegen's `QrCode::encode_text` does.
pub(super) fn encode(text: &str, ecc: Ecc) -> Result<Code, TooLong> {
    let text = text.as_bytes();
    let mode = Mode::of(text);
    let (indicator, _) = mode.header();
    // Bits the text takes at a version, if its length fits the count field.
    let used = |version: usize| match text.len() {
        0 => Some(0), // no segment at all
        n if n >> mode.count_bits(version) == 0 => Some(4 + mode.count_bits(version) as usize + mode.data_bits(n)),
        _ => None,
    };
    let mut version = 0;
    let bits = loop {
        version += 1;
        if version > 40 {
            return Err(TooLong);
        }
        if let Some(bits) = used(version).filter(|&bits| bits <= data_codewords(version, ecc) * 8) {
            break bits;
        }
    };
    // The highest level the data still fits (never lower than `ecc`, which it fits).
    let ecc = [Ecc::High, Ecc::Quartile, Ecc::Medium].into_iter().find(|&higher| bits <= data_codewords(version, higher) * 8).unwrap_or(ecc);

    let mut data = [0u8; MAX_CODEWORDS];
    let capacity = data_codewords(version, ecc) * 8;
    let mut out = Bits { bytes: &mut data, len: 0 };
    if !text.is_empty() {
        out.push(indicator, 4);
        out.push(u32::try_from(text.len()).unwrap_or(0), mode.count_bits(version));
        push_text(&mut out, text, mode);
    }
    // Terminator (up to four zero bits), zeros up to a byte, then pad bytes.
    out.len = (out.len + (capacity - out.len).min(4)).div_ceil(8) * 8;
    let mut pad = 0xEC;
    while out.len < capacity {
        out.push(pad, 8);
        pad ^= 0xEC ^ 0x11; // alternates with 0x11
    }

    let mut code = Code { side: i32::try_from(version * 4 + 17).unwrap_or(21), cells: [0; MAX_SIDE * MAX_SIDE] };
    draw_function_patterns(&mut code, version, ecc);
    draw_codewords(&mut code, &with_error_correction(data.get(..capacity / 8).unwrap_or(&[]), version, ecc));
    let mut best = (i32::MAX, 0);
    for mask in 0..8 {
        apply_mask(&mut code, mask);
        draw_format_bits(&mut code, ecc, mask);
        let score = penalty(&code);
        if score < best.0 {
            best = (score, mask);
        }
        apply_mask(&mut code, mask); // XOR again: undone
    }
    apply_mask(&mut code, best.1);
    draw_format_bits(&mut code, ecc, best.1);
    Ok(code)
}

fn push_text(out: &mut Bits<'_>, text: &[u8], mode: Mode) {
    match mode {
        Mode::Numeric => {
            for group in text.chunks(3) {
                let value = group.iter().fold(0, |value, digit| value * 10 + u32::from(digit - b'0'));
                out.push(value, 3 * u32::try_from(group.len()).unwrap_or(0) + 1);
            }
        }
        Mode::Alphanumeric => {
            let index = |&c: &u8| alphanumeric(c).unwrap_or(0);
            for pair in text.chunks(2) {
                match pair {
                    [a, b] => out.push(index(a) * 45 + index(b), 11),
                    [a] => out.push(index(a), 6),
                    _ => {}
                }
            }
        }
        Mode::Byte => text.iter().for_each(|&byte| out.push(u32::from(byte), 8)),
    }
}

/// The data codewords split into blocks, each followed by its Reed-Solomon
/// codewords, interleaved.
fn with_error_correction(data: &[u8], version: usize, ecc: Ecc) -> [u8; MAX_CODEWORDS] {
    let blocks = table(&BLOCKS, version, ecc);
    let ecc_len = table(&ECC_PER_BLOCK, version, ecc);
    let raw = raw_modules(version) / 8;
    let short_blocks = blocks - raw % blocks;
    let short_len = raw / blocks;
    // Block `i` at `i * stride`: its data, a gap in a short block, then its ECC.
    let stride = short_len + 1;
    let mut all = [0u8; MAX_CODEWORDS + MAX_BLOCKS];
    let divisor = rs_divisor(ecc_len);
    let mut rest = data;
    for (i, block) in all.chunks_mut(stride).take(blocks).enumerate() {
        let Some((head, tail)) = rest.split_at_checked(short_len - ecc_len + usize::from(i >= short_blocks)) else { break };
        rest = tail;
        block.iter_mut().zip(head).for_each(|(to, from)| *to = *from);
        let remainder = rs_remainder(head, &divisor);
        block.iter_mut().skip(stride - ecc_len).zip(remainder).for_each(|(to, from)| *to = from);
    }
    let mut out = [0u8; MAX_CODEWORDS];
    let gap = short_len - ecc_len;
    let mut slots = out.iter_mut();
    for at in 0..stride {
        for block in (0..blocks).filter(|&block| at != gap || block >= short_blocks) {
            if let Some(slot) = slots.next() {
                *slot = all.get(block * stride + at).copied().unwrap_or(0);
            }
        }
    }
    out
}

fn rs_multiply(x: u8, y: u8) -> u8 {
    (0..8).rev().fold(0u8, |z, i| ((z << 1) ^ ((z >> 7) * 0x1D)) ^ (((y >> i) & 1) * x))
}

/// The generator polynomial of degree `degree`, highest coefficient first (the leading 1 left out).
fn rs_divisor(degree: usize) -> [u8; MAX_ECC] {
    let mut divisor = [0u8; MAX_ECC];
    if let Some(last) = divisor.get_mut(degree - 1) {
        *last = 1;
    }
    let mut root = 1;
    for _ in 0..degree {
        for j in 0..degree {
            let next = if j + 1 < degree { divisor.get(j + 1).copied().unwrap_or(0) } else { 0 };
            if let Some(term) = divisor.get_mut(j) {
                *term = rs_multiply(*term, root) ^ next;
            }
        }
        root = rs_multiply(root, 2);
    }
    divisor
}

fn rs_remainder(data: &[u8], divisor: &[u8; MAX_ECC]) -> [u8; MAX_ECC] {
    let mut remainder = [0u8; MAX_ECC];
    for byte in data {
        let factor = byte ^ remainder.first().copied().unwrap_or(0);
        remainder.rotate_left(1);
        if let Some(last) = remainder.last_mut() {
            *last = 0;
        }
        remainder.iter_mut().zip(divisor).for_each(|(term, coefficient)| *term ^= rs_multiply(*coefficient, factor));
    }
    remainder
}

fn draw_function_patterns(code: &mut Code, version: usize, ecc: Ecc) {
    let side = code.side;
    for i in 0..side {
        code.set_function(6, i, i % 2 == 0);
        code.set_function(i, 6, i % 2 == 0);
    }
    for (x, y) in [(3, 3), (side - 4, 3), (3, side - 4)] {
        for dy in -4..=4 {
            for dx in -4..=4 {
                let distance = i32::max(i32::abs(dx), i32::abs(dy));
                code.set_function(x + dx, y + dy, distance != 2 && distance != 4);
            }
        }
    }
    if version > 1 {
        // Alignment patterns: centred at 6, then every `step` up to side - 7, on both axes.
        let count = i32::try_from(version / 7 + 2).unwrap_or(2);
        let step = if version == 32 { 26 } else { ((side - 17) + count * 2 + 1) / (count * 2 - 2) * 2 }; // side - 17: 4 × version
        let centre = |i: i32| if i == 0 { 6 } else { side - 7 - (count - 1 - i) * step };
        let end = |i: i32| i == 0 || i == count - 1;
        for i in 0..count {
            for j in 0..count {
                if end(i) && end(j) && (i == 0 || j == 0) {
                    continue; // a finder is there
                }
                for dy in -2..=2 {
                    for dx in -2..=2 {
                        code.set_function(centre(i) + dx, centre(j) + dy, i32::max(i32::abs(dx), i32::abs(dy)) != 1);
                    }
                }
            }
        }
    }
    draw_format_bits(code, ecc, 0); // reserves the modules; drawn again with the mask
    if version >= 7 {
        let data = u32::try_from(version).unwrap_or(7);
        let rem = (0..12).fold(data, |rem, _| (rem << 1) ^ ((rem >> 11) * 0x1F25));
        let bits = data << 12 | rem;
        for i in 0..18 {
            let dark = bits >> i & 1 == 1;
            let (a, b) = (side - 11 + i % 3, i / 3);
            code.set_function(a, b, dark);
            code.set_function(b, a, dark);
        }
    }
}

fn draw_format_bits(code: &mut Code, ecc: Ecc, mask: u32) {
    let data = level(ecc).1 << 3 | mask;
    let rem = (0..10).fold(data, |rem, _| (rem << 1) ^ ((rem >> 9) * 0x537));
    let bits = (data << 10 | rem) ^ 0x5412;
    let side = code.side;
    for i in 0..15 {
        let dark = bits >> i & 1 == 1;
        // Around the top left finder (skipping the timing patterns), then split
        // between the other two.
        if i < 8 {
            code.set_function(8, i + i32::from(i >= 6), dark);
            code.set_function(side - 1 - i, 8, dark);
        } else {
            code.set_function(14 - i + i32::from(i == 8), 8, dark);
            code.set_function(8, side - 15 + i, dark);
        }
    }
    code.set_function(8, side - 8, true);
}

/// The codewords' bits in the zigzag order, skipping function modules.
fn draw_codewords(code: &mut Code, codewords: &[u8; MAX_CODEWORDS]) {
    let side = code.side;
    let total = raw_modules(usize::try_from(side - 17).unwrap_or(4) / 4) / 8 * 8;
    let mut i = 0;
    let mut right = side - 1;
    while right >= 1 {
        if right == 6 {
            right = 5;
        }
        for vertical in 0..side {
            for x in [right, right - 1] {
                let y = if (right + 1) & 2 == 0 { side - 1 - vertical } else { vertical };
                let byte = codewords.get(i / 8).copied().unwrap_or(0);
                if let Some(cell) = code.cell_mut(x, y).filter(|cell| **cell & FUNCTION == 0 && i < total) {
                    *cell = (byte >> (7 - i % 8)) & 1;
                    i += 1;
                }
            }
        }
        right -= 2;
    }
}

fn apply_mask(code: &mut Code, mask: u32) {
    for y in 0..code.side {
        for x in 0..code.side {
            let invert = match mask {
                0 => (x + y) % 2 == 0,
                1 => y % 2 == 0,
                2 => x % 3 == 0,
                3 => (x + y) % 3 == 0,
                4 => (x / 3 + y / 2) % 2 == 0,
                5 => x * y % 2 + x * y % 3 == 0,
                6 => (x * y % 2 + x * y % 3) % 2 == 0,
                _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
            };
            if let Some(cell) = code.cell_mut(x, y).filter(|cell| **cell & FUNCTION == 0) {
                *cell ^= u8::from(invert);
            }
        }
    }
}

/// qrcodegen's penalty score of the code as drawn.
fn penalty(code: &Code) -> i32 {
    let side = code.side;
    let mut score = 0;
    for i in 0..side {
        score += line_penalty(code, i, false) + line_penalty(code, i, true);
    }
    let mut dark = 0;
    for y in 0..side {
        for x in 0..side {
            let colour = code.get(x, y);
            dark += i32::from(colour);
            if x + 1 < side && y + 1 < side && code.get(x + 1, y) == colour && code.get(x, y + 1) == colour && code.get(x + 1, y + 1) == colour {
                score += PENALTY_N2;
            }
        }
    }
    let total = side * side;
    let k = ((dark * 20 - total * 10).abs() + total - 1) / total - 1;
    score + k * PENALTY_N4
}

/// Runs of five or more of one colour and finder-like patterns in row `i`, or column `i`.
fn line_penalty(code: &Code, i: i32, column: bool) -> i32 {
    let side = code.side;
    let dark = |j| if column { code.get(i, j) } else { code.get(j, i) };
    let mut score = 0;
    let mut history = Runs { side, lengths: [0; 7] };
    let mut colour = false;
    let mut run = 0;
    for i in 0..side {
        if dark(i) == colour {
            run += 1;
            score += match run {
                5 => PENALTY_N1,
                6.. => 1,
                _ => 0,
            };
        } else {
            history.push(run);
            if !colour {
                score += history.finder_patterns() * PENALTY_N3;
            }
            colour = !colour;
            run = 1;
        }
    }
    if colour {
        history.push(run);
        run = 0;
    }
    history.push(run + side); // the light border after the line
    score + history.finder_patterns() * PENALTY_N3
}

/// The last seven run lengths of a line, newest first (qrcodegen's `FinderPenalty`).
struct Runs {
    side: i32,
    lengths: [i32; 7],
}

impl Runs {
    fn push(&mut self, mut run: i32) {
        if self.lengths[0] == 0 {
            run += self.side; // the light border before the line
        }
        self.lengths.rotate_right(1);
        self.lengths[0] = run;
    }

    /// 0, 1 or 2, just after a light run was pushed.
    fn finder_patterns(&self) -> i32 {
        let [r0, r1, r2, r3, r4, r5, r6] = self.lengths;
        let core = r1 > 0 && r2 == r1 && r3 == r1 * 3 && r4 == r1 && r5 == r1;
        i32::from(core && r0 >= r1 * 4 && r6 >= r1) + i32::from(core && r6 >= r1 * 4 && r0 >= r1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcodegen::{QrCode, QrCodeEcc};

    const LEVELS: [(Ecc, QrCodeEcc); 4] =
        [(Ecc::Low, QrCodeEcc::Low), (Ecc::Medium, QrCodeEcc::Medium), (Ecc::Quartile, QrCodeEcc::Quartile), (Ecc::High, QrCodeEcc::High)];

    fn assert_same(text: &str, level: usize) {
        let (ours, theirs) = LEVELS[level];
        match (encode(text, ours), QrCode::encode_text(text, theirs)) {
            (Ok(code), Ok(expected)) => super::super::test_texts::assert_same_modules(text, code.size(), |x, y| code.get(x, y), &expected),
            (Err(TooLong), Err(_)) => {}
            (ours, _) => panic!("{text:?} at {theirs:?}: fits here {}, not in qrcodegen or the reverse", ours.is_ok()),
        }
    }

    #[test]
    fn same_codes_as_qrcodegen() {
        // Numeric, alphanumeric, byte and UTF-8 texts at every level.
        for (i, text) in super::super::test_texts::texts().iter().enumerate() {
            assert_same(text, (i / 4) % 4);
        }
    }

    #[test]
    fn same_codes_at_every_version_and_level() {
        // The longest byte text each version holds: every version's alignment patterns, blocks and version bits.
        for (level, (ecc, _)) in LEVELS.iter().enumerate() {
            for version in 1..=40 {
                let bits = data_codewords(version, *ecc) * 8 - 4 - Mode::Byte.count_bits(version) as usize;
                let text = "a".repeat(bits / 8);
                assert_eq!(encode(&text, *ecc).map(|code| code.size()).ok(), Some(i32::try_from(version * 4 + 17).unwrap()));
                assert_same(&text, level);
            }
        }
    }

    #[test]
    fn same_codes_at_the_edges_of_every_version() {
        // Lengths around where each mode moves to the next version or stops fitting, up to version 40.
        for (unit, longest, step) in [("7", 7100, 293), ("Z", 4400, 181), ("a", 3000, 127), ("é", 1500, 61)] {
            for level in 0..4 {
                for len in (0..=longest).step_by(step).chain([1, 255, 256, 1852, 1853, 2953, 2954, 4296, 4297, 7089, 7090]) {
                    assert_same(&unit.repeat(len), level);
                }
            }
        }
    }
}
