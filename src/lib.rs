//! # li707
//!
//! ETSI TS 103 707 V1.4.1, "Lawful Interception; Handover for messaging services over HTTP/XML",
//! for Rust: types generated from the XSD schemas, one-pass reading with validation, and writing,
//! of handover items wrapped in the ETSI TS 103 120 `HI1Message` / `DeliveryObject` envelope.
//!
//! - [`schema`]: the types generated at build time from the schemas in `schemas/` (TS 103 707
//!   messaging, TS 103 120 Core/Common/Delivery, TS 103 280 dictionary).
//! - [`xml`]: the runtime that generated code uses (reader, writer, raw wildcard content).
//! - [`value`]: Rust forms of XSD built-in types and the facet checks.
//! - [`read()`]: for LEAs, a delivery read within [`Limits`] into a typed [`Delivery`] and the
//!   full validation report (schemas and TS 103 707 rules).
//! - [`rules`]: the TS 103 707 rules that XSD cannot express (clauses 5.2–5.4, Tables 1–9,
//!   Annex C), each violation citing its clause.
//! - [`build`]: builders for CSPs: handover items, their parts and the validated delivery envelope.
//! - [`Error`]: errors with line:column, element path and the rule that failed.
//!
//! The core does no I/O: it reads from and writes to byte buffers.
//!
//! # Invalid values cannot be built
//!
//! A restricted simple type is a newtype whose only constructors check every facet of its
//! derivation chain, so its inner value cannot be set directly:
//!
//! ```compile_fail,E0423
//! let liid = li707::schema::etsi::Liid(String::from("not checked"));
//! ```
//!
//! ```
//! use li707::schema::etsi::Liid;
//! assert!(Liid::new("LIID-EXAMPLE-0001").is_ok());
//! let err = Liid::new("has spaces").unwrap_err(); // pattern ([!-~]{1,25})|([0-9a-f]{26,50})
//! assert_eq!(err.type_name, "etsi:LIID");
//! ```
//!
//! Structures that XSD bounds (`minOccurs`, `maxOccurs`, wildcard namespaces) are checked
//! before anything is written: `to_xml` refuses a document that breaks them, and `validate()`
//! lists every such error.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate self as li707;

pub mod build;
pub mod error;
pub mod read;
pub mod rules;
pub mod value;
pub mod xml;

pub use error::{Error, ErrorKind, Position, Report, Rule, ValueError, DEFAULT_ERROR_LIMIT};
pub use read::{read, Delivery, Limits, Reading};

/// Types generated from `schemas/` at build time (see `generated/` for the reviewed copy).
#[allow(missing_docs)]
pub mod schema {
    include!(concat!(env!("OUT_DIR"), "/li707/mod.rs"));
}
