//! The envelope of TS 103 707 clause 5.2: an `HI1Message` with one DELIVER request carrying
//! a `DeliveryObject` whose XMLData holds the handover items.

use super::clock::{Clock, RandomUuids, SystemClock, UuidSource};
use super::item::{HandoverItemBuilder, PendingItem};
use super::{BuildError, Collect};
use crate::error::ValueError;
use crate::rules::{self, Options};
use crate::schema::{common, core, delivery, etsi, etsi707, Any, Document};
use crate::value::Integer;

/// The TS 103 120 version li707 writes (Table 1: the version of TS 103 120 used).
pub const ETSI_VERSION: &str = "V1.12.1";
/// The national profile strings when no national profile is used (Table 1).
pub const NOT_APPLICABLE: &str = "N/A";
/// The CountryCode used when none was supplied or agreed (Table 1).
pub const UNKNOWN_COUNTRY: &str = "XX";
/// The ReceiverIdentifier UniqueIdentifier used unless agreed otherwise (Table 1).
pub const NOT_SPECIFIED: &str = "Not specified";

#[derive(Debug, Clone, PartialEq, Eq)]
enum Reference {
    Liid(String),
    Ldid(String),
}

/// Builds a complete TS 103 707 delivery: a `core::Hi1Message` populated as clause 5.2 says,
/// validated before it is returned.
///
/// - **Header (Table 1).** SenderIdentifier: CountryCode chosen by the CSP (default `XX`),
///   UniqueIdentifier supplied by the LEA or chosen by the CSP (**required**,
///   [`sender_identifier`](Self::sender_identifier)). ReceiverIdentifier: the LEA-supplied
///   CountryCode (default `XX`) and UniqueIdentifier (default `Not specified`).
///   TransactionIdentifier: a UUID v4. Timestamp: the clock's time as a
///   QualifiedMicrosecondDateTime `YYYY-MM-DDThh:mm:ss.ffffffZ`. Version: ETSIVersion
///   `V1.12.1`, NationalProfileOwner and NationalProfileVersion `N/A`.
/// - **Payload.** A RequestPayload with one ActionRequest: ActionIdentifier 0, DELIVER with
///   Identifier = the ObjectIdentifier (a UUID v4).
/// - **DeliveryObject (Tables 2 and 3).** CountryCode and OwnerIdentifier copied from the
///   ReceiverIdentifier; Reference LIID or LDID (**required**); DeliveryID (a UUID v4 unless
///   given, e.g. to continue a multi-part delivery); SequenceNumber and LastSequence when
///   [`part`](Self::part) is set; the Manifest naming TS 103 707 (Owner `ETSI`, Name
///   `ManifestSpecification`, Value `TS103707`) when [`manifest`](Self::manifest) is set;
///   Delivery XMLData holding one `handoverItem` (one item, [`collection`](Self::collection)
///   not set) or a `handoverItemCollection` (**at least one item** is required).
///
/// UUIDs are taken from the [`UuidSource`] in this order: TransactionIdentifier,
/// ObjectIdentifier, then DeliveryID when not given.
///
/// `build()` then checks the message: [`Document::validate`] (occurrence, lexical spaces,
/// wildcards) and [`rules::check`] with [`rule_options`](Self::rule_options); any finding is
/// returned in [`BuildError::schema`] / [`BuildError::rules`].
///
/// Errors name `SenderIdentifier/CountryCode`, `SenderIdentifier/UniqueIdentifier`,
/// `ReceiverIdentifier/CountryCode`, `ReceiverIdentifier/UniqueIdentifier`, `OwnerIdentifier`
/// (the receiver's UniqueIdentifier is longer than the 255 characters a ShortString holds),
/// `Reference`, `Reference/LIID`, `Reference/LDID`, `DeliveryID`, `Version/…`,
/// `XMLData/handoverItem`, `Timestamp`, `TransactionIdentifier`, `ObjectIdentifier`, and the
/// fields of every item.
pub struct DeliveryBuilder<'a> {
    sender_country: String,
    sender_id: Option<String>,
    receiver_country: String,
    receiver_id: String,
    reference: Option<Reference>,
    items: Vec<PendingItem>,
    collection: bool,
    delivery_id: Option<String>,
    part: Option<(u64, bool)>,
    manifest: bool,
    etsi_version: String,
    national_profile: Option<(String, String)>,
    options: Options,
    clock: Box<dyn Clock + 'a>,
    uuids: Box<dyn UuidSource + 'a>,
}

impl std::fmt::Debug for DeliveryBuilder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeliveryBuilder")
            .field("sender_country", &self.sender_country)
            .field("sender_id", &self.sender_id)
            .field("receiver_country", &self.receiver_country)
            .field("receiver_id", &self.receiver_id)
            .field("reference", &self.reference)
            .field("items", &self.items.len())
            .field("collection", &self.collection)
            .field("delivery_id", &self.delivery_id)
            .field("part", &self.part)
            .field("manifest", &self.manifest)
            .field("etsi_version", &self.etsi_version)
            .field("national_profile", &self.national_profile)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Default for DeliveryBuilder<'static> {
    fn default() -> Self {
        DeliveryBuilder::new()
    }
}

impl DeliveryBuilder<'static> {
    /// A delivery with the Table 1 defaults, the system clock and random UUIDs.
    pub fn new() -> DeliveryBuilder<'static> {
        DeliveryBuilder {
            sender_country: UNKNOWN_COUNTRY.to_owned(),
            sender_id: None,
            receiver_country: UNKNOWN_COUNTRY.to_owned(),
            receiver_id: NOT_SPECIFIED.to_owned(),
            reference: None,
            items: Vec::new(),
            collection: false,
            delivery_id: None,
            part: None,
            manifest: false,
            etsi_version: ETSI_VERSION.to_owned(),
            national_profile: None,
            options: Options::default(),
            clock: Box::new(SystemClock),
            uuids: Box::new(RandomUuids),
        }
    }
}

impl<'a> DeliveryBuilder<'a> {
    /// SenderIdentifier CountryCode (Table 1: chosen by the CSP; default `XX`).
    pub fn sender_country_code(mut self, code: impl Into<String>) -> Self {
        self.sender_country = code.into();
        self
    }

    /// SenderIdentifier UniqueIdentifier (Table 1, required): the one the LEA supplied, or
    /// the CSP's own.
    pub fn sender_identifier(mut self, id: impl Into<String>) -> Self {
        self.sender_id = Some(id.into());
        self
    }

    /// ReceiverIdentifier CountryCode as supplied by the LEA (Table 1; default `XX`). Also
    /// written as the DeliveryObject CountryCode (Table 2).
    pub fn receiver_country_code(mut self, code: impl Into<String>) -> Self {
        self.receiver_country = code.into();
        self
    }

    /// ReceiverIdentifier UniqueIdentifier as supplied by the LEA (Table 1; default
    /// `Not specified`). Also written as the DeliveryObject OwnerIdentifier (Table 2).
    pub fn receiver_identifier(mut self, id: impl Into<String>) -> Self {
        self.receiver_id = id.into();
        self
    }

    /// Reference: the LIID (Table 3, TS 103 280 LIID).
    pub fn liid(mut self, liid: impl Into<String>) -> Self {
        self.reference = Some(Reference::Liid(liid.into()));
        self
    }

    /// Reference: the LDID (Table 3, TS 103 280 LDID, e.g. `XX-ACTOR-1234`).
    pub fn ldid(mut self, ldid: impl Into<String>) -> Self {
        self.reference = Some(Reference::Ldid(ldid.into()));
        self
    }

    /// Adds an item to build. All items relate to the one Reference (clause 5.2.1).
    pub fn item(mut self, item: HandoverItemBuilder) -> Self {
        self.items.push(PendingItem::Builder(item));
        self
    }

    /// Adds an item built already.
    pub fn handover_item(mut self, item: etsi707::HandoverItem) -> Self {
        self.items.push(PendingItem::Built(item));
        self
    }

    /// Writes a `handoverItemCollection` even for one item (by default one item is written as
    /// a `handoverItem` root, several as a collection).
    pub fn collection(mut self, collection: bool) -> Self {
        self.collection = collection;
        self
    }

    /// DeliveryID (TS 103 120 clause 10): give the same one to every part of a delivery split
    /// over several messages; by default a new UUID v4.
    pub fn delivery_id(mut self, uuid: impl Into<String>) -> Self {
        self.delivery_id = Some(uuid.into());
        self
    }

    /// SequenceNumber and LastSequence (TS 103 120 clause 10) of a multi-part delivery.
    pub fn part(mut self, sequence_number: u64, last_sequence: bool) -> Self {
        self.part = Some((sequence_number, last_sequence));
        self
    }

    /// Whether to write the Manifest naming TS 103 707 (Table 3, optional; default off).
    pub fn manifest(mut self, manifest: bool) -> Self {
        self.manifest = manifest;
        self
    }

    /// ETSIVersion (Table 1: the TS 103 120 version used; default `V1.12.1`).
    pub fn etsi_version(mut self, version: impl Into<String>) -> Self {
        self.etsi_version = version.into();
        self
    }

    /// Uses a national profile: its owner and version replace `N/A` (Table 1), and the rule
    /// check is told ([`Options::national_profile`]).
    pub fn national_profile(
        mut self,
        owner: impl Into<String>,
        version: impl Into<String>,
    ) -> Self {
        self.national_profile = Some((owner.into(), version.into()));
        self.options.national_profile = true;
        self
    }

    /// The options of the TS 103 707 rule check run by `build()` (default
    /// [`Options::default`]; set `require_sequence_zero: false` for a delivery that continues
    /// correlation groups begun earlier).
    pub fn rule_options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// The clock of the Timestamp (default [`SystemClock`]).
    pub fn clock<'b>(self, clock: impl Clock + 'b) -> DeliveryBuilder<'b>
    where
        'a: 'b,
    {
        DeliveryBuilder {
            clock: Box::new(clock),
            ..self.reborrow()
        }
    }

    /// The source of TransactionIdentifier, ObjectIdentifier and DeliveryID (default
    /// [`RandomUuids`]).
    pub fn uuids<'b>(self, uuids: impl UuidSource + 'b) -> DeliveryBuilder<'b>
    where
        'a: 'b,
    {
        DeliveryBuilder {
            uuids: Box::new(uuids),
            ..self.reborrow()
        }
    }

    fn reborrow<'b>(self) -> DeliveryBuilder<'b>
    where
        'a: 'b,
    {
        DeliveryBuilder {
            sender_country: self.sender_country,
            sender_id: self.sender_id,
            receiver_country: self.receiver_country,
            receiver_id: self.receiver_id,
            reference: self.reference,
            items: self.items,
            collection: self.collection,
            delivery_id: self.delivery_id,
            part: self.part,
            manifest: self.manifest,
            etsi_version: self.etsi_version,
            national_profile: self.national_profile,
            options: self.options,
            clock: self.clock,
            uuids: self.uuids,
        }
    }

    /// Builds and validates the message, or returns every error.
    pub fn build(mut self) -> Result<core::Hi1Message, BuildError> {
        let mut c = Collect::new();
        let sender = endpoint(
            &mut c,
            &self.sender_country,
            self.sender_id.as_deref(),
            (
                "SenderIdentifier/CountryCode",
                "SenderIdentifier/UniqueIdentifier",
            ),
        );
        let receiver = endpoint(
            &mut c,
            &self.receiver_country,
            Some(&self.receiver_id),
            (
                "ReceiverIdentifier/CountryCode",
                "ReceiverIdentifier/UniqueIdentifier",
            ),
        );
        // Table 2: copies of the ReceiverIdentifier.
        let country_code = receiver.as_ref().map(|r| r.country_code.clone());
        let owner_identifier = receiver.as_ref().and_then(|r| {
            c.value(
                "OwnerIdentifier",
                super::short_string(r.unique_identifier.as_str()),
            )
        });
        let reference = match &self.reference {
            None => {
                c.missing("Reference");
                None
            }
            Some(Reference::Liid(s)) => c
                .value("Reference/LIID", super::text(s, etsi::Liid::new))
                .map(delivery::Reference::Liid),
            Some(Reference::Ldid(s)) => c
                .value("Reference/LDID", super::text(s, etsi::Ldid::new))
                .map(delivery::Reference::Ldid),
        };
        let (profile_owner, profile_version) = match &self.national_profile {
            Some((o, v)) => (o.as_str(), v.as_str()),
            None => (NOT_APPLICABLE, NOT_APPLICABLE),
        };
        let version = (
            c.value(
                "Version/ETSIVersion",
                super::text(&self.etsi_version, common::EtsiVersion::new),
            ),
            c.value(
                "Version/NationalProfileOwner",
                super::short_string(profile_owner),
            ),
            c.value(
                "Version/NationalProfileVersion",
                super::short_string(profile_version),
            ),
        );
        let timestamp = c.value(
            "Timestamp",
            super::clock::microsecond_timestamp(self.clock.now()),
        );
        let transaction_identifier = c.value("TransactionIdentifier", uuid(&mut *self.uuids));
        let object_identifier = c.value(
            "ObjectIdentifier",
            uuid(&mut *self.uuids).and_then(|u| core::ObjectIdentifier::new(u.into_inner())),
        );
        let delivery_id = match &self.delivery_id {
            Some(id) => c.value("DeliveryID", super::text(id, etsi::Uuid::new)),
            None => c.value("DeliveryID", uuid(&mut *self.uuids)),
        };
        let single = self.items.len() == 1 && !self.collection;
        if self.items.is_empty() {
            c.missing("XMLData/handoverItem");
        }
        let mut items = Vec::with_capacity(self.items.len());
        for item in self.items {
            if let Some(item) = item.build(&mut c) {
                items.push(item);
            }
        }
        let (
            true,
            Some(sender),
            Some(receiver),
            Some(reference),
            (Some(etsi_version), Some(national_profile_owner), Some(national_profile_version)),
            Some(timestamp),
            Some(transaction_identifier),
            Some(object_identifier),
        ) = (
            c.is_ok(),
            sender,
            receiver,
            reference,
            version,
            timestamp,
            transaction_identifier,
            object_identifier,
        )
        else {
            return Err(c.into_error("HI1Message"));
        };
        let content = match (single, items.pop()) {
            (true, Some(item)) => Document::HandoverItem(item),
            (_, last) => {
                items.extend(last);
                Document::HandoverItemCollection(etsi707::HandoverItemCollection {
                    handover_item: items,
                })
            }
        };
        let object = delivery::DeliveryObject {
            object_identifier: object_identifier.clone(),
            country_code,
            owner_identifier,
            generation: None,
            external_identifier: None,
            associated_objects: None,
            last_changed: None,
            reference: Some(reference),
            delivery_id,
            sequence_number: self.part.map(|(n, _)| Integer::from(n)),
            last_sequence: self.part.map(|(_, last)| last),
            manifest: self.manifest.then(manifest),
            delivery: Some(delivery::Delivery::XmlData(delivery::EmbeddedXmlData {
                any: vec![Any::Typed(Box::new(content))],
            })),
        };
        let msg = core::Hi1Message {
            header: core::MessageHeader {
                sender_identifier: sender,
                receiver_identifier: receiver,
                transaction_identifier,
                timestamp,
                version: core::Version {
                    etsi_version,
                    national_profile_owner,
                    national_profile_version,
                },
            },
            payload: core::MessagePayload::RequestPayload(core::RequestPayload {
                action_requests: core::ActionRequests {
                    action_request: vec![core::ActionRequest {
                        action_identifier: Integer::from(0u64),
                        choice: core::ActionRequestChoice::Deliver(core::DeliverRequest {
                            identifier: object_identifier,
                            hi1_object: core::Hi1Object::DeliveryObject(object),
                        }),
                    }],
                },
            }),
            signature: None,
        };
        let doc = Document::Hi1Message(msg);
        let report = doc.validate();
        let violations = rules::check(&doc, &self.options);
        if !report.is_valid() || !violations.is_empty() {
            let e = c.error_mut();
            e.schema = report.errors;
            e.rules = violations;
            return Err(c.into_error("HI1Message"));
        }
        match doc {
            Document::Hi1Message(msg) => Ok(msg),
            _ => Err(c.into_error("HI1Message")),
        }
    }
}

fn endpoint(
    c: &mut Collect,
    country: &str,
    id: Option<&str>,
    fields: (&'static str, &'static str),
) -> Option<core::EndpointId> {
    let country_code = c.value(fields.0, etsi::IsoCountryCode::new(country));
    let unique_identifier = c.required(fields.1, id.map(super::long_string));
    Some(core::EndpointId {
        country_code: country_code?,
        unique_identifier: unique_identifier?,
    })
}

fn uuid(source: &mut dyn UuidSource) -> Result<etsi::Uuid, ValueError> {
    let u = source.next_uuid();
    etsi::Uuid::new(u.hyphenated().to_string())
}

fn manifest() -> delivery::Manifest {
    let entry = |s: &str| etsi::ShortString::new(s);
    match (
        entry("ETSI"),
        entry("ManifestSpecification"),
        entry("TS103707"),
    ) {
        (Ok(owner), Ok(name), Ok(value)) => {
            delivery::Manifest::Specification(common::DictionaryEntry { owner, name, value })
        }
        // Unreachable: the three constants are valid ShortStrings.
        _ => delivery::Manifest::ExternalSchema(delivery::ExternalSchema {
            manifest_id: None,
            manifest_contents: None,
        }),
    }
}
