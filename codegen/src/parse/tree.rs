//! A minimal namespace-aware element tree of one XSD file, with line numbers and the prefix
//! bindings in scope at each element (needed to resolve QName-valued attributes such as `type`).

use crate::error::{Error, Result};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::BTreeMap;
use std::path::Path;
use std::rc::Rc;

/// The XML Schema namespace.
pub const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// An element of a schema document.
#[derive(Debug, Clone)]
pub struct Node {
    /// Namespace URI of the element (`""` if none).
    pub ns: String,
    /// Local name.
    pub local: String,
    /// Unqualified attributes (qualified ones, such as `xml:lang`, are dropped).
    pub attrs: Vec<(String, String)>,
    /// Prefix bindings in scope (`""` is the default namespace).
    pub scope: Rc<BTreeMap<String, String>>,
    /// Child elements.
    pub children: Vec<Node>,
    /// Character data directly inside (used for `xs:documentation`).
    pub text: String,
    /// 1-based line of the start tag.
    pub line: u32,
}

impl Node {
    /// The value of an unqualified attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether this is `xs:<local>`.
    pub fn is_xs(&self, local: &str) -> bool {
        self.ns == XS_NS && self.local == local
    }

    /// Child elements in the XSD namespace, except annotations.
    pub fn xs_children(&self) -> impl Iterator<Item = &Node> {
        self.children
            .iter()
            .filter(|c| c.ns == XS_NS && c.local != "annotation")
    }

    /// The text of `xs:annotation/xs:documentation` children, joined.
    pub fn documentation(&self) -> Option<String> {
        let mut parts = Vec::new();
        for ann in self.children.iter().filter(|c| c.is_xs("annotation")) {
            for doc in ann.children.iter().filter(|c| c.is_xs("documentation")) {
                let t = doc.text.trim();
                if !t.is_empty() {
                    parts.push(t.to_owned());
                }
            }
        }
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }

    /// Resolves a QName value (`prefix:local`) with the bindings in scope.
    pub fn resolve_qname(&self, value: &str) -> Option<(String, String)> {
        let value = value.trim();
        let (prefix, local) = value.split_once(':').unwrap_or(("", value));
        match self.scope.get(prefix) {
            Some(ns) => Some((ns.clone(), local.to_owned())),
            None if prefix.is_empty() => Some((String::new(), local.to_owned())),
            None => None,
        }
    }
}

fn line_of(text: &str, offset: usize) -> u32 {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
}

/// Parses one schema file into its root element.
pub fn parse_file(path: &Path) -> Result<Node> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::msg(format!("{}: cannot read: {e}", path.display())))?;
    let text =
        std::str::from_utf8(&bytes).map_err(|e| Error::at(path, 1, format!("not UTF-8: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    parse_str(text).map_err(|(offset, message)| Error::at(path, line_of(text, offset), message))
}

/// Parses schema text; errors are `(byte offset, message)`.
pub fn parse_str(text: &str) -> std::result::Result<Node, (usize, String)> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let mut stack: Vec<Node> = Vec::new();
    let mut scopes: Vec<Rc<BTreeMap<String, String>>> = vec![Rc::new(BTreeMap::from([(
        "xml".to_owned(),
        "http://www.w3.org/XML/1998/namespace".to_owned(),
    )]))];
    loop {
        let offset = reader.buffer_position() as usize;
        let ev = reader
            .read_event()
            .map_err(|e| (reader.error_position() as usize, e.to_string()))?;
        match ev {
            Event::Start(tag) => {
                let parent = scopes.last().cloned().unwrap_or_default();
                let mut scope = (*parent).clone();
                let mut attrs = Vec::new();
                for a in tag.attributes() {
                    let a = a.map_err(|e| (offset, e.to_string()))?;
                    let key: &str = a.key.as_ref();
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| (offset, e.to_string()))?
                        .into_owned();
                    if key == "xmlns" {
                        scope.insert(String::new(), value);
                    } else if let Some(p) = key.strip_prefix("xmlns:") {
                        scope.insert(p.to_owned(), value);
                    } else if !key.contains(':') {
                        attrs.push((key.to_owned(), value));
                    }
                }
                let tag_name = tag.name();
                let qname: &str = tag_name.as_ref();
                let (prefix, local) = qname.split_once(':').unwrap_or(("", qname));
                let ns = match scope.get(prefix) {
                    Some(ns) => ns.clone(),
                    None if prefix.is_empty() => String::new(),
                    None => return Err((offset, format!("prefix `{prefix}` is not bound"))),
                };
                let scope = if scope == *parent {
                    parent
                } else {
                    Rc::new(scope)
                };
                scopes.push(scope.clone());
                stack.push(Node {
                    ns,
                    local: local.to_owned(),
                    attrs,
                    scope,
                    children: Vec::new(),
                    text: String::new(),
                    line: line_of(text, offset),
                });
            }
            Event::End(_) => {
                scopes.pop();
                let node = stack
                    .pop()
                    .ok_or((offset, "unbalanced end tag".to_owned()))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Ok(node),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match &*r {
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "amp" => Some('&'),
                            "apos" => Some('\''),
                            "quot" => Some('"'),
                            _ => None,
                        },
                    };
                    let c = c.ok_or((offset, format!("unknown entity &{};", &*r)))?;
                    top.text.push(c);
                }
            }
            Event::DocType(_) => {
                return Err((offset, "DTDs are not accepted in schema files".into()))
            }
            Event::Eof => return Err((offset, "no root element".into())),
            _ => {}
        }
    }
}
