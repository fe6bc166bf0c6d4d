//! How errors, warnings and structured results cross to JavaScript: one
//! string per call, written by hand (no serde, no formatting machinery).
//!
//! Errors and warnings are JSON arrays of ids and values, `[2,"digits",15,6,10,5]`
//! for `Error::InvalidOption { name: "digits", reason: Reason::Digits { .. } }`:
//! the SDK reads them in order and writes the message from its own table
//! (`sdk/messages.ts`). Results are JSON objects ([`Json`]).
#![forbid(unsafe_code)]

use alloc::boxed::Box;
use alloc::string::String;

/// A value that can be written into a [`Wire`] array.
pub trait WireValue {
    /// Appends this value (and, for texts with ids, their own values).
    fn write(&self, wire: &mut Wire<'_>);
}

/// Where text is written: a `String`, or a fixed buffer (the QR binding's,
/// which allocates nothing).
pub trait Out {
    /// Appends `text`.
    fn push_str(&mut self, text: &str);

    /// Appends one character.
    fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }
}

impl Out for String {
    fn push_str(&mut self, text: &str) {
        String::push_str(self, text);
    }

    fn push(&mut self, c: char) {
        String::push(self, c);
    }
}

/// A flat JSON array of numbers and strings, being written.
pub struct Wire<'a> {
    out: &'a mut dyn Out,
    empty: bool,
}

impl Wire<'_> {
    fn separate(&mut self) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
    }

    /// Appends a whole number.
    #[inline(never)] // called for every field of every error: once, not in each
    pub fn number(&mut self, value: u64) {
        self.separate();
        push_decimal(self.out, value);
    }

    /// Appends a string.
    #[inline(never)]
    pub fn text(&mut self, value: &str) {
        self.separate();
        push_json_string(self.out, value);
    }

    /// Appends any value.
    pub fn value<T: WireValue + ?Sized>(&mut self, value: &T) {
        value.write(self);
    }
}

/// The wire form of a value: `[id, values...]`.
pub fn to_wire<T: WireValue + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    write_wire(&mut out, value);
    out
}

/// Writes the wire form of a value to `out`.
pub fn write_wire<T: WireValue + ?Sized>(out: &mut dyn Out, value: &T) {
    out.push('[');
    value.write(&mut Wire { out: &mut *out, empty: true });
    out.push(']');
}

impl WireValue for u64 {
    fn write(&self, wire: &mut Wire<'_>) {
        wire.number(*self);
    }
}

impl WireValue for u32 {
    fn write(&self, wire: &mut Wire<'_>) {
        wire.number(u64::from(*self));
    }
}

impl WireValue for usize {
    fn write(&self, wire: &mut Wire<'_>) {
        wire.number(u64::try_from(*self).unwrap_or(u64::MAX));
    }
}

impl WireValue for str {
    fn write(&self, wire: &mut Wire<'_>) {
        wire.text(self);
    }
}

impl WireValue for &str {
    fn write(&self, wire: &mut Wire<'_>) {
        wire.text(self);
    }
}

impl WireValue for String {
    fn write(&self, wire: &mut Wire<'_>) {
        wire.text(self);
    }
}

impl<T: WireValue + ?Sized> WireValue for Box<T> {
    fn write(&self, wire: &mut Wire<'_>) {
        (**self).write(wire);
    }
}

/// A JSON object: one string crosses to JavaScript, which parses it,
/// instead of one boundary call per field.
pub struct Json(String);

impl Default for Json {
    fn default() -> Self {
        Json(String::from("{"))
    }
}

impl Json {
    fn key(&mut self, name: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        push_json_string(&mut self.0, name);
        self.0.push(':');
    }

    /// Adds a string field.
    #[must_use]
    pub fn text(mut self, name: &str, value: &str) -> Self {
        self.key(name);
        push_json_string(&mut self.0, value);
        self
    }

    /// Adds a string field if there is a value.
    #[must_use]
    pub fn optional_text(self, name: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.text(name, value),
            None => self,
        }
    }

    /// Adds a number field.
    #[must_use]
    pub fn number(mut self, name: &str, value: u64) -> Self {
        self.key(name);
        push_decimal(&mut self.0, value);
        self
    }

    /// Adds an array of wire values (for example warnings).
    #[must_use]
    pub fn wires<T: WireValue>(mut self, name: &str, values: &[T]) -> Self {
        self.key(name);
        self.0.push('[');
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            write_wire(&mut self.0, value);
        }
        self.0.push(']');
        self
    }

    /// The finished object.
    pub fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// Appends `text` as a JSON string.
pub fn push_json_string(out: &mut dyn Out, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                out.push_str("\\u00");
                for nibble in [u32::from(c) >> 4, u32::from(c) & 0xf] {
                    out.push(char::from_digit(nibble, 16).unwrap_or('0'));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends `value` in decimal, without the formatting machinery.
pub fn push_decimal(out: &mut dyn Out, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(slot) = digits.get_mut(start) {
            // value % 10 < 10: the cast is exact.
            #[allow(clippy::cast_possible_truncation)]
            let digit = (value % 10) as u8;
            *slot = b'0' + digit;
        }
        value /= 10;
        if value == 0 || start == 0 {
            break;
        }
    }
    for &digit in digits.get(start..).unwrap_or_default() {
        out.push(char::from(digit));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        for value in [0, 7, 10, 1234567890, u64::MAX] {
            let mut out = String::new();
            push_decimal(&mut out, value);
            assert_eq!(out, alloc::format!("{value}"));
        }
    }
}
