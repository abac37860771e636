//! Self-tests of the shared integration-test support module (`tests/support`).

mod support;

use std::path::PathBuf;

use support::canonical::{assert_canonically_equal, first_difference, parse, Child, Node, XSI_NS};
use support::{paths, xmllint};

const CORE: &str = "http://uri.etsi.org/03120/common/2019/10/Core";
const AUTH: &str = "http://uri.etsi.org/03120/common/2020/09/Authorisation";

const BASE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<HI1Message xmlns="http://uri.etsi.org/03120/common/2019/10/Core" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:auth="http://uri.etsi.org/03120/common/2020/09/Authorisation">
  <Header>
    <SenderIdentifier>
      <CountryCode>XX</CountryCode>
      <UniqueIdentifier>ACTOR01</UniqueIdentifier>
    </SenderIdentifier>
    <Timestamp>2015-09-01T12:00:00.000000Z</Timestamp>
  </Header>
  <Payload>
    <HI1Object xsi:type="auth:AuthorisationObject" xsi:nil="false" id="a1">
      <ObjectIdentifier>7dbbc880-8750-4d3c-abe7-ea4a17646045</ObjectIdentifier>
      <auth:AuthorisationReference>W &amp; 1 &lt;2&gt;</auth:AuthorisationReference>
      <auth:Empty/>
    </HI1Object>
  </Payload>
</HI1Message>
"#;

/// BASE with other prefixes, no indentation, other attribute order and quoting, a comment,
/// a processing instruction, CDATA and character references.
const VARIANT: &str = "<?xml version='1.0'?><!-- leading comment -->\
<c:HI1Message xmlns:c='http://uri.etsi.org/03120/common/2019/10/Core' \
xmlns:i='http://www.w3.org/2001/XMLSchema-instance' \
xmlns:authorisation='http://uri.etsi.org/03120/common/2020/09/Authorisation'>\
<c:Header><c:SenderIdentifier><c:CountryCode>X<!-- split -->X</c:CountryCode>\
<c:UniqueIdentifier>ACTOR&#48;1</c:UniqueIdentifier></c:SenderIdentifier>\
<c:Timestamp><![CDATA[2015-09-01T12:00:00.000000Z]]></c:Timestamp></c:Header>\
<?pi ignored?><c:Payload>\
<c:HI1Object id='a1' i:nil='false' i:type='authorisation:AuthorisationObject'>\
<c:ObjectIdentifier>7dbbc880-8750-4d3c-abe7-ea4a17646045</c:ObjectIdentifier>\
<AuthorisationReference xmlns='http://uri.etsi.org/03120/common/2020/09/Authorisation'>\
W &#x26; 1 <![CDATA[<2>]]></AuthorisationReference>\
<authorisation:Empty></authorisation:Empty>\
</c:HI1Object></c:Payload></c:HI1Message>";

fn tree(xml: &str) -> Node {
    parse(xml.as_bytes()).unwrap_or_else(|e| panic!("test document does not parse: {e}\n{xml}"))
}

/// The first difference between BASE and BASE with `from` replaced by `to` (exactly once).
fn diff_after_edit(from: &str, to: &str) -> Option<String> {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "edit target {from:?} not unique"
    );
    let edited = BASE.replacen(from, to, 1);
    first_difference(&tree(BASE), &tree(&edited))
}

fn expect_difference(from: &str, to: &str, path: &str, what: &str) -> String {
    let difference = diff_after_edit(from, to)
        .unwrap_or_else(|| panic!("editing {from:?} -> {to:?} was not detected"));
    assert!(
        difference.starts_with(&format!("{path}:")),
        "difference {difference:?} does not start with path {path:?}"
    );
    assert!(
        difference.contains(what),
        "difference {difference:?} does not mention {what:?}"
    );
    difference
}

#[test]
fn parse_resolves_names_attributes_xsi_type_and_text() {
    let root = tree(BASE);
    assert_eq!(root.name, (CORE.to_string(), "HI1Message".to_string()));
    assert!(root.attrs.is_empty(), "xmlns declarations must be ignored");
    assert_eq!(
        root.elements().count(),
        2,
        "whitespace-only text must be dropped"
    );
    assert_eq!(root.children.len(), 2);
    let header = root.child("Header").expect("Header");
    let timestamp = header.child("Timestamp").expect("Timestamp");
    assert_eq!(
        timestamp.children,
        vec![Child::Text("2015-09-01T12:00:00.000000Z".to_string())]
    );
    let object = root
        .child("Payload")
        .and_then(|p| p.child("HI1Object"))
        .expect("HI1Object");
    assert_eq!(
        object.attr(XSI_NS, "type"),
        Some(format!("{{{AUTH}}}AuthorisationObject").as_str())
    );
    assert_eq!(object.attr(XSI_NS, "nil"), Some("false"));
    assert_eq!(object.attr("", "id"), Some("a1"));
    let reference = object.child("AuthorisationReference").expect("reference");
    assert_eq!(reference.name.0, AUTH);
    assert_eq!(reference.text(), "W & 1 <2>");
    let empty = object.child("Empty").expect("Empty");
    assert!(empty.children.is_empty());
}

#[test]
fn reprefixed_reindented_reordered_variant_is_equal() {
    let base = tree(BASE);
    let variant = tree(VARIANT);
    assert_eq!(first_difference(&base, &variant), None);
    assert_eq!(first_difference(&variant, &base), None);
    assert_eq!(base, variant);
    assert_canonically_equal(BASE.as_bytes(), VARIANT.as_bytes());
}

#[test]
fn changed_text_is_detected() {
    let d = expect_difference(
        "12:00:00.000000Z",
        "12:00:01.000000Z",
        "/HI1Message/Header/Timestamp",
        "text differs",
    );
    assert!(d.contains("12:00:01.000000Z"), "{d}");
}

#[test]
fn changed_attribute_is_detected() {
    expect_difference(
        r#"id="a1""#,
        r#"id="a2""#,
        "/HI1Message/Payload/HI1Object",
        "attribute id differs",
    );
    expect_difference(
        r#"xsi:nil="false""#,
        r#"xsi:nil="true""#,
        "/HI1Message/Payload/HI1Object",
        "{http://www.w3.org/2001/XMLSchema-instance}nil",
    );
    expect_difference(
        r#" id="a1""#,
        "",
        "/HI1Message/Payload/HI1Object",
        "missing",
    );
    expect_difference(
        r#" id="a1""#,
        r#" id="a1" extra="x""#,
        "/HI1Message/Payload/HI1Object",
        "unexpected attribute extra",
    );
}

#[test]
fn extra_element_is_detected() {
    let d = expect_difference(
        "<auth:Empty/>",
        "<auth:Empty/><auth:Extra/>",
        "/HI1Message/Payload/HI1Object",
        "child count differs",
    );
    assert!(d.contains("Extra"), "{d}");
}

#[test]
fn different_namespace_with_same_local_name_is_detected() {
    expect_difference(
        "<auth:Empty/>",
        "<Empty/>",
        "/HI1Message/Payload/HI1Object/Empty",
        "element name differs",
    );
    // The same element moved to another namespace by rebinding the default namespace.
    expect_difference(
        "<Timestamp>",
        r#"<Timestamp xmlns="urn:other">"#,
        "/HI1Message/Header/Timestamp",
        "{urn:other}Timestamp",
    );
}

#[test]
fn different_xsi_type_target_is_detected() {
    // Same local name, other namespace (prefix bound elsewhere).
    expect_difference(
        r#"xsi:type="auth:AuthorisationObject""#,
        r#"xmlns:t="urn:other" xsi:type="t:AuthorisationObject""#,
        "/HI1Message/Payload/HI1Object",
        "{http://www.w3.org/2001/XMLSchema-instance}type",
    );
    // Unprefixed QName resolves to the default (Core) namespace, not to Authorisation.
    let d = expect_difference(
        r#"xsi:type="auth:AuthorisationObject""#,
        r#"xsi:type="AuthorisationObject""#,
        "/HI1Message/Payload/HI1Object",
        "attribute",
    );
    assert!(d.contains(&format!("{{{CORE}}}AuthorisationObject")), "{d}");
    // Other local name.
    expect_difference(
        r#"xsi:type="auth:AuthorisationObject""#,
        r#"xsi:type="auth:TaskObject""#,
        "/HI1Message/Payload/HI1Object",
        "TaskObject",
    );
}

#[test]
fn whitespace_only_text_is_ignored_but_other_text_is_exact() {
    let a = tree("<r><a>x</a>\n  \t<b/>\r\n</r>");
    let b = tree("<r><a>x</a><b>  </b></r>");
    assert_eq!(first_difference(&a, &b), None);
    let c = tree("<r><a>x</a><b></b></r>");
    assert_eq!(first_difference(&a, &c), None);

    let padded = tree("<r><a> x</a><b/></r>");
    let d = first_difference(&a, &padded).expect("leading space must be significant");
    assert!(d.starts_with("/r/a: text differs"), "{d}");

    let mixed = tree("<r><a>x</a>y<b/></r>");
    let d = first_difference(&a, &mixed).expect("non-whitespace text between elements");
    assert!(d.starts_with("/r: child count differs"), "{d}");

    // Entity-expanded and CDATA text equals the literal text.
    assert_eq!(
        first_difference(
            &tree("<r>a&lt;b&#x20;&amp;c</r>"),
            &tree("<r><![CDATA[a<b &c]]></r>")
        ),
        None
    );
}

#[test]
fn repeated_siblings_are_indexed_in_paths() {
    let a = tree("<r><i>1</i><i>2</i><j>3</j></r>");
    let b = tree("<r><i>1</i><i>two</i><j>3</j></r>");
    let d = first_difference(&a, &b).expect("difference");
    assert!(d.starts_with("/r/i[2]: text differs"), "{d}");
    let c = tree("<r><i>1</i><i>2</i><j>4</j></r>");
    let d = first_difference(&a, &c).expect("difference");
    assert!(d.starts_with("/r/j: text differs"), "{d}");
}

#[test]
fn malformed_or_unresolvable_documents_are_errors() {
    for bad in [
        "<a><b></a>",
        "<a>",
        "",
        "<a/><b/>",
        "<p:a/>",
        "<a p:x='1'/>",
        r#"<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="q:T"/>"#,
        "<a>&undefined;</a>",
        "text<a/>",
    ] {
        assert!(
            parse(bad.as_bytes()).is_err(),
            "{bad:?} should not parse: {:?}",
            parse(bad.as_bytes())
        );
    }
}

#[test]
#[should_panic(expected = "documents are not canonically equal: /HI1Message/Header/Timestamp")]
fn assert_canonically_equal_panics_on_difference() {
    let edited = BASE.replace("12:00:00.000000Z", "13:00:00.000000Z");
    assert_canonically_equal(BASE.as_bytes(), edited.as_bytes());
}

#[test]
fn paths_point_at_the_shared_test_data() {
    let root = paths::repo_root();
    assert!(root.join("Cargo.toml").is_file());
    assert_eq!(
        paths::shared_etsi(),
        root.join("../shared/etsi").canonicalize().expect("etsi")
    );
    assert!(paths::official_schema_dir()
        .join("ts_103120_Core.xsd")
        .is_file());
    assert!(paths::official_examples_dir()
        .join("FooServiceSchema.xsd")
        .is_file());
}

#[test]
fn every_official_example_parses_and_equals_itself() {
    let documents = paths::official_example_documents();
    assert_eq!(documents.len(), 20, "{documents:?}");
    for path in &documents {
        let bytes = paths::read(path);
        let a = parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let b = parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(a.name.1, "HI1Message", "{}", path.display());
        assert_eq!(first_difference(&a, &b), None, "{}", path.display());
        assert_canonically_equal(&bytes, &bytes);
    }
}

#[test]
fn official_imports_read_target_namespaces() {
    let imports = xmllint::official_imports();
    let namespaces: Vec<&str> = imports.iter().map(|(ns, _)| ns.as_str()).collect();
    assert_eq!(
        namespaces,
        [
            CORE,
            "http://uri.etsi.org/03120/common/2019/10/Delivery",
            "http://uri.etsi.org/03120/common/2020/09/Task",
            AUTH,
            "http://uri.etsi.org/03120/common/2020/09/Document",
            "http://uri.etsi.org/03120/common/2016/02/Notification",
            "http://uri.etsi.org/03120/common/2022/07/TrafficPolicy",
            "http://uri.etsi.org/03120/common/2016/02/Common",
            "http://uri.etsi.org/03280/common/2017/07",
        ]
    );
    assert!(imports.iter().all(|(_, path)| path.is_absolute()));
}

const NOT_PLAIN_VALID: [&str; 2] = ["request5-XML-Delivery.xml", "request6_signed.xml"];

fn foo_import() -> (&'static str, PathBuf) {
    let schema = paths::official_example("FooServiceSchema.xsd");
    assert_eq!(
        xmllint::target_namespace(&schema),
        "http://FooServiceSchema.example.com/schema/v1.1.1/"
    );
    ("http://FooServiceSchema.example.com/schema/v1.1.1/", schema)
}

#[test]
fn xmllint_accepts_the_18_plain_official_examples() {
    let schemas = xmllint::official(&[]);
    let mut checked = 0;
    for path in paths::official_example_documents() {
        let name = paths::file_name(&path);
        if NOT_PLAIN_VALID.contains(&name) {
            continue;
        }
        if let Err(e) = schemas.validate(&paths::read(&path)) {
            panic!("{name} should be valid:\n{e}");
        }
        checked += 1;
    }
    assert_eq!(checked, 18);
}

#[test]
fn xmllint_needs_the_foo_schema_for_the_xml_delivery_example() {
    let document = paths::read(&paths::official_example("request5-XML-Delivery.xml"));
    let plain = xmllint::official(&[]).assert_invalid(&document);
    assert!(plain.contains("FooItem"), "{plain}");
    xmllint::official(&[foo_import()]).assert_valid(&document);
}

#[test]
fn xmllint_rejects_the_signed_example() {
    let document = paths::read(&paths::official_example("request6_signed.xml"));
    for schemas in [xmllint::official(&[]), xmllint::official(&[foo_import()])] {
        let e = schemas.assert_invalid(&document);
        assert!(
            e.contains("{http://www.w3.org/2000/09/xmldsig#}Signature"),
            "unexpected diagnostics:\n{e}"
        );
    }
}

#[test]
fn xmllint_reports_errors_for_invalid_and_malformed_documents() {
    let schemas = xmllint::official(&[]);
    // Not a valid QualifiedMicrosecondDateTime (and BASE lacks required elements anyway).
    let invalid = BASE.replace("<Timestamp>", "<Timestamp>x");
    let e = schemas
        .validate(invalid.as_bytes())
        .expect_err("invalid document");
    assert!(
        e.contains("fails to validate") || e.contains("error"),
        "{e}"
    );
    let e = schemas
        .validate(b"<HI1Message")
        .expect_err("malformed document");
    assert!(e.contains("parser error"), "{e}");
}

#[test]
fn temp_directories_are_removed_on_drop() {
    let schemas = xmllint::official(&[]);
    let wrapper = schemas.wrapper_path().to_path_buf();
    let dir = wrapper.parent().expect("wrapper dir").to_path_buf();
    assert!(wrapper.is_file());
    let text = std::fs::read_to_string(&wrapper).expect("wrapper readable");
    assert!(text.contains(&format!("namespace=\"{CORE}\"")), "{text}");
    let other = xmllint::official(&[]);
    assert_ne!(other.wrapper_path(), wrapper.as_path());
    drop(schemas);
    assert!(!dir.exists(), "{} still exists", dir.display());
    assert!(other.wrapper_path().is_file());
}
