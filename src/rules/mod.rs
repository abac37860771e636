//! The rules of ETSI TS 103 707 V1.4.1 that the XSD schemas cannot express.
//!
//! Reading a document with [`crate::schema::Document::from_xml`] checks everything the schemas
//! say. This module checks, on the typed value, the requirements that the standard states in
//! prose: how the TS 103 120 envelope is populated (clauses 5.2.2 and 5.2.3, Tables 1 to 3),
//! what a DeliveryObject carries (clause 5.2.1), how application correlation numbers items
//! (clause 5.3.2), and the binary object fields (clause 5.4.3, Table 8, and Annex C).
//!
//! ```
//! use li707::rules::{self, BinaryModel, Options};
//! # fn main() -> Result<(), li707::Error> {
//! let xml = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sample_delivery.xml"))
//!     .expect("sample");
//! let doc = li707::schema::Document::from_xml(&xml)?;
//! let options = Options { binary_model: Some(BinaryModel::B), ..Options::default() };
//! let violations = rules::check(&doc, &options);
//! for v in &violations {
//!     eprintln!("{v}"); // path: clause: message
//! }
//! assert!(violations.is_empty());
//! # Ok(())
//! # }
//! ```
//!
//! # The rules
//!
//! | Rule | Clause | [`RuleId`] |
//! |---|---|---|
//! | Version: NationalProfileOwner and NationalProfileVersion are `N/A` when no national profile is used ([`Options::national_profile`]) | 5.2.2, Table 1 | [`RuleId::NationalProfile`] |
//! | The payload is a RequestPayload of DELIVER actions, each delivering a DeliveryObject | 5.2.3 | [`RuleId::Payload`] |
//! | DeliveryObject CountryCode is present and equals the ReceiverIdentifier CountryCode | 5.2.3, Table 2 | [`RuleId::CountryCode`] |
//! | DeliveryObject OwnerIdentifier is present and equals the ReceiverIdentifier UniqueIdentifier | 5.2.3, Table 2 | [`RuleId::OwnerIdentifier`] |
//! | Reference (LIID or LDID) is present (mandatory in Table 3, optional in the TS 103 120 schema) | 5.2.3, Table 3 | [`RuleId::Reference`] |
//! | Manifest, when present, is the dictionary entry `ETSI` / `ManifestSpecification` / `TS103707` | 5.2.3, Table 3 | [`RuleId::Manifest`] |
//! | Delivery is present and is XMLData | 5.2.3, Table 3 | [`RuleId::DeliveryContent`] |
//! | XMLData holds exactly one `handoverItem` or one `handoverItemCollection` (so that all items of the delivery relate to its one Reference); a collection is not empty | 5.2.1 | [`RuleId::DeliveryContent`] |
//! | Per applicationLevelID within a delivery: no applicationSequenceNumber twice | 5.3.2 | [`RuleId::SequenceDuplicate`] |
//! | Per applicationLevelID within a delivery: the numbers start at zero ([`Options::require_sequence_zero`]); none is negative | 5.3.2 | [`RuleId::SequenceStart`] |
//! | binaryObject `url` is unique within the checked document | 5.4.3, Table 8 | [`RuleId::UrlUnique`] |
//! | binaryObject `checksum` is a SHA-256 value: 64 hexadecimal digits, either case | 5.4.3, Table 8 | [`RuleId::Checksum`] |
//! | binaryObject `contentType` is an RFC 6838 media type (see [`media_type`]) | 5.4.3, Table 8 | [`RuleId::ContentType`] |
//! | binaryObject `expiry` is present when the delivery uses Model A ([`Options::binary_model`]) | Annex C.2, Table 8 | [`RuleId::Expiry`] |
//!
//! Decisions and limits:
//!
//! - **Sequence gaps are allowed.** Clause 5.3.2 says each related item "shall be allocated a
//!   sequence number" and that "the sequence number shall start at zero"; it does not say the
//!   numbers are consecutive, and items of a correlation group may be delivered in other
//!   deliveries or not match the request at all. Duplicates and a missing zero are violations.
//! - **What "a delivery" is.** For an `HI1Message`, the DeliveryObjects that share a
//!   DeliveryID form one delivery (TS 103 120 clause 10 lets a delivery be split over several
//!   DeliveryObjects); a DeliveryObject without DeliveryID is a delivery of its own. A standalone
//!   `handoverItem` or `handoverItemCollection` is one delivery. When a delivery continues
//!   correlation groups begun in an earlier one (for example an ongoing interception that
//!   delivers each message as it happens, or a later part of a delivery split over several
//!   messages), set [`Options::require_sequence_zero`] to `false`.
//! - **URL uniqueness** (Table 8: unique for a binary object from a CSP and never re-used) can
//!   only be checked within what is given: all binaryObjects of the checked document.
//! - **NationalHandlingParameters** "shall not be used" (Table 2). The li707 transcription of
//!   the TS 103 120 Core schema leaves the element out, so a document that uses it is rejected
//!   when read and there is nothing left to check here.
//! - Every DeliveryObject of a checked `HI1Message` is taken to be a TS 103 707 delivery
//!   (li707 handles nothing else), so Tables 2 and 3 apply to all of them.
//!
//! The checks never panic and never print; they return every violation found, in document
//! order per rule group.

use std::fmt;

use crate::schema::{etsi707, Document};

mod binary;
mod correlation;
mod envelope;
pub mod media_type;

/// Clause citations used in [`Violation::clause`].
pub mod clause {
    /// Clause 5.2.1: what a DeliveryObject carries.
    pub const DELIVERY: &str = "TS 103 707 clause 5.2.1";
    /// Clause 5.2.2, Table 1: message header population.
    pub const MESSAGE_HEADER: &str = "TS 103 707 clause 5.2.2, Table 1";
    /// Clause 5.2.3: the payload is a Delivery Request with a DeliveryObject.
    pub const PAYLOAD: &str = "TS 103 707 clause 5.2.3";
    /// Clause 5.2.3, Table 2: object top-level fields.
    pub const OBJECT_HEADER: &str = "TS 103 707 clause 5.2.3, Table 2";
    /// Clause 5.2.3, Table 3: DeliveryObject fields.
    pub const DELIVERY_OBJECT: &str = "TS 103 707 clause 5.2.3, Table 3";
    /// Clause 5.3.2: application correlation.
    pub const CORRELATION: &str = "TS 103 707 clause 5.3.2";
    /// Clause 5.4.3, Table 8: binary object fields.
    pub const BINARY_OBJECT: &str = "TS 103 707 clause 5.4.3, Table 8";
    /// Annex C.2: Model A content delivery.
    pub const MODEL_A: &str = "TS 103 707 Annex C.2, Table 8";
}

/// How binary data is delivered (TS 103 707 Annex C, chosen by agreement between LEA and CSP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryModel {
    /// Model A (Annex C.2): the LEA fetches each binary object from a URL hosted by the CSP;
    /// every binaryObject then needs an `expiry`.
    A,
    /// Model B (Annex C.3): the CSP POSTs each binary object to a URL owned by the LEA.
    B,
}

/// What the caller knows about the delivery that the document does not say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The binary delivery model agreed with the LEA; `None` when unknown (the `expiry` rule
    /// is then not checked). Default `None`.
    pub binary_model: Option<BinaryModel>,
    /// Whether a TS 103 120 national profile is used. When `false` (the default; clause 5.2.1
    /// does not require national profiles) NationalProfileOwner and NationalProfileVersion
    /// shall be `N/A` (Table 1).
    pub national_profile: bool,
    /// Whether every applicationLevelID of a delivery needs an item with
    /// applicationSequenceNumber 0 (clause 5.3.2: "the sequence number shall start at zero").
    /// Default `true`; set `false` for a delivery that continues correlation groups begun in an
    /// earlier delivery or message (the check sees only the document it is given). Duplicates
    /// are checked either way.
    pub require_sequence_zero: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            binary_model: None,
            national_profile: false,
            require_sequence_zero: true,
        }
    }
}

/// Which rule a [`Violation`] broke (see the table in the [module documentation](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RuleId {
    /// NationalProfileOwner / NationalProfileVersion not `N/A` without a national profile.
    NationalProfile,
    /// The payload is not a RequestPayload of DELIVER actions delivering DeliveryObjects.
    Payload,
    /// DeliveryObject CountryCode missing or not the ReceiverIdentifier CountryCode.
    CountryCode,
    /// DeliveryObject OwnerIdentifier missing or not the ReceiverIdentifier UniqueIdentifier.
    OwnerIdentifier,
    /// DeliveryObject without Reference.
    Reference,
    /// Manifest that does not name TS 103 707.
    Manifest,
    /// Delivery missing, not XMLData, or not exactly one handoverItem / handoverItemCollection.
    DeliveryContent,
    /// An applicationSequenceNumber used twice for one applicationLevelID.
    SequenceDuplicate,
    /// An applicationLevelID without sequence number 0, or a negative sequence number.
    SequenceStart,
    /// A binaryObject url used more than once.
    UrlUnique,
    /// A checksum that is not 64 hexadecimal digits.
    Checksum,
    /// A contentType that is not an RFC 6838 media type.
    ContentType,
    /// A binaryObject without expiry under Model A.
    Expiry,
}

/// A broken rule: where, which clause, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The rule.
    pub rule: RuleId,
    /// The clause that states it, e.g. `"TS 103 707 clause 5.3.2"` (see [`clause`]).
    pub clause: &'static str,
    /// XPath-like location with the prefixes of [`crate::schema::NAMESPACES`] (TS 103 120 Core
    /// names unprefixed) and 1-based positions on repeated elements, e.g.
    /// `/HI1Message/Payload/RequestPayload/ActionRequests/ActionRequest[1]/DELIVER/HI1Object/delivery:Delivery/delivery:XMLData/etsi707:handoverItemCollection/etsi707:handoverItem[2]/etsi707:header/etsi707:applicationCorrelation/etsi707:applicationSequenceNumber`.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// The offending value, shortened to at most [`Violation::MAX_VALUE_CHARS`] characters.
    pub value: Option<String>,
}

impl Violation {
    /// The longest [`Violation::value`], in characters (longer values end in `…`).
    pub const MAX_VALUE_CHARS: usize = 80;

    fn new(
        rule: RuleId,
        clause: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Violation {
            rule,
            clause,
            path: path.into(),
            message: message.into(),
            value: None,
        }
    }

    fn with_value(mut self, value: &str) -> Self {
        self.value = Some(shorten(value));
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.path, self.clause, self.message)
    }
}

impl std::error::Error for Violation {}

fn shorten(value: &str) -> String {
    if value.chars().count() <= Violation::MAX_VALUE_CHARS {
        return value.to_owned();
    }
    let end = value
        .char_indices()
        .nth(Violation::MAX_VALUE_CHARS - 1)
        .map_or(value.len(), |(i, _)| i);
    format!("{}…", &value[..end])
}

/// Checks a document of any root: an `HI1Message` delivery, or a standalone `handoverItem` or
/// `handoverItemCollection` (then only the item rules apply). Returns every violation found;
/// an empty vector means the document follows all rules of this module.
pub fn check(doc: &Document, options: &Options) -> Vec<Violation> {
    match doc {
        Document::Hi1Message(msg) => check_message(msg, options),
        Document::HandoverItem(item) => check_item(item, options),
        Document::HandoverItemCollection(c) => check_collection(c, options),
    }
}

/// Checks an `HI1Message` that delivers TS 103 707 content: the envelope rules (clauses 5.2.1
/// to 5.2.3) and the item rules for every handover item it carries.
pub fn check_message(msg: &crate::schema::core::Hi1Message, options: &Options) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut items = Vec::new();
    envelope::check_message(msg, options, &mut items, &mut out);
    check_items(&items, options, &mut out);
    out
}

/// Checks a standalone `handoverItem` (root `/etsi707:handoverItem`) as a delivery of one item.
pub fn check_item(item: &etsi707::HandoverItem, options: &Options) -> Vec<Violation> {
    let items = [ItemRef {
        item,
        base: "/etsi707:handoverItem".into(),
        index: None,
        delivery: 0,
    }];
    let mut out = Vec::new();
    check_items(&items, options, &mut out);
    out
}

/// Checks a standalone `handoverItemCollection` (root `/etsi707:handoverItemCollection`) as
/// one delivery.
pub fn check_collection(
    collection: &etsi707::HandoverItemCollection,
    options: &Options,
) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut items = Vec::new();
    envelope::collection_items(
        collection,
        "/etsi707:handoverItemCollection",
        0,
        &mut items,
        &mut out,
    );
    check_items(&items, options, &mut out);
    out
}

/// A handover item found in the checked document.
struct ItemRef<'a> {
    item: &'a etsi707::HandoverItem,
    /// Path of the `handoverItem` element without its index (shared by the items of one
    /// collection: paths are only built for violations).
    base: std::rc::Rc<str>,
    /// The 1-based index of the element among its siblings, when it has some.
    index: Option<usize>,
    /// Which delivery it belongs to (items of one delivery share the number).
    delivery: usize,
}

impl ItemRef<'_> {
    /// Path of the `handoverItem` element.
    fn path(&self) -> String {
        match self.index {
            Some(i) => format!("{}[{i}]", self.base),
            None => self.base.to_string(),
        }
    }
}

fn check_items(items: &[ItemRef<'_>], options: &Options, out: &mut Vec<Violation>) {
    correlation::check(items, options, out);
    binary::check(items, options, out);
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Test documents: the sample delivery, read and then changed through the typed value.

    use super::Violation;
    use crate::schema::{core, delivery, etsi707, Any, Document};

    /// The sample delivery (an HI1Message with a handoverItemCollection of two items).
    pub fn sample() -> Document {
        Document::from_xml(include_bytes!("../../tests/data/sample_delivery.xml"))
            .expect("the sample delivery reads")
    }

    /// The message of the sample.
    pub fn message(doc: &mut Document) -> &mut core::Hi1Message {
        match doc {
            Document::Hi1Message(m) => m,
            _ => panic!("not an HI1Message"),
        }
    }

    /// The first DeliveryObject of the sample.
    pub fn delivery_object(doc: &mut Document) -> &mut delivery::DeliveryObject {
        let core::MessagePayload::RequestPayload(p) = &mut message(doc).payload else {
            panic!("not a RequestPayload")
        };
        let core::ActionRequestChoice::Deliver(d) = &mut p.action_requests.action_request[0].choice;
        let core::Hi1Object::DeliveryObject(o) = &mut d.hi1_object;
        o
    }

    /// The XMLData of the first DeliveryObject.
    pub fn xml_data(doc: &mut Document) -> &mut delivery::EmbeddedXmlData {
        match delivery_object(doc).delivery.as_mut() {
            Some(delivery::Delivery::XmlData(x)) => x,
            _ => panic!("no XMLData"),
        }
    }

    /// The handoverItemCollection of the sample.
    pub fn collection(doc: &mut Document) -> &mut etsi707::HandoverItemCollection {
        match xml_data(doc).any.first_mut() {
            Some(Any::Typed(d)) => match &mut **d {
                Document::HandoverItemCollection(c) => c,
                _ => panic!("not a collection"),
            },
            _ => panic!("no typed content"),
        }
    }

    /// Item `i` (0-based) of the sample collection.
    pub fn item(doc: &mut Document, i: usize) -> &mut etsi707::HandoverItem {
        &mut collection(doc).handover_item[i]
    }

    /// The binary objects of an item.
    pub fn binary_objects(item: &mut etsi707::HandoverItem) -> &mut Vec<etsi707::BinaryObject> {
        let etsi707::Payload::MessagingPayload(p) = &mut item.payload;
        &mut p
            .core_parameters
            .associated_binary_data
            .as_mut()
            .expect("binary data")
            .binary_object
    }

    /// Path of item `i` (1-based) of the sample collection.
    pub fn item_path(i: usize) -> String {
        format!(
            "/HI1Message/Payload/RequestPayload/ActionRequests/ActionRequest[1]/DELIVER/HI1Object\
             /delivery:Delivery/delivery:XMLData/etsi707:handoverItemCollection\
             /etsi707:handoverItem[{i}]"
        )
    }

    /// Path of the first DeliveryObject.
    pub const OBJECT: &str =
        "/HI1Message/Payload/RequestPayload/ActionRequests/ActionRequest[1]/DELIVER/HI1Object";

    /// Renders violations for assertion messages.
    pub fn show(v: &[Violation]) -> String {
        v.iter().map(|v| format!("\n  {v}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;

    #[test]
    fn sample_follows_every_rule() {
        let doc = sample();
        for options in [
            Options::default(),
            Options {
                binary_model: Some(BinaryModel::B),
                ..Options::default()
            },
        ] {
            let v = check(&doc, &options);
            assert!(v.is_empty(), "{}", show(&v));
        }
    }

    #[test]
    fn standalone_roots_are_checked() {
        let mut doc = sample();
        let c = collection(&mut doc).clone();
        assert!(check(
            &Document::HandoverItemCollection(c.clone()),
            &Options::default()
        )
        .is_empty());
        let first = c.handover_item[0].clone();
        assert!(check(&Document::HandoverItem(first), &Options::default()).is_empty());
        // The second item alone has sequence number 1 and no 0 in its (one-item) delivery.
        let second = c.handover_item[1].clone();
        let v = check(&Document::HandoverItem(second), &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].clause, "TS 103 707 clause 5.3.2");
        assert!(v[0]
            .path
            .starts_with("/etsi707:handoverItem/etsi707:header"));
    }

    #[test]
    fn display_is_path_clause_message() {
        let v =
            Violation::new(RuleId::Checksum, clause::BINARY_OBJECT, "/a/b", "bad").with_value("x");
        assert_eq!(v.to_string(), "/a/b: TS 103 707 clause 5.4.3, Table 8: bad");
        assert_eq!(v.value.as_deref(), Some("x"));
    }

    #[test]
    fn values_are_shortened() {
        let exact = "é".repeat(Violation::MAX_VALUE_CHARS);
        assert_eq!(shorten(&exact), exact);
        let long = "é".repeat(Violation::MAX_VALUE_CHARS + 1);
        let s = shorten(&long);
        assert_eq!(s.chars().count(), Violation::MAX_VALUE_CHARS);
        assert!(s.ends_with('…'));
        assert_eq!(shorten(""), "");
    }
}
