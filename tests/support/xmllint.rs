//! The reference validator: libxml2's `xmllint --schema` over a generated wrapper schema.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use quick_xml::events::Event;
use quick_xml::{NsReader, XmlVersion};

use super::paths;

/// Target namespace of the generated wrapper schema (distinct from every imported namespace,
/// so that no-namespace schemas can be imported too).
const WRAPPER_NS: &str = "urn:li707:test-support:xmllint-wrapper";

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_suffix() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{}-{}-{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A uniquely named directory under [`std::env::temp_dir`], removed (with its contents) on drop.
#[derive(Debug)]
pub struct TempDirLike {
    path: PathBuf,
}

impl TempDirLike {
    /// Creates a new, empty, uniquely named directory `<temp>/<prefix>-<pid>-<n>-<nanos>`.
    pub fn new(prefix: &str) -> TempDirLike {
        let base = std::env::temp_dir();
        for _ in 0..100 {
            let path = base.join(format!("{prefix}-{}", unique_suffix()));
            match std::fs::create_dir(&path) {
                Ok(()) => return TempDirLike { path },
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => panic!("cannot create temp directory {}: {e}", path.display()),
            }
        }
        panic!(
            "cannot create a unique temp directory under {}",
            base.display()
        )
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDirLike {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A compiled-on-demand schema set: a wrapper XSD that `xs:import`s each namespace.
#[derive(Debug)]
pub struct SchemaSet {
    wrapper: PathBuf,
    _dir: TempDirLike,
}

/// Escapes text for use inside a double-quoted XML attribute value.
fn escape_attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

impl SchemaSet {
    /// Builds a schema set from (namespace, absolute schema path) imports, in order (libxml2
    /// uses the first import of a namespace). An empty namespace imports a no-namespace schema.
    pub fn new(imports: &[(&str, PathBuf)]) -> SchemaSet {
        let dir = TempDirLike::new("li707-xmllint");
        let mut xsd = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xsd.push_str(&format!(
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"{WRAPPER_NS}\">\n"
        ));
        for (namespace, location) in imports {
            assert!(
                location.is_absolute(),
                "schema location for namespace {namespace:?} must be absolute: {}",
                location.display()
            );
            assert!(
                location.is_file(),
                "schema for namespace {namespace:?} not found: {}",
                location.display()
            );
            let location = location
                .to_str()
                .unwrap_or_else(|| panic!("schema path is not UTF-8: {}", location.display()));
            if namespace.is_empty() {
                xsd.push_str(&format!(
                    "  <xs:import schemaLocation=\"{}\"/>\n",
                    escape_attr(location)
                ));
            } else {
                xsd.push_str(&format!(
                    "  <xs:import namespace=\"{}\" schemaLocation=\"{}\"/>\n",
                    escape_attr(namespace),
                    escape_attr(location)
                ));
            }
        }
        xsd.push_str("</xs:schema>\n");
        let wrapper = dir.path().join("wrapper.xsd");
        std::fs::write(&wrapper, xsd)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", wrapper.display()));
        SchemaSet { wrapper, _dir: dir }
    }

    /// The generated wrapper schema.
    pub fn wrapper_path(&self) -> &Path {
        &self.wrapper
    }

    /// Validates a document. Ok when `xmllint` accepts it, otherwise Err with its diagnostics.
    /// Panics if xmllint is missing or the schema set itself does not compile.
    pub fn validate(&self, xml: &[u8]) -> Result<(), String> {
        let file = self
            ._dir
            .path()
            .join(format!("doc-{}.xml", unique_suffix()));
        std::fs::write(&file, xml)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
        let result = self.validate_file(&file);
        let _ = std::fs::remove_file(&file);
        result
    }

    /// Validates a document file in place (see [`SchemaSet::validate`]).
    pub fn validate_file(&self, file: &Path) -> Result<(), String> {
        let output = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&self.wrapper)
            .arg(file)
            .output()
            .unwrap_or_else(|e| {
                if e.kind() == ErrorKind::NotFound {
                    panic!("xmllint not found on PATH: install libxml2-utils");
                }
                panic!("cannot run xmllint: {e}")
            });
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        match output.status.code() {
            Some(0) => Ok(()),
            // 5: the schema itself failed to compile; that is a test-setup error, not a verdict.
            Some(5) => panic!(
                "xmllint could not compile the schema set {}:\n{stderr}\n--- wrapper ---\n{}",
                self.wrapper.display(),
                std::fs::read_to_string(&self.wrapper).unwrap_or_default()
            ),
            code => {
                let stdout = String::from_utf8_lossy(&output.stdout);
                let mut message = format!("xmllint exit status {code:?}\n{stderr}");
                if !stdout.trim().is_empty() {
                    message.push_str(&stdout);
                }
                Err(message)
            }
        }
    }

    /// Panics with xmllint's diagnostics and the document unless it validates.
    pub fn assert_valid(&self, xml: &[u8]) {
        if let Err(e) = self.validate(xml) {
            panic!(
                "document is not valid:\n{e}\n--- document ---\n{}",
                String::from_utf8_lossy(xml)
            );
        }
    }

    /// Panics unless the document is rejected; returns xmllint's diagnostics.
    pub fn assert_invalid(&self, xml: &[u8]) -> String {
        match self.validate(xml) {
            Ok(()) => panic!(
                "document unexpectedly validates:\n{}",
                String::from_utf8_lossy(xml)
            ),
            Err(e) => e,
        }
    }
}

/// The `targetNamespace` of a schema document ("" when it has none).
pub fn target_namespace(xsd: &Path) -> String {
    let text = std::fs::read_to_string(xsd)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", xsd.display()));
    let mut reader = NsReader::from_str(&text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(start)) | Ok(Event::Empty(start)) => {
                for attr in start.attributes() {
                    let attr =
                        attr.unwrap_or_else(|e| panic!("bad attribute in {}: {e}", xsd.display()));
                    if attr.key.as_ref() == "targetNamespace" {
                        return attr
                            .normalized_value(XmlVersion::Implicit1_0)
                            .unwrap_or_else(|e| {
                                panic!("bad targetNamespace in {}: {e}", xsd.display())
                            })
                            .into_owned();
                    }
                }
                return String::new();
            }
            Ok(Event::Eof) => panic!("{} has no root element", xsd.display()),
            Ok(_) => {}
            Err(e) => panic!("cannot parse {}: {e}", xsd.display()),
        }
    }
}

/// The official TS 103 120 V1.12.1 schema files imported by [`official`], in import order.
pub const OFFICIAL_SCHEMA_FILES: &[&str] = &[
    "ts_103120_Core.xsd",
    "ts_103120_Delivery.xsd",
    "ts_103120_Task.xsd",
    "ts_103120_Authorisation.xsd",
    "ts_103120_Document.xsd",
    "ts_103120_Notification.xsd",
    "ts_103120_TrafficPolicy.xsd",
    "ts_103120_Common.xsd",
    "TS_103_280_01.xsd",
];

/// (targetNamespace, absolute path) of each file in [`OFFICIAL_SCHEMA_FILES`].
pub fn official_imports() -> Vec<(String, PathBuf)> {
    OFFICIAL_SCHEMA_FILES
        .iter()
        .map(|file| {
            let path = paths::official_schema(file);
            (target_namespace(&path), path)
        })
        .collect()
}

/// The official TS 103 120 V1.12.1 namespaces (see [`OFFICIAL_SCHEMA_FILES`]), then `extra`.
pub fn official(extra: &[(&str, PathBuf)]) -> SchemaSet {
    let official = official_imports();
    let mut imports: Vec<(&str, PathBuf)> = official
        .iter()
        .map(|(ns, path)| (ns.as_str(), path.clone()))
        .collect();
    imports.extend(extra.iter().cloned());
    SchemaSet::new(&imports)
}
