//! The TS 103 120 envelope: message header (clause 5.2.2, Table 1), payload and object header
//! (clause 5.2.3, Tables 2 and 3) and what a DeliveryObject carries (clause 5.2.1).

use std::collections::HashMap;

use super::{clause, ItemRef, Options, RuleId, Violation};
use crate::schema::{core, delivery, etsi707, Any, Document};

/// The Manifest that names TS 103 707 (see `/work/shared/etsi/NOTES.md`: the spelling of the
/// TS 103 120 dictionary entry `LDHandoverFormat`, as a public producer writes it).
const MANIFEST_OWNER: &str = "ETSI";
const MANIFEST_NAME: &str = "ManifestSpecification";
const MANIFEST_VALUE: &str = "TS103707";

/// The national profile strings when no national profile is used (Table 1).
const NOT_APPLICABLE: &str = "N/A";

/// Checks the envelope of `msg` and collects the handover items it carries.
// The wildcard arms report the actions and objects that li707's transcription of TS 103 120
// leaves out today; they keep the check right if the transcription grows.
#[allow(unreachable_patterns)]
pub(super) fn check_message<'a>(
    msg: &'a core::Hi1Message,
    options: &Options,
    items: &mut Vec<ItemRef<'a>>,
    out: &mut Vec<Violation>,
) {
    version(&msg.header.version, options, out);
    let receiver = &msg.header.receiver_identifier;
    let payload = match &msg.payload {
        core::MessagePayload::RequestPayload(p) => p,
        core::MessagePayload::ResponsePayload(_) => {
            out.push(Violation::new(
                RuleId::Payload,
                clause::PAYLOAD,
                "/HI1Message/Payload/ResponsePayload",
                "the payload is a ResponsePayload; it shall contain a Delivery Request \
                 (a RequestPayload with DELIVER actions)",
            ));
            return;
        }
    };
    let base = "/HI1Message/Payload/RequestPayload/ActionRequests";
    let requests = &payload.action_requests.action_request;
    if requests.is_empty() {
        out.push(Violation::new(
            RuleId::Payload,
            clause::PAYLOAD,
            base,
            "the RequestPayload holds no ActionRequest; it shall contain a Delivery Request",
        ));
    }
    // DeliveryObjects that share a DeliveryID are parts of one delivery.
    let mut by_delivery_id: HashMap<&str, usize> = HashMap::new();
    let mut deliveries = 0usize;
    for (i, request) in requests.iter().enumerate() {
        let path = format!("{base}/ActionRequest[{}]", i + 1);
        let deliver = match &request.choice {
            core::ActionRequestChoice::Deliver(d) => d,
            _ => {
                out.push(Violation::new(
                    RuleId::Payload,
                    clause::PAYLOAD,
                    path,
                    "the action is not DELIVER; the payload shall contain a Delivery Request",
                ));
                continue;
            }
        };
        let path = format!("{path}/DELIVER/HI1Object");
        match &deliver.hi1_object {
            core::Hi1Object::DeliveryObject(object) => {
                let delivery = match &object.delivery_id {
                    Some(id) => *by_delivery_id.entry(id.as_str()).or_insert_with(|| {
                        deliveries += 1;
                        deliveries - 1
                    }),
                    None => {
                        deliveries += 1;
                        deliveries - 1
                    }
                };
                delivery_object(object, receiver, &path, delivery, items, out);
            }
            _ => out.push(Violation::new(
                RuleId::Payload,
                clause::PAYLOAD,
                path,
                "the HI1Object is not a delivery:DeliveryObject; the Delivery Request shall \
                 contain a DeliveryObject",
            )),
        }
    }
}

/// Table 1: the national profile strings.
fn version(version: &core::Version, options: &Options, out: &mut Vec<Violation>) {
    if options.national_profile {
        return;
    }
    for (name, value) in [
        (
            "NationalProfileOwner",
            version.national_profile_owner.as_str(),
        ),
        (
            "NationalProfileVersion",
            version.national_profile_version.as_str(),
        ),
    ] {
        if value != NOT_APPLICABLE {
            out.push(
                Violation::new(
                    RuleId::NationalProfile,
                    clause::MESSAGE_HEADER,
                    format!("/HI1Message/Header/Version/{name}"),
                    format!(
                        "{name} shall be \"{NOT_APPLICABLE}\" when no national profile is used"
                    ),
                )
                .with_value(value),
            );
        }
    }
}

/// Tables 2 and 3 for one DeliveryObject at `path`, then its content (clause 5.2.1).
fn delivery_object<'a>(
    object: &'a delivery::DeliveryObject,
    receiver: &core::EndpointId,
    path: &str,
    delivery: usize,
    items: &mut Vec<ItemRef<'a>>,
    out: &mut Vec<Violation>,
) {
    match &object.country_code {
        None => out.push(Violation::new(
            RuleId::CountryCode,
            clause::OBJECT_HEADER,
            format!("{path}/CountryCode"),
            format!(
                "CountryCode is missing; it shall be set to the ReceiverIdentifier \
                 CountryCode \"{}\"",
                receiver.country_code.as_str()
            ),
        )),
        Some(c) if c.as_str() != receiver.country_code.as_str() => out.push(
            Violation::new(
                RuleId::CountryCode,
                clause::OBJECT_HEADER,
                format!("{path}/CountryCode"),
                format!(
                    "CountryCode \"{}\" shall be the ReceiverIdentifier CountryCode \"{}\"",
                    c.as_str(),
                    receiver.country_code.as_str()
                ),
            )
            .with_value(c.as_str()),
        ),
        Some(_) => {}
    }
    let receiver_id = receiver.unique_identifier.as_str();
    match &object.owner_identifier {
        None => out.push(Violation::new(
            RuleId::OwnerIdentifier,
            clause::OBJECT_HEADER,
            format!("{path}/OwnerIdentifier"),
            format!(
                "OwnerIdentifier is missing; it shall be set to the ReceiverIdentifier \
                 UniqueIdentifier \"{}\"",
                super::shorten(receiver_id)
            ),
        )),
        Some(o) if o.as_str() != receiver_id => out.push(
            Violation::new(
                RuleId::OwnerIdentifier,
                clause::OBJECT_HEADER,
                format!("{path}/OwnerIdentifier"),
                format!(
                    "OwnerIdentifier shall be the ReceiverIdentifier UniqueIdentifier \"{}\"",
                    super::shorten(receiver_id)
                ),
            )
            .with_value(o.as_str()),
        ),
        Some(_) => {}
    }
    if object.reference.is_none() {
        out.push(Violation::new(
            RuleId::Reference,
            clause::DELIVERY_OBJECT,
            format!("{path}/delivery:Reference"),
            "Reference (LIID or LDID) is missing; it is mandatory for a TS 103 707 delivery, \
             and all handover items of the delivery relate to it",
        ));
    }
    manifest(object.manifest.as_ref(), path, out);
    match &object.delivery {
        None => out.push(Violation::new(
            RuleId::DeliveryContent,
            clause::DELIVERY_OBJECT,
            format!("{path}/delivery:Delivery"),
            "Delivery is missing; it shall contain an XML-encoded TS 103 707 object",
        )),
        Some(delivery::Delivery::BinaryData(_)) => out.push(Violation::new(
            RuleId::DeliveryContent,
            clause::DELIVERY_OBJECT,
            format!("{path}/delivery:Delivery/delivery:BinaryData"),
            "Delivery holds BinaryData; it shall contain an XML-encoded TS 103 707 object \
             (XMLData)",
        )),
        Some(delivery::Delivery::XmlData(x)) => xml_data(
            x,
            &format!("{path}/delivery:Delivery/delivery:XMLData"),
            delivery,
            items,
            out,
        ),
    }
}

/// Table 3: a Manifest, when present, specifies TS 103 707.
fn manifest(manifest: Option<&delivery::Manifest>, path: &str, out: &mut Vec<Violation>) {
    let expected =
        format!("Owner \"{MANIFEST_OWNER}\", Name \"{MANIFEST_NAME}\", Value \"{MANIFEST_VALUE}\"");
    match manifest {
        None => {}
        Some(delivery::Manifest::Specification(e))
            if e.owner.as_str() == MANIFEST_OWNER
                && e.name.as_str() == MANIFEST_NAME
                && e.value.as_str() == MANIFEST_VALUE => {}
        Some(delivery::Manifest::Specification(e)) => out.push(
            Violation::new(
                RuleId::Manifest,
                clause::DELIVERY_OBJECT,
                format!("{path}/delivery:Manifest/delivery:Specification"),
                format!("the Manifest shall specify TS 103 707 ({expected})"),
            )
            .with_value(&format!(
                "{} / {} / {}",
                e.owner.as_str(),
                e.name.as_str(),
                e.value.as_str()
            )),
        ),
        Some(delivery::Manifest::ExternalSchema(_)) => out.push(Violation::new(
            RuleId::Manifest,
            clause::DELIVERY_OBJECT,
            format!("{path}/delivery:Manifest/delivery:ExternalSchema"),
            format!(
                "the Manifest names an external schema; when present it shall specify \
                 TS 103 707 ({expected})"
            ),
        )),
    }
}

/// Clause 5.2.1: XMLData holds a single handoverItem or a single handoverItemCollection.
fn xml_data<'a>(
    x: &'a delivery::EmbeddedXmlData,
    path: &str,
    delivery: usize,
    items: &mut Vec<ItemRef<'a>>,
    out: &mut Vec<Violation>,
) {
    let n = x.any.len();
    if n != 1 {
        out.push(Violation::new(
            RuleId::DeliveryContent,
            clause::DELIVERY,
            path,
            format!(
                "XMLData holds {n} elements; a DeliveryObject contains either a single \
                 handoverItem or a single handoverItemCollection"
            ),
        ));
    }
    for (k, any) in x.any.iter().enumerate() {
        let index = if n > 1 {
            format!("[{}]", k + 1)
        } else {
            String::new()
        };
        let (name, value) = match any {
            Any::Typed(doc) => match &**doc {
                Document::HandoverItem(item) => {
                    items.push(ItemRef {
                        item,
                        base: format!("{path}/etsi707:handoverItem").into(),
                        index: (n > 1).then_some(k + 1),
                        delivery,
                    });
                    continue;
                }
                Document::HandoverItemCollection(c) => {
                    collection_items(
                        c,
                        &format!("{path}/etsi707:handoverItemCollection{index}"),
                        delivery,
                        items,
                        out,
                    );
                    continue;
                }
                other => {
                    let name = other.name();
                    let prefix = usize::from(name.ns.0)
                        .checked_sub(1)
                        .and_then(|i| crate::schema::NAMESPACES.get(i))
                        .map(|ns| ns.prefix);
                    let step = match prefix {
                        // TS 103 120 Core names are written unprefixed in paths.
                        Some(p) if name.ns.0 != crate::schema::ns::CORE => {
                            format!("{p}:{}", name.local)
                        }
                        _ => name.local.to_owned(),
                    };
                    (step, name.local.to_owned())
                }
            },
            Any::Raw(e) => {
                let step = match &e.prefix {
                    Some(p) => format!("{p}:{}", e.name),
                    None => e.name.clone(),
                };
                let value = match &e.namespace {
                    Some(ns) => format!("{{{ns}}}{}", e.name),
                    None => e.name.clone(),
                };
                (step, value)
            }
        };
        out.push(
            Violation::new(
                RuleId::DeliveryContent,
                clause::DELIVERY_OBJECT,
                format!("{path}/{name}{index}"),
                "XMLData shall contain a TS 103 707 object (a handoverItem or a \
                 handoverItemCollection)",
            )
            .with_value(&value),
        );
    }
}

/// The items of a collection at `path`; an empty collection is reported (clause 5.2.1).
pub(super) fn collection_items<'a>(
    collection: &'a etsi707::HandoverItemCollection,
    path: &str,
    delivery: usize,
    items: &mut Vec<ItemRef<'a>>,
    out: &mut Vec<Violation>,
) {
    if collection.handover_item.is_empty() {
        out.push(Violation::new(
            RuleId::DeliveryContent,
            clause::DELIVERY,
            path,
            "the handoverItemCollection holds no handoverItem",
        ));
    }
    let base: std::rc::Rc<str> = format!("{path}/etsi707:handoverItem").into();
    for (i, item) in collection.handover_item.iter().enumerate() {
        items.push(ItemRef {
            item,
            base: base.clone(),
            index: Some(i + 1),
            delivery,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::super::{check, Options, RuleId};
    use crate::schema::{common, core, delivery, etsi, Any, Document};
    use crate::xml::RawElement;

    fn short(s: &str) -> etsi::ShortString {
        etsi::ShortString::new(s).expect("ShortString")
    }

    fn only(doc: &Document, options: &Options, rule: RuleId) -> Vec<super::Violation> {
        check(doc, options)
            .into_iter()
            .filter(|v| v.rule == rule)
            .collect()
    }

    // ---- Table 1: national profile ------------------------------------------------------

    #[test]
    fn national_profile_na_passes() {
        let doc = sample();
        assert!(only(&doc, &Options::default(), RuleId::NationalProfile).is_empty());
    }

    #[test]
    fn national_profile_without_profile_fails() {
        let mut doc = sample();
        message(&mut doc).header.version.national_profile_owner = short("UK");
        let v = only(&doc, &Options::default(), RuleId::NationalProfile);
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.2, Table 1");
        assert_eq!(v[0].path, "/HI1Message/Header/Version/NationalProfileOwner");
        assert_eq!(v[0].value.as_deref(), Some("UK"));
        // With a national profile in use, the strings name it.
        let options = Options {
            national_profile: true,
            ..Options::default()
        };
        assert!(check(&doc, &options).is_empty());
    }

    // ---- Clause 5.2.3: payload --------------------------------------------------------------

    #[test]
    fn response_payload_fails() {
        let mut doc = sample();
        message(&mut doc).payload = core::MessagePayload::ResponsePayload(
            core::ResponsePayload::ActionResponses(core::ActionResponses {
                action_response: Vec::new(),
            }),
        );
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::Payload);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.3");
        assert_eq!(v[0].path, "/HI1Message/Payload/ResponsePayload");
    }

    #[test]
    fn empty_request_payload_fails() {
        let mut doc = sample();
        let core::MessagePayload::RequestPayload(p) = &mut message(&mut doc).payload else {
            panic!("request")
        };
        p.action_requests.action_request.clear();
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.3");
    }

    // ---- Table 2: CountryCode and OwnerIdentifier -----------------------------------------

    #[test]
    fn country_code_mismatch_fails() {
        let mut doc = sample();
        delivery_object(&mut doc).country_code = Some(etsi::IsoCountryCode::new("FR").unwrap());
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::CountryCode);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.3, Table 2");
        assert_eq!(v[0].path, format!("{OBJECT}/CountryCode"));
        assert_eq!(v[0].value.as_deref(), Some("FR"));
    }

    #[test]
    fn country_code_follows_receiver() {
        let mut doc = sample();
        let code = etsi::IsoCountryCode::new("FR").unwrap();
        message(&mut doc).header.receiver_identifier.country_code = code.clone();
        delivery_object(&mut doc).country_code = Some(code);
        assert!(check(&doc, &Options::default()).is_empty());
        delivery_object(&mut doc).country_code = None;
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.3, Table 2");
        assert!(v[0].message.contains("missing"), "{}", v[0]);
    }

    #[test]
    fn owner_identifier_mismatch_fails() {
        let mut doc = sample();
        delivery_object(&mut doc).owner_identifier = Some(short("LEA-7"));
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::OwnerIdentifier);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.3, Table 2");
        assert_eq!(v[0].path, format!("{OBJECT}/OwnerIdentifier"));
        assert_eq!(v[0].value.as_deref(), Some("LEA-7"));
        delivery_object(&mut doc).owner_identifier = None;
        let v = only(&doc, &Options::default(), RuleId::OwnerIdentifier);
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.3, Table 2");
    }

    #[test]
    fn owner_identifier_follows_receiver() {
        let mut doc = sample();
        message(&mut doc)
            .header
            .receiver_identifier
            .unique_identifier = etsi::LongString::new("LEA-7").unwrap();
        delivery_object(&mut doc).owner_identifier = Some(short("LEA-7"));
        assert!(check(&doc, &Options::default()).is_empty());
    }

    // ---- Table 3: Reference, Manifest, Delivery -------------------------------------------

    #[test]
    fn missing_reference_fails() {
        let mut doc = sample();
        delivery_object(&mut doc).reference = None;
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::Reference);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.3, Table 3");
        assert_eq!(v[0].path, format!("{OBJECT}/delivery:Reference"));
    }

    #[test]
    fn ldid_reference_passes() {
        let mut doc = sample();
        delivery_object(&mut doc).reference = Some(delivery::Reference::Ldid(
            etsi::Ldid::new("XX-LDID-0001").expect("LDID"),
        ));
        assert!(only(&doc, &Options::default(), RuleId::Reference).is_empty());
    }

    #[test]
    fn manifest_absent_passes() {
        let mut doc = sample();
        delivery_object(&mut doc).manifest = None;
        assert!(check(&doc, &Options::default()).is_empty());
    }

    #[test]
    fn manifest_of_other_specification_fails() {
        let mut doc = sample();
        delivery_object(&mut doc).manifest =
            Some(delivery::Manifest::Specification(common::DictionaryEntry {
                owner: short("ETSI"),
                name: short("ManifestSpecification"),
                value: short("TS102657-XML"),
            }));
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::Manifest);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.3, Table 3");
        assert_eq!(
            v[0].path,
            format!("{OBJECT}/delivery:Manifest/delivery:Specification")
        );
        assert_eq!(
            v[0].value.as_deref(),
            Some("ETSI / ManifestSpecification / TS102657-XML")
        );
    }

    #[test]
    fn manifest_external_schema_fails() {
        let mut doc = sample();
        delivery_object(&mut doc).manifest = Some(delivery::Manifest::ExternalSchema(
            delivery::ExternalSchema {
                manifest_id: None,
                manifest_contents: None,
            },
        ));
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.3, Table 3");
    }

    #[test]
    fn missing_delivery_fails() {
        let mut doc = sample();
        delivery_object(&mut doc).delivery = None;
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::DeliveryContent);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.3, Table 3");
        assert_eq!(v[0].path, format!("{OBJECT}/delivery:Delivery"));
    }

    #[test]
    fn single_handover_item_passes() {
        let mut doc = sample();
        let first = item(&mut doc, 0).clone();
        xml_data(&mut doc).any = vec![Any::Typed(Box::new(Document::HandoverItem(first)))];
        let v = check(&doc, &Options::default());
        assert!(v.is_empty(), "{}", show(&v));
    }

    #[test]
    fn two_roots_in_xml_data_fail() {
        let mut doc = sample();
        let first = item(&mut doc, 0).clone();
        xml_data(&mut doc)
            .any
            .push(Any::Typed(Box::new(Document::HandoverItem(first))));
        let v = check(&doc, &Options::default());
        let xml = format!("{OBJECT}/delivery:Delivery/delivery:XMLData");
        let content: Vec<_> = v
            .iter()
            .filter(|v| v.rule == RuleId::DeliveryContent)
            .collect();
        assert_eq!(content.len(), 1, "{}", show(&v));
        assert_eq!(content[0].clause, "TS 103 707 clause 5.2.1");
        assert_eq!(content[0].path, xml);
        // Both roots are still checked, as parts of the one delivery: the copied item's
        // sequence number 0 is now used twice for its applicationLevelID.
        let dup: Vec<_> = v
            .iter()
            .filter(|v| v.rule == RuleId::SequenceDuplicate)
            .collect();
        assert_eq!(dup.len(), 1, "{}", show(&v));
        assert!(dup[0]
            .path
            .starts_with(&format!("{xml}/etsi707:handoverItem[2]/")));
    }

    #[test]
    fn empty_xml_data_and_collection_fail() {
        let mut doc = sample();
        collection(&mut doc).handover_item.clear();
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.1");
        xml_data(&mut doc).any.clear();
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.1");
        assert!(v[0].message.contains("holds 0 elements"), "{}", v[0]);
    }

    #[test]
    fn foreign_xml_data_fails() {
        let mut doc = sample();
        xml_data(&mut doc).any = vec![Any::Raw(RawElement {
            namespace: Some("urn:example:foo".to_owned()),
            prefix: Some("foo".to_owned()),
            name: "FooItem".to_owned(),
            namespaces: Vec::new(),
            attributes: Vec::new(),
            children: Vec::new(),
        })];
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].rule, RuleId::DeliveryContent);
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.3, Table 3");
        assert_eq!(
            v[0].path,
            format!("{OBJECT}/delivery:Delivery/delivery:XMLData/foo:FooItem")
        );
        assert_eq!(v[0].value.as_deref(), Some("{urn:example:foo}FooItem"));
    }

    #[test]
    fn nested_hi1_message_fails() {
        let mut doc = sample();
        let inner = sample();
        xml_data(&mut doc).any = vec![Any::Typed(Box::new(inner))];
        let v = check(&doc, &Options::default());
        assert_eq!(v.len(), 1, "{}", show(&v));
        assert_eq!(v[0].clause, "TS 103 707 clause 5.2.3, Table 3");
        assert_eq!(
            v[0].path,
            format!("{OBJECT}/delivery:Delivery/delivery:XMLData/HI1Message")
        );
    }

    #[test]
    fn deliveries_are_grouped_by_delivery_id() {
        // Two DeliveryObjects of one delivery (same DeliveryID), each with the sample's
        // collection: every sequence number is used twice within the delivery.
        let mut doc = sample();
        let core::MessagePayload::RequestPayload(p) = &mut message(&mut doc).payload else {
            panic!("request")
        };
        let copy = p.action_requests.action_request[0].clone();
        p.action_requests.action_request.push(copy);
        let v = only(&doc, &Options::default(), RuleId::SequenceDuplicate);
        assert_eq!(v.len(), 2, "{}", show(&v));
        assert!(v.iter().all(
            |v| v.clause == "TS 103 707 clause 5.3.2" && v.path.contains("/ActionRequest[2]/")
        ));
        // With different DeliveryIDs they are two deliveries, each numbered from zero.
        let core::MessagePayload::RequestPayload(p) = &mut message(&mut doc).payload else {
            panic!("request")
        };
        let core::ActionRequestChoice::Deliver(d) = &mut p.action_requests.action_request[1].choice;
        let core::Hi1Object::DeliveryObject(o) = &mut d.hi1_object;
        o.delivery_id = Some(etsi::Uuid::new("0f2c6a1e-3b7d-4e59-8c04-9a1b2d3e4f56").unwrap());
        let v = check(&doc, &Options::default());
        // Only the URLs, which Table 8 makes unique across deliveries, now repeat.
        assert!(
            v.iter().all(|v| v.rule == RuleId::UrlUnique),
            "{}",
            show(&v)
        );
        assert_eq!(v.len(), 3, "{}", show(&v));
    }
}
