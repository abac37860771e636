//! Issue 2, acceptance 1: the generator takes the official TS 103 120 V1.12.1 set unchanged
//! (see build.rs); with the generated types every official example is parsed; the ones the
//! reference validator accepts re-serialize canonically equal to the input and valid under
//! xmllint against the official files; `request6_signed.xml` is rejected for its xmldsig
//! `Signature`.

#[path = "../../tests/support/mod.rs"]
mod support;

use li707::xml::Any;
use li707::ErrorKind;
use li707_conformance::{official, official_foo};
use support::{canonical, paths, xmllint};

const FOO_NS: &str = "http://FooServiceSchema.example.com/schema/v1.1.1/";

fn foo_imports() -> Vec<(&'static str, std::path::PathBuf)> {
    vec![(FOO_NS, paths::official_example("FooServiceSchema.xsd"))]
}

#[test]
fn every_accepted_example_round_trips_and_stays_valid() {
    let plain = xmllint::official(&[]);
    let with_foo = xmllint::official(&foo_imports());
    let mut round_tripped = Vec::new();
    for path in paths::official_example_documents() {
        let name = paths::file_name(&path).to_owned();
        if name == "request6_signed.xml" {
            continue;
        }
        let input = paths::read(&path);
        let (output, validator) = if name == "request5-XML-Delivery.xml" {
            let doc =
                official_foo::Document::from_xml(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
            (doc.to_xml(), &with_foo)
        } else {
            let doc =
                official::Document::from_xml(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
            (doc.to_xml(), &plain)
        };
        let output = output.unwrap_or_else(|e| panic!("{name}: writing failed: {e}"));
        canonical::assert_canonically_equal(&input, &output);
        if let Err(e) = validator.validate(&output) {
            panic!(
                "{name}: re-serialized document is invalid under xmllint: {e}\n{}",
                String::from_utf8_lossy(&output)
            );
        }
        round_tripped.push(name);
    }
    assert_eq!(round_tripped.len(), 19, "{round_tripped:?}");
}

#[test]
fn request6_signed_is_rejected_for_its_xmldsig_signature() {
    let input = paths::read(&paths::official_example("request6_signed.xml"));
    let err = official::Document::from_xml(&input).expect_err("must be rejected");
    match err.kind() {
        ErrorKind::UnexpectedElement { found, .. } => {
            assert_eq!(found, "{http://www.w3.org/2000/09/xmldsig#}Signature");
        }
        other => panic!("unexpected error kind {other:?}: {err}"),
    }
    let pos = err.position().expect("a position");
    let text = String::from_utf8_lossy(&input);
    let line = text
        .lines()
        .position(|l| l.contains("<ds:Signature"))
        .expect("the example has a ds:Signature")
        + 1;
    assert_eq!(pos.line as usize, line, "{err}");
    assert_eq!(err.path(), "/HI1Message", "{err}");
    let message = err.to_string();
    assert!(message.contains(&format!("{line}:")), "{message}");
    assert!(message.contains("xmldsig#}Signature"), "{message}");
}

#[test]
fn request5_xml_delivery_needs_the_foo_schema_and_then_reads_typed() {
    let input = paths::read(&paths::official_example("request5-XML-Delivery.xml"));
    // Without FooServiceSchema.xsd the strict XMLData wildcard has no declaration for FooItem.
    let err = official::Document::from_xml(&input).expect_err("strict wildcard");
    match err.kind() {
        ErrorKind::Undeclared(name) => assert_eq!(name, &format!("{{{FOO_NS}}}FooItem")),
        other => panic!("unexpected error kind {other:?}: {err}"),
    }
    assert!(err.position().is_some());
    assert!(
        err.path().ends_with("/delivery:Delivery/delivery:XMLData"),
        "{}",
        err.path()
    );

    // With it, FooItem is read as its generated type.
    let doc = official_foo::Document::from_xml(&input).expect("valid with Foo");
    let official_foo::Document::Hi1Message(msg) = doc else {
        panic!("root is HI1Message");
    };
    let official_foo::core::MessagePayload::RequestPayload(req) = &msg.payload else {
        panic!("a request");
    };
    let action = &req.action_requests.action_request[0];
    let official_foo::core::ActionRequestChoice::Deliver(deliver) = &action.choice else {
        panic!("a DELIVER action");
    };
    let official_foo::core::Hi1Object::DeliveryObject(object) = &deliver.hi1_object else {
        panic!("xsi:type selects DeliveryObject");
    };
    // The base type's fields and the derived type's fields are both there.
    assert_eq!(
        object.object_identifier.as_str(),
        "71ff52ca-bcea-4fa3-b34e-1b89dcfb0d9e"
    );
    assert_eq!(
        object
            .associated_objects
            .as_ref()
            .map(|a| a.associated_object.len()),
        Some(1)
    );
    let Some(official_foo::delivery::Delivery::XmlData(data)) = &object.delivery else {
        panic!("XMLData delivery");
    };
    let Any::Typed(item) = &data.any[0] else {
        panic!("FooItem is declared in the set, so it is read as its type");
    };
    let official_foo::Document::FooItem(foo) = item.as_ref() else {
        panic!("a FooItem");
    };
    assert_eq!(foo.item1, official_foo::schema::ItemType::Foo);
    assert_eq!(foo.item3.as_str(), "Baz");
}

#[test]
fn derived_payloads_are_not_truncated() {
    // xsd-parser 1.5.2 truncated every xsi:type payload to HI1Object's fields; here the
    // derived type's own fields must be present after reading.
    let input = paths::read(&paths::official_example("request1.xml"));
    let doc = official::Document::from_xml(&input).expect("request1 is valid");
    // The official set declares one global element, HI1Message.
    let official::Document::Hi1Message(msg) = doc;
    let official::core::MessagePayload::RequestPayload(req) = &msg.payload else {
        panic!("a request");
    };
    let mut kinds = Vec::new();
    for action in &req.action_requests.action_request {
        let object = match &action.choice {
            official::core::ActionRequestChoice::Create(c) => &c.hi1_object,
            other => panic!("request1 only creates objects, found {other:?}"),
        };
        match object {
            official::core::Hi1Object::AuthorisationObject(a) => {
                assert!(
                    a.authorisation_reference.is_some() || a.authorisation_legal_type.is_some()
                );
                kinds.push("AuthorisationObject");
            }
            official::core::Hi1Object::LiTaskObject(t) => {
                assert!(
                    t.target_identifier.is_some(),
                    "LITaskObject keeps its TargetIdentifier"
                );
                kinds.push("LITaskObject");
            }
            other => kinds.push(match other {
                official::core::Hi1Object::DocumentObject(_) => "DocumentObject",
                _ => "other",
            }),
        }
    }
    assert!(kinds.contains(&"LITaskObject"), "{kinds:?}");
    assert!(kinds.contains(&"AuthorisationObject"), "{kinds:?}");
}
