//! Issue 2, acceptance 2: what the schema does not allow is an error with line:column and an
//! element path, never dropped. Each case mutates an official example and checks the error's
//! kind, exact position and path, and that the reference validator rejects the same document.

#[path = "../../tests/support/mod.rs"]
mod support;

use li707::{Error, ErrorKind};
use li707_conformance::official;
use support::{paths, xmllint};

const CORE: &str = "http://uri.etsi.org/03120/common/2019/10/Core";

fn example(name: &str) -> String {
    String::from_utf8(paths::read(&paths::official_example(name))).expect("UTF-8 example")
}

/// Replaces the first occurrence of `from`, which must exist.
fn mutate(doc: &str, from: &str, to: &str) -> String {
    assert!(doc.contains(from), "the example contains {from:?}");
    doc.replacen(from, to, 1)
}

/// 1-based line and column (in characters) of the first occurrence of `needle`.
fn locate(doc: &str, needle: &str) -> (u32, u32) {
    let at = doc.find(needle).expect("needle present");
    let before = &doc[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before[before.rfind('\n').map_or(0, |p| p + 1)..]
        .chars()
        .count() as u32
        + 1;
    (line, col)
}

/// Reads `doc`, expecting an error, and checks that xmllint rejects it too.
fn reject(doc: &str) -> Error {
    let err = official::Document::from_xml(doc.as_bytes()).expect_err("must be rejected");
    xmllint::official(&[]).assert_invalid(doc.as_bytes());
    err
}

fn assert_at(err: &Error, doc: &str, needle: &str, path: &str) {
    let pos = err
        .position()
        .unwrap_or_else(|| panic!("no position: {err}"));
    assert_eq!((pos.line, pos.column), locate(doc, needle), "{err}");
    assert_eq!(err.path(), path, "{err}");
    let text = err.to_string();
    assert!(
        text.starts_with(&format!("{}:{}: {path}: ", pos.line, pos.column)),
        "{text}"
    );
}

#[test]
fn unknown_element_inside_sender_identifier() {
    let doc = mutate(
        &example("request2.xml"),
        "<CountryCode>XX</CountryCode>",
        "<CountryCode>XX</CountryCode><Nickname>ACTOR</Nickname>",
    );
    let err = reject(&doc);
    match err.kind() {
        ErrorKind::UnexpectedElement { found, expected } => {
            assert_eq!(found, &format!("{{{CORE}}}Nickname"));
            assert_eq!(expected, &vec![format!("{{{CORE}}}UniqueIdentifier")]);
        }
        other => panic!("{other:?}"),
    }
    assert_at(
        &err,
        &doc,
        "<Nickname>",
        "/HI1Message/Header/SenderIdentifier",
    );
}

#[test]
fn unknown_element_just_before_the_end_of_hi1message() {
    let doc = mutate(
        &example("request2.xml"),
        "</HI1Message>",
        "<Trailer>late</Trailer>\n</HI1Message>",
    );
    let err = reject(&doc);
    match err.kind() {
        ErrorKind::UnexpectedElement { found, .. } => {
            assert_eq!(found, &format!("{{{CORE}}}Trailer"));
        }
        other => panic!("{other:?}"),
    }
    assert_at(&err, &doc, "<Trailer>", "/HI1Message");
}

#[test]
fn missing_required_element() {
    // Version is the last required child of Header: the parent ends without it.
    let original = example("request2.xml");
    let start = original.find("<Version>").expect("Version");
    let end = original.find("</Version>").expect("/Version") + "</Version>".len();
    let doc = format!("{}{}", &original[..start], &original[end..]);
    let err = reject(&doc);
    match err.kind() {
        ErrorKind::MissingElement { expected } => {
            assert_eq!(expected, &vec![format!("{{{CORE}}}Version")]);
        }
        other => panic!("{other:?}"),
    }
    assert_at(&err, &doc, "</Header>", "/HI1Message/Header");

    // A required element missing in the middle: the next element is unexpected.
    let doc = mutate(
        &original,
        "<TransactionIdentifier>45002c1e-dc4a-470a-9152-8e752638c86c</TransactionIdentifier>",
        "",
    );
    let err = reject(&doc);
    match err.kind() {
        ErrorKind::UnexpectedElement { found, expected } => {
            assert_eq!(found, &format!("{{{CORE}}}Timestamp"));
            assert_eq!(expected, &vec![format!("{{{CORE}}}TransactionIdentifier")]);
        }
        other => panic!("{other:?}"),
    }
    assert_at(&err, &doc, "<Timestamp>", "/HI1Message/Header");
}

#[test]
fn xsi_type_naming_no_derived_type_of_the_set() {
    let doc = mutate(
        &example("request1.xml"),
        "xsi:type=\"task:LITaskObject\"",
        "xsi:type=\"task:LITaskObjectV2\"",
    );
    let err = reject(&doc);
    match err.kind() {
        ErrorKind::UnknownXsiType { value, declared } => {
            assert_eq!(
                value,
                "{http://uri.etsi.org/03120/common/2020/09/Task}LITaskObjectV2"
            );
            assert_eq!(*declared, "core:HI1Object");
        }
        other => panic!("{other:?}"),
    }
    let needle = "<HI1Object xsi:type=\"task:LITaskObjectV2\"";
    let pos = err.position().expect("position");
    assert_eq!((pos.line, pos.column), locate(&doc, needle), "{err}");
    assert!(err.path().ends_with("/CREATE/HI1Object"), "{}", err.path());

    // An abstract type named directly is no concrete type either: the error says it is
    // abstract.
    let doc = mutate(
        &example("request1.xml"),
        "xsi:type=\"task:LITaskObject\"",
        "xsi:type=\"HI1Object\"",
    );
    let err = reject(&doc);
    assert_eq!(
        err.kind(),
        &ErrorKind::AbstractType("core:HI1Object"),
        "{err}"
    );

    // And without xsi:type an abstract declared type cannot be read.
    let doc = mutate(
        &example("request1.xml"),
        " xsi:type=\"task:LITaskObject\"",
        "",
    );
    let err = reject(&doc);
    assert_eq!(
        err.kind(),
        &ErrorKind::AbstractType("core:HI1Object"),
        "{err}"
    );
}

#[test]
fn attribute_the_schema_does_not_declare() {
    let doc = mutate(
        &example("request2.xml"),
        "<Header>",
        "<Header priority=\"high\">",
    );
    let err = reject(&doc);
    assert_eq!(
        err.kind(),
        &ErrorKind::UnexpectedAttribute("priority".into()),
        "{err}"
    );
    assert_at(
        &err,
        &doc,
        "<Header priority",
        "/HI1Message/Header/@priority",
    );
}

#[test]
fn nothing_is_dropped_silently_anywhere_in_the_examples() {
    // Inserting an unknown element as the first child of every element of an example must
    // fail each time (never be skipped).
    let original = example("request3.xml");
    let mut tried = 0;
    let mut search_from = original.find("<HI1Message").expect("root") + 1;
    while let Some(rel) = original[search_from..].find('<') {
        let at = search_from + rel;
        search_from = at + 1;
        let rest = &original[at..];
        if rest.starts_with("</") || rest.starts_with("<!--") || rest.starts_with("<?") {
            continue;
        }
        let Some(close) = rest.find('>') else { break };
        if rest[..close].ends_with('/') {
            continue;
        }
        let insert_at = at + close + 1;
        let doc = format!(
            "{}<core:Unexpected xmlns:core=\"{CORE}\"/>{}",
            &original[..insert_at],
            &original[insert_at..]
        );
        let result = official::Document::from_xml(doc.as_bytes());
        let err = result.expect_err("an unknown element must never be dropped");
        assert!(err.position().is_some(), "{err}");
        tried += 1;
    }
    assert!(tried > 30, "only {tried} insertion points");
}
