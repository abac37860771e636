//! Loading a schema set: the files given, and every file they import or include.
//!
//! An `xs:import` with a `schemaLocation` is followed relative to the importing file. Without one
//! (or with a remote URL, since generation is offline), the namespace is looked up in the
//! catalog: explicit entries first, then the target namespaces of the files given.

use super::tree::{parse_file, Node, XS_NS};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

/// One loaded schema document.
#[derive(Debug)]
pub struct SchemaDoc {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its `xs:schema` element.
    pub root: Node,
    /// Its target namespace (a chameleon include takes the includer's).
    pub target_ns: String,
    /// `elementFormDefault="qualified"`.
    pub elements_qualified: bool,
    /// `attributeFormDefault="qualified"`.
    pub attributes_qualified: bool,
}

/// What to load.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    /// Schema files, in order.
    pub files: Vec<PathBuf>,
    /// Namespace → file, for imports without a usable `schemaLocation`.
    pub catalog: BTreeMap<String, PathBuf>,
}

fn is_remote(location: &str) -> bool {
    location.starts_with("http://") || location.starts_with("https://")
}

/// Loads the files and everything they import or include, in a deterministic order: the files
/// as given, then what they reference, breadth first.
pub fn load(sources: &Sources) -> Result<Vec<SchemaDoc>> {
    let mut docs = Vec::new();
    let mut seen: HashSet<(PathBuf, String)> = HashSet::new();
    let mut queue: VecDeque<(PathBuf, Option<String>)> =
        sources.files.iter().map(|f| (f.clone(), None)).collect();
    let mut catalog = sources.catalog.clone();
    // The target namespaces of the given files serve as catalog entries too.
    let mut given = Vec::new();
    for f in &sources.files {
        let root = parse_file(f)?;
        if let Some(ns) = root.attr("targetNamespace") {
            given.push((ns.to_owned(), f.clone()));
        }
    }
    for (ns, f) in given {
        catalog.entry(ns).or_insert(f);
    }

    while let Some((path, chameleon_ns)) = queue.pop_front() {
        let canonical = path
            .canonicalize()
            .map_err(|e| Error::msg(format!("{}: {e}", path.display())))?;
        let root = parse_file(&canonical)?;
        if !root.is_xs("schema") {
            return Err(Error::at(
                &canonical,
                root.line,
                "root element is not xs:schema",
            ));
        }
        let own_ns = root.attr("targetNamespace").map(str::to_owned);
        let target_ns = match (&own_ns, &chameleon_ns) {
            (Some(ns), Some(includer)) if ns != includer => {
                return Err(Error::at(
                    &canonical,
                    root.line,
                    format!(
                        "included schema has targetNamespace {ns}, the including schema {includer}"
                    ),
                ))
            }
            (Some(ns), _) => ns.clone(),
            (None, Some(includer)) => includer.clone(),
            (None, None) => String::new(),
        };
        if !seen.insert((canonical.clone(), target_ns.clone())) {
            continue;
        }
        let base = canonical
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for child in root.children.iter().filter(|c| c.ns == XS_NS) {
            match child.local.as_str() {
                "import" => {
                    let ns = child.attr("namespace").unwrap_or("").to_owned();
                    let location = child.attr("schemaLocation").filter(|l| !is_remote(l));
                    let file = match location {
                        Some(l) => Some(base.join(l)),
                        None => catalog.get(&ns).cloned(),
                    };
                    // An import that resolves nowhere is not an error by itself: it is one
                    // only if a component of that namespace is used (reported by the model).
                    if let Some(file) = file {
                        queue.push_back((file, None));
                    }
                }
                "include" => {
                    let Some(l) = child.attr("schemaLocation") else {
                        return Err(Error::at(
                            &canonical,
                            child.line,
                            "xs:include without schemaLocation",
                        ));
                    };
                    queue.push_back((base.join(l), Some(target_ns.clone())));
                }
                "redefine" | "override" => {
                    return Err(Error::at(
                        &canonical,
                        child.line,
                        format!("xs:{} is not supported", child.local),
                    ))
                }
                _ => {}
            }
        }
        let elements_qualified = root.attr("elementFormDefault") == Some("qualified");
        let attributes_qualified = root.attr("attributeFormDefault") == Some("qualified");
        docs.push(SchemaDoc {
            path: canonical,
            root,
            target_ns,
            elements_qualified,
            attributes_qualified,
        });
    }
    Ok(docs)
}
