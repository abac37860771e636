//! Simple values: the Rust forms of the XSD built-in types, and the facet checks that the
//! generated newtypes use.
//!
//! Values whose lexical form matters (integers, decimals, dates and times) keep the text exactly as
//! written after whitespace processing, so a document re-serializes byte for byte; they are
//! checked against their lexical space when parsed or constructed.

mod binary;
pub mod builtin;
pub mod facet;
mod lexical;

pub use binary::{Base64Binary, HexBinary};
pub use lexical::{
    Date, DateTime, Decimal, Duration, GDay, GMonth, GMonthDay, GYear, GYearMonth, Integer, Time,
};

use crate::error::ValueError;
use std::borrow::Cow;

/// A simple type: parsed from its lexical form (after whitespace processing) and written back.
///
/// Implemented by the value types of this module and by every generated simple type.
pub trait SimpleValue: Sized {
    /// Parses the lexical form, checking every facet of the type.
    fn from_lexical(text: &str) -> Result<Self, ValueError>;
    /// The lexical form to write.
    fn to_lexical(&self) -> Cow<'_, str>;
}

/// The `whiteSpace` facet: how a lexical value is normalised before it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhiteSpace {
    /// Kept as is (`xs:string`).
    Preserve,
    /// Tab, line feed and carriage return become spaces (`xs:normalizedString`).
    Replace,
    /// As `Replace`, then runs of spaces fold into one and leading/trailing spaces go.
    Collapse,
}

impl WhiteSpace {
    /// Applies the normalisation, borrowing when nothing changes.
    #[inline]
    pub fn apply(self, text: &str) -> Cow<'_, str> {
        match self {
            WhiteSpace::Preserve => Cow::Borrowed(text),
            WhiteSpace::Replace => {
                if text.contains(['\t', '\n', '\r']) {
                    Cow::Owned(replace(text))
                } else {
                    Cow::Borrowed(text)
                }
            }
            WhiteSpace::Collapse => {
                let is_ws_byte = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r');
                let b = text.as_bytes();
                let start = b.iter().position(|c| !is_ws_byte(c)).unwrap_or(b.len());
                let end = b
                    .iter()
                    .rposition(|c| !is_ws_byte(c))
                    .map_or(start, |i| i + 1);
                // White space is ASCII, so these are character boundaries.
                let trimmed = &text[start..end];
                // One branch-free pass: a tab, line feed or carriage return, or two spaces in a
                // row, needs rewriting; anything else is borrowed as is.
                let (mut needs, mut prev_space) = (false, false);
                for &c in trimmed.as_bytes() {
                    let space = c == b' ';
                    needs |= (c == b'\t') | (c == b'\n') | (c == b'\r') | (space & prev_space);
                    prev_space = space;
                }
                if needs {
                    Cow::Owned(collapse(trimmed))
                } else {
                    Cow::Borrowed(trimmed)
                }
            }
        }
    }
}

/// `replace` on a value that needs it (out of line: rare, and kept out of the hot path).
#[cold]
#[inline(never)]
fn replace(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// `collapse` on a trimmed value that needs it (out of line, as [`replace`]).
#[cold]
#[inline(never)]
fn collapse(trimmed: &str) -> String {
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let mut out = String::with_capacity(trimmed.len());
    for (i, word) in trimmed.split(is_ws).filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
