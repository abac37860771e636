//! Canonical XML equality for round-trip tests.
//!
//! Two documents are canonically equal when their element trees are equal, where:
//! - element and attribute names are namespace-resolved (`{uri}local`; prefixes are irrelevant);
//! - attributes are compared as sets; namespace declarations (`xmlns`, `xmlns:*`) are ignored;
//! - the value of `xsi:type` is a QName and is resolved against the namespaces in scope at its
//!   element, so `auth:T` and `a:T` are equal when both prefixes are bound to the same URI;
//! - text is compared exactly after entity and character reference expansion; CDATA is text;
//!   adjacent text (including text separated only by comments or processing instructions) is
//!   merged, and whitespace-only text nodes are dropped;
//! - comments, processing instructions, the XML declaration and the DOCTYPE are ignored.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::{NsReader, XmlVersion};

/// The XML Schema instance namespace (`xsi`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// An element: namespace-resolved name, attributes and children.
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Node {
    /// (namespace URI or "" when the name is in no namespace, local name).
    pub name: (String, String),
    /// Attributes keyed by (namespace URI or "", local name). Namespace declarations are not
    /// included; `xsi:type` values are stored resolved, as `{uri}local` (or `local` when the
    /// QName is in no namespace).
    pub attrs: BTreeMap<(String, String), String>,
    /// Child elements and (merged, non-whitespace-only) text nodes, in document order.
    pub children: Vec<Child>,
}

/// A child of an element.
#[derive(Debug, PartialEq, Eq, Clone)]
pub enum Child {
    Element(Node),
    Text(String),
}

impl Node {
    /// The child elements, in document order.
    pub fn elements(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|child| match child {
            Child::Element(node) => Some(node),
            Child::Text(_) => None,
        })
    }

    /// The concatenated text children of this element (not of its descendants).
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|child| match child {
                Child::Text(text) => Some(text.as_str()),
                Child::Element(_) => None,
            })
            .collect()
    }

    /// The first child element with the given local name (any namespace).
    pub fn child(&self, local: &str) -> Option<&Node> {
        self.elements().find(|node| node.name.1 == local)
    }

    /// The value of the attribute `{ns}local` (`ns` = "" for unqualified attributes).
    pub fn attr(&self, ns: &str, local: &str) -> Option<&str> {
        self.attrs
            .get(&(ns.to_string(), local.to_string()))
            .map(String::as_str)
    }
}

/// Formats a (namespace, local) pair as `{uri}local`, or `local` when in no namespace.
pub fn expanded_name(name: &(String, String)) -> String {
    if name.0.is_empty() {
        name.1.clone()
    } else {
        format!("{{{}}}{}", name.0, name.1)
    }
}

/// Parses a document into its canonical tree (the root element).
pub fn parse(xml: &[u8]) -> Result<Node, String> {
    let text = std::str::from_utf8(xml).map_err(|e| format!("document is not UTF-8: {e}"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "XML error at byte {} ({}): {e}",
                reader.error_position(),
                line_col(text, reader.error_position())
            )
        })?;
        match event {
            Event::Start(start) => {
                let node = start_node(&reader, &start)?;
                stack.push(node);
            }
            Event::Empty(start) => {
                let node = start_node(&reader, &start)?;
                finish_element(&mut stack, &mut root, node)?;
            }
            Event::End(end) => {
                let node = stack
                    .pop()
                    .ok_or_else(|| format!("unexpected end tag </{}>", end.name().as_ref()))?;
                finish_element(&mut stack, &mut root, node)?;
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content())?,
            Event::CData(c) => push_text(&mut stack, &c.xml10_content())?,
            Event::GeneralRef(r) => {
                let resolved = match r
                    .resolve_char_ref()
                    .map_err(|e| format!("bad character reference &{};: {e}", &*r))?
                {
                    Some(ch) => ch.to_string(),
                    None => resolve_predefined_entity(&r)
                        .ok_or_else(|| format!("undefined entity reference &{};", &*r))?
                        .to_string(),
                };
                push_text(&mut stack, &resolved)?;
            }
            Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!(
            "unexpected end of document inside <{}>",
            expanded_name(&open.name)
        ));
    }
    let mut root = root.ok_or_else(|| "document has no root element".to_string())?;
    drop_whitespace_text(&mut root);
    Ok(root)
}

/// `line L, column C` (1-based) of a byte offset, for error messages.
fn line_col(text: &str, pos: u64) -> String {
    let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
    let before = text.get(..pos).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line}, column {column}")
}

fn resolved_ns(result: ResolveResult<'_>, what: &str) -> Result<String, String> {
    match result {
        ResolveResult::Bound(ns) => Ok(ns.0.to_string()),
        ResolveResult::Unbound => Ok(String::new()),
        ResolveResult::Unknown(prefix) => {
            Err(format!("undeclared namespace prefix '{prefix}' in {what}"))
        }
    }
}

fn start_node(reader: &NsReader<&[u8]>, start: &BytesStart<'_>) -> Result<Node, String> {
    let resolver = reader.resolver();
    let qname = start.name();
    let (ns, local) = resolver.resolve_element(qname);
    let name = (
        resolved_ns(ns, &format!("element name <{}>", qname.as_ref()))?,
        local.as_ref().to_string(),
    );
    let mut attrs = BTreeMap::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| format!("bad attribute in <{}>: {e}", qname.as_ref()))?;
        if attr.key.as_namespace_binding().is_some() {
            continue;
        }
        let (ans, alocal) = resolver.resolve_attribute(attr.key);
        let key = (
            resolved_ns(
                ans,
                &format!("attribute {} of <{}>", attr.key.as_ref(), qname.as_ref()),
            )?,
            alocal.as_ref().to_string(),
        );
        let mut value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| {
                format!(
                    "bad value of attribute {} in <{}>: {e}",
                    attr.key.as_ref(),
                    qname.as_ref()
                )
            })?
            .into_owned();
        if key.0 == XSI_NS && key.1 == "type" {
            let trimmed = value.trim();
            let (tns, tlocal) = resolver.resolve(QName(trimmed), true);
            let tns = resolved_ns(
                tns,
                &format!("xsi:type value '{trimmed}' of <{}>", qname.as_ref()),
            )?;
            value = expanded_name(&(tns, tlocal.as_ref().to_string()));
        }
        if attrs.insert(key.clone(), value).is_some() {
            return Err(format!(
                "duplicate attribute {} in <{}>",
                expanded_name(&key),
                qname.as_ref()
            ));
        }
    }
    Ok(Node {
        name,
        attrs,
        children: Vec::new(),
    })
}

fn finish_element(stack: &mut [Node], root: &mut Option<Node>, node: Node) -> Result<(), String> {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(Child::Element(node));
        Ok(())
    } else if let Some(existing) = root {
        Err(format!(
            "more than one root element: <{}> after <{}>",
            expanded_name(&node.name),
            expanded_name(&existing.name)
        ))
    } else {
        *root = Some(node);
        Ok(())
    }
}

fn is_xml_whitespace(text: &str) -> bool {
    text.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

fn push_text(stack: &mut [Node], text: &str) -> Result<(), String> {
    let Some(parent) = stack.last_mut() else {
        return if is_xml_whitespace(text) {
            Ok(())
        } else {
            Err(format!("text outside the root element: {text:?}"))
        };
    };
    if let Some(Child::Text(previous)) = parent.children.last_mut() {
        previous.push_str(text);
    } else if !text.is_empty() {
        parent.children.push(Child::Text(text.to_string()));
    }
    Ok(())
}

fn drop_whitespace_text(node: &mut Node) {
    node.children.retain(|child| match child {
        Child::Text(text) => !is_xml_whitespace(text),
        Child::Element(_) => true,
    });
    for child in &mut node.children {
        if let Child::Element(element) = child {
            drop_whitespace_text(element);
        }
    }
}

/// None when the trees are equal; otherwise a description of the first difference, with the
/// element path (e.g. `/HI1Message/Header/Timestamp`; `[n]` is added when siblings share a
/// local name). `a` is taken as the expected tree and `b` as the actual one.
pub fn first_difference(a: &Node, b: &Node) -> Option<String> {
    diff_node(a, b, &format!("/{}", a.name.1))
}

fn diff_node(a: &Node, b: &Node, path: &str) -> Option<String> {
    if a.name != b.name {
        return Some(format!(
            "{path}: element name differs: expected <{}>, actual <{}>",
            expanded_name(&a.name),
            expanded_name(&b.name)
        ));
    }
    for (key, expected) in &a.attrs {
        match b.attrs.get(key) {
            None => {
                return Some(format!(
                    "{path}: attribute {} = {expected:?} is missing in actual",
                    expanded_name(key)
                ))
            }
            Some(actual) if actual != expected => {
                return Some(format!(
                    "{path}: attribute {} differs: expected {expected:?}, actual {actual:?}",
                    expanded_name(key)
                ))
            }
            Some(_) => {}
        }
    }
    if let Some((key, actual)) = b.attrs.iter().find(|(key, _)| !a.attrs.contains_key(*key)) {
        return Some(format!(
            "{path}: unexpected attribute {} = {actual:?} in actual",
            expanded_name(key)
        ));
    }
    if a.children.len() != b.children.len() {
        return Some(format!(
            "{path}: child count differs: expected {} [{}], actual {} [{}]",
            a.children.len(),
            summarize(&a.children),
            b.children.len(),
            summarize(&b.children)
        ));
    }
    let segments = child_segments(a);
    for (index, (ca, cb)) in a.children.iter().zip(&b.children).enumerate() {
        match (ca, cb) {
            (Child::Element(ea), Child::Element(eb)) => {
                let child_path = format!("{path}/{}", segments[index]);
                if let Some(difference) = diff_node(ea, eb, &child_path) {
                    return Some(difference);
                }
            }
            (Child::Text(ta), Child::Text(tb)) => {
                if ta != tb {
                    return Some(format!(
                        "{path}: text differs: expected {ta:?}, actual {tb:?}"
                    ));
                }
            }
            _ => {
                return Some(format!(
                    "{path}: child {} differs in kind: expected {}, actual {}",
                    index + 1,
                    describe(ca),
                    describe(cb)
                ))
            }
        }
    }
    None
}

/// Path segments of the children of `node` (index-aligned with `node.children`; text children
/// get an empty segment).
fn child_segments(node: &Node) -> Vec<String> {
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    for element in node.elements() {
        *totals.entry(element.name.1.as_str()).or_default() += 1;
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    node.children
        .iter()
        .map(|child| match child {
            Child::Element(element) => {
                let local = element.name.1.as_str();
                let n = seen.entry(local).or_default();
                *n += 1;
                if totals.get(local).copied().unwrap_or(0) > 1 {
                    format!("{local}[{n}]")
                } else {
                    local.to_string()
                }
            }
            Child::Text(_) => String::new(),
        })
        .collect()
}

fn describe(child: &Child) -> String {
    match child {
        Child::Element(node) => format!("<{}>", expanded_name(&node.name)),
        Child::Text(text) => {
            let mut shown: String = text.chars().take(40).collect();
            if text.chars().count() > 40 {
                shown.push('…');
            }
            format!("text {shown:?}")
        }
    }
}

fn summarize(children: &[Child]) -> String {
    let mut out = String::new();
    for (index, child) in children.iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        if index == 12 {
            let _ = write!(out, "… {} more", children.len() - index);
            break;
        }
        out.push_str(&describe(child));
    }
    out
}

/// Panics with the first difference and both documents unless they are canonically equal.
/// Also panics if either document cannot be parsed.
pub fn assert_canonically_equal(expected: &[u8], actual: &[u8]) {
    let show = |xml: &[u8]| String::from_utf8_lossy(xml).into_owned();
    let a = parse(expected).unwrap_or_else(|e| {
        panic!(
            "expected document does not parse: {e}\n--- expected ---\n{}",
            show(expected)
        )
    });
    let b = parse(actual).unwrap_or_else(|e| {
        panic!(
            "actual document does not parse: {e}\n--- expected ---\n{}\n--- actual ---\n{}",
            show(expected),
            show(actual)
        )
    });
    if let Some(difference) = first_difference(&a, &b) {
        panic!(
            "documents are not canonically equal: {difference}\n--- expected ---\n{}\n--- actual ---\n{}",
            show(expected),
            show(actual)
        );
    }
}
