//! Validation mode (issue 3): `Document::validate_xml` walks a document once without building
//! it and reports every error (up to a limit), each with line:column, path and rule; its verdict
//! always equals `from_xml`'s. `validate()` checks typed values.

#[path = "../../tests/support/mod.rs"]
mod support;

use li707::ErrorKind;
use li707_conformance::official::{self, Document};
use support::paths;

fn example(name: &str) -> String {
    String::from_utf8(paths::read(&paths::official_example(name))).expect("UTF-8")
}

#[test]
fn verdicts_equal_the_reader_on_every_example() {
    for path in paths::official_example_documents() {
        let input = paths::read(&path);
        let report = Document::validate_xml(&input);
        let read = Document::from_xml(&input);
        assert_eq!(
            report.is_valid(),
            read.is_ok(),
            "{}: {report}",
            paths::file_name(&path)
        );
        if let Err(e) = read {
            // The first error of the report is the reader's error.
            assert_eq!(report.errors[0], e, "{}", paths::file_name(&path));
        }
    }
}

#[test]
fn every_error_is_reported_in_document_order() {
    let doc = example("request2.xml")
        .replacen(
            "<CountryCode>XX</CountryCode>",
            "<CountryCode>xx</CountryCode>",
            1,
        )
        .replacen("<Header>", "<Header priority=\"high\">", 1)
        .replacen(
            "<UniqueIdentifier>ACTOR02</UniqueIdentifier>",
            "<UniqueIdentifier>ACTOR02</UniqueIdentifier><Nickname/>",
            1,
        )
        .replacen(
            "45002c1e-dc4a-470a-9152-8e752638c86c",
            "45002c1e-dc4a-470a-9152-8E752638C86C",
            1,
        )
        .replacen(
            "<ActionIdentifier>1</ActionIdentifier>",
            "<ActionIdentifier>-1</ActionIdentifier>",
            1,
        );
    let report = Document::validate_xml(doc.as_bytes());
    let summary: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    assert_eq!(report.errors.len(), 5, "{summary:#?}");
    assert!(!report.truncated);
    // In document order, each with a position and a path.
    let lines: Vec<u32> = report
        .errors
        .iter()
        .map(|e| e.position().expect("position").line)
        .collect();
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted, "{summary:#?}");
    assert_eq!(report.errors[0].path(), "/HI1Message/Header/@priority");
    assert!(matches!(
        report.errors[0].kind(),
        ErrorKind::UnexpectedAttribute(_)
    ));
    assert_eq!(
        report.errors[1].path(),
        "/HI1Message/Header/SenderIdentifier/CountryCode"
    );
    assert!(summary[1].contains("pattern `[A-Z]{2}`"), "{}", summary[1]);
    assert_eq!(
        report.errors[2].path(),
        "/HI1Message/Header/ReceiverIdentifier"
    );
    assert!(matches!(
        report.errors[2].kind(),
        ErrorKind::UnexpectedElement { .. }
    ));
    assert_eq!(
        report.errors[3].path(),
        "/HI1Message/Header/TransactionIdentifier"
    );
    assert!(
        summary[4].contains("xs:nonNegativeInteger"),
        "{}",
        summary[4]
    );
    assert!(
        report.errors[4]
            .path()
            .ends_with("/ActionRequest/ActionIdentifier"),
        "{}",
        report.errors[4].path()
    );

    // The reader stops at the first of them.
    let first = Document::from_xml(doc.as_bytes()).expect_err("invalid");
    assert_eq!(first, report.errors[0]);

    // The limit stops validation and says so.
    let limited = Document::validate_xml_with(doc.as_bytes(), li707::xml::ReadLimits::default(), 2);
    assert_eq!(limited.errors.len(), 2);
    assert!(limited.truncated);
}

#[test]
fn one_content_model_error_per_element_then_validation_goes_on() {
    // A missing element and an extra one in the same parent give one error there; the next
    // parent is still checked.
    let doc = example("request2.xml")
        .replacen("<CountryCode>XX</CountryCode>", "", 1)
        .replacen(
            "<Timestamp>2015-09-01T12:01:00.000000Z</Timestamp>",
            "<Timestamp>yesterday</Timestamp>",
            1,
        );
    let report = Document::validate_xml(doc.as_bytes());
    let summary: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    assert_eq!(report.errors.len(), 2, "{summary:#?}");
    assert_eq!(
        report.errors[0].path(),
        "/HI1Message/Header/SenderIdentifier"
    );
    assert_eq!(report.errors[1].path(), "/HI1Message/Header/Timestamp");
}

#[test]
fn unknown_xsi_type_is_reported_and_the_rest_still_checked() {
    let doc = example("request1.xml")
        .replacen(
            "xsi:type=\"task:LITaskObject\"",
            "xsi:type=\"task:Nope\"",
            1,
        )
        .replacen(
            "<ETSIVersion>V1.12.1</ETSIVersion>",
            "<ETSIVersion>1.12</ETSIVersion>",
            1,
        );
    let report = Document::validate_xml(doc.as_bytes());
    let kinds: Vec<&ErrorKind> = report.errors.iter().map(|e| e.kind()).collect();
    assert_eq!(report.errors.len(), 2, "{report}");
    assert!(matches!(kinds[0], ErrorKind::Value(_)), "{report}");
    assert!(
        matches!(kinds[1], ErrorKind::UnknownXsiType { .. }),
        "{report}"
    );
}

#[test]
fn typed_values_validate_every_bound() {
    let input = paths::read(&paths::official_example("request2.xml"));
    let mut doc = Document::from_xml(&input).expect("valid");
    assert!(doc.validate().is_valid());
    let Document::Hi1Message(msg) = &mut doc;
    let official::core::MessagePayload::RequestPayload(req) = &mut msg.payload else {
        panic!("request")
    };
    req.action_requests.action_request.clear();
    let report = doc.validate();
    assert_eq!(report.errors.len(), 1, "{report}");
    assert!(matches!(
        report.errors[0].kind(),
        ErrorKind::Occurrence { found: 0, .. }
    ));
    assert_eq!(
        report.errors[0].path(),
        "/core:HI1Message/core:Payload/core:RequestPayload/core:ActionRequests",
        "{report}"
    );
    assert!(doc.to_xml().is_err());
}
