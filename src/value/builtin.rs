//! Parsers and writers for built-in XSD types that map onto plain Rust types
//! (`String`, `bool`, the fixed-width integers, `f32`/`f64`). Generated code calls these by
//! the XSD type of each field.

use super::WhiteSpace;
use crate::error::{Rule, ValueError};
use std::borrow::Cow;

/// Whether `c` is a character XML 1.0 documents may carry (production `Char`).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether every character of `text` is an XML character (see [`find_non_xml_char`]).
pub(crate) fn all_xml_chars(text: &str) -> bool {
    find_non_xml_char(text.as_bytes()).is_none()
}

/// The offset of the first character of UTF-8 `bytes` that is not an XML character (its first
/// byte), if any. Works on bytes: in UTF-8 the only non-characters to find are the C0 controls
/// and U+FFFE/U+FFFF (`EF BF BE`, `EF BF BF`); surrogates cannot occur in valid UTF-8.
///
/// Blocks of 64 bytes are first tested without branches (the compiler vectorizes the test):
/// only a block holding a control character or an `EF` byte is looked at byte by byte.
pub(crate) fn find_non_xml_char(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 64;
    let exact = |from: usize, to: usize| {
        (from..to).find(|&i| {
            let c = bytes[i];
            (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
                || (c == 0xEF
                    && bytes.get(i + 1) == Some(&0xBF)
                    && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)))
        })
    };
    let blocks = bytes.chunks_exact(BLOCK);
    let tail = blocks.remainder();
    let whole = bytes.len() - tail.len();
    for (n, block) in blocks.enumerate() {
        // Always a full block (`chunks_exact`); the array type lets the test vectorize.
        let suspect = <&[u8; BLOCK]>::try_from(block).map_or(true, suspect);
        if suspect {
            if let Some(i) = exact(n * BLOCK, (n + 1) * BLOCK) {
                return Some(i);
            }
        }
    }
    // The tail (all of a short value) through a table: one load per byte.
    let tail_suspect = tail
        .iter()
        .fold(0u8, |acc, &c| acc | SUSPECT[usize::from(c)]);
    if tail_suspect == 0 {
        return None;
    }
    exact(whole, bytes.len())
}

/// 1 for the bytes [`suspect`] looks for.
const SUSPECT: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = 1;
        c += 1;
    }
    t[b'\t' as usize] = 0;
    t[b'\n' as usize] = 0;
    t[b'\r' as usize] = 0;
    t[0xEF] = 1;
    t
};

/// Whether a block may hold a non-XML character: a C0 control other than tab, line feed and
/// carriage return, or an `EF` byte (which starts U+FFFE and U+FFFF). No branches, so that
/// it compiles to vector instructions.
#[inline]
fn suspect(block: &[u8; 64]) -> bool {
    let mut acc = 0u8;
    for &c in block {
        let control = (c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r');
        acc |= u8::from(control | (c == 0xEF));
    }
    acc != 0
}

fn xml_chars(text: &str, xsd: &'static str) -> Result<(), ValueError> {
    if all_xml_chars(text) {
        Ok(())
    } else {
        Err(ValueError::new(xsd, Rule::Lexical(xsd), text))
    }
}

/// Well-formedness of a piece of text as written, for what a check of the whole document's
/// characters ([`find_non_xml_char`]) leaves: in character data (`text`) the `>` ending `]]>`,
/// in attribute values `<`. Returns the offending byte, if any.
pub(crate) fn scan_xml_text(raw: &str, text: bool) -> Option<u8> {
    let b = raw.as_bytes();
    // Values are short: a branch-free pass (vectorized) beats a call to memchr.
    let has = |byte: u8| b.iter().fold(false, |found, &c| found | (c == byte));
    if text {
        (has(b'>') && b.windows(3).any(|w| w == b"]]>")).then_some(b'>')
    } else {
        has(b'<').then_some(b'<')
    }
}

/// Whether `text` holds only XML characters (the `Char` production).
pub fn is_xml_text(text: &str) -> bool {
    all_xml_chars(text)
}

/// Checks, without copying, that a string value holds only XML characters (used before
/// writing string-typed values).
pub fn check_xml_text(text: &str) -> Result<(), ValueError> {
    xml_chars(text, "xs:string")
}

/// `xs:string` (and `xs:anySimpleType`): any text of XML characters, kept as is.
pub fn parse_string(text: &str) -> Result<String, ValueError> {
    xml_chars(text, "xs:string")?;
    Ok(text.to_owned())
}

/// `xs:normalizedString`: tabs and line breaks become spaces.
pub fn parse_normalized_string(text: &str) -> Result<String, ValueError> {
    xml_chars(text, "xs:normalizedString")?;
    Ok(WhiteSpace::Replace.apply(text).into_owned())
}

/// `xs:token` and other collapsed string types.
pub fn parse_token(text: &str) -> Result<String, ValueError> {
    xml_chars(text, "xs:token")?;
    Ok(WhiteSpace::Collapse.apply(text).into_owned())
}

/// `xs:anyURI`: after white space collapsing, a URI reference once characters URIs do not
/// allow are escaped (XSD 1.0 Datatypes 3.2.17, RFC 2396 as amended by RFC 2732): every `%`
/// starts a two-digit hex escape, at most one `#`, a scheme (text before the first `:` that
/// precedes any `/`, `?` or `#`) is a letter followed by letters, digits, `+`, `-` or `.`, and
/// brackets of an IPv6 literal are balanced.
pub fn parse_any_uri(text: &str) -> Result<String, ValueError> {
    const XSD: &str = "xs:anyURI";
    let err = || ValueError::new(XSD, Rule::Lexical(XSD), text);
    xml_chars(text, XSD)?;
    let v = WhiteSpace::Collapse.apply(text);
    let b = v.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'%'
            && !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
        {
            return Err(err());
        }
    }
    if v.matches('#').count() > 1 {
        return Err(err());
    }
    let first_delim = v.find(['/', '?', '#']).unwrap_or(v.len());
    if let Some(colon) = v[..first_delim].find(':') {
        let scheme = &v[..colon];
        let mut cs = scheme.chars();
        let ok = cs.next().is_some_and(|c| c.is_ascii_alphabetic())
            && cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !ok {
            return Err(err());
        }
    }
    let (mut depth, mut balanced) = (0i32, true);
    for c in v.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ => {}
        }
        balanced &= (0..=1).contains(&depth);
    }
    if !balanced || depth != 0 {
        return Err(err());
    }
    Ok(v.into_owned())
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == ':'
}

fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_alphanumeric() || matches!(c, '-' | '.' | '\u{B7}')
}

/// `xs:Name`.
pub fn parse_name(text: &str) -> Result<String, ValueError> {
    let v = WhiteSpace::Collapse.apply(text);
    let mut chars = v.chars();
    let ok = chars.next().is_some_and(is_name_start) && chars.all(is_name_char);
    if ok {
        Ok(v.into_owned())
    } else {
        Err(ValueError::new("xs:Name", Rule::Lexical("xs:Name"), text))
    }
}

/// `xs:NCName` (and `xs:ID`, `xs:IDREF`, `xs:ENTITY`).
pub fn parse_ncname(text: &str) -> Result<String, ValueError> {
    let v = WhiteSpace::Collapse.apply(text);
    let mut chars = v.chars();
    let ok = chars.next().is_some_and(|c| c != ':' && is_name_start(c))
        && chars.all(|c| c != ':' && is_name_char(c));
    if ok {
        Ok(v.into_owned())
    } else {
        Err(ValueError::new(
            "xs:NCName",
            Rule::Lexical("xs:NCName"),
            text,
        ))
    }
}

/// `xs:NMTOKEN`.
pub fn parse_nmtoken(text: &str) -> Result<String, ValueError> {
    let v = WhiteSpace::Collapse.apply(text);
    if !v.is_empty() && v.chars().all(is_name_char) {
        Ok(v.into_owned())
    } else {
        Err(ValueError::new(
            "xs:NMTOKEN",
            Rule::Lexical("xs:NMTOKEN"),
            text,
        ))
    }
}

/// `xs:language`.
pub fn parse_language(text: &str) -> Result<String, ValueError> {
    let v = WhiteSpace::Collapse.apply(text);
    let ok = v.split('-').enumerate().all(|(i, part)| {
        (1..=8).contains(&part.len())
            && part
                .chars()
                .all(|c| c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit()))
    });
    if ok {
        Ok(v.into_owned())
    } else {
        Err(ValueError::new(
            "xs:language",
            Rule::Lexical("xs:language"),
            text,
        ))
    }
}

/// Writes any string-like value.
pub fn write_str(value: &str) -> Cow<'_, str> {
    Cow::Borrowed(value)
}

/// `xs:boolean`: `true`, `false`, `1`, `0`.
pub fn parse_boolean(text: &str) -> Result<bool, ValueError> {
    match WhiteSpace::Collapse.apply(text).as_ref() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(ValueError::new(
            "xs:boolean",
            Rule::Lexical("xs:boolean"),
            text,
        )),
    }
}

/// Writes `true` or `false`.
pub fn write_boolean(value: &bool) -> Cow<'static, str> {
    Cow::Borrowed(if *value { "true" } else { "false" })
}

macro_rules! fixed_int {
    ($parse:ident, $write:ident, $t:ty, $xsd:literal) => {
        #[doc = concat!("`", $xsd, "`.")]
        pub fn $parse(text: &str) -> Result<$t, ValueError> {
            let v = WhiteSpace::Collapse.apply(text);
            let digits = v.strip_prefix('+').unwrap_or(&v);
            if digits.starts_with(['+', '-']) && digits.len() > 1 && digits.as_bytes()[1] == b'-' {
                return Err(ValueError::new($xsd, Rule::Lexical($xsd), text));
            }
            digits
                .parse::<$t>()
                .map_err(|_| ValueError::new($xsd, Rule::Lexical($xsd), text))
        }
        #[doc = concat!("Writes `", $xsd, "`.")]
        pub fn $write(value: &$t) -> Cow<'static, str> {
            Cow::Owned(value.to_string())
        }
    };
}

fixed_int!(parse_long, write_long, i64, "xs:long");
fixed_int!(parse_int, write_int, i32, "xs:int");
fixed_int!(parse_short, write_short, i16, "xs:short");
fixed_int!(parse_byte, write_byte, i8, "xs:byte");
fixed_int!(
    parse_unsigned_long,
    write_unsigned_long,
    u64,
    "xs:unsignedLong"
);
fixed_int!(
    parse_unsigned_int,
    write_unsigned_int,
    u32,
    "xs:unsignedInt"
);
fixed_int!(
    parse_unsigned_short,
    write_unsigned_short,
    u16,
    "xs:unsignedShort"
);
fixed_int!(
    parse_unsigned_byte,
    write_unsigned_byte,
    u8,
    "xs:unsignedByte"
);

fn float_lexical_ok(v: &str) -> bool {
    if matches!(v, "INF" | "-INF" | "+INF" | "NaN") {
        return true;
    }
    let b = v.as_bytes();
    !v.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.' | b'e' | b'E'))
        && b.iter().any(u8::is_ascii_digit)
}

/// `xs:double`.
pub fn parse_double(text: &str) -> Result<f64, ValueError> {
    let v = WhiteSpace::Collapse.apply(text);
    let parsed = match v.as_ref() {
        "INF" | "+INF" => Some(f64::INFINITY),
        "-INF" => Some(f64::NEG_INFINITY),
        "NaN" => Some(f64::NAN),
        s if float_lexical_ok(s) => s.parse::<f64>().ok(),
        _ => None,
    };
    parsed.ok_or_else(|| ValueError::new("xs:double", Rule::Lexical("xs:double"), text))
}

/// `xs:float`.
pub fn parse_float(text: &str) -> Result<f32, ValueError> {
    parse_double(text)
        .map(|d| d as f32)
        .map_err(|_| ValueError::new("xs:float", Rule::Lexical("xs:float"), text))
}

fn write_real(value: f64) -> Cow<'static, str> {
    if value.is_nan() {
        Cow::Borrowed("NaN")
    } else if value == f64::INFINITY {
        Cow::Borrowed("INF")
    } else if value == f64::NEG_INFINITY {
        Cow::Borrowed("-INF")
    } else {
        Cow::Owned(value.to_string())
    }
}

/// Writes `xs:double`.
pub fn write_double(value: &f64) -> Cow<'static, str> {
    write_real(*value)
}

/// Writes `xs:float`.
pub fn write_float(value: &f32) -> Cow<'static, str> {
    write_real(f64::from(*value))
}

use super::Integer;

fn integer_with(
    text: &str,
    xsd: &'static str,
    ok: impl Fn(&Integer) -> bool,
) -> Result<Integer, ValueError> {
    match Integer::new(text) {
        Ok(v) if ok(&v) => Ok(v),
        _ => Err(ValueError::new(xsd, Rule::Lexical(xsd), text)),
    }
}

/// `xs:integer`.
pub fn parse_integer(text: &str) -> Result<Integer, ValueError> {
    integer_with(text, "xs:integer", |_| true)
}

/// `xs:nonNegativeInteger`.
pub fn parse_non_negative_integer(text: &str) -> Result<Integer, ValueError> {
    integer_with(text, "xs:nonNegativeInteger", |v| !v.is_negative())
}

/// `xs:positiveInteger`.
pub fn parse_positive_integer(text: &str) -> Result<Integer, ValueError> {
    integer_with(text, "xs:positiveInteger", |v| {
        !v.is_negative() && !v.is_zero()
    })
}

/// `xs:nonPositiveInteger`.
pub fn parse_non_positive_integer(text: &str) -> Result<Integer, ValueError> {
    integer_with(text, "xs:nonPositiveInteger", |v| {
        v.is_negative() || v.is_zero()
    })
}

/// `xs:negativeInteger`.
pub fn parse_negative_integer(text: &str) -> Result<Integer, ValueError> {
    integer_with(text, "xs:negativeInteger", Integer::is_negative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_uri_lexical_space() {
        for ok in [
            "https://lea.example/binaryData/7c0e5a94/",
            "urn:example:csp:1",
            "relative/path?q=1#frag",
            "sip:alice@[2001:db8::1]:5060",
            "http://x/a b",
            "",
        ] {
            assert!(parse_any_uri(ok).is_ok(), "{ok}");
        }
        for bad in ["%zz", "a%2", "http://[::1", "::", "a#b#c", "1abc:x", "]["] {
            assert!(parse_any_uri(bad).is_err(), "{bad}");
        }
    }

    /// The block test and the byte-by-byte rule agree at every position around the 64-byte
    /// block boundaries, including U+FFFE/U+FFFF whose three bytes straddle a boundary.
    #[test]
    fn non_xml_characters_are_found_at_every_position() {
        for len in [0usize, 1, 3, 63, 64, 65, 127, 128, 129, 200] {
            let clean = "a".repeat(len);
            assert_eq!(
                find_non_xml_char(clean.as_bytes()),
                None,
                "clean, {len} bytes"
            );
            let mut tabs = "\t\n\r".repeat(len);
            tabs.truncate(len);
            assert_eq!(
                find_non_xml_char(tabs.as_bytes()),
                None,
                "white space, {len}"
            );
            for at in 0..len {
                for bad in ["\u{0}", "\u{1F}", "\u{B}", "\u{FFFE}", "\u{FFFF}"] {
                    let mut text = "a".repeat(at);
                    text.push_str(bad);
                    text.push_str(&"a".repeat(len - at));
                    assert_eq!(
                        find_non_xml_char(text.as_bytes()),
                        Some(at),
                        "{bad:?} at {at}"
                    );
                }
                // Other characters starting with byte EF are XML characters.
                let mut text = "a".repeat(at);
                text.push_str("\u{FFFD}\u{F900}");
                text.push_str(&"a".repeat(len - at));
                assert_eq!(find_non_xml_char(text.as_bytes()), None, "EF.. at {at}");
            }
        }
    }

    #[test]
    fn attribute_and_text_scans() {
        assert_eq!(scan_xml_text("a]]>b", true), Some(b'>'));
        assert_eq!(scan_xml_text("a]>b] ]>", true), None);
        assert_eq!(scan_xml_text("a<b", true), None);
        assert_eq!(scan_xml_text("a<b", false), Some(b'<'));
        assert_eq!(scan_xml_text("a]]>b", false), None);
    }

    #[test]
    fn strings_hold_only_xml_characters() {
        assert!(parse_string("tab\tok").is_ok());
        assert!(parse_string("\u{1}").is_err());
        assert!(parse_token("a\u{FFFE}").is_err());
        assert!(parse_string("\u{10000}").is_ok());
        for c in [
            '\u{0}',
            '\u{8}',
            '\u{1F}',
            '\u{FFFE}',
            '\u{FFFF}',
            'a',
            '\u{FFFD}',
            '\u{E000}',
            '\u{10FFFF}',
        ] {
            assert_eq!(all_xml_chars(&c.to_string()), is_xml_char(c), "{c:?}");
        }
    }
}
