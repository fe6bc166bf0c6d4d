//! QR SVG structure and option checks. Decoding with a real reader is in
//! tests/node/qr-decode.test.mjs (rsvg-convert + zbarimg).
#![cfg(not(target_arch = "wasm32"))] // native only; wasm-tests/ covers wasm32
use twofa::qr::{svg, terminal, Ecc, SvgOptions};

#[test]
fn svg_is_one_path_with_a_background() {
    let out = svg("otpauth://totp/Acme:bob?secret=GEZDGNBVGY3TQOJQ", &SvgOptions::default()).unwrap();
    assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "), "{out}");
    assert!(out.ends_with("\"/></svg>"));
    assert_eq!(out.matches("<path").count(), 1);
    assert_eq!(out.matches("<rect").count(), 1);
    assert!(!out.contains("<title>"));
    // 48 bytes at ECC M need version 4: 33 modules + 2 * 4 margin.
    assert!(out.contains("viewBox=\"0 0 41 41\""), "{out}");
}

#[test]
fn options_are_applied_and_escaped() {
    let options = SvgOptions {
        ecc: Ecc::High,
        margin: 0,
        dark: "#1a2b3c",
        light: "none",
        title: Some("Scan <this> & \"that\""),
    };
    let out = svg("hello", &options).unwrap();
    assert!(out.contains("<title>Scan &lt;this&gt; &amp; &quot;that&quot;</title>"), "{out}");
    assert!(out.contains("aria-label=\"Scan &lt;this&gt;"));
    assert!(out.contains("stroke=\"#1a2b3c\""));
    assert!(!out.contains("<rect"), "no background for 'none'");
    assert!(out.contains("d=\"M0 0.5h7m"), "the path starts at the corner, then moves relatively: {out}");
    for light in ["NONE", "Transparent"] {
        let out = svg("hello", &SvgOptions { light, ..SvgOptions::default() }).unwrap();
        assert!(!out.contains("<rect"), "no background for '{light}': keywords ignore case");
    }
}

#[test]
fn hostile_or_impossible_options_are_errors() {
    let with = |f: fn(&mut SvgOptions)| {
        let mut options = SvgOptions::default();
        f(&mut options);
        svg("x", &options).map_err(|e| e.code())
    };
    assert_eq!(with(|o| o.dark = "red\"/><script>alert(1)</script>"), Err("INVALID_OPTION"));
    assert_eq!(with(|o| o.light = "url(#x)"), Err("INVALID_OPTION"));
    assert_eq!(with(|o| o.dark = "#12345"), Err("INVALID_OPTION"));
    assert_eq!(with(|o| o.margin = 65), Err("INVALID_OPTION"));
    assert!(with(|o| o.dark = "rebeccapurple").is_ok());
    assert_eq!(svg(&"a".repeat(5000), &SvgOptions::default()).unwrap_err().code(), "INVALID_OPTION");
    assert_eq!(Ecc::parse("X").unwrap_err().code(), "INVALID_OPTION");
}

#[test]
fn terminal_rendering_uses_half_blocks() {
    let out = terminal("hello", Ecc::Low, 2).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    // 21 modules + 2 * 2 margin = 25 columns and 13 rows of two modules.
    assert_eq!(lines.len(), 13);
    assert!(lines.iter().all(|l| l.chars().count() == 25));
    assert!(lines[0].chars().all(|c| c == '█'), "the quiet zone is light");
    assert!(out.contains('▀') && out.contains('▄'));
}
