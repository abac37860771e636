//! Handover items (TS 103 707 clause 5.1) with a messaging payload (clause 5.4), and
//! collections of them (clause 5.2.1).

use std::time::SystemTime;

use super::binary::BinaryObjectBuilder;
use super::correlation::Correlation;
use super::csp::CspParametersBuilder;
use super::party::{self, PartyBuilder};
use super::{BuildError, Collect};
use crate::error::ValueError;
use crate::schema::{etsi, etsi707};

/// Builds an `etsi707:handoverItem` whose payload is a `MessagingPayload`: the application
/// level header (Table 4, written only when a correlation is given), the core parameters
/// (Table 6: sender, receivers, timestamp, binary objects, all optional) and the CSP-defined
/// parameters (clause 5.6).
///
/// Nothing is required by the schema; `build()` reports the errors of every part at once:
/// `applicationCorrelation/applicationLevelID`, `messageSender/…`, `recipient/…`,
/// `coreParameters/timestamp`, `binaryObject/…`, `schemaDetails/…`, `xmlData`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HandoverItemBuilder {
    correlation: Option<Correlation>,
    sender: Option<PartyBuilder>,
    receivers: Vec<PartyBuilder>,
    timestamp: Option<Result<etsi::QualifiedDateTime, ValueError>>,
    binary_objects: Vec<BinaryObjectBuilder>,
    csp: Option<CspParametersBuilder>,
}

impl HandoverItemBuilder {
    /// An empty item.
    pub fn new() -> HandoverItemBuilder {
        HandoverItemBuilder::default()
    }

    /// Sets the `applicationCorrelation` of the header (clause 5.3.2), typically from
    /// [`super::Correlator::next`].
    pub fn correlation(mut self, correlation: Correlation) -> HandoverItemBuilder {
        self.correlation = Some(correlation);
        self
    }

    /// Sets `messageSender` (Table 6).
    pub fn sender(mut self, party: PartyBuilder) -> HandoverItemBuilder {
        self.sender = Some(party);
        self
    }

    /// Adds a `recipient` to `messageReceivers` (Table 6).
    pub fn receiver(mut self, party: PartyBuilder) -> HandoverItemBuilder {
        self.receivers.push(party);
        self
    }

    /// Sets `timestamp` (Table 6), the time of the event, from a TS 103 280 QualifiedDateTime
    /// such as `2024-03-14T09:25:10Z` or `2024-03-14T10:25:10+01:00`.
    pub fn timestamp(mut self, timestamp: &str) -> HandoverItemBuilder {
        self.timestamp = Some(timestamp.parse());
        self
    }

    /// Sets `timestamp` (Table 6) from a time, in UTC to the second.
    pub fn timestamp_at(mut self, time: SystemTime) -> HandoverItemBuilder {
        self.timestamp = Some(super::clock::qualified_date_time(time));
        self
    }

    /// Adds a `binaryObject` to `associatedBinaryData` (Table 8).
    pub fn binary_object(mut self, object: BinaryObjectBuilder) -> HandoverItemBuilder {
        self.binary_objects.push(object);
        self
    }

    /// Sets the CSP-defined parameters (clause 5.6).
    pub fn csp_parameters(mut self, parameters: CspParametersBuilder) -> HandoverItemBuilder {
        self.csp = Some(parameters);
        self
    }

    /// Builds the item, or returns every error of the item and its parts.
    pub fn build(self) -> Result<etsi707::HandoverItem, BuildError> {
        let mut c = Collect::new();
        let header = self
            .correlation
            .as_ref()
            .and_then(|corr| corr.build_into(&mut c))
            .map(|corr| etsi707::ApplicationLevelHeader {
                application_correlation: Some(corr),
            });
        let message_sender = self
            .sender
            .and_then(|p| c.child(p.build_as(&party::SENDER)));
        let mut recipient = Vec::with_capacity(self.receivers.len());
        for p in self.receivers {
            if let Some(p) = c.child(p.build_as(&party::RECIPIENT)) {
                recipient.push(p);
            }
        }
        let timestamp = self
            .timestamp
            .and_then(|t| c.value("coreParameters/timestamp", t));
        let mut binary_object = Vec::with_capacity(self.binary_objects.len());
        for b in self.binary_objects {
            if let Some(b) = c.child(b.build()) {
                binary_object.push(b);
            }
        }
        let csp_defined_parameters = self.csp.and_then(|p| c.child(p.build()));
        if !c.is_ok() {
            return Err(c.into_error("handoverItem"));
        }
        Ok(etsi707::HandoverItem {
            header,
            payload: etsi707::Payload::MessagingPayload(etsi707::MessagingPayload {
                core_parameters: etsi707::MessagingCoreParameters {
                    message_sender,
                    message_receivers: if recipient.is_empty() {
                        None
                    } else {
                        Some(etsi707::MessageReceivers { recipient })
                    },
                    timestamp,
                    associated_binary_data: if binary_object.is_empty() {
                        None
                    } else {
                        Some(etsi707::AssociatedBinaryData { binary_object })
                    },
                },
                csp_defined_parameters,
            }),
        })
    }
}

/// An item to build, or one built already.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PendingItem {
    Builder(HandoverItemBuilder),
    Built(etsi707::HandoverItem),
}

impl PendingItem {
    pub(crate) fn build(self, c: &mut Collect) -> Option<etsi707::HandoverItem> {
        match self {
            PendingItem::Builder(b) => c.child(b.build()),
            PendingItem::Built(item) => Some(item),
        }
    }
}

/// Builds an `etsi707:handoverItemCollection`: one or more handover items, all related to the
/// same Reference (clause 5.2.1). Errors name `handoverItemCollection/handoverItem` (no item)
/// and the errors of every item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CollectionBuilder {
    items: Vec<PendingItem>,
}

impl CollectionBuilder {
    /// An empty collection (an item is required).
    pub fn new() -> CollectionBuilder {
        CollectionBuilder::default()
    }

    /// Adds an item to build.
    pub fn item(mut self, item: HandoverItemBuilder) -> CollectionBuilder {
        self.items.push(PendingItem::Builder(item));
        self
    }

    /// Adds an item built already.
    pub fn handover_item(mut self, item: etsi707::HandoverItem) -> CollectionBuilder {
        self.items.push(PendingItem::Built(item));
        self
    }

    /// Builds the collection, or returns every error.
    pub fn build(self) -> Result<etsi707::HandoverItemCollection, BuildError> {
        let mut c = Collect::new();
        if self.items.is_empty() {
            c.missing("handoverItemCollection/handoverItem");
        }
        let mut handover_item = Vec::with_capacity(self.items.len());
        for item in self.items {
            if let Some(item) = item.build(&mut c) {
                handover_item.push(item);
            }
        }
        if !c.is_ok() {
            return Err(c.into_error("handoverItemCollection/handoverItem"));
        }
        Ok(etsi707::HandoverItemCollection { handover_item })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::Correlator;
    use crate::schema::Document;

    #[test]
    fn item_reports_the_errors_of_every_part() {
        let e = HandoverItemBuilder::new()
            .correlation(Correlation::new("bad\u{0}", 0))
            .sender(PartyBuilder::new())
            .receiver(PartyBuilder::new().identifier("ok"))
            .receiver(PartyBuilder::new().msisdn("x"))
            .timestamp("2024-03-14T09:25:10") // no time zone
            .binary_object(BinaryObjectBuilder::new())
            .csp_parameters(CspParametersBuilder::new())
            .build()
            .expect_err("invalid");
        assert_eq!(
            e.missing,
            [
                "messageSender/identifiers",
                "binaryObject/url",
                "schemaDetails/schemaIdentifier"
            ]
        );
        let invalid: Vec<_> = e.invalid.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            invalid,
            [
                "applicationCorrelation/applicationLevelID",
                "recipient/identifiers/identifier",
                "coreParameters/timestamp"
            ]
        );
        let text = e.to_string();
        for f in ["messageSender/identifiers", "coreParameters/timestamp"] {
            assert!(text.contains(f), "{text}");
        }
    }

    #[test]
    fn item_builds_and_validates() {
        let mut corr = Correlator::new();
        let item = HandoverItemBuilder::new()
            .correlation(corr.next("conversation-8841"))
            .sender(PartyBuilder::new().identifier("user-4711").targeted(true))
            .receiver(PartyBuilder::new().email("bob@example.invalid"))
            .timestamp("2024-03-14T10:25:42+01:00")
            .binary_object(
                BinaryObjectBuilder::new()
                    .url("https://csp.example/binary/1")
                    .content(b"abc"),
            )
            .csp_parameters(
                CspParametersBuilder::new()
                    .schema_identifier("urn:example:csp:1#v1")
                    .xml_data_xml(br#"<c:e xmlns:c="urn:example:csp:1">x</c:e>"#),
            )
            .build()
            .expect("valid");
        let doc = Document::HandoverItem(item.clone());
        assert!(doc.validate().is_valid(), "{}", doc.validate());
        assert!(crate::rules::check(&doc, &crate::rules::Options::default()).is_empty());
        let xml = doc.to_xml().expect("writes");
        assert_eq!(Document::from_xml(&xml).expect("reads"), doc);

        // An empty item is schema-valid: every Table 6 field is optional.
        let empty = HandoverItemBuilder::new().build().expect("valid");
        assert!(empty.header.is_none());
        assert!(Document::HandoverItem(empty).validate().is_valid());

        let e = CollectionBuilder::new().build().expect_err("empty");
        assert_eq!(e.missing, ["handoverItemCollection/handoverItem"]);
        let e = CollectionBuilder::new()
            .handover_item(item.clone())
            .item(HandoverItemBuilder::new().timestamp("now"))
            .build()
            .expect_err("bad item");
        assert_eq!(e.invalid[0].0, "coreParameters/timestamp");
        let coll = CollectionBuilder::new()
            .handover_item(item)
            .item(HandoverItemBuilder::new().correlation(corr.next("conversation-8841")))
            .build()
            .expect("valid");
        assert_eq!(coll.handover_item.len(), 2);
        let doc = Document::HandoverItemCollection(coll);
        assert!(doc.validate().is_valid());
        assert!(crate::rules::check(&doc, &crate::rules::Options::default()).is_empty());
    }
}
