//! TS 103 707 round trip inside the TS 103 120 envelope.
//!
//! A `handoverItem` and a `handoverItemCollection` using every field of TS 103 707 Tables 4-9
//! (header with applicationCorrelation; MessagingPayload with sender, two receivers, timestamp,
//! two binaryObjects with every field, cspDefinedParameters with schemaDetails and xmlData) are
//! built in Rust, put in a DeliveryObject's XMLData inside an HI1Message, written, read back
//! equal, and the written envelope validates under xmllint against the official TS 103 120
//! V1.12.1 files plus our TS 103 707 schema.

mod support;

use li707::schema::{common, core, delivery, etsi, etsi707, Any, Document};
use li707::value::{DateTime, Integer};
use li707::xml::{RawAttribute, RawElement, RawNode};
use li707::ErrorKind;

use support::canonical::{self, Node, XSI_NS};
use support::paths::repo_root;

const ETSI707_NS: &str = "http://uri.etsi.org/03707/2020/02";
const DELIVERY_NS: &str = "http://uri.etsi.org/03120/common/2019/10/Delivery";
const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";
const CSP_NS: &str = "urn:example:csp:1";

/// SHA-256 of the empty string.
const SHA256_EMPTY: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/// SHA-256 of "abc".
const SHA256_ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

// ---------------------------------------------------------------------------------------------
// Value helpers
// ---------------------------------------------------------------------------------------------

fn long(s: &str) -> etsi::LongString {
    etsi::LongString::new(s).expect("valid etsi:LongString")
}

fn short(s: &str) -> etsi::ShortString {
    etsi::ShortString::new(s).expect("valid etsi:ShortString")
}

fn int(s: &str) -> Integer {
    Integer::new(s).expect("valid xs:integer")
}

fn qualified(s: &str) -> etsi::QualifiedDateTime {
    etsi::QualifiedDateTime::new(DateTime::new(s).expect("valid xs:dateTime"))
        .expect("valid etsi:QualifiedDateTime")
}

fn qualified_us(s: &str) -> etsi::QualifiedMicrosecondDateTime {
    etsi::QualifiedMicrosecondDateTime::new(DateTime::new(s).expect("valid xs:dateTime"))
        .expect("valid etsi:QualifiedMicrosecondDateTime")
}

fn country(s: &str) -> etsi::IsoCountryCode {
    etsi::IsoCountryCode::new(s).expect("valid etsi:ISOCountryCode")
}

fn uuid(s: &str) -> etsi::Uuid {
    etsi::Uuid::new(s).expect("valid etsi:UUID")
}

fn object_id(s: &str) -> core::ObjectIdentifier {
    core::ObjectIdentifier::new(s).expect("valid core:ObjectIdentifier")
}

fn attr(name: &str, value: &str) -> RawAttribute {
    RawAttribute {
        namespace: None,
        prefix: None,
        name: name.to_string(),
        value: value.to_string(),
    }
}

/// A raw element with a prefix; `namespaces` are the bindings recorded on it.
fn raw(
    prefix: &str,
    uri: &str,
    name: &str,
    namespaces: Vec<(Option<String>, String)>,
    attributes: Vec<RawAttribute>,
    children: Vec<RawNode>,
) -> RawElement {
    RawElement {
        namespace: Some(uri.to_string()),
        prefix: Some(prefix.to_string()),
        name: name.to_string(),
        namespaces,
        attributes,
        children,
    }
}

fn text(s: &str) -> RawNode {
    RawNode::Text(s.to_string())
}

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

/// The CSP's schema, embedded as `schemaContent` (an `xs:schema` element kept as raw XML).
fn csp_schema() -> RawElement {
    let xs_element = |name: &str, ty: &str, optional: bool| {
        let mut attributes = vec![attr("name", name), attr("type", ty)];
        if optional {
            attributes.push(attr("minOccurs", "0"));
        }
        RawNode::Element(raw("xs", XS_NS, "element", vec![], attributes, vec![]))
    };
    let sequence = raw(
        "xs",
        XS_NS,
        "sequence",
        vec![],
        vec![],
        vec![
            xs_element("eventType", "xs:string", false),
            xs_element("threadID", "xs:string", true),
        ],
    );
    let complex_type = raw(
        "xs",
        XS_NS,
        "complexType",
        vec![],
        vec![],
        vec![RawNode::Element(sequence)],
    );
    let message_event = raw(
        "xs",
        XS_NS,
        "element",
        vec![],
        vec![attr("name", "messageEvent")],
        vec![RawNode::Element(complex_type)],
    );
    raw(
        "xs",
        XS_NS,
        "schema",
        vec![(Some("xs".to_string()), XS_NS.to_string())],
        vec![
            attr("targetNamespace", CSP_NS),
            attr("elementFormDefault", "qualified"),
        ],
        vec![RawNode::Element(message_event)],
    )
}

/// The CSP-defined data (`xmlData`): an element in the CSP's namespace with an attribute and
/// child elements.
fn csp_data(event: &str) -> RawElement {
    raw(
        "csp",
        CSP_NS,
        "messageEvent",
        vec![(Some("csp".to_string()), CSP_NS.to_string())],
        vec![attr("version", "1")],
        vec![
            RawNode::Element(raw(
                "csp",
                CSP_NS,
                "eventType",
                vec![],
                vec![],
                vec![text(event)],
            )),
            RawNode::Element(raw(
                "csp",
                CSP_NS,
                "threadID",
                vec![],
                vec![],
                vec![text("thread-31 & <more>")],
            )),
        ],
    )
}

fn party(identifiers: &[&str], is_targeted_party: Option<bool>) -> etsi707::MessagingParty {
    etsi707::MessagingParty {
        identifiers: etsi707::MessagingPartyIdentifiers {
            identifier: identifiers.iter().map(|id| long(id)).collect(),
        },
        is_targeted_party,
    }
}

/// A handover item using every field of TS 103 707 Tables 4-9.
fn full_handover_item(sequence_number: &str) -> etsi707::HandoverItem {
    etsi707::HandoverItem {
        header: Some(etsi707::ApplicationLevelHeader {
            application_correlation: Some(etsi707::ApplicationCorrelation {
                application_level_id: long("conversation-8841"),
                application_sequence_number: int(sequence_number),
            }),
        }),
        payload: etsi707::Payload::MessagingPayload(etsi707::MessagingPayload {
            core_parameters: etsi707::MessagingCoreParameters {
                message_sender: Some(party(
                    &["user-4711", "alice@example.invalid", "+447700900123"],
                    Some(true),
                )),
                message_receivers: Some(etsi707::MessageReceivers {
                    recipient: vec![
                        party(&["user-0815"], Some(false)),
                        party(&["user-1234", "bob_the_builder"], None),
                    ],
                }),
                timestamp: Some(qualified("2024-03-14T09:26:53+01:00")),
                associated_binary_data: Some(etsi707::AssociatedBinaryData {
                    binary_object: vec![
                        etsi707::BinaryObject {
                            url: "https://lea.example.invalid/binary/5e1f0c2a-9d47-4b3e-8a61-c7f2d0e9b148"
                                .to_string(),
                            content_length: Some(int("0")),
                            content_type: Some(short("text/plain")),
                            expiry: Some(qualified("2024-03-15T09:26:53Z")),
                            checksum: Some(short(SHA256_EMPTY)),
                            original_filename: Some(long("empty note.txt")),
                            csp_defined_identifier: Some(long("attachment-77")),
                        },
                        etsi707::BinaryObject {
                            url: "https://lea.example.invalid/binary/0a9c3e71-2f58-4d6b-b0e4-61c8d3a7f925"
                                .to_string(),
                            content_length: Some(int("3")),
                            content_type: Some(short("application/octet-stream")),
                            expiry: Some(qualified("2024-03-15T10:00:00-05:00")),
                            checksum: Some(short(SHA256_ABC)),
                            original_filename: Some(long("abc.bin")),
                            csp_defined_identifier: Some(long("attachment-78")),
                        },
                    ],
                }),
            },
            csp_defined_parameters: Some(etsi707::CspDefinedParameters {
                csp_defined_metadata: Some(etsi707::CspDefinedMetadata {
                    schema_details: etsi707::SchemaDetails {
                        schema_identifier: long("urn:example:csp:1#v1"),
                        schema_url: Some(
                            "https://csp.example.invalid/schemas/csp-1.xsd".to_string(),
                        ),
                        schema_content: Some(etsi707::CspSchemaContent {
                            any: Any::Raw(csp_schema()),
                        }),
                    },
                    xml_data: Some(etsi707::CspDefinedXmlData {
                        any: vec![Any::Raw(csp_data("messageSent"))],
                    }),
                }),
            }),
        }),
    }
}

/// An HI1Message delivering `content` in a DeliveryObject's XMLData.
fn envelope(content: Document) -> core::Hi1Message {
    let object = "7c0e5a94-1b3d-4f2a-8e6c-d9b0a1f27e35";
    core::Hi1Message {
        header: core::MessageHeader {
            sender_identifier: core::EndpointId {
                country_code: country("XX"),
                unique_identifier: long("example-csp-messaging-01"),
            },
            receiver_identifier: core::EndpointId {
                country_code: country("XX"),
                unique_identifier: long("Not specified"),
            },
            transaction_identifier: uuid("3f2b8c1e-6d4a-4e0b-9c7f-2a5d8e1b4c60"),
            timestamp: qualified_us("2024-03-14T09:26:53.589793Z"),
            version: core::Version {
                etsi_version: common::EtsiVersion::new("V1.12.1").expect("valid ETSIVersion"),
                national_profile_owner: short("N/A"),
                national_profile_version: short("N/A"),
            },
        },
        payload: core::MessagePayload::RequestPayload(core::RequestPayload {
            action_requests: core::ActionRequests {
                action_request: vec![core::ActionRequest {
                    action_identifier: int("0"),
                    choice: core::ActionRequestChoice::Deliver(core::DeliverRequest {
                        identifier: object_id(object),
                        hi1_object: core::Hi1Object::DeliveryObject(delivery_object(
                            object, content,
                        )),
                    }),
                }],
            },
        }),
        signature: None,
    }
}

fn delivery_object(object: &str, content: Document) -> delivery::DeliveryObject {
    delivery::DeliveryObject {
        object_identifier: object_id(object),
        country_code: Some(country("XX")),
        owner_identifier: Some(short("Not specified")),
        generation: None,
        external_identifier: None,
        associated_objects: None,
        last_changed: None,
        reference: Some(delivery::Reference::Liid(
            etsi::Liid::new("LIID-EXAMPLE-0001").expect("valid etsi:LIID"),
        )),
        delivery_id: Some(uuid("b4d1e7a2-5c93-4f08-a6e1-0d2c7b9f3a18")),
        sequence_number: Some(int("1")),
        last_sequence: Some(true),
        manifest: Some(delivery::Manifest::Specification(common::DictionaryEntry {
            owner: short("ETSI"),
            name: short("ManifestSpecification"),
            value: short("TS103707"),
        })),
        delivery: Some(delivery::Delivery::XmlData(delivery::EmbeddedXmlData {
            any: vec![Any::Typed(Box::new(content))],
        })),
    }
}

/// The first (mutable) handover item of an HI1Message built by [`envelope`] around a
/// single `handoverItem`.
fn item_in(message: &mut core::Hi1Message) -> &mut etsi707::HandoverItem {
    let core::MessagePayload::RequestPayload(request) = &mut message.payload else {
        panic!("not a RequestPayload");
    };
    let core::ActionRequestChoice::Deliver(deliver) =
        &mut request.action_requests.action_request[0].choice;
    let core::Hi1Object::DeliveryObject(object) = &mut deliver.hi1_object;
    let Some(delivery::Delivery::XmlData(xml)) = &mut object.delivery else {
        panic!("no XMLData");
    };
    let Any::Typed(document) = &mut xml.any[0] else {
        panic!("XMLData content is not typed");
    };
    match document.as_mut() {
        Document::HandoverItem(item) => item,
        Document::HandoverItemCollection(collection) => &mut collection.handover_item[0],
        Document::Hi1Message(_) => panic!("unexpected HI1Message in XMLData"),
    }
}

fn messaging_payload(item: &mut etsi707::HandoverItem) -> &mut etsi707::MessagingPayload {
    let etsi707::Payload::MessagingPayload(payload) = &mut item.payload;
    payload
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

fn schema_set() -> support::xmllint::SchemaSet {
    support::xmllint::official(&[(
        ETSI707_NS,
        repo_root().join("schemas/ts_103707_messaging.xsd"),
    )])
}

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The `xmlns:<prefix>` declarations written on the root start tag.
fn root_prefixes(xml: &str) -> Vec<(String, String)> {
    let body = xml
        .trim_start_matches('\u{feff}')
        .trim_start()
        .strip_prefix("<?xml")
        .and_then(|rest| rest.split_once("?>"))
        .map_or(xml, |(_, rest)| rest);
    let start = body.find('<').expect("a root element");
    let end = start
        + body[start..]
            .find('>')
            .expect("the end of the root start tag");
    let tag = &body[start..end];
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(at) = rest.find(" xmlns:") {
        rest = &rest[at + " xmlns:".len()..];
        let (prefix, after) = rest.split_once("=\"").expect("xmlns:p=\"…\"");
        let (uri, after) = after.split_once('"').expect("closing quote");
        out.push((prefix.to_string(), uri.to_string()));
        rest = after;
    }
    out
}

/// Every `xsi:type` value written in the document, as it appears (a QName).
fn xsi_type_values(xml: &str) -> Vec<String> {
    xml.split("xsi:type=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or_default().to_string())
        .collect()
}

/// Depth-first search for elements with local name `local`.
fn find_all<'a>(node: &'a Node, local: &str, out: &mut Vec<&'a Node>) {
    if node.name.1 == local {
        out.push(node);
    }
    for child in node.elements() {
        find_all(child, local, out);
    }
}

/// Every xsi:type uses a prefix bound on the root element to the expected namespace, and the
/// payload and HI1Object xsi:types resolve to etsi707:MessagingPayload and
/// delivery:DeliveryObject.
fn assert_xsi_types_bound(bytes: &[u8], expected_payloads: usize) {
    let xml = std::str::from_utf8(bytes).expect("UTF-8 output");
    let declared = root_prefixes(xml);
    assert!(
        declared.iter().any(|(p, u)| p == "xsi" && u == XSI_NS),
        "xsi is not declared on the root element:\n{xml}"
    );
    let values = xsi_type_values(xml);
    assert_eq!(
        values.len(),
        expected_payloads + 1,
        "xsi:type count (payloads + HI1Object):\n{xml}"
    );
    for value in &values {
        let (prefix, _) = value
            .split_once(':')
            .unwrap_or_else(|| panic!("xsi:type {value:?} has no prefix:\n{xml}"));
        assert!(
            declared.iter().any(|(p, _)| p == prefix),
            "prefix {prefix:?} of xsi:type {value:?} is not declared on the root element \
             (declared: {declared:?}):\n{xml}"
        );
    }
    let messaging = values
        .iter()
        .filter(|v| v.ends_with(":MessagingPayload"))
        .count();
    assert_eq!(messaging, expected_payloads, "MessagingPayload xsi:types");
    let etsi707_prefix = values
        .iter()
        .find(|v| v.ends_with(":MessagingPayload"))
        .and_then(|v| v.split_once(':'))
        .map(|(p, _)| p)
        .expect("a MessagingPayload xsi:type");
    assert!(
        declared
            .iter()
            .any(|(p, u)| p == etsi707_prefix && u == ETSI707_NS),
        "prefix {etsi707_prefix:?} is not bound to {ETSI707_NS} on the root element"
    );
    assert!(
        xml.contains("xsi:type=\"etsi707:MessagingPayload\""),
        "expected the schema set's prefix etsi707 in the payload xsi:type:\n{xml}"
    );

    // Namespace-resolved: the canonical parser fails on unbound prefixes in xsi:type values.
    let root = canonical::parse(bytes).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let mut payloads = Vec::new();
    find_all(&root, "payload", &mut payloads);
    assert_eq!(payloads.len(), expected_payloads);
    for payload in payloads {
        assert_eq!(payload.name.0, ETSI707_NS);
        assert_eq!(
            payload.attr(XSI_NS, "type"),
            Some(format!("{{{ETSI707_NS}}}MessagingPayload").as_str())
        );
    }
    let mut objects = Vec::new();
    find_all(&root, "HI1Object", &mut objects);
    assert_eq!(objects.len(), 1);
    assert_eq!(
        objects[0].attr(XSI_NS, "type"),
        Some(format!("{{{DELIVERY_NS}}}DeliveryObject").as_str())
    );
}

/// Writes, reads back equal, re-writes identically, checks canonical equality, xsi:type
/// prefixes and validates the envelope with xmllint. Returns the written bytes.
fn round_trip(message: &core::Hi1Message, expected_payloads: usize) -> Vec<u8> {
    let document = Document::Hi1Message(message.clone());
    let bytes = document.to_xml().expect("to_xml");
    assert_eq!(
        message.to_xml().expect("Hi1Message::to_xml"),
        bytes,
        "Hi1Message::to_xml and Document::to_xml differ"
    );

    let read = Document::from_xml(&bytes)
        .unwrap_or_else(|e| panic!("reading back failed: {e}\n{}", show(&bytes)));
    assert_eq!(read, document, "read-back value differs:\n{}", show(&bytes));
    let read_message = core::Hi1Message::from_xml(&bytes).expect("Hi1Message::from_xml");
    assert_eq!(&read_message, message);

    let rewritten = read.to_xml().expect("re-writing the read value");
    assert_eq!(
        show(&rewritten),
        show(&bytes),
        "re-serialization is not byte-identical"
    );
    canonical::assert_canonically_equal(&bytes, &rewritten);

    assert_xsi_types_bound(&bytes, expected_payloads);
    schema_set().assert_valid(&bytes);
    bytes
}

/// Asserts that writing fails with an Occurrence error on `element` (`{ns}local`).
fn assert_occurrence_error(message: &core::Hi1Message, element: &str, min: u32) {
    let error = message
        .to_xml()
        .expect_err("writing must fail on a broken minOccurs");
    match error.kind() {
        ErrorKind::Occurrence {
            element: found_element,
            min: found_min,
            found,
            ..
        } => {
            assert_eq!(found_element, element, "{error}");
            assert_eq!(*found_min, min, "{error}");
            assert_eq!(*found, 0, "{error}");
        }
        other => panic!("expected an Occurrence error, got {other:?} ({error})"),
    }
    let error = Document::Hi1Message(message.clone())
        .to_xml()
        .expect_err("Document::to_xml must fail too");
    assert!(
        matches!(error.kind(), ErrorKind::Occurrence { .. }),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[test]
fn single_handover_item_round_trips_and_validates() {
    let item = full_handover_item("0");
    let message = envelope(Document::HandoverItem(item.clone()));
    let bytes = round_trip(&message, 1);
    let xml = show(&bytes);

    // Every field of Tables 4-9 is present in the output.
    for local in [
        "handoverItem",
        "header",
        "applicationCorrelation",
        "applicationLevelID",
        "applicationSequenceNumber",
        "payload",
        "coreParameters",
        "messageSender",
        "identifiers",
        "identifier",
        "isTargetedParty",
        "messageReceivers",
        "recipient",
        "timestamp",
        "associatedBinaryData",
        "binaryObject",
        "url",
        "contentLength",
        "contentType",
        "expiry",
        "checksum",
        "originalFilename",
        "cspDefinedIdentifier",
        "cspDefinedParameters",
        "cspDefinedMetadata",
        "schemaDetails",
        "schemaIdentifier",
        "schemaURL",
        "schemaContent",
        "xmlData",
    ] {
        assert!(
            xml.contains(&format!("<etsi707:{local}>"))
                || xml.contains(&format!("<etsi707:{local} ")),
            "etsi707:{local} missing from:\n{xml}"
        );
    }
    assert!(xml.contains(SHA256_EMPTY) && xml.contains(SHA256_ABC));
    assert!(xml.contains("<etsi707:recipient>") && xml.matches("<etsi707:recipient>").count() == 2);
    assert_eq!(xml.matches("<etsi707:binaryObject>").count(), 2);
    // Text and attribute values needing escapes are escaped.
    assert!(xml.contains("thread-31 &amp; &lt;more&gt;"), "{xml}");

    // The TS 103 707 content really is validated by xmllint (XMLData is a strict wildcard of
    // the official Delivery schema): a broken value inside the item is rejected.
    let broken = xml.replacen(
        "<etsi707:contentLength>0</etsi707:contentLength>",
        "<etsi707:contentLength>-1</etsi707:contentLength>",
        1,
    );
    assert_ne!(broken, xml);
    let diagnostics = schema_set().assert_invalid(broken.as_bytes());
    assert!(diagnostics.contains("contentLength"), "{diagnostics}");
    assert!(
        Document::from_xml(broken.as_bytes()).is_err(),
        "li707 must reject it too"
    );

    // The read-back item is reachable through the typed tree and equals the built one.
    let mut read = core::Hi1Message::from_xml(&bytes).expect("read back");
    assert_eq!(item_in(&mut read), &item);

    // The raw CSP XML came back namespace-complete.
    let payload = messaging_payload(item_in(&mut read));
    let metadata = payload
        .csp_defined_parameters
        .as_ref()
        .and_then(|p| p.csp_defined_metadata.as_ref())
        .expect("cspDefinedMetadata");
    let Any::Raw(schema) = &metadata
        .schema_details
        .schema_content
        .as_ref()
        .expect("schemaContent")
        .any
    else {
        panic!("schemaContent is not raw XML");
    };
    assert_eq!(schema.namespace.as_deref(), Some(XS_NS));
    assert_eq!(schema.name, "schema");
    let data = &metadata.xml_data.as_ref().expect("xmlData").any;
    assert_eq!(data.len(), 1);
    let Any::Raw(event) = &data[0] else {
        panic!("xmlData content is not raw XML");
    };
    assert_eq!(event.namespace.as_deref(), Some(CSP_NS));
    assert_eq!(event.attributes, vec![attr("version", "1")]);
}

#[test]
fn handover_item_collection_round_trips_and_validates() {
    let first = full_handover_item("0");
    let mut second = full_handover_item("1");
    // Vary the second item a little so that the two are distinguishable.
    let payload = messaging_payload(&mut second);
    payload.core_parameters.timestamp = Some(qualified("2024-03-14T10:25:42+01:00"));
    if let Some(xml_data) = payload
        .csp_defined_parameters
        .as_mut()
        .and_then(|p| p.csp_defined_metadata.as_mut())
        .and_then(|m| m.xml_data.as_mut())
    {
        xml_data.any = vec![Any::Raw(csp_data("messageRead"))];
    }
    let collection = etsi707::HandoverItemCollection {
        handover_item: vec![first.clone(), second.clone()],
    };
    let message = envelope(Document::HandoverItemCollection(collection.clone()));
    let bytes = round_trip(&message, 2);
    let xml = show(&bytes);
    assert_eq!(xml.matches("<etsi707:handoverItem>").count(), 2, "{xml}");
    assert!(xml.contains("<etsi707:handoverItemCollection>"), "{xml}");
    assert!(xml.contains("<etsi707:applicationSequenceNumber>0<"));
    assert!(xml.contains("<etsi707:applicationSequenceNumber>1<"));

    let read = core::Hi1Message::from_xml(&bytes).expect("read back");
    let core::MessagePayload::RequestPayload(request) = &read.payload else {
        panic!("not a RequestPayload");
    };
    let core::ActionRequestChoice::Deliver(deliver) =
        &request.action_requests.action_request[0].choice;
    let core::Hi1Object::DeliveryObject(object) = &deliver.hi1_object;
    let Some(delivery::Delivery::XmlData(data)) = &object.delivery else {
        panic!("no XMLData");
    };
    assert_eq!(
        data.any,
        vec![Any::Typed(Box::new(Document::HandoverItemCollection(
            collection
        )))]
    );
    assert_ne!(first, second);
}

#[test]
fn standalone_handover_item_documents_round_trip_and_validate() {
    let item = full_handover_item("0");
    let bytes = item.to_xml().expect("HandoverItem::to_xml");
    assert_eq!(etsi707::HandoverItem::from_xml(&bytes).expect("read"), item);
    schema_set().assert_valid(&bytes);

    let collection = etsi707::HandoverItemCollection {
        handover_item: vec![item.clone(), full_handover_item("1")],
    };
    let bytes = collection.to_xml().expect("HandoverItemCollection::to_xml");
    assert_eq!(
        etsi707::HandoverItemCollection::from_xml(&bytes).expect("read"),
        collection
    );
    schema_set().assert_valid(&bytes);
}

#[test]
fn writer_rejects_empty_required_lists() {
    let complete = envelope(Document::HandoverItem(full_handover_item("0")));
    complete.to_xml().expect("the complete message writes");

    // messageReceivers with no recipient (minOccurs 1).
    let mut message = complete.clone();
    if let Some(receivers) = messaging_payload(item_in(&mut message))
        .core_parameters
        .message_receivers
        .as_mut()
    {
        receivers.recipient.clear();
    }
    assert_occurrence_error(&message, &format!("{{{ETSI707_NS}}}recipient"), 1);

    // A MessagingParty with no identifier (minOccurs 1).
    let mut message = complete.clone();
    if let Some(sender) = messaging_payload(item_in(&mut message))
        .core_parameters
        .message_sender
        .as_mut()
    {
        sender.identifiers.identifier.clear();
    }
    assert_occurrence_error(&message, &format!("{{{ETSI707_NS}}}identifier"), 1);

    // associatedBinaryData with no binaryObject (minOccurs 1).
    let mut message = complete.clone();
    if let Some(data) = messaging_payload(item_in(&mut message))
        .core_parameters
        .associated_binary_data
        .as_mut()
    {
        data.binary_object.clear();
    }
    assert_occurrence_error(&message, &format!("{{{ETSI707_NS}}}binaryObject"), 1);

    // A handoverItemCollection with no handoverItem (minOccurs 1).
    let message = envelope(Document::HandoverItemCollection(
        etsi707::HandoverItemCollection {
            handover_item: vec![],
        },
    ));
    assert_occurrence_error(&message, &format!("{{{ETSI707_NS}}}handoverItem"), 1);

    // Standalone documents are checked the same way.
    let mut item = full_handover_item("0");
    if let Some(receivers) = messaging_payload(&mut item)
        .core_parameters
        .message_receivers
        .as_mut()
    {
        receivers.recipient.clear();
    }
    let error = item.to_xml().expect_err("empty messageReceivers");
    assert!(
        matches!(error.kind(), ErrorKind::Occurrence { .. }),
        "{error}"
    );
}
