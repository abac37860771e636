//! Loading schema sets: imports with and without `schemaLocation`, the namespace catalog, and
//! chameleon includes.

use std::path::{Path, PathBuf};

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!(
            "li707-loading-{name}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Dir(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, text).expect("write schema");
        p
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const BASE: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:b="urn:li707:test:base" targetNamespace="urn:li707:test:base" elementFormDefault="qualified">
  <xs:simpleType name="Id"><xs:restriction base="xs:token"><xs:pattern value="[0-9]+"/></xs:restriction></xs:simpleType>
</xs:schema>"#;

fn user(import: &str) -> String {
    format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:b="urn:li707:test:base"
    xmlns:u="urn:li707:test:user" targetNamespace="urn:li707:test:user" elementFormDefault="qualified">
  {import}
  <xs:element name="thing"><xs:complexType><xs:sequence>
    <xs:element name="id" type="b:Id"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>"#
    )
}

fn module<'a>(files: &'a [li707_codegen::render::File], name: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{name} generated"))
        .contents
}

#[test]
fn import_with_schema_location_is_followed() {
    let d = Dir::new("located");
    d.write("base.xsd", BASE);
    let u = d.write(
        "user.xsd",
        &user(r#"<xs:import namespace="urn:li707:test:base" schemaLocation="base.xsd"/>"#),
    );
    let g = li707_codegen::Config::new()
        .schema(&u)
        .generate()
        .expect("generates");
    assert_eq!(g.schemas.len(), 2);
    assert!(module(&g.files, "u.rs").contains("pub id: super::b::Id"));
    assert!(module(&g.files, "b.rs").contains("pub struct Id(String)"));
}

#[test]
fn import_without_location_resolves_through_the_given_files_or_the_catalog() {
    let d = Dir::new("catalog");
    let base = d.write("base.xsd", BASE);
    let u = d.write(
        "user.xsd",
        &user(r#"<xs:import namespace="urn:li707:test:base"/>"#),
    );
    // Unresolved: the type of the missing namespace is reported with file and line.
    let err = li707_codegen::Config::new()
        .schema(&u)
        .generate()
        .expect_err("b:Id unknown");
    let text = err.to_string();
    assert!(
        text.contains("user.xsd:") && text.contains("urn:li707:test:base}Id"),
        "{text}"
    );
    // Given as another schema file.
    let g = li707_codegen::Config::new()
        .schema(&u)
        .schema(&base)
        .generate()
        .expect("generates");
    assert!(module(&g.files, "u.rs").contains("super::b::Id"));
    // Through an explicit catalog entry.
    let g = li707_codegen::Config::new()
        .schema(&u)
        .catalog("urn:li707:test:base", &base)
        .generate()
        .expect("generates");
    assert_eq!(g.schemas.len(), 2);
    // A remote schemaLocation is not fetched: the catalog answers for it.
    let remote = d.write(
        "remote.xsd",
        &user(r#"<xs:import namespace="urn:li707:test:base" schemaLocation="https://example.invalid/base.xsd"/>"#),
    );
    let g = li707_codegen::Config::new()
        .schema(&remote)
        .catalog("urn:li707:test:base", &base)
        .generate()
        .expect("generates offline");
    assert!(module(&g.files, "u.rs").contains("super::b::Id"));
}

#[test]
fn chameleon_include_takes_the_including_namespace() {
    let d = Dir::new("include");
    d.write(
        "parts.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:simpleType name="Word"><xs:restriction base="xs:token"><xs:maxLength value="5"/></xs:restriction></xs:simpleType>
</xs:schema>"#,
    );
    let main = d.write(
        "main.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:m="urn:li707:test:main"
    targetNamespace="urn:li707:test:main" elementFormDefault="qualified">
  <xs:include schemaLocation="parts.xsd"/>
  <xs:element name="word" type="m:Word"/>
</xs:schema>"#,
    );
    let g = li707_codegen::Config::new()
        .schema(&main)
        .generate()
        .expect("generates");
    let m = module(&g.files, "m.rs");
    assert!(m.contains("pub struct Word(String)"), "{m}");
    assert!(m.contains("\"m:Word\""), "{m}");
}

#[test]
fn duplicate_definitions_and_missing_files_are_errors() {
    let d = Dir::new("dup");
    let a = d.write("a.xsd", BASE);
    let b = d.write("b.xsd", BASE);
    let err = li707_codegen::Config::new()
        .schema(&a)
        .schema(&b)
        .generate()
        .expect_err("Id defined twice");
    assert!(err.to_string().contains("defined twice"), "{err}");
    let missing: &Path = Path::new("/nonexistent/li707.xsd");
    assert!(li707_codegen::Config::new()
        .schema(missing)
        .generate()
        .is_err());
    assert!(li707_codegen::Config::new().generate().is_err());
}
