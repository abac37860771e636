//! The CSP-side builders (`li707::build`): the delivery envelope of clause 5.2 with a fixed
//! clock and UUID source, and the example generator.

use li707::build::{
    sample_delivery, BinaryObjectBuilder, Correlator, CspParametersBuilder, DeliveryBuilder,
    FixedClock, HandoverItemBuilder, PartyBuilder, SeededUuids,
};
use li707::rules::{self, Options, RuleId};
use li707::schema::{core, delivery, etsi707, Any, Document};

/// UUIDs 1, 2, 3, … as version 4 values: predictable in assertions.
fn counting_uuids() -> impl FnMut() -> uuid::Uuid {
    let mut n = 0u128;
    move || {
        n += 1;
        uuid::Builder::from_random_bytes(n.to_be_bytes()).into_uuid()
    }
}

fn uuid_text(n: u128) -> String {
    uuid::Builder::from_random_bytes(n.to_be_bytes())
        .into_uuid()
        .hyphenated()
        .to_string()
}

fn clock() -> FixedClock {
    FixedClock::at_unix(1_710_408_413, 589_793) // 2024-03-14T09:26:53.589793Z
}

fn item(correlator: &mut Correlator) -> HandoverItemBuilder {
    let correlation = correlator.next("conversation-8841");
    // Table 8: a url per binary object.
    let url = format!(
        "https://csp.example/binary/5e1f0c2a-9d47-4b3e-8a61-{:012x}",
        correlation.sequence_number
    );
    HandoverItemBuilder::new()
        .correlation(correlation)
        .sender(
            PartyBuilder::new()
                .identifier("user-4711")
                .msisdn("447700900123")
                .targeted(true),
        )
        .receiver(PartyBuilder::new().email("bob@example.invalid"))
        .timestamp("2024-03-14T09:25:10Z")
        .binary_object(
            BinaryObjectBuilder::new()
                .url(url)
                .content_type("image/jpeg")
                .content(b"abc"),
        )
        .csp_parameters(
            CspParametersBuilder::new()
                .schema_identifier("urn:example:csp:1#v1")
                .xml_data_xml(
                    br#"<csp:messageEvent xmlns:csp="urn:example:csp:1"><csp:eventType>messageSent</csp:eventType></csp:messageEvent>"#,
                ),
        )
}

fn object(msg: &core::Hi1Message) -> (&core::DeliverRequest, &delivery::DeliveryObject) {
    let core::MessagePayload::RequestPayload(p) = &msg.payload else {
        panic!("not a request")
    };
    assert_eq!(p.action_requests.action_request.len(), 1);
    let request = &p.action_requests.action_request[0];
    assert_eq!(request.action_identifier.to_u64(), Some(0));
    let core::ActionRequestChoice::Deliver(d) = &request.choice;
    let core::Hi1Object::DeliveryObject(o) = &d.hi1_object;
    (d, o)
}

fn content(o: &delivery::DeliveryObject) -> &Document {
    let Some(delivery::Delivery::XmlData(x)) = &o.delivery else {
        panic!("no XMLData")
    };
    assert_eq!(x.any.len(), 1);
    let Any::Typed(d) = &x.any[0] else {
        panic!("raw content")
    };
    d
}

fn assert_valid(msg: &core::Hi1Message) -> Document {
    let doc = Document::Hi1Message(msg.clone());
    let report = doc.validate();
    assert!(report.is_valid(), "{report}");
    let v = rules::check(&doc, &Options::default());
    assert!(v.is_empty(), "{v:?}");
    let xml = doc.to_xml().expect("writes");
    assert_eq!(Document::from_xml(&xml).expect("reads back"), doc);
    doc
}

#[test]
fn build_delivery_defaults_with_fixed_clock_and_uuids() {
    let mut corr = Correlator::new();
    let msg = DeliveryBuilder::new()
        .clock(clock())
        .uuids(counting_uuids())
        .sender_identifier("example-csp-messaging-01")
        .liid("LIID-EXAMPLE-0001")
        .item(item(&mut corr))
        .build()
        .expect("valid");
    let h = &msg.header;
    assert_eq!(h.sender_identifier.country_code.as_str(), "XX");
    assert_eq!(
        h.sender_identifier.unique_identifier.as_str(),
        "example-csp-messaging-01"
    );
    assert_eq!(h.receiver_identifier.country_code.as_str(), "XX");
    assert_eq!(
        h.receiver_identifier.unique_identifier.as_str(),
        "Not specified"
    );
    assert_eq!(h.timestamp.to_string(), "2024-03-14T09:26:53.589793Z");
    assert_eq!(h.transaction_identifier.as_str(), uuid_text(1));
    assert_eq!(h.version.etsi_version.as_str(), "V1.12.1");
    assert_eq!(h.version.national_profile_owner.as_str(), "N/A");
    assert_eq!(h.version.national_profile_version.as_str(), "N/A");

    let (d, o) = object(&msg);
    assert_eq!(d.identifier.as_str(), uuid_text(2));
    assert_eq!(o.object_identifier, d.identifier);
    assert_eq!(o.country_code.as_ref().map(|c| c.as_str()), Some("XX"));
    assert_eq!(
        o.owner_identifier.as_ref().map(|c| c.as_str()),
        Some("Not specified")
    );
    assert!(
        matches!(&o.reference, Some(delivery::Reference::Liid(l)) if l.as_str() == "LIID-EXAMPLE-0001")
    );
    assert_eq!(
        o.delivery_id.as_ref().map(|u| u.as_str().to_owned()),
        Some(uuid_text(3))
    );
    assert_eq!(o.sequence_number, None);
    assert_eq!(o.last_sequence, None);
    assert_eq!(o.manifest, None);
    // One item, no collection asked for: a single handoverItem root.
    let Document::HandoverItem(it) = content(o) else {
        panic!("not a single item")
    };
    let etsi707::Payload::MessagingPayload(p) = &it.payload;
    let b = &p
        .core_parameters
        .associated_binary_data
        .as_ref()
        .expect("binary")
        .binary_object[0];
    assert_eq!(
        b.checksum.as_ref().map(|c| c.as_str()),
        Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    );
    assert_valid(&msg);

    // The same inputs give the same message.
    let mut corr = Correlator::new();
    let again = DeliveryBuilder::new()
        .clock(clock())
        .uuids(counting_uuids())
        .sender_identifier("example-csp-messaging-01")
        .liid("LIID-EXAMPLE-0001")
        .item(item(&mut corr))
        .build()
        .expect("valid");
    assert_eq!(again, msg);
}

#[test]
fn build_delivery_overrides_and_table_2_copies() {
    let mut corr = Correlator::new();
    let mut uuids = SeededUuids::new(3);
    let built = item(&mut corr).build().expect("item");
    let msg = DeliveryBuilder::new()
        .clock(|| clock().0)
        .uuids(|| li707::build::UuidSource::next_uuid(&mut uuids))
        .sender_country_code("GB")
        .sender_identifier("lea-supplied-sender")
        .receiver_country_code("DE")
        .receiver_identifier("LEA-42")
        .ldid("DE-ACTOR-1234")
        .handover_item(built)
        .item(item(&mut corr))
        .delivery_id("b4d1e7a2-5c93-4f08-a6e1-0d2c7b9f3a18")
        .part(2, false)
        .manifest(true)
        .build()
        .expect("valid");
    let h = &msg.header;
    assert_eq!(h.sender_identifier.country_code.as_str(), "GB");
    assert_eq!(
        h.sender_identifier.unique_identifier.as_str(),
        "lea-supplied-sender"
    );
    assert_eq!(h.receiver_identifier.country_code.as_str(), "DE");
    assert_eq!(h.receiver_identifier.unique_identifier.as_str(), "LEA-42");
    let (_, o) = object(&msg);
    assert_eq!(o.country_code.as_ref().map(|c| c.as_str()), Some("DE"));
    assert_eq!(
        o.owner_identifier.as_ref().map(|c| c.as_str()),
        Some("LEA-42")
    );
    assert!(
        matches!(&o.reference, Some(delivery::Reference::Ldid(l)) if l.as_str() == "DE-ACTOR-1234")
    );
    assert_eq!(
        o.delivery_id.as_ref().map(|u| u.as_str()),
        Some("b4d1e7a2-5c93-4f08-a6e1-0d2c7b9f3a18")
    );
    assert_eq!(o.sequence_number.as_ref().and_then(|n| n.to_u64()), Some(2));
    assert_eq!(o.last_sequence, Some(false));
    let Some(delivery::Manifest::Specification(m)) = &o.manifest else {
        panic!("manifest")
    };
    assert_eq!(
        (m.owner.as_str(), m.name.as_str(), m.value.as_str()),
        ("ETSI", "ManifestSpecification", "TS103707")
    );
    let Document::HandoverItemCollection(c) = content(o) else {
        panic!("not a collection")
    };
    assert_eq!(c.handover_item.len(), 2);
    assert_valid(&msg);

    // One item forced into a collection.
    let msg = DeliveryBuilder::new()
        .uuids(SeededUuids::new(1))
        .sender_identifier("csp")
        .liid("LIID-1")
        .item(item(&mut Correlator::new()))
        .collection(true)
        .build()
        .expect("valid");
    let (_, o) = object(&msg);
    assert!(
        matches!(content(o), Document::HandoverItemCollection(c) if c.handover_item.len() == 1)
    );
    assert_valid(&msg);
}

#[test]
fn build_delivery_reports_every_missing_and_invalid_field() {
    let e = DeliveryBuilder::new().build().expect_err("empty");
    assert_eq!(
        e.missing,
        [
            "SenderIdentifier/UniqueIdentifier",
            "Reference",
            "XMLData/handoverItem"
        ]
    );
    let text = e.to_string();
    for f in &e.missing {
        assert!(text.contains(f), "{text}");
    }

    let e = DeliveryBuilder::new()
        .sender_country_code("xx")
        .sender_identifier("csp")
        .receiver_country_code("DEU")
        .liid("has spaces")
        .delivery_id("not-a-uuid")
        .etsi_version("1.12.1")
        .item(HandoverItemBuilder::new().binary_object(BinaryObjectBuilder::new()))
        .build()
        .expect_err("invalid");
    assert_eq!(e.missing, ["binaryObject/url"]);
    let invalid: Vec<_> = e.invalid.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        invalid,
        [
            "SenderIdentifier/CountryCode",
            "ReceiverIdentifier/CountryCode",
            "Reference/LIID",
            "Version/ETSIVersion",
            "DeliveryID",
        ]
    );

    // Table 2: OwnerIdentifier is a ShortString, the receiver's UniqueIdentifier a LongString.
    let e = DeliveryBuilder::new()
        .sender_identifier("csp")
        .receiver_identifier("x".repeat(300))
        .ldid("not an ldid")
        .item(HandoverItemBuilder::new())
        .build()
        .expect_err("invalid");
    let invalid: Vec<_> = e.invalid.iter().map(|(f, _)| *f).collect();
    assert_eq!(invalid, ["OwnerIdentifier", "Reference/LDID"]);

    // A clock outside the years QualifiedMicrosecondDateTime can write.
    let e = DeliveryBuilder::new()
        .clock(FixedClock(
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(1 << 40),
        ))
        .sender_identifier("csp")
        .liid("L")
        .item(HandoverItemBuilder::new())
        .build()
        .expect_err("year out of range");
    assert_eq!(e.invalid[0].0, "Timestamp");
}

#[test]
fn build_delivery_is_validated_against_the_rules() {
    // A correlation group that does not start at zero breaks clause 5.3.2 ...
    let mut corr = Correlator::new();
    corr.resume("conversation-8841", 5);
    let build = |corr: &mut Correlator, options: Options| {
        DeliveryBuilder::new()
            .sender_identifier("csp")
            .liid("LIID-1")
            .item(item(corr))
            .rule_options(options)
            .build()
    };
    let e = build(&mut corr.clone(), Options::default()).expect_err("rule");
    assert!(e.missing.is_empty() && e.invalid.is_empty());
    assert_eq!(e.rules.len(), 1, "{e}");
    assert_eq!(e.rules[0].rule, RuleId::SequenceStart);
    assert!(e.to_string().contains("5.3.2"), "{e}");
    // ... unless the delivery continues a group begun earlier.
    let msg = build(
        &mut corr,
        Options {
            require_sequence_zero: false,
            ..Options::default()
        },
    )
    .expect("valid");
    assert!(rules::check(
        &Document::Hi1Message(msg),
        &Options {
            require_sequence_zero: false,
            ..Options::default()
        }
    )
    .is_empty());

    // The same binary url twice breaks Table 8.
    let object = || BinaryObjectBuilder::new().url("https://csp.example/binary/same");
    let e = DeliveryBuilder::new()
        .sender_identifier("csp")
        .liid("LIID-1")
        .item(HandoverItemBuilder::new().binary_object(object()))
        .item(HandoverItemBuilder::new().binary_object(object()))
        .build()
        .expect_err("duplicate url");
    assert!(e.rules.iter().any(|v| v.rule == RuleId::UrlUnique), "{e}");

    // A national profile replaces N/A and is accepted.
    let msg = DeliveryBuilder::new()
        .sender_identifier("csp")
        .liid("LIID-1")
        .national_profile("UK", "v1")
        .item(HandoverItemBuilder::new())
        .build()
        .expect("valid");
    assert_eq!(msg.header.version.national_profile_owner.as_str(), "UK");
}

#[test]
fn build_sample_delivery_validates_writes_and_is_deterministic() {
    let a = sample_delivery(3, 2, true, 7).expect("valid");
    let doc = assert_valid(&a);
    assert_eq!(a, sample_delivery(3, 2, true, 7).expect("valid"));
    assert_eq!(
        doc.to_xml().expect("writes"),
        Document::Hi1Message(sample_delivery(3, 2, true, 7).expect("valid"))
            .to_xml()
            .expect("writes")
    );
    let xml = String::from_utf8(doc.to_xml().expect("writes")).expect("utf-8");
    assert!(xml.contains("urn:example:csp:1"));
    assert!(xml.contains("https://csp.example/binary/"));
    assert_eq!(xml.matches("<etsi707:handoverItem>").count(), 3);
    assert_eq!(xml.matches("<etsi707:checksum>").count(), 2);
    let (_, o) = object(&a);
    assert!(
        matches!(content(o), Document::HandoverItemCollection(c) if c.handover_item.len() == 3)
    );

    let single = sample_delivery(1, 1, false, 9).expect("valid");
    let (_, o) = object(&single);
    assert!(matches!(content(o), Document::HandoverItem(_)));
    assert_valid(&single);
}
