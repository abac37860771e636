//! # li707-example-csp
//!
//! Example of CSP-defined information (ETSI TS 103 707 V1.4.1 clause 5.6) with li707: a CSP
//! writes its own schema, `schemas/csp_messaging_events.xsd` (namespace
//! [`NAMESPACE`], messaging events with the examples of clause 5.6.1, reusing TS 103 280 types
//! as clause 5.6.3 asks), generates Rust types from it in `build.rs` with `li707-codegen`, and
//! carries values of those types in a delivery:
//!
//! - `cspDefinedParameters/cspDefinedMetadata/xmlData` holds the event as raw XML
//!   ([`to_xml_data`], and back with [`from_xml_data`]);
//! - `cspDefinedParameters/cspDefinedMetadata/schemaDetails` names the schema (Table 9) and may
//!   embed it ([`schema_details`]).
//!
//! The two schema sets stay independent: `xmlData` is a lax wildcard in li707's set, so the CSP
//! event crosses between [`li707::schema`] and [`csp`] as XML.
//!
//! ```
//! use li707_example_csp::{csp, from_xml_data, to_xml_data};
//!
//! let event = csp::Document::MessagingEvent(csp::csp::MessagingEvent {
//!     event_type: csp::csp::EventType::MessageStatusChanged,
//!     time_of_receiving: Some("2024-03-14T09:25:11Z".parse()?),
//!     message_status: Some(csp::csp::MessageStatus::Read),
//!     thread: None,
//!     group_event: None,
//!     device: None,
//!     location: None,
//! });
//! let raw = to_xml_data(&event)?;
//! assert_eq!(raw.namespace.as_deref(), Some(li707_example_csp::NAMESPACE));
//! assert_eq!(from_xml_data(&raw)?, event);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use li707::schema::etsi707;
use li707::xml::RawElement;

/// Types generated at build time from `schemas/` (the CSP schema and the TS 103 280 dictionary
/// it imports): [`csp::csp`] for the CSP namespace, [`csp::etsi`] for TS 103 280, and
/// [`csp::Document`] for the global element `messagingEvent`.
// The generated namespace module is named after the prefix `csp`, hence `csp::csp`.
#[allow(clippy::module_inception)]
pub mod csp {
    include!(concat!(env!("OUT_DIR"), "/csp/mod.rs"));
}

/// The target namespace of the CSP-defined schema.
pub const NAMESPACE: &str = "urn:example:csp:messaging:1";

/// The schemaIdentifier the CSP assigned to this version of its schema (TS 103 707 Table 9: a
/// changed or updated schema gets a new identifier).
pub const SCHEMA_IDENTIFIER: &str = "urn:example:csp:messaging:1#v1";

/// Where the CSP publishes the schema (TS 103 707 Table 9 schemaURL; a made-up address).
pub const SCHEMA_URL: &str = "https://csp.example.invalid/schemas/csp_messaging_events-v1.xsd";

/// The CSP-defined schema file itself, as embedded in schemaContent by [`schema_details`].
///
/// Its `xs:import` of TS 103 280 carries a `schemaLocation` relative to this repository; a
/// receiver compiles the embedded schema with its own copy of the TS 103 280 dictionary (for
/// example through `li707_codegen::Config::catalog`).
pub const SCHEMA_XSD: &[u8] = include_bytes!("../schemas/csp_messaging_events.xsd");

/// Converts a CSP event into content of `etsi707:xmlData`: the event's XML, kept as a
/// namespace-complete [`RawElement`] (li707's set does not declare the CSP namespace, and
/// `xmlData` is a lax wildcard).
///
/// Put it into the delivery as `li707::schema::Any::Raw(raw)` in
/// [`etsi707::CspDefinedXmlData::any`].
pub fn to_xml_data(event: &csp::Document) -> Result<RawElement, li707::Error> {
    RawElement::from_xml(&event.to_xml()?)
}

/// Reads a CSP event back from content of `etsi707:xmlData`, validating it against the CSP
/// schema in the same pass: an element or value the schema does not allow is an error naming
/// the element path and the rule.
pub fn from_xml_data(raw: &RawElement) -> Result<csp::Document, li707::Error> {
    csp::Document::from_xml(&raw.to_xml()?)
}

/// The schemaDetails (TS 103 707 clause 5.6.2, Table 9) describing this CSP's schema:
/// [`SCHEMA_IDENTIFIER`], [`SCHEMA_URL`] and the schema itself ([`SCHEMA_XSD`]) embedded in
/// schemaContent as an `xs:schema` element.
///
/// Once the LEA has the schema, later deliveries may carry the identifier alone (clause 5.6.2):
/// set `schema_url` and `schema_content` to `None`.
pub fn schema_details() -> Result<etsi707::SchemaDetails, li707::Error> {
    Ok(etsi707::SchemaDetails {
        schema_identifier: li707::schema::etsi::LongString::new(SCHEMA_IDENTIFIER)?,
        schema_url: Some(SCHEMA_URL.to_owned()),
        schema_content: Some(etsi707::CspSchemaContent {
            any: li707::schema::Any::Raw(schema_element()?),
        }),
    })
}

/// The embedded schema: the root `xs:schema` element of [`SCHEMA_XSD`] as a [`RawElement`]
/// (comments before it are not part of the element).
pub fn schema_element() -> Result<RawElement, li707::Error> {
    RawElement::from_xml(SCHEMA_XSD)
}
