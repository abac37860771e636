//! Builders for what a CSP writes: handover items and collections (TS 103 707 clause 5),
//! their parts, and the TS 103 120 envelope of clause 5.2 around them.
//!
//! Every builder collects its errors instead of stopping at the first: `build()` returns one
//! [`BuildError`] listing every required field that is missing and every value that its type
//! does not allow, each named by its element path (for example `binaryObject/url`). Nested
//! builders passed to a parent are built with it, so one `build()` reports the errors of the
//! whole tree.
//!
//! | Builder | Builds | Required |
//! |---|---|---|
//! | [`PartyBuilder`] | `etsi707:MessagingParty` (Table 7) | at least one identifier |
//! | [`BinaryObjectBuilder`] | `etsi707:binaryObject` (Table 8), with `contentLength` and SHA-256 `checksum` computed from the bytes | `url` |
//! | [`CspParametersBuilder`] | `etsi707:cspDefinedParameters` (clause 5.6, Table 9) | `schemaIdentifier` |
//! | [`Correlator`] / [`Correlation`] | `etsi707:applicationCorrelation` (clause 5.3.2) | — |
//! | [`HandoverItemBuilder`] | `etsi707:handoverItem` with a `MessagingPayload` (Tables 4 and 6) | — |
//! | [`CollectionBuilder`] | `etsi707:handoverItemCollection` | at least one item |
//! | [`DeliveryBuilder`] | the whole `HI1Message` (Tables 1 to 3), validated | sender UniqueIdentifier, Reference, at least one item |
//!
//! Annex A identifiers (Table A.2) are in [`identifiers`]; the injectable clock and UUID
//! source in [`clock`]; a deterministic example delivery in [`sample`].
//!
//! ```
//! use li707::build::{
//!     BinaryObjectBuilder, Correlator, DeliveryBuilder, HandoverItemBuilder, PartyBuilder,
//! };
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut correlator = Correlator::new();
//! let item = HandoverItemBuilder::new()
//!     .correlation(correlator.next("conversation-8841"))
//!     .sender(PartyBuilder::new().msisdn("447700900123").targeted(true))
//!     .receiver(PartyBuilder::new().email("bob@example.invalid"))
//!     .timestamp("2024-03-14T09:25:10Z")
//!     .binary_object(
//!         BinaryObjectBuilder::new()
//!             .url("https://csp.example/binary/5e1f0c2a-9d47-4b3e-8a61-c7f2d0e9b148")
//!             .content_type("image/jpeg")
//!             .content(b"...jpeg bytes..."),
//!     );
//! let message = DeliveryBuilder::new()
//!     .sender_identifier("example-csp-messaging-01")
//!     .liid("LIID-EXAMPLE-0001")
//!     .item(item)
//!     .build()?; // validated: schema and TS 103 707 rules
//! let xml = message.to_xml()?;
//! # assert!(!xml.is_empty());
//! # Ok(())
//! # }
//! ```
//!
//! The module does no I/O of its own: binary content comes as bytes or from a reader the
//! caller supplies. Nothing here panics or prints.

use std::fmt;

use crate::error::{Error, ValueError};
use crate::rules::Violation;

mod binary;
pub mod clock;
mod correlation;
mod csp;
mod delivery;
pub mod identifiers;
mod item;
mod party;
pub mod sample;

pub use binary::{sha256_hex, BinaryObjectBuilder, Digest};
pub use clock::{Clock, FixedClock, RandomUuids, SeededUuids, SystemClock, UuidSource};
pub use correlation::{Correlation, Correlator};
pub use csp::CspParametersBuilder;
pub use delivery::{DeliveryBuilder, ETSI_VERSION, NOT_APPLICABLE, NOT_SPECIFIED, UNKNOWN_COUNTRY};
pub use identifiers::{Identifier, IdentifierKind};
pub use item::{CollectionBuilder, HandoverItemBuilder};
pub use party::PartyBuilder;
pub use sample::sample_delivery;

/// Why a builder could not build: every missing required field and every invalid value, and,
/// for [`DeliveryBuilder`], what validating the finished message found.
///
/// Fields are named by their element path relative to the element the builder builds, e.g.
/// `binaryObject/url`, `messageSender/identifiers`, `SenderIdentifier/UniqueIdentifier`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct BuildError {
    /// Required fields that were not given.
    pub missing: Vec<&'static str>,
    /// Values their type does not allow, with the field they were given for.
    pub invalid: Vec<(&'static str, ValueError)>,
    /// XML given for a field (raw CSP-defined content) that could not be read or written.
    pub xml: Vec<(&'static str, Error)>,
    /// Schema errors of the finished message ([`crate::schema::Document::validate`]); only
    /// [`DeliveryBuilder`] validates.
    pub schema: Vec<Error>,
    /// TS 103 707 rule violations of the finished message ([`crate::rules::check`]); only
    /// [`DeliveryBuilder`] checks.
    pub rules: Vec<Violation>,
}

impl BuildError {
    /// Whether nothing was found (a builder never returns an empty error).
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty()
            && self.invalid.is_empty()
            && self.xml.is_empty()
            && self.schema.is_empty()
            && self.rules.is_empty()
    }

    /// Every field named by the error (missing, invalid or bad XML), in order.
    pub fn fields(&self) -> Vec<&'static str> {
        let mut out = self.missing.clone();
        out.extend(self.invalid.iter().map(|(f, _)| *f));
        out.extend(self.xml.iter().map(|(f, _)| *f));
        out
    }

    /// Adds the errors of `other` (used when a parent builds its children).
    pub fn merge(&mut self, other: BuildError) {
        self.missing.extend(other.missing);
        self.invalid.extend(other.invalid);
        self.xml.extend(other.xml);
        self.schema.extend(other.schema);
        self.rules.extend(other.rules);
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if !self.missing.is_empty() {
            write!(f, "missing: {}", self.missing.join(", "))?;
            sep = "; ";
        }
        for (field, e) in &self.invalid {
            write!(f, "{sep}invalid {field}: {e}")?;
            sep = "; ";
        }
        for (field, e) in &self.xml {
            write!(f, "{sep}bad XML for {field}: {e}")?;
            sep = "; ";
        }
        for e in &self.schema {
            write!(f, "{sep}schema: {e}")?;
            sep = "; ";
        }
        for v in &self.rules {
            write!(f, "{sep}rule: {v}")?;
            sep = "; ";
        }
        if sep.is_empty() {
            f.write_str("build failed")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

/// Collects the errors of one `build()`.
#[derive(Debug, Default)]
pub(crate) struct Collect {
    err: BuildError,
}

impl Collect {
    pub(crate) fn new() -> Self {
        Collect::default()
    }

    pub(crate) fn missing(&mut self, field: &'static str) {
        self.err.missing.push(field);
    }

    /// Keeps the value, or records the error under `field`.
    pub(crate) fn value<T>(&mut self, field: &'static str, r: Result<T, ValueError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.err.invalid.push((field, e));
                None
            }
        }
    }

    /// A required value: records `field` as missing when absent.
    pub(crate) fn required<T>(
        &mut self,
        field: &'static str,
        r: Option<Result<T, ValueError>>,
    ) -> Option<T> {
        match r {
            None => {
                self.missing(field);
                None
            }
            Some(r) => self.value(field, r),
        }
    }

    pub(crate) fn invalid(&mut self, field: &'static str, e: ValueError) {
        self.err.invalid.push((field, e));
    }

    pub(crate) fn xml(&mut self, field: &'static str, e: Error) {
        self.err.xml.push((field, e));
    }

    /// Builds a child, merging its errors.
    pub(crate) fn child<T>(&mut self, r: Result<T, BuildError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.err.merge(e);
                None
            }
        }
    }

    pub(crate) fn is_ok(&self) -> bool {
        self.err.is_empty()
    }

    /// The error so far (never empty: an internal inconsistency is reported as a missing
    /// value of the element being built).
    pub(crate) fn into_error(mut self, element: &'static str) -> BuildError {
        if self.err.is_empty() {
            self.err.missing.push(element);
        }
        self.err
    }

    pub(crate) fn error_mut(&mut self) -> &mut BuildError {
        &mut self.err
    }
}

/// Checks a string for a type that only limits its length: XML characters, then the type.
pub(crate) fn text<T>(
    value: &str,
    make: impl FnOnce(String) -> Result<T, ValueError>,
) -> Result<T, ValueError> {
    crate::value::builtin::check_xml_text(value)?;
    make(value.to_owned())
}

/// A `LongString` (TS 103 280) of XML characters.
pub(crate) fn long_string(value: &str) -> Result<crate::schema::etsi::LongString, ValueError> {
    text(value, crate::schema::etsi::LongString::new)
}

/// A `ShortString` (TS 103 280) of XML characters.
pub(crate) fn short_string(value: &str) -> Result<crate::schema::etsi::ShortString, ValueError> {
    text(value, crate::schema::etsi::ShortString::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Rule;

    #[test]
    fn display_lists_every_field() {
        let mut e = BuildError::default();
        assert!(e.is_empty());
        e.missing.push("binaryObject/url");
        e.missing.push("MessagingParty/identifiers");
        e.invalid.push((
            "binaryObject/expiry",
            ValueError::new("xs:dateTime", Rule::Lexical("xs:dateTime"), "tomorrow"),
        ));
        let s = e.to_string();
        assert!(s.starts_with("missing: binaryObject/url, MessagingParty/identifiers"));
        assert!(s.contains("invalid binaryObject/expiry: "));
        assert!(s.contains("tomorrow"));
        assert_eq!(
            e.fields(),
            [
                "binaryObject/url",
                "MessagingParty/identifiers",
                "binaryObject/expiry"
            ]
        );
        assert_eq!(BuildError::default().to_string(), "build failed");
    }
}
