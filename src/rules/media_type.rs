//! Media types as TS 103 707 Table 8 requires for `contentType` ("given as per IETF RFC 6838",
//! the value of the HTTP Content-Type header): a small parser, no dependencies.
//!
//! Grammar accepted:
//!
//! ```text
//! media-type = type "/" subtype *( OWS ";" OWS parameter )
//! type, subtype = restricted-name              ; RFC 6838 section 4.2
//! restricted-name = restricted-name-first *126restricted-name-chars
//! restricted-name-first = ALPHA / DIGIT
//! restricted-name-chars = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "-" / "^" / "_" / "." / "+"
//! parameter  = attribute "=" value             ; RFC 2045 section 5.1
//! attribute  = token
//! value      = token / quoted-string
//! token      = 1*<US-ASCII CHAR except SPACE, CTLs and tspecials>
//! tspecials  = "(" / ")" / "<" / ">" / "@" / "," / ";" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "="
//! quoted-string = DQUOTE *( qdtext / "\" ( HTAB / SP / VCHAR ) ) DQUOTE
//! qdtext     = HTAB / SP / VCHAR except DQUOTE and "\"
//! OWS        = *( SP / HTAB )
//! ```
//!
//! Optional white space is accepted only around the `;` separators, as in an HTTP header
//! field (RFC 9110 section 8.3.1); none before the type or at the end. Quoted strings are
//! US-ASCII (no `obs-text`). A parameter given twice (names compared without regard to case)
//! is an error (RFC 6838 section 4.3). Whether the type is registered is not checked.

use std::borrow::Cow;
use std::fmt;

/// The longest type or subtype name, in characters (RFC 6838 section 4.2).
pub const MAX_NAME_LEN: usize = 127;

/// A parsed media type, borrowing from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaType<'a> {
    /// The top-level type, as written (e.g. `image`).
    pub type_name: &'a str,
    /// The subtype, as written (e.g. `jpeg`, `vnd.example+xml`).
    pub subtype: &'a str,
    /// The parameters, in order.
    pub parameters: Vec<Parameter<'a>>,
}

/// A media type parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter<'a> {
    /// The name, as written.
    pub name: &'a str,
    /// The value: a token as written, or a quoted string without its quotes and escapes.
    pub value: Cow<'a, str>,
}

/// Why a string is not a media type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaTypeError {
    /// Byte offset in the input where the problem is.
    pub offset: usize,
    /// What is wrong.
    pub reason: &'static str,
}

impl fmt::Display for MediaTypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.reason, self.offset)
    }
}

impl std::error::Error for MediaTypeError {}

fn err<T>(offset: usize, reason: &'static str) -> Result<T, MediaTypeError> {
    Err(MediaTypeError { offset, reason })
}

fn is_restricted_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#' | b'$' | b'&' | b'-' | b'^' | b'_' | b'.' | b'+'
        )
}

fn is_token_char(b: u8) -> bool {
    b.is_ascii_graphic()
        && !matches!(
            b,
            b'(' | b')'
                | b'<'
                | b'>'
                | b'@'
                | b','
                | b';'
                | b':'
                | b'\\'
                | b'"'
                | b'/'
                | b'['
                | b']'
                | b'?'
                | b'='
        )
}

fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// HTAB, SP or a visible US-ASCII character.
fn is_quotable(b: u8) -> bool {
    b == b'\t' || (0x20..=0x7e).contains(&b)
}

/// Reads a restricted-name at `*pos`.
fn restricted_name<'a>(
    input: &'a str,
    pos: &mut usize,
    first: &'static str,
    too_long: &'static str,
) -> Result<&'a str, MediaTypeError> {
    let b = input.as_bytes();
    let start = *pos;
    if !b.get(start).is_some_and(u8::is_ascii_alphanumeric) {
        return err(start, first);
    }
    let mut i = start + 1;
    while i < b.len() && is_restricted_name_char(b[i]) {
        i += 1;
    }
    if i - start > MAX_NAME_LEN {
        return err(start, too_long);
    }
    *pos = i;
    Ok(&input[start..i])
}

fn token<'a>(input: &'a str, pos: &mut usize) -> &'a str {
    let b = input.as_bytes();
    let start = *pos;
    while *pos < b.len() && is_token_char(b[*pos]) {
        *pos += 1;
    }
    &input[start..*pos]
}

/// Reads a quoted string whose opening quote is at `*pos`.
fn quoted_string<'a>(input: &'a str, pos: &mut usize) -> Result<Cow<'a, str>, MediaTypeError> {
    let b = input.as_bytes();
    let open = *pos;
    let mut i = open + 1;
    let mut segment = i;
    let mut owned: Option<String> = None;
    loop {
        match b.get(i) {
            None => return err(open, "quoted string without closing quote"),
            Some(b'"') => break,
            Some(b'\\') => match b.get(i + 1) {
                Some(&c) if is_quotable(c) => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&input[segment..i]);
                    s.push(char::from(c));
                    i += 2;
                    segment = i;
                }
                _ => return err(i, "backslash not followed by a quotable character"),
            },
            Some(&c) if is_quotable(c) => i += 1,
            Some(_) => return err(i, "character not allowed in a quoted string"),
        }
    }
    *pos = i + 1;
    Ok(match owned {
        Some(mut s) => {
            s.push_str(&input[segment..i]);
            Cow::Owned(s)
        }
        None => Cow::Borrowed(&input[segment..i]),
    })
}

/// Parses `input` as a media type (see the [module documentation](self) for the grammar).
pub fn parse(input: &str) -> Result<MediaType<'_>, MediaTypeError> {
    let b = input.as_bytes();
    let mut i = 0;
    if input.is_empty() {
        return err(0, "empty media type");
    }
    let type_name = restricted_name(
        input,
        &mut i,
        "the type shall start with a letter or digit (RFC 6838 section 4.2)",
        "the type is longer than 127 characters (RFC 6838 section 4.2)",
    )?;
    match b.get(i) {
        Some(b'/') => i += 1,
        None => return err(i, "missing \"/\" and subtype"),
        Some(_) => {
            return err(
                i,
                "character not allowed in the type name (RFC 6838 section 4.2)",
            )
        }
    }
    let subtype = restricted_name(
        input,
        &mut i,
        "the subtype shall start with a letter or digit (RFC 6838 section 4.2)",
        "the subtype is longer than 127 characters (RFC 6838 section 4.2)",
    )?;
    if i < b.len() && b[i] != b';' && !is_ows(b[i]) {
        return err(
            i,
            "character not allowed in the subtype name (RFC 6838 section 4.2)",
        );
    }
    let mut parameters: Vec<Parameter<'_>> = Vec::new();
    loop {
        let space = i;
        while i < b.len() && is_ows(b[i]) {
            i += 1;
        }
        if i == b.len() {
            if i != space {
                return err(space, "white space at the end");
            }
            break;
        }
        if b[i] != b';' {
            return err(i, "expected \";\" before a parameter");
        }
        i += 1;
        while i < b.len() && is_ows(b[i]) {
            i += 1;
        }
        let name_at = i;
        let name = token(input, &mut i);
        if name.is_empty() {
            return err(i, "expected a parameter name (an RFC 2045 token)");
        }
        if b.get(i) != Some(&b'=') {
            return err(i, "expected \"=\" after the parameter name");
        }
        i += 1;
        let value = if b.get(i) == Some(&b'"') {
            quoted_string(input, &mut i)?
        } else {
            let t = token(input, &mut i);
            if t.is_empty() {
                return err(
                    i,
                    "expected a parameter value (an RFC 2045 token or quoted string)",
                );
            }
            Cow::Borrowed(t)
        };
        if parameters.iter().any(|p| p.name.eq_ignore_ascii_case(name)) {
            return err(
                name_at,
                "parameter given more than once (RFC 6838 section 4.3)",
            );
        }
        parameters.push(Parameter { name, value });
    }
    Ok(MediaType {
        type_name,
        subtype,
        parameters,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::super::{check, Options, RuleId};
    use super::*;
    use crate::schema::etsi;

    #[test]
    fn valid_media_types() {
        for s in [
            "image/jpeg",
            "audio/ogg",
            "application/vnd.example.chat+xml",
            "text/plain;charset=utf-8",
            "text/plain ; charset=UTF-8",
            "text/plain;\tcharset=\"utf-8\"",
            "multipart/mixed; boundary=\"simple boundary\"; x-a=\"q\\\"uote\"",
            "application/x-amz-json-1.1",
            "video/3gpp",
            "application/EDI-X12",
            "a/b; p=\"\"",
        ] {
            assert!(parse(s).is_ok(), "{s}: {:?}", parse(s));
        }
        let m = parse("multipart/mixed; boundary=\"a \\\"b\\\"\"; x=y").unwrap();
        assert_eq!(m.type_name, "multipart");
        assert_eq!(m.subtype, "mixed");
        assert_eq!(m.parameters.len(), 2);
        assert_eq!(m.parameters[0].name, "boundary");
        assert_eq!(m.parameters[0].value, "a \"b\"");
        assert_eq!(m.parameters[1].value, "y");
        assert!(matches!(m.parameters[1].value, Cow::Borrowed(_)));
    }

    #[test]
    fn invalid_media_types() {
        let long = format!("application/{}", "a".repeat(MAX_NAME_LEN + 1));
        for (s, offset) in [
            ("", 0),
            ("image", 5),
            ("image/", 6),
            ("/jpeg", 0),
            ("image/*", 6),
            ("*/*", 0),
            (" image/jpeg", 0),
            ("image /jpeg", 5),
            ("image/ jpeg", 6),
            ("image/jpeg ", 10),
            ("image/jp eg", 9),
            ("image/jpeg;", 11),
            ("image/jpeg;q", 12),
            ("image/jpeg;q=", 13),
            ("image/jpeg; q = 1", 13),
            ("image/jpeg;q=a b", 15),
            ("image/jpeg;q=\"open", 13),
            ("image/jpeg;q=\"é\"", 14),
            ("image/jpeg;q=a@b", 14),
            ("text/plain;charset=a;CHARSET=b", 21),
            ("image/jpég", 8),
            ("image/jpeg,image/png", 10),
            ("-image/jpeg", 0),
            (long.as_str(), 12),
        ] {
            match parse(s) {
                Ok(m) => panic!("{s:?} accepted: {m:?}"),
                Err(e) => assert_eq!(e.offset, offset, "{s:?}: {e}"),
            }
        }
        let ok = format!("application/{}", "a".repeat(MAX_NAME_LEN));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn content_type_rule_passes() {
        let mut doc = sample();
        binary_objects(item(&mut doc, 1))[1].content_type =
            Some(etsi::ShortString::new("text/plain; charset=\"utf-8\"").unwrap());
        let v = check(&doc, &Options::default());
        assert!(v.is_empty(), "{}", show(&v));
    }

    #[test]
    fn content_type_rule_fails() {
        let mut doc = sample();
        binary_objects(item(&mut doc, 0))[0].content_type =
            Some(etsi::ShortString::new("jpeg image").unwrap());
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::ContentType);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.4.3, Table 8");
        assert_eq!(
            v[0].path,
            format!(
                "{}/etsi707:payload/etsi707:coreParameters/etsi707:associatedBinaryData\
                 /etsi707:binaryObject[1]/etsi707:contentType",
                item_path(1)
            )
        );
        assert_eq!(v[0].value.as_deref(), Some("jpeg image"));
        assert!(v[0].message.contains("RFC 6838"), "{}", v[0]);
    }
}
