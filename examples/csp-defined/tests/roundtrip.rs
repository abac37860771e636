//! The example CSP event (TS 103 707 clause 5.6) in a full li707 delivery.
//!
//! A typed event of the CSP-defined schema is put into the first handover item of
//! `tests/data/sample_delivery.xml` (cspDefinedParameters: schemaDetails from
//! `schema_details()`, xmlData holding the event as raw XML), the HI1Message is written, read
//! back, and the event taken out of xmlData equals the original. The written delivery validates
//! under xmllint against li707's schemas plus the CSP schema (libxml2 then validates the lax
//! xmlData content too); an invalid CSP value is rejected by both; the embedded schema comes
//! back unchanged and compiles.

#[path = "../../../tests/support/mod.rs"]
mod support;

use std::path::PathBuf;

use li707::schema::{core, delivery, etsi707, Any, Document};
use li707::value::{DateTime, Decimal, Integer};
use li707::xml::RawElement;
use li707::ErrorKind;
use li707_example_csp::csp::{csp as ev, etsi};
use li707_example_csp::{
    csp, from_xml_data, schema_details, schema_element, to_xml_data, NAMESPACE, SCHEMA_IDENTIFIER,
    SCHEMA_URL,
};

use support::paths::{read, repo_root};
use support::xmllint::{SchemaSet, TempDirLike};

const CORE_NS: &str = "http://uri.etsi.org/03120/common/2019/10/Core";
const DELIVERY_NS: &str = "http://uri.etsi.org/03120/common/2019/10/Delivery";
const COMMON_NS: &str = "http://uri.etsi.org/03120/common/2016/02/Common";
const ETSI280_NS: &str = "http://uri.etsi.org/03280/common/2017/07";
const ETSI707_NS: &str = "http://uri.etsi.org/03707/2020/02";
const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

fn short(s: &str) -> etsi::ShortString {
    etsi::ShortString::new(s).expect("valid etsi:ShortString")
}

fn long(s: &str) -> etsi::LongString {
    etsi::LongString::new(s).expect("valid etsi:LongString")
}

fn qualified(s: &str) -> etsi::QualifiedDateTime {
    etsi::QualifiedDateTime::new(DateTime::new(s).expect("valid xs:dateTime"))
        .expect("valid etsi:QualifiedDateTime")
}

fn decimal(s: &str) -> Decimal {
    Decimal::new(s).expect("valid xs:decimal")
}

/// A group event using every field of the CSP schema.
fn csp_event() -> csp::Document {
    csp::Document::MessagingEvent(ev::MessagingEvent {
        event_type: ev::EventType::GroupEvent,
        time_of_receiving: Some(qualified("2024-03-14T09:25:11+01:00")),
        message_status: Some(ev::MessageStatus::Read),
        thread: Some(ev::ThreadDetails {
            thread_id: short("thread-31"),
            thread_title: Some(long("Holiday plans & <logistics>")),
        }),
        group_event: Some(ev::GroupEvent {
            action: ev::GroupAction::AdminGranted,
            group_id: short("group-5150"),
            group_name: Some(long("Climbing club")),
            member: vec![long("user-4711"), long("user-0815")],
        }),
        device: Some(ev::DeviceDetails {
            hardware_id: short("35-209900-176148-1"),
            ip_address: Some(short("2001:db8::17")),
        }),
        location: Some(ev::Location {
            latitude: ev::Latitude::new(decimal("51.50072")).expect("valid latitude"),
            longitude: ev::Longitude::new(decimal("-0.12462")).expect("valid longitude"),
            accuracy_metres: Some(Integer::new("25").expect("valid xs:integer")),
            observed_at: Some(qualified("2024-03-14T08:25:05Z")),
        }),
    })
}

// ---------------------------------------------------------------------------------------------
// The delivery
// ---------------------------------------------------------------------------------------------

fn sample_delivery() -> core::Hi1Message {
    let bytes = read(&repo_root().join("tests/data/sample_delivery.xml"));
    match Document::from_xml(&bytes).expect("sample delivery reads") {
        Document::Hi1Message(message) => message,
        other => panic!("sample delivery is not an HI1Message: {other:?}"),
    }
}

/// The first handover item of the delivery's XMLData (a handoverItem or the first item of a
/// handoverItemCollection).
fn first_item(message: &mut core::Hi1Message) -> &mut etsi707::HandoverItem {
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
        panic!("XMLData content is not a TS 103 707 document");
    };
    match document.as_mut() {
        Document::HandoverItem(item) => item,
        Document::HandoverItemCollection(collection) => &mut collection.handover_item[0],
        Document::Hi1Message(_) => panic!("unexpected HI1Message in XMLData"),
    }
}

fn csp_parameters(message: &mut core::Hi1Message) -> &mut Option<etsi707::CspDefinedParameters> {
    let etsi707::Payload::MessagingPayload(payload) = &mut first_item(message).payload;
    &mut payload.csp_defined_parameters
}

fn metadata(message: &mut core::Hi1Message) -> &etsi707::CspDefinedMetadata {
    csp_parameters(message)
        .as_ref()
        .and_then(|p| p.csp_defined_metadata.as_ref())
        .expect("cspDefinedMetadata")
}

/// The sample delivery with the first item's cspDefinedParameters replaced by `event` and the
/// example schema's details.
fn delivery_with(event: RawElement) -> core::Hi1Message {
    let mut message = sample_delivery();
    *csp_parameters(&mut message) = Some(etsi707::CspDefinedParameters {
        csp_defined_metadata: Some(etsi707::CspDefinedMetadata {
            schema_details: schema_details().expect("schema details"),
            xml_data: Some(etsi707::CspDefinedXmlData {
                any: vec![Any::Raw(event)],
            }),
        }),
    });
    message
}

/// The single raw element of the first item's xmlData.
fn xml_data_element(message: &mut core::Hi1Message) -> &RawElement {
    let data = &metadata(message).xml_data.as_ref().expect("xmlData").any;
    assert_eq!(data.len(), 1, "one element in xmlData");
    let Any::Raw(raw) = &data[0] else {
        panic!("xmlData content is not raw XML (li707's set does not declare the CSP namespace)");
    };
    raw
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

fn li707_schema(file: &str) -> PathBuf {
    repo_root().join("schemas").join(file)
}

fn csp_schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("schemas/csp_messaging_events.xsd")
        .canonicalize()
        .expect("CSP schema file")
}

/// li707's schemas (TS 103 120 Core/Delivery/Common, TS 103 280, TS 103 707) plus the CSP
/// schema, so that libxml2 validates the lax xmlData content.
fn schema_set() -> SchemaSet {
    SchemaSet::new(&[
        (CORE_NS, li707_schema("ts103120_core.xsd")),
        (DELIVERY_NS, li707_schema("ts103120_delivery.xsd")),
        (COMMON_NS, li707_schema("ts103120_common.xsd")),
        (ETSI280_NS, li707_schema("ts103280_dictionary.xsd")),
        (ETSI707_NS, li707_schema("ts_103707_messaging.xsd")),
        (NAMESPACE, csp_schema_path()),
    ])
}

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The event's XML with its messageStatus changed to a value the CSP schema does not allow.
fn with_unknown_status(event: &csp::Document) -> Vec<u8> {
    let xml = show(&event.to_xml().expect("write CSP event"));
    let edited = xml.replace(
        "<csp:messageStatus>read</csp:messageStatus>",
        "<csp:messageStatus>forwarded</csp:messageStatus>",
    );
    assert_ne!(edited, xml, "messageStatus not found in:\n{xml}");
    edited.into_bytes()
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[test]
fn csp_event_round_trips_through_a_delivery() {
    let event = csp_event();
    let message = delivery_with(to_xml_data(&event).expect("CSP event to xmlData"));

    let bytes = Document::Hi1Message(message.clone())
        .to_xml()
        .expect("write the delivery");
    let written = show(&bytes);
    assert!(
        written.contains("urn:example:csp:messaging:1#v1")
            && written.contains("<csp:messagingEvent"),
        "the CSP event and its schema identifier are in the delivery:\n{written}"
    );

    // The whole delivery validates, the CSP event included (its schema is loaded).
    schema_set().assert_valid(&bytes);

    // li707 reads the delivery back equal (the CSP content stays raw XML) ...
    let mut read_back = match Document::from_xml(&bytes).expect("read the delivery back") {
        Document::Hi1Message(read_back) => read_back,
        other => panic!("not an HI1Message: {other:?}"),
    };
    assert_eq!(read_back, message);

    // ... and the event taken out of xmlData is the typed event built above.
    let raw = xml_data_element(&mut read_back);
    assert_eq!(raw.namespace.as_deref(), Some(NAMESPACE));
    assert_eq!(raw.name, "messagingEvent");
    assert_eq!(from_xml_data(raw).expect("CSP event from xmlData"), event);

    let details = &metadata(&mut read_back).schema_details;
    assert_eq!(details.schema_identifier.as_str(), SCHEMA_IDENTIFIER);
    assert_eq!(details.schema_url.as_deref(), Some(SCHEMA_URL));
}

#[test]
fn the_other_items_of_the_sample_are_unchanged() {
    let original = sample_delivery();
    let mut message = delivery_with(to_xml_data(&csp_event()).expect("CSP event to xmlData"));
    let bytes = Document::Hi1Message(message.clone())
        .to_xml()
        .expect("write the delivery");
    let mut read_back = core::Hi1Message::from_xml(&bytes).expect("read back");
    // Restoring the first item's original cspDefinedParameters gives back the sample.
    let mut original_first = original.clone();
    *csp_parameters(&mut read_back) = csp_parameters(&mut original_first).clone();
    *csp_parameters(&mut message) = csp_parameters(&mut original_first).clone();
    assert_eq!(read_back, original);
    assert_eq!(message, original);
}

#[test]
fn invalid_csp_value_is_rejected() {
    let invalid = with_unknown_status(&csp_event());

    // The CSP types reject it, naming the element and the rule.
    let error = csp::Document::from_xml(&invalid).expect_err("unknown messageStatus");
    assert_eq!(
        error.path(),
        "/csp:messagingEvent/csp:messageStatus",
        "{error}"
    );
    let ErrorKind::Value(value) = error.kind() else {
        panic!("expected a value error, got {error}");
    };
    assert_eq!(value.type_name, "csp:MessageStatus", "{error}");
    let text = error.to_string();
    assert!(
        text.contains("messageStatus") && text.contains("forwarded"),
        "{text}"
    );

    // Raw XML is not checked against the CSP schema: the edited event still becomes xmlData
    // content, and li707 (whose set does not declare the CSP namespace) writes and reads it.
    let raw = RawElement::from_xml(&invalid).expect("well-formed XML");
    let error = from_xml_data(&raw).expect_err("from_xml_data validates");
    assert_eq!(
        error.path(),
        "/csp:messagingEvent/csp:messageStatus",
        "{error}"
    );
    let bytes = Document::Hi1Message(delivery_with(raw))
        .to_xml()
        .expect("write the delivery");
    Document::from_xml(&bytes).expect("li707 accepts lax content it has no schema for");

    // xmllint, with the CSP schema loaded, rejects the delivery on the same element.
    let diagnostics = schema_set().assert_invalid(&bytes);
    assert!(
        diagnostics.contains("messageStatus") && diagnostics.contains("forwarded"),
        "{diagnostics}"
    );
}

#[test]
fn schema_content_round_trips() {
    let built = schema_element().expect("the CSP schema is well-formed");
    assert_eq!(built.namespace.as_deref(), Some(XS_NS));
    assert_eq!(built.name, "schema");
    assert!(
        built
            .attributes
            .iter()
            .any(|a| a.name == "targetNamespace" && a.value == NAMESPACE),
        "{built:?}"
    );

    let message = delivery_with(to_xml_data(&csp_event()).expect("CSP event to xmlData"));
    let bytes = Document::Hi1Message(message)
        .to_xml()
        .expect("write the delivery");
    let mut read_back = core::Hi1Message::from_xml(&bytes).expect("read back");
    let content = metadata(&mut read_back)
        .schema_details
        .schema_content
        .as_ref()
        .expect("schemaContent");
    let Any::Raw(embedded) = &content.any else {
        panic!("schemaContent is not raw XML");
    };
    // Structurally equal, recorded namespace bindings included: the writer leaves out the
    // bindings the delivery's root already declares (xs, etsi) and the reader records them
    // again after the element's own declaration (csp), in order of first use. The XSD declares
    // them in that order (see its header comment), so nothing moves.
    assert_eq!(embedded, &built);
    // And the same XML as the schema file, whatever the bindings.
    support::canonical::assert_canonically_equal(
        li707_example_csp::SCHEMA_XSD,
        &embedded.to_xml().expect("write the embedded schema"),
    );

    // The LEA side: the embedded schema, written out on its own, compiles (with the receiver's
    // own TS 103 280 dictionary, imported first) and validates the CSP event.
    let dir = TempDirLike::new("li707-example-csp");
    let extracted = dir.path().join("embedded.xsd");
    std::fs::write(
        &extracted,
        embedded.to_xml().expect("write the embedded schema"),
    )
    .expect("write the extracted schema");
    let set = SchemaSet::new(&[
        (ETSI280_NS, li707_schema("ts103280_dictionary.xsd")),
        (NAMESPACE, extracted),
    ]);
    set.assert_valid(&csp_event().to_xml().expect("write CSP event"));
    let diagnostics = set.assert_invalid(&with_unknown_status(&csp_event()));
    assert!(diagnostics.contains("messageStatus"), "{diagnostics}");
}

#[test]
fn facets_of_the_csp_types_are_checked() {
    assert!(ev::Latitude::new(decimal("90.0")).is_ok());
    assert!(ev::Latitude::new(decimal("90.5")).is_err());
    assert!(ev::Longitude::new(decimal("-180.01")).is_err());
    assert!(etsi::ShortString::new("x".repeat(256)).is_err());
    // TS 103 280 QualifiedDateTime: whole seconds and a time zone.
    let no_zone = DateTime::new("2024-03-14T09:25:11").expect("valid xs:dateTime");
    assert!(etsi::QualifiedDateTime::new(no_zone).is_err());
    assert!("messageSent".parse::<ev::EventType>().is_ok());
    assert!("notConsistent".parse::<ev::MessageStatus>().is_ok());
    assert!("kicked".parse::<ev::GroupAction>().is_err());
}
