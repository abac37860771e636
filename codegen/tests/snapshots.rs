//! Snapshots of the code generated for representative XSD constructs, plus determinism and
//! error tests.
//!
//! Each test writes a tiny schema to a fresh directory under the system temp directory (removed
//! afterwards), runs the generator on it and snapshots the generated file of its namespace.
//! The schema file name is fixed (it appears in `mod.rs`); the directory is unique.

use li707_codegen::{Config, Error, Generated};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "li707-codegen-snapshots-{}-{n}-{tag}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn write(&self, file: &str, contents: &str) -> PathBuf {
        let path = self.0.join(file);
        std::fs::write(&path, contents).expect("write schema");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the generator on one schema file named `<tag>.xsd`.
fn run(tag: &str, xsd: &str) -> Result<Generated, Error> {
    let dir = TempDir::new(tag);
    let path = dir.write(&format!("{tag}.xsd"), xsd);
    Config::new().schema(&path).generate()
}

/// Generates and returns the file named `name`.
fn generate_file(tag: &str, xsd: &str, name: &str) -> String {
    let generated = run(tag, xsd).unwrap_or_else(|e| panic!("generation failed: {e}"));
    file(&generated, name)
}

fn file(generated: &Generated, name: &str) -> String {
    let names: Vec<&str> = generated.files.iter().map(|f| f.name.as_str()).collect();
    generated
        .files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no generated file {name}; have {names:?}"))
        .contents
        .clone()
}

/// A schema of namespace `urn:li707:test:<construct>` with prefix `t`.
fn schema(construct: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:t="urn:li707:test:{construct}"
           targetNamespace="urn:li707:test:{construct}"
           elementFormDefault="qualified">
{body}
</xs:schema>
"#
    )
}

#[test]
fn sequence_of_builtin_types() {
    let xsd = schema(
        "sequence",
        r#"
  <xs:element name="record" type="t:RecordType"/>
  <xs:complexType name="RecordType">
    <xs:annotation><xs:documentation>A record with fields of every cardinality.</xs:documentation></xs:annotation>
    <xs:sequence>
      <xs:element name="title" type="xs:string">
        <xs:annotation><xs:documentation>The required title.</xs:documentation></xs:annotation>
      </xs:element>
      <xs:element name="active" type="xs:boolean" minOccurs="0"/>
      <xs:element name="count" type="xs:nonNegativeInteger" maxOccurs="unbounded"/>
      <xs:element name="createdAt" type="xs:dateTime" minOccurs="0" maxOccurs="3"/>
      <xs:element name="payload" type="xs:base64Binary" minOccurs="1" maxOccurs="3"/>
      <xs:element name="amount" type="xs:decimal"/>
    </xs:sequence>
  </xs:complexType>"#,
    );
    insta::assert_snapshot!("sequence_t", generate_file("sequence", &xsd, "t.rs"));
}

#[test]
fn choice_content_and_nested_choice() {
    let xsd = schema(
        "choice",
        r#"
  <xs:element name="shape" type="t:ShapeType"/>
  <xs:element name="order" type="t:OrderType"/>
  <xs:complexType name="ShapeType">
    <xs:choice>
      <xs:element name="circle" type="xs:decimal"/>
      <xs:element name="square" type="xs:decimal"/>
      <xs:element name="label" type="xs:string"/>
    </xs:choice>
  </xs:complexType>
  <xs:complexType name="OrderType">
    <xs:sequence>
      <xs:element name="id" type="xs:string"/>
      <xs:choice>
        <xs:element name="byPost" type="xs:string"/>
        <xs:element name="byEmail" type="xs:string"/>
      </xs:choice>
      <xs:element name="note" type="xs:string" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>"#,
    );
    insta::assert_snapshot!("choice_t", generate_file("choice", &xsd, "t.rs"));
}

#[test]
fn abstract_type_family() {
    let xsd = schema(
        "family",
        r#"
  <xs:element name="holder" type="t:HolderType"/>
  <xs:complexType name="HolderType">
    <xs:sequence>
      <xs:element name="party" type="t:PartyType" maxOccurs="unbounded"/>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="PartyType" abstract="true">
    <xs:sequence>
      <xs:element name="name" type="xs:string"/>
    </xs:sequence>
    <xs:attribute name="id" type="xs:string" use="required"/>
  </xs:complexType>
  <xs:complexType name="PersonType">
    <xs:complexContent>
      <xs:extension base="t:PartyType">
        <xs:sequence>
          <xs:element name="birthDate" type="xs:date" minOccurs="0"/>
        </xs:sequence>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
  <xs:complexType name="OrganisationType">
    <xs:complexContent>
      <xs:extension base="t:PartyType">
        <xs:sequence>
          <xs:element name="registration" type="xs:string"/>
        </xs:sequence>
        <xs:attribute name="country" type="xs:string"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>"#,
    );
    insta::assert_snapshot!("family_t", generate_file("family", &xsd, "t.rs"));
}

#[test]
fn restricted_simple_types() {
    let xsd = schema(
        "restriction",
        r#"
  <xs:element name="values" type="t:ValuesType"/>
  <xs:simpleType name="CountryCode">
    <xs:annotation><xs:documentation>Two capital letters.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:pattern value="[A-Z]{2}"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="ShortText">
    <xs:restriction base="xs:string">
      <xs:maxLength value="10"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="HexCode">
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9A-F]+"/>
      <xs:minLength value="2"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="EvenHexCode">
    <xs:restriction base="t:HexCode">
      <xs:pattern value="([0-9A-F]{2})*"/>
      <xs:maxLength value="8"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Percent">
    <xs:restriction base="xs:integer">
      <xs:minExclusive value="0"/>
      <xs:maxInclusive value="100"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:complexType name="ValuesType">
    <xs:sequence>
      <xs:element name="country" type="t:CountryCode"/>
      <xs:element name="text" type="t:ShortText"/>
      <xs:element name="code" type="t:EvenHexCode"/>
      <xs:element name="percent" type="t:Percent"/>
    </xs:sequence>
  </xs:complexType>"#,
    );
    insta::assert_snapshot!("restriction_t", generate_file("restriction", &xsd, "t.rs"));
}

#[test]
fn enumeration() {
    let xsd = schema(
        "enumeration",
        r#"
  <xs:element name="status" type="t:Status"/>
  <xs:simpleType name="Status">
    <xs:annotation><xs:documentation>The state of a task.</xs:documentation></xs:annotation>
    <xs:restriction base="xs:string">
      <xs:enumeration value="pending">
        <xs:annotation><xs:documentation>Not started.</xs:documentation></xs:annotation>
      </xs:enumeration>
      <xs:enumeration value="in-progress"/>
      <xs:enumeration value="DONE"/>
      <xs:enumeration value="3rd-party"/>
    </xs:restriction>
  </xs:simpleType>"#,
    );
    insta::assert_snapshot!("enumeration_t", generate_file("enumeration", &xsd, "t.rs"));
}

#[test]
fn list_and_union() {
    let xsd = schema(
        "listunion",
        r#"
  <xs:element name="data" type="t:DataType"/>
  <xs:simpleType name="IntList">
    <xs:list itemType="xs:int"/>
  </xs:simpleType>
  <xs:simpleType name="Size">
    <xs:restriction base="xs:string">
      <xs:enumeration value="small"/>
      <xs:enumeration value="large"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="SizeOrNumber">
    <xs:union memberTypes="t:Size xs:positiveInteger"/>
  </xs:simpleType>
  <xs:complexType name="DataType">
    <xs:sequence>
      <xs:element name="numbers" type="t:IntList"/>
      <xs:element name="size" type="t:SizeOrNumber"/>
    </xs:sequence>
  </xs:complexType>"#,
    );
    insta::assert_snapshot!("listunion_t", generate_file("listunion", &xsd, "t.rs"));
}

#[test]
fn simple_content_extension() {
    let xsd = schema(
        "simplecontent",
        r#"
  <xs:element name="price" type="t:PriceType"/>
  <xs:complexType name="PriceType">
    <xs:simpleContent>
      <xs:extension base="xs:decimal">
        <xs:attribute name="currency" type="xs:string" use="required"/>
        <xs:attribute name="approximate" type="xs:boolean"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>"#,
    );
    insta::assert_snapshot!(
        "simplecontent_t",
        generate_file("simplecontent", &xsd, "t.rs")
    );
}

#[test]
fn wildcards() {
    let xsd = schema(
        "wildcard",
        r###"
  <xs:element name="envelope" type="t:EnvelopeType"/>
  <xs:complexType name="EnvelopeType">
    <xs:sequence>
      <xs:element name="header" type="xs:string"/>
      <xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:anyAttribute namespace="##other" processContents="lax"/>
  </xs:complexType>"###,
    );
    insta::assert_snapshot!("wildcard_t", generate_file("wildcard", &xsd, "t.rs"));
}

#[test]
fn global_element_with_anonymous_type() {
    let xsd = schema(
        "anonymous",
        r#"
  <xs:element name="message">
    <xs:annotation><xs:documentation>A message with an inline type.</xs:documentation></xs:annotation>
    <xs:complexType>
      <xs:sequence>
        <xs:element name="subject" type="xs:string"/>
        <xs:element name="body" type="xs:string" minOccurs="0"/>
      </xs:sequence>
      <xs:attribute name="priority" type="xs:int"/>
    </xs:complexType>
  </xs:element>"#,
    );
    insta::assert_snapshot!("anonymous_t", generate_file("anonymous", &xsd, "t.rs"));
}

/// `mod.rs`: the namespace table, `ns` constants and `Document` with one variant per global
/// element, one of complex type and one of simple type.
#[test]
fn mod_rs_for_two_global_elements() {
    let xsd = schema(
        "modrs",
        r#"
  <xs:element name="request" type="t:RequestType">
    <xs:annotation><xs:documentation>A request.</xs:documentation></xs:annotation>
  </xs:element>
  <xs:element name="response" type="xs:string"/>
  <xs:complexType name="RequestType">
    <xs:sequence>
      <xs:element name="query" type="xs:string"/>
    </xs:sequence>
  </xs:complexType>"#,
    );
    let generated = run("modrs", &xsd).unwrap_or_else(|e| panic!("generation failed: {e}"));
    assert_eq!(generated.files[0].name, "mod.rs", "mod.rs comes first");
    insta::assert_snapshot!("modrs_mod", file(&generated, "mod.rs"));
    insta::assert_snapshot!("modrs_t", file(&generated, "t.rs"));
}

#[test]
fn generation_is_deterministic() {
    let xsd = schema(
        "deterministic",
        r#"
  <xs:element name="a" type="t:AType"/>
  <xs:element name="b" type="t:BType"/>
  <xs:complexType name="AType">
    <xs:sequence>
      <xs:element name="x" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
      <xs:choice>
        <xs:element name="y" type="xs:int"/>
        <xs:element name="z" type="t:BType"/>
      </xs:choice>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="BType" abstract="true"/>
  <xs:complexType name="B1Type">
    <xs:complexContent>
      <xs:extension base="t:BType">
        <xs:attribute name="k" type="xs:string"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
  <xs:complexType name="B2Type">
    <xs:complexContent>
      <xs:extension base="t:BType">
        <xs:attribute name="m" type="xs:int"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>"#,
    );
    let dir = TempDir::new("deterministic");
    let path = dir.write("deterministic.xsd", &xsd);
    let first = Config::new().schema(&path).generate().expect("first run");
    let second = Config::new().schema(&path).generate().expect("second run");
    assert!(!first.files.is_empty());
    assert_eq!(first.files, second.files);
    assert_eq!(first.schemas, second.schemas);
}

/// Generation must fail; returns the error's Display.
fn generation_error(tag: &str, xsd: &str) -> String {
    match run(tag, xsd) {
        Ok(_) => panic!("generation of {tag} succeeded; expected an error"),
        Err(e) => e.to_string(),
    }
}

/// Whether `message` names `file` at some line: `<…file>:<digits>:`.
fn has_file_line(message: &str, file: &str) -> bool {
    message.match_indices(file).any(|(i, _)| {
        let rest = &message[i + file.len()..];
        let Some(rest) = rest.strip_prefix(':') else {
            return false;
        };
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && rest[digits..].starts_with(':')
    })
}

#[test]
fn unsupported_pattern_fails_with_file_line_and_pattern() {
    let xsd = schema(
        "badpattern",
        r#"
  <xs:simpleType name="Klingon">
    <xs:restriction base="xs:string">
      <xs:pattern value="\p{IsKlingon}+"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:element name="word" type="t:Klingon"/>"#,
    );
    let message = generation_error("badpattern", &xsd);
    assert!(
        has_file_line(&message, "badpattern.xsd"),
        "no file:line in {message:?}"
    );
    assert!(
        message.contains(r"\p{IsKlingon}"),
        "no pattern in {message:?}"
    );
}

#[test]
fn unknown_type_reference_fails_naming_the_type() {
    let xsd = schema(
        "unknowntype",
        r#"
  <xs:element name="thing" type="t:NoSuchType"/>"#,
    );
    let message = generation_error("unknowntype", &xsd);
    assert!(
        message.contains("NoSuchType"),
        "type not named in {message:?}"
    );
    assert!(
        has_file_line(&message, "unknowntype.xsd"),
        "no file:line in {message:?}"
    );
}

#[test]
fn non_xml_file_fails_with_file_line() {
    let message = generation_error("notxml", "this is\nnot <xml at all\n");
    assert!(
        has_file_line(&message, "notxml.xsd"),
        "no file:line in {message:?}"
    );
}

#[test]
fn file_line_helper() {
    assert!(has_file_line("/tmp/x/a.xsd:12: bad", "a.xsd"));
    assert!(!has_file_line("/tmp/x/a.xsd: bad", "a.xsd"));
    assert!(!has_file_line("/tmp/x/a.xsd:: bad", "a.xsd"));
}
