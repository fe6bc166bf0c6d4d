//! QR codes for enrollment URIs, drawn as compact SVG or as text for terminals.
//!
//! The SVG has one background `<rect>` and one `<path>`: each row's runs of
//! dark modules are one-module-wide strokes with relative moves, so a
//! 135-character URI costs about 4 KB, and numbers are written without the
//! formatting machinery.
#![forbid(unsafe_code)]

use alloc::string::String;
#[cfg(not(feature = "small"))]
use qrcodegen::{QrCode, QrCodeEcc};

/// The browser build's encoder (feature `small`): the same codes as
/// qrcodegen's in a third of the code (tested against it natively).
#[cfg(any(feature = "small", test))]
mod compact;
/// The server build's: qrcodegen with a fast mask choice.
#[cfg(not(feature = "small"))]
mod mask;
#[cfg(test)]
mod test_texts;

use crate::error::{Error, Result};
use crate::reason::Reason;
use crate::wire::{push_decimal, Out};

/// Largest quiet zone, in modules.
pub const MAX_MARGIN: u32 = 64;
/// Longest accessible title.
const MAX_TITLE_CHARS: usize = 1024;

/// Error-correction level: how much of the code may be damaged or covered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Ecc {
    /// About 7 % recoverable.
    Low,
    /// About 15 % recoverable: the default.
    #[default]
    Medium,
    /// About 25 % recoverable.
    Quartile,
    /// About 30 % recoverable.
    High,
}

impl Ecc {
    /// Reads `L`, `M`, `Q` or `H` (any case).
    pub fn parse(name: &str) -> Result<Self> {
        match name.as_bytes() {
            [b'L' | b'l'] => Ok(Ecc::Low),
            [b'M' | b'm'] => Ok(Ecc::Medium),
            [b'Q' | b'q'] => Ok(Ecc::Quartile),
            [b'H' | b'h'] => Ok(Ecc::High),
            _ => Err(Error::option("ecc", Reason::Ecc)),
        }
    }

    #[cfg(not(feature = "small"))]
    fn level(self) -> QrCodeEcc {
        match self {
            Ecc::Low => QrCodeEcc::Low,
            Ecc::Medium => QrCodeEcc::Medium,
            Ecc::Quartile => QrCodeEcc::Quartile,
            Ecc::High => QrCodeEcc::High,
        }
    }
}

/// How to draw the SVG.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SvgOptions<'a> {
    /// Error-correction level.
    pub ecc: Ecc,
    /// Quiet zone in modules (4 is the standard's minimum for reliable scans).
    pub margin: u32,
    /// Colour of dark modules: `#rgb`, `#rrggbb`, `#rrggbbaa` or a CSS name.
    pub dark: &'a str,
    /// Background colour, or `none`/`transparent` for no background.
    pub light: &'a str,
    /// Accessible name, written as `<title>`.
    pub title: Option<&'a str>,
}

impl Default for SvgOptions<'_> {
    fn default() -> Self {
        SvgOptions { ecc: Ecc::Medium, margin: 4, dark: "#000", light: "#fff", title: None }
    }
}

/// Encodes `text` (for example an `otpauth://` URI) as an SVG document.
pub fn svg(text: &str, options: &SvgOptions<'_>) -> Result<String> {
    let mut out = String::with_capacity(4096);
    write_svg(&mut out, text, options)?;
    Ok(out)
}

/// Writes the SVG document of `text` to `out` (see [`svg`]); nothing is
/// written when an option or the text is refused.
pub fn write_svg(out: &mut dyn Out, text: &str, options: &SvgOptions<'_>) -> Result<()> {
    check_colour("dark", options.dark)?;
    check_colour("light", options.light)?;
    // Characters counted as the bytes that start one (less code than `chars().count()`).
    if options.title.is_some_and(|title| title.bytes().filter(|b| b & 0xC0 != 0x80).count() > MAX_TITLE_CHARS) {
        return Err(Error::option("title", Reason::TitleTooLong));
    }
    let code = encode(text, options.ecc, options.margin)?;
    let margin = i32::try_from(options.margin).unwrap_or(0);
    let side = code.size() + 2 * margin;
    // Every number written is positive.
    let number = |out: &mut dyn Out, value: i32| push_decimal(out, u64::try_from(value).unwrap_or(0));

    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    number(out, side);
    out.push(' ');
    number(out, side);
    out.push_str("\" shape-rendering=\"crispEdges\" role=\"img\"");
    if let Some(title) = options.title {
        out.push_str(" aria-label=\"");
        push_escaped(out, title);
        out.push_str("\"><title>");
        push_escaped(out, title);
        out.push_str("</title>");
    } else {
        out.push('>');
    }
    // Colour keywords ignore case, as in CSS: `NONE` draws no background either.
    if !["none", "transparent"].iter().any(|keyword| options.light.eq_ignore_ascii_case(keyword)) {
        out.push_str("<rect width=\"100%\" height=\"100%\" fill=\"");
        out.push_str(options.light);
        out.push_str("\"/>");
    }
    // Each row's dark runs as horizontal strokes one module wide, centred on
    // the row: the first run of a row moves absolutely, the next ones
    // relatively (`m<gap> 0h<len>`), about half the bytes of filled boxes.
    out.push_str("<path stroke=\"");
    out.push_str(options.dark);
    out.push_str("\" d=\"");
    for y in 0..code.size() {
        let mut x = 0;
        let mut pen: Option<i32> = None; // where the previous run on this row ended
        while x < code.size() {
            if !code.get(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < code.size() && code.get(x, y) {
                x += 1;
            }
            match pen {
                None => {
                    out.push('M');
                    number(out, start + margin);
                    out.push(' ');
                    number(out, y + margin);
                    out.push_str(".5h");
                }
                Some(end) => {
                    out.push('m');
                    number(out, start - end);
                    out.push_str(" 0h");
                }
            }
            number(out, x - start);
            pen = Some(x);
        }
    }
    out.push_str("\"/></svg>");
    Ok(())
}

/// Draws the code with Unicode half blocks, two modules per character, for a
/// terminal. Light modules are drawn as blocks, so the code reads correctly
/// on the usual dark terminal background.
pub fn terminal(text: &str, ecc: Ecc, margin: u32) -> Result<String> {
    let code = encode(text, ecc, margin)?;
    let margin = i32::try_from(margin).unwrap_or(0);
    let light = |x: i32, y: i32| !code.get(x, y); // outside the code is light
    let mut out = String::new();
    let mut y = -margin;
    while y < code.size() + margin {
        for x in -margin..code.size() + margin {
            let bottom_inside = y + 1 < code.size() + margin;
            out.push(match (light(x, y), bottom_inside && light(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        out.push('\n');
        y += 2;
    }
    Ok(out)
}

/// The modules of an encoded code.
enum Modules {
    /// As qrcodegen drew it.
    #[cfg(not(feature = "small"))]
    Code(QrCode),
    /// Bit `x` of row `y` is dark (codes up to 64 modules wide; see `mask`).
    #[cfg(not(feature = "small"))]
    Rows(alloc::vec::Vec<u64>),
    /// As the compact encoder drew it.
    #[cfg(feature = "small")]
    Compact(compact::Code),
}

impl Modules {
    fn size(&self) -> i32 {
        match self {
            #[cfg(not(feature = "small"))]
            Modules::Code(code) => code.size(),
            #[cfg(not(feature = "small"))]
            Modules::Rows(rows) => i32::try_from(rows.len()).unwrap_or(0),
            #[cfg(feature = "small")]
            Modules::Compact(code) => code.size(),
        }
    }

    /// Whether the module at `x`, `y` is dark; outside the code is light.
    fn get(&self, x: i32, y: i32) -> bool {
        match self {
            #[cfg(not(feature = "small"))]
            Modules::Code(code) => code.get_module(x, y),
            #[cfg(not(feature = "small"))]
            Modules::Rows(rows) => {
                let row = usize::try_from(y).ok().and_then(|y| rows.get(y)).copied().unwrap_or(0);
                u32::try_from(x).ok().and_then(|x| row.checked_shr(x)).is_some_and(|bits| bits & 1 == 1)
            }
            #[cfg(feature = "small")]
            Modules::Compact(code) => code.get(x, y),
        }
    }
}

fn encode(text: &str, ecc: Ecc, margin: u32) -> Result<Modules> {
    if margin > MAX_MARGIN {
        return Err(Error::option("margin", Reason::MarginTooBig));
    }
    #[cfg(not(feature = "small"))]
    let code = mask::encode(&qrcodegen::QrSegment::make_segments(text), ecc.level());
    #[cfg(feature = "small")]
    let code = compact::encode(text, ecc).map(Modules::Compact);
    code.map_err(|_| Error::option("text", Reason::TextTooLongForQr))
}

/// Colours go into an attribute, so only safe shapes are accepted.
fn check_colour(name: &'static str, value: &str) -> Result<()> {
    let ok = match value.as_bytes() {
        [b'#', hex @ ..] => matches!(hex.len(), 3 | 4 | 6 | 8) && hex.iter().all(u8::is_ascii_hexdigit),
        name => (1..=32).contains(&name.len()) && name.iter().all(u8::is_ascii_alphabetic),
    };
    if ok {
        Ok(())
    } else {
        Err(Error::option(name, Reason::Colour))
    }
}

fn push_escaped(out: &mut dyn Out, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}
