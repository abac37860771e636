//! The generated code for `fixtures/constructs.xsd` (lists, unions, enumerations, xs:all,
//! repeated groups, optional choices, simple content, anyType, attribute and element
//! wildcards, simple-typed and anonymous-typed global elements) reads, checks and writes.

#[path = "../../tests/support/mod.rs"]
mod support;

use li707::value::SimpleValue;
use li707::xml::Any;
use li707::ErrorKind;
use li707_conformance::constructs::{c, Document};
use support::{canonical, paths, xmllint};

const NS: &str = "urn:li707:test:constructs";

fn schema() -> xmllint::SchemaSet {
    let fixture = paths::repo_root().join("conformance/fixtures/constructs.xsd");
    xmllint::SchemaSet::new(&[(NS, fixture)])
}

const FULL: &str = r#"<?xml version="1.0"?>
<c:record xmlns:c="urn:li707:test:constructs" xmlns:o="urn:li707:test:other"
          version="2" lang="en-GB" schemaVersion="1" o:trace="abc">
  <c:id>AB-12</c:id>
  <c:count>0</c:count>
  <c:count>7</c:count>
  <c:sizes>1 -2  3</c:sizes>
  <c:amount currency="EU-1">12.50</c:amount>
  <c:either>42</c:either>
  <c:state>in-progress</c:state>
  <c:key>k1</c:key><c:value> v 1 </c:value>
  <c:key>k2</c:key><c:value>v2</c:value>
  <c:right>0AFF</c:right>
  <c:options><c:alpha>-3</c:alpha><c:beta>1.5</c:beta></c:options>
  <c:anything a="1">text <o:x>inner</o:x> tail</c:anything>
  <c:unit>EUR</c:unit>
  <o:extra o:flag="yes"><o:child/></o:extra>
</c:record>
"#;

#[test]
fn every_construct_reads_typed_and_round_trips_valid() {
    schema().assert_valid(FULL.as_bytes());
    let doc = Document::from_xml(FULL.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let Document::Record(rec) = &doc else {
        panic!("a record")
    };
    assert_eq!(rec.version.as_str(), "2");
    assert_eq!(rec.lang.as_deref(), Some("en-GB"));
    assert_eq!(rec.other_attributes.len(), 1);
    assert_eq!(rec.other_attributes[0].name, "trace");
    assert_eq!(rec.id.as_str(), "AB-12");
    assert_eq!(rec.count.len(), 2);
    assert_eq!(
        rec.sizes.as_ref().map(|s| s.items().to_vec()),
        Some(vec![1, -2, 3])
    );
    let amount = rec.amount.as_ref().expect("amount");
    assert_eq!(
        (amount.currency.as_str(), amount.value.as_str()),
        ("EU-1", "12.50")
    );
    assert!(matches!(&rec.either, Some(c::SizeOrWord::Size(s)) if s.get().as_str() == "42"));
    assert_eq!(rec.state, Some(c::State::InProgress));
    assert_eq!(rec.group.len(), 2);
    assert_eq!(rec.group[0].value, " v 1 ");
    assert!(matches!(&rec.choice, Some(c::RecordChoice::Right(h)) if h.0 == vec![0x0a, 0xff]));
    let options = rec.options.as_ref().expect("options");
    assert_eq!((options.alpha, options.beta), (-3, Some(1.5)));
    assert_eq!(rec.anything.as_ref().map(|a| a.children.len()), Some(3));
    assert!(matches!(&rec.any[..], [Any::Raw(raw)] if raw.name == "extra"));

    let out = doc.to_xml().expect("writes");
    canonical::assert_canonically_equal(
        // whitespace inside the list is collapsed by the type; compare with that form
        FULL.replace("1 -2  3", "1 -2 3").as_bytes(),
        &out,
    );
    schema().assert_valid(&out);
    assert_eq!(Document::from_xml(&out).expect("reads back"), doc);

    // xs:all takes its elements in any order (they are written in schema order).
    let reordered = FULL.replace(
        "<c:alpha>-3</c:alpha><c:beta>1.5</c:beta>",
        "<c:beta>1.5</c:beta><c:alpha>-3</c:alpha>",
    );
    schema().assert_valid(reordered.as_bytes());
    assert_eq!(
        Document::from_xml(reordered.as_bytes()).expect("any order"),
        doc
    );
    let twice = FULL.replace(
        "<c:beta>1.5</c:beta>",
        "<c:beta>1.5</c:beta><c:alpha>1</c:alpha>",
    );
    schema().assert_invalid(twice.as_bytes());
    assert!(Document::from_xml(twice.as_bytes()).is_err());
}

#[test]
fn simple_and_anonymous_global_elements() {
    for (xml, check) in [
        (
            format!("<c:note xmlns:c=\"{NS}\">hello &amp; bye</c:note>"),
            "note",
        ),
        (format!("<c:code xmlns:c=\"{NS}\"> ZZ-9 </c:code>"), "code"),
        (format!("<c:ping xmlns:c=\"{NS}\" seq=\"7\"/>"), "ping"),
    ] {
        schema().assert_valid(xml.as_bytes());
        let doc = Document::from_xml(xml.as_bytes()).unwrap_or_else(|e| panic!("{xml}: {e}"));
        match (&doc, check) {
            (Document::Note(s), "note") => assert_eq!(s, "hello & bye"),
            (Document::Code(c), "code") => assert_eq!(c.as_str(), "ZZ-9"),
            (Document::Ping(p), "ping") => assert_eq!(p.seq, 7),
            other => panic!("{other:?}"),
        }
        let out = doc.to_xml().expect("writes");
        schema().assert_valid(&out);
        assert_eq!(Document::from_xml(&out).expect("reads back"), doc);
    }
}

#[test]
fn facets_and_lexical_spaces_are_enforced_when_reading() {
    let cases = [
        ("<c:id>AB-12</c:id>", "<c:id>ab-12</c:id>", "pattern"),
        (
            "<c:id>AB-12</c:id>",
            "<c:id>AB-1234567890</c:id>",
            "maxLength 12",
        ),
        (
            "<c:either>42</c:either>",
            "<c:either>4x2</c:either>",
            "union",
        ),
        (
            "<c:either>42</c:either>",
            "<c:either>101</c:either>",
            "union",
        ),
        (
            "<c:state>in-progress</c:state>",
            "<c:state>pending</c:state>",
            "enumeration",
        ),
        (
            "<c:count>7</c:count>",
            "<c:count>-7</c:count>",
            "nonNegativeInteger",
        ),
        (
            "<c:sizes>1 -2  3</c:sizes>",
            "<c:sizes>1 two</c:sizes>",
            "xs:int",
        ),
        ("version=\"2\"", "version=\"0\"", "positiveInteger"),
        (
            "<c:alpha>-3</c:alpha>",
            "<c:alpha>3000000000</c:alpha>",
            "xs:int",
        ),
    ];
    for (from, to, rule) in cases {
        let bad = FULL.replacen(from, to, 1);
        assert_ne!(bad, FULL, "{from}");
        schema().assert_invalid(bad.as_bytes());
        let err = Document::from_xml(bad.as_bytes()).expect_err(to);
        assert!(matches!(err.kind(), ErrorKind::Value(_)), "{to}: {err}");
        assert!(err.to_string().contains(rule), "{to}: {err}");
        assert!(err.position().is_some(), "{to}: {err}");
    }
    // Fixed values, compared as values of the type.
    for (from, to) in [
        ("<c:unit>EUR</c:unit>", "<c:unit>USD</c:unit>"),
        ("schemaVersion=\"1\"", "schemaVersion=\"2\""),
    ] {
        let bad = FULL.replacen(from, to, 1);
        schema().assert_invalid(bad.as_bytes());
        let err = Document::from_xml(bad.as_bytes()).expect_err(to);
        assert!(matches!(err.kind(), ErrorKind::Fixed { .. }), "{to}: {err}");
        let report = Document::validate_xml(bad.as_bytes());
        assert_eq!(report.errors.len(), 1, "{report}");
        assert_eq!(report.errors[0], err);
    }
    let same_value = FULL.replacen("schemaVersion=\"1\"", "schemaVersion=\"+01\"", 1);
    schema().assert_valid(same_value.as_bytes());
    assert!(Document::from_xml(same_value.as_bytes()).is_ok());

    // Structure: a third key/value group is one too many (maxOccurs="2").
    let bad = FULL.replacen(
        "<c:right>",
        "<c:key>k3</c:key><c:value>v</c:value><c:right>",
        1,
    );
    schema().assert_invalid(bad.as_bytes());
    assert!(Document::from_xml(bad.as_bytes()).is_err());
    // A wildcard attribute in the target namespace is not allowed by ##other.
    let bad = FULL.replacen("o:trace=", "c:trace=", 1);
    schema().assert_invalid(bad.as_bytes());
    let err = Document::from_xml(bad.as_bytes()).expect_err("##other");
    assert!(
        matches!(err.kind(), ErrorKind::UnexpectedAttribute(_)),
        "{err}"
    );
}

#[test]
fn invalid_values_cannot_be_built_or_written() {
    assert!(c::Code::new("ab-1").is_err());
    assert!(c::Size::new(0.into()).is_err());
    assert!(c::Size::new(100.into()).is_ok());
    assert!(c::State::from_lexical("pending").is_err());
    let Document::Record(mut rec) = Document::from_xml(FULL.as_bytes()).expect("valid") else {
        panic!("a record")
    };
    // A built-in value outside its type's lexical space is refused by the writer.
    rec.count.push(li707::value::Integer::from(-1));
    rec.count.truncate(3);
    let err = Document::Record(rec.clone())
        .to_xml()
        .expect_err("-1 is not nonNegative");
    assert!(matches!(err.kind(), ErrorKind::Value(_)), "{err}");
    // Occurrence bounds are checked before writing: four counts break maxOccurs="3".
    rec.count = vec![1.into(), 2.into(), 3.into(), 4.into()];
    let err = Document::Record(rec.clone())
        .to_xml()
        .expect_err("maxOccurs");
    assert!(
        matches!(err.kind(), ErrorKind::Occurrence { found: 4, .. }),
        "{err}"
    );
    assert_eq!(err.path(), "/c:record", "{err}");
    // A wildcard only takes elements of the namespaces it allows.
    rec.count.clear();
    rec.any.push(Any::Typed(Box::new(Document::Note(
        "in my own namespace".into(),
    ))));
    let err = Document::Record(rec).to_xml().expect_err("##other");
    assert!(
        matches!(err.kind(), ErrorKind::UnexpectedElement { .. }),
        "{err}"
    );
}

#[test]
fn concrete_base_types_take_derived_types_by_xsi_type() {
    let xml = format!(
        r#"<c:shapes xmlns:c="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <c:shape id="s1"><c:label>plain</c:label></c:shape>
  <c:shape xsi:type="c:Circle"><c:label>round</c:label><c:note>n</c:note><c:radius>2.5</c:radius></c:shape>
  <c:shape xsi:type="c:Narrow"><c:label>narrow</c:label></c:shape>
  <c:narrow><c:label>only a label</c:label></c:narrow>
</c:shapes>"#
    );
    schema().assert_valid(xml.as_bytes());
    let doc = Document::from_xml(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let Document::Shapes(shapes) = &doc else {
        panic!("shapes")
    };
    assert!(matches!(&shapes.shape[0], c::ShapeKind::Shape(s) if s.id.as_deref() == Some("s1")));
    assert!(
        matches!(&shapes.shape[1], c::ShapeKind::Circle(s) if s.radius.as_str() == "2.5" && s.note.is_some())
    );
    assert!(matches!(&shapes.shape[2], c::ShapeKind::Narrow(s) if s.label == "narrow"));
    let out = doc.to_xml().expect("writes");
    canonical::assert_canonically_equal(xml.as_bytes(), &out);
    schema().assert_valid(&out);

    // The restriction has no note.
    let bad = xml.replace(
        "<c:narrow><c:label>only a label</c:label>",
        "<c:narrow><c:label>only a label</c:label><c:note>x</c:note>",
    );
    schema().assert_invalid(bad.as_bytes());
    assert!(Document::from_xml(bad.as_bytes()).is_err());
    // A type outside the family.
    let bad = xml.replace("xsi:type=\"c:Circle\"", "xsi:type=\"c:Amount\"");
    schema().assert_invalid(bad.as_bytes());
    let err = Document::from_xml(bad.as_bytes()).expect_err("Amount is not a Shape");
    assert!(
        matches!(err.kind(), ErrorKind::UnknownXsiType { .. }),
        "{err}"
    );
}

#[test]
fn nillable_elements() {
    let with = |inner: &str| {
        FULL.replacen(
            "<c:unit>EUR</c:unit>",
            &format!("<c:unit>EUR</c:unit>{inner}"),
            1,
        )
    };
    let xsi = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
    let ok = with(&format!(
        "<c:due {xsi} xsi:nil=\"true\"/><c:due {xsi} xsi:nil=\"false\">2024-02-29</c:due><c:extra {xsi} xsi:nil=\"true\"></c:extra>"
    ));
    schema().assert_valid(ok.as_bytes());
    let doc = Document::from_xml(ok.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let Document::Record(rec) = &doc else {
        panic!("record")
    };
    assert_eq!(rec.due.len(), 2);
    assert_eq!(rec.due[0], li707::xml::Nillable::Nil);
    assert_eq!(rec.due[1].value().map(|d| d.as_str()), Some("2024-02-29"));
    assert_eq!(rec.extra, Some(li707::xml::Nillable::Nil));
    let out = doc.to_xml().expect("writes");
    schema().assert_valid(&out);
    assert!(String::from_utf8_lossy(&out).contains("xsi:nil=\"true\""));
    assert_eq!(Document::from_xml(&out).expect("reads back"), doc);
    assert!(Document::validate_xml(ok.as_bytes()).is_valid());

    for bad in [
        // A nil element must be empty.
        with(&format!("<c:due {xsi} xsi:nil=\"true\">2024-02-29</c:due>")),
        // Only nillable elements take xsi:nil.
        FULL.replacen("<c:unit>", &format!("<c:unit {xsi} xsi:nil=\"true\">"), 1),
    ] {
        schema().assert_invalid(bad.as_bytes());
        let err = Document::from_xml(bad.as_bytes()).expect_err("invalid");
        assert!(matches!(err.kind(), ErrorKind::Nil(_)), "{err}");
        let report = Document::validate_xml(bad.as_bytes());
        assert_eq!(report.errors.first(), Some(&err), "{report}");
    }
}
