//! Wildcard content: elements a schema set declares are read as their types, all others are
//! kept as raw XML with every name resolved to its namespace, so nothing is lost and the
//! content can be written back.

use super::name::{NsId, Process, Wildcard};
use super::read::{Reader, Start};
use super::write::Writer;
use crate::error::{Error, ErrorKind};
use quick_xml::events::Event;

/// The global elements of a generated schema set (implemented by its `Document` enum).
pub trait GlobalElements: Sized {
    /// Whether the set declares a global element with this name.
    fn has_global(ns: NsId, local: &str) -> bool;
    /// Reads a global element whose start tag was taken.
    fn read_global<'a>(r: &mut Reader<'a>, start: Start<'a>) -> Result<Self, Error>;
    /// Writes the element.
    fn write_global(&self, w: &mut Writer) -> Result<(), Error>;
    /// The namespace of the element.
    fn element_ns(&self) -> NsId;
    /// Validates a global element whose start tag was taken, without building it.
    fn check_global<'a>(r: &mut Reader<'a>, start: Start<'a>) -> Result<(), Error>;
}

/// An element matched by a wildcard.
#[derive(Debug, Clone, PartialEq)]
pub enum Any<D> {
    /// An element declared in the schema set, read as its type (boxed: a document may nest
    /// documents of its own set through wildcards).
    Typed(Box<D>),
    /// Any other element, kept as raw XML.
    Raw(RawElement),
}

/// An attribute of raw XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawAttribute {
    /// Its namespace, if any.
    pub namespace: Option<String>,
    /// The prefix it was written with.
    pub prefix: Option<String>,
    /// The local name.
    pub name: String,
    /// The value, unescaped and normalised.
    pub value: String,
}

/// A node of raw XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawNode {
    /// An element.
    Element(RawElement),
    /// Character data (CDATA sections included), unescaped.
    Text(String),
    /// A comment.
    Comment(String),
    /// A processing instruction (target and content).
    ProcessingInstruction(String),
}

/// An element kept as raw XML, namespace-complete: every name carries its namespace, and the
/// prefix bindings needed to write it back are recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawElement {
    /// Its namespace, if any.
    pub namespace: Option<String>,
    /// The prefix it was written with.
    pub prefix: Option<String>,
    /// The local name.
    pub name: String,
    /// Prefix bindings declared on this element in the source (`None` is the default
    /// namespace), plus those of the enclosing document that its names and QName-like tokens
    /// (`tns:Type`) in its text and attribute values use, so that QName values inside the
    /// content still resolve wherever it is written. The latter depend on the document it was
    /// read from: read back from li707's own output, whose root declares every namespace of
    /// the schema set, an element may record bindings its source left undeclared.
    pub namespaces: Vec<(Option<String>, String)>,
    /// Attributes, in document order.
    pub attributes: Vec<RawAttribute>,
    /// Children, in document order.
    pub children: Vec<RawNode>,
}

/// The content of an element of type `xs:anyType`: any attributes and any children.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnyContent {
    /// Attributes, in document order.
    pub attributes: Vec<RawAttribute>,
    /// Children, in document order.
    pub children: Vec<RawNode>,
}

/// Prefix bindings: `None` is the default namespace.
type Bindings = Vec<(Option<String>, String)>;

fn split_qname(q: &str) -> (Option<String>, String) {
    match q.split_once(':') {
        Some((p, l)) => (Some(p.to_owned()), l.to_owned()),
        None => (None, q.to_owned()),
    }
}

impl<'a> Reader<'a> {
    pub(crate) fn raw_attributes(
        &mut self,
        start: &Start<'a>,
    ) -> Result<(Vec<RawAttribute>, Bindings), Error> {
        let offset = start.offset();
        let mut attrs = Vec::new();
        let mut decls = Vec::new();
        let limit = self.limits().max_attributes;
        for (i, attr) in Reader::tag(start).attributes().enumerate() {
            if i >= limit {
                return Err(self.error_at(
                    ErrorKind::Limit {
                        what: "attributes on one element",
                        limit: limit as u64,
                    },
                    offset,
                ));
            }
            let attr = attr.map_err(|e| self.error_at(ErrorKind::Syntax(e.to_string()), offset))?;
            super::read::check_attribute_value(&attr.value)
                .map_err(|m| self.error_at(ErrorKind::Syntax(m), offset))?;
            let value = super::read::attribute_value(&attr)
                .map_err(|k| self.error_at(k, offset))?
                .into_owned();
            let key = attr.key;
            if let Some(binding) = key.as_namespace_binding() {
                let prefix = match binding {
                    quick_xml::name::PrefixDeclaration::Default => None,
                    quick_xml::name::PrefixDeclaration::Named(p) => Some(p.to_owned()),
                };
                decls.push((prefix, value));
                continue;
            }
            let namespace = self.resolve_attr_name(key, offset)?;
            let (prefix, name) = split_qname(key.as_ref());
            if attrs
                .iter()
                .any(|a: &RawAttribute| a.namespace == namespace && a.name == name)
            {
                return Err(self.error_at(
                    ErrorKind::Syntax(format!("attribute {name} appears twice")),
                    offset,
                ));
            }
            attrs.push(RawAttribute {
                namespace,
                prefix,
                name,
                value,
            });
        }
        attrs.shrink_to_fit();
        decls.shrink_to_fit();
        Ok((attrs, decls))
    }

    pub(crate) fn raw_children(&mut self) -> Result<Vec<RawNode>, Error> {
        let mut children = Vec::new();
        loop {
            let (ev, ns, offset) = self.raw_event()?;
            match ev {
                Event::Start(tag) => {
                    let start = self.make_start(tag, ns, offset);
                    self.enter(offset)?;
                    let el = self.raw_element_body(start);
                    self.leave();
                    children.push(RawNode::Element(el?));
                }
                Event::End(_) => {
                    // Kept in the typed tree: no spare capacity (a Vec grows to 4 nodes).
                    children.shrink_to_fit();
                    return Ok(children);
                }
                Event::Text(t) => {
                    self.text_ok(&t, offset)?;
                    push_text(&mut children, &t.xml10_content());
                    self.check_raw_text(&children, offset)?;
                }
                Event::CData(t) => {
                    push_text(&mut children, &t.xml10_content());
                    self.check_raw_text(&children, offset)?;
                }
                Event::GeneralRef(r) => {
                    let c = self.resolve_entity(&r, offset)?;
                    push_text(&mut children, c.encode_utf8(&mut [0; 4]));
                }
                Event::Comment(t) => {
                    children.push(RawNode::Comment(t.xml10_content().into_owned()))
                }
                Event::PI(p) => children.push(RawNode::ProcessingInstruction(p.to_string())),
                Event::Eof => {
                    return Err(
                        self.error_at(ErrorKind::Syntax("unexpected end of input".into()), offset)
                    )
                }
                Event::Decl(_) | Event::DocType(_) | Event::Empty(_) => {
                    return Err(self.error_at(
                        ErrorKind::Syntax("declaration inside an element".into()),
                        offset,
                    ))
                }
            }
        }
    }

    fn raw_element_body(&mut self, start: Start<'a>) -> Result<RawElement, Error> {
        let (attributes, namespaces) = self.raw_attributes(&start)?;
        let uri = self.namespace_uri(start.ns()).to_owned();
        let (prefix, name) = split_qname(start.qname());
        let children = self.raw_children()?;
        Ok(RawElement {
            namespace: (!uri.is_empty()).then_some(uri),
            prefix,
            name,
            namespaces,
            attributes,
            children,
        })
    }

    /// Reads an element whose start tag was taken as raw XML. The bindings in scope that its
    /// names use are recorded on it, so it can be written anywhere.
    pub fn raw_element(&mut self, start: Start<'a>) -> Result<RawElement, Error> {
        let mut el = self.raw_element_body(start)?;
        // The element's own declarations are on it; once it is read, the scope holds those of
        // its ancestors, where the other prefixes it uses are bound.
        let mut needed = Vec::new();
        collect_prefixes(&el, &mut needed);
        for prefix in needed {
            let declared = el.namespaces.iter().any(|(p, _)| *p == prefix);
            if !declared {
                if let Some(uri) = self.binding_in_scope(prefix.as_deref()) {
                    el.namespaces.push((prefix, uri));
                }
            }
        }
        Ok(el)
    }

    /// Reads the content of an element of type `xs:anyType`.
    pub fn any_content(&mut self, start: Start<'a>) -> Result<AnyContent, Error> {
        let (attributes, _) = self.raw_attributes(&start)?;
        let children = self.raw_children()?;
        Ok(AnyContent {
            attributes,
            children,
        })
    }

    /// Reads the peeked element matched by `wildcard`.
    pub fn any<D: GlobalElements>(&mut self, wildcard: &Wildcard) -> Result<Any<D>, Error> {
        let Some(start) = self.take_start() else {
            return Err(self.expected(&[]));
        };
        let known = D::has_global(start.ns(), start.local());
        match wildcard.process {
            Process::Skip => self.element(start, |r, s| r.raw_element(s).map(Any::Raw)),
            _ if known => self.element(start, |r, s| {
                D::read_global(r, s).map(|d| Any::Typed(Box::new(d)))
            }),
            Process::Lax => self.element(start, |r, s| r.raw_element(s).map(Any::Raw)),
            Process::Strict => Err(self.undeclared(&start)),
        }
    }

    /// Reads between `min` and `max` elements matched by `wildcard`.
    pub fn any_repeated<D: GlobalElements>(
        &mut self,
        wildcard: &Wildcard,
        min: u32,
        max: Option<u32>,
    ) -> Result<Vec<Any<D>>, Error> {
        let mut items = Vec::new();
        while max.is_none_or(|m| items.len() < m as usize) && self.next_matches(wildcard)? {
            items.push(self.any(wildcard)?);
        }
        if items.len() < min as usize {
            return Err(self.expected(&[]));
        }
        items.shrink_to_fit();
        Ok(items)
    }
}

impl Reader<'_> {
    /// Raw text obeys the text limit too.
    fn check_raw_text(&self, children: &[RawNode], offset: usize) -> Result<(), Error> {
        let limit = self.limits().max_text_len;
        match children.last() {
            Some(RawNode::Text(t)) if t.len() > limit => Err(self.error_at(
                ErrorKind::Limit {
                    what: "text length",
                    limit: limit as u64,
                },
                offset,
            )),
            _ => Ok(()),
        }
    }
}

fn push_text(children: &mut Vec<RawNode>, text: &str) {
    if let Some(RawNode::Text(t)) = children.last_mut() {
        t.push_str(text);
    } else {
        children.push(RawNode::Text(text.to_owned()));
    }
}

/// The prefixes a raw subtree needs: those of its element and attribute names, and those that
/// start QName-like tokens (`tns:Type`) in attribute values and text, which schema content such
/// as an embedded `xs:schema` relies on.
fn collect_prefixes(el: &RawElement, out: &mut Vec<Option<String>>) {
    fn add(out: &mut Vec<Option<String>>, p: Option<&str>) {
        // `xml` and `xmlns` are bound by XML itself and can never be declared.
        if !matches!(p, Some("xml" | "xmlns")) && !out.iter().any(|q| q.as_deref() == p) {
            out.push(p.map(str::to_owned));
        }
    }
    fn qname_prefixes(out: &mut Vec<Option<String>>, value: &str) {
        for token in value.split_ascii_whitespace() {
            if let Some((prefix, local)) = token.split_once(':') {
                let ncname = |s: &str| {
                    s.chars()
                        .next()
                        .is_some_and(|c| c.is_alphabetic() || c == '_')
                        && s.chars()
                            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
                };
                if ncname(prefix) && ncname(local) {
                    add(out, Some(prefix));
                }
            }
        }
    }
    add(out, el.prefix.as_deref());
    for a in &el.attributes {
        if a.prefix.is_some() {
            add(out, a.prefix.as_deref());
        }
        qname_prefixes(out, &a.value);
    }
    for c in &el.children {
        match c {
            RawNode::Element(e) => collect_prefixes(e, out),
            RawNode::Text(t) => qname_prefixes(out, t),
            _ => {}
        }
    }
}

impl RawElement {
    /// Reads the root element of a standalone document as raw XML. With
    /// [`RawElement::to_xml`] this bridges schema sets: a value of another generated set (a
    /// CSP-defined schema, TS 103 707 clause 5.6) becomes wildcard content of this one, and
    /// back, through its XML.
    pub fn from_xml(input: &[u8]) -> Result<RawElement, Error> {
        let mut r = Reader::new(input, &[])?;
        let start = r.root()?;
        let el = r.element(start, |r, s| r.raw_element(s))?;
        r.finish_document()?;
        Ok(el)
    }

    /// Writes the element as a standalone document.
    pub fn to_xml(&self) -> Result<Vec<u8>, Error> {
        let mut w = Writer::new(&[]);
        self.write(&mut w)?;
        w.finish()
    }

    /// Writes the element back.
    pub fn write(&self, w: &mut Writer) -> Result<(), Error> {
        w.raw_start(
            self.prefix.as_deref(),
            self.namespace.as_deref(),
            &self.name,
            &self.namespaces,
        );
        for a in &self.attributes {
            w.raw_attribute(
                a.prefix.as_deref(),
                a.namespace.as_deref(),
                &a.name,
                &a.value,
            );
        }
        write_nodes(&self.children, w)?;
        w.raw_end();
        Ok(())
    }
}

impl AnyContent {
    /// Writes attributes and children into the element the writer has open.
    pub fn write(&self, w: &mut Writer) -> Result<(), Error> {
        for a in &self.attributes {
            w.raw_attribute(
                a.prefix.as_deref(),
                a.namespace.as_deref(),
                &a.name,
                &a.value,
            );
        }
        write_nodes(&self.children, w)
    }
}

fn write_nodes(nodes: &[RawNode], w: &mut Writer) -> Result<(), Error> {
    for n in nodes {
        match n {
            RawNode::Element(e) => e.write(w)?,
            RawNode::Text(t) => w.text(t),
            RawNode::Comment(c) => w.comment(c),
            RawNode::ProcessingInstruction(p) => w.processing_instruction(p),
        }
    }
    Ok(())
}

impl<D: GlobalElements> Any<D> {
    /// Writes the element.
    pub fn write(&self, w: &mut Writer) -> Result<(), Error> {
        match self {
            Any::Typed(d) => d.write_global(w),
            Any::Raw(r) => r.write(w),
        }
    }

    /// Writes the element after checking that `wildcard` allows its namespace.
    pub fn write_in(&self, wildcard: &Wildcard, w: &mut Writer) -> Result<(), Error> {
        let uri = match self {
            Any::Typed(d) => w.namespace_uri(d.element_ns()),
            Any::Raw(r) => r.namespace.as_deref(),
        };
        w.check_wildcard(wildcard, uri)?;
        self.write(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_documents_round_trip_with_their_namespaces() {
        let xml = br#"<c:event xmlns:c="urn:example:csp:1" xmlns:t="urn:t" kind="t:Join"><c:id>42</c:id><!-- note --><c:text>a &amp; b</c:text></c:event>"#;
        let el = RawElement::from_xml(xml).expect("well-formed");
        assert_eq!(el.namespace.as_deref(), Some("urn:example:csp:1"));
        assert_eq!(el.children.len(), 3);
        // The prefix used only inside an attribute value is kept bound.
        assert!(el
            .namespaces
            .iter()
            .any(|(p, u)| p.as_deref() == Some("t") && u == "urn:t"));
        let out = el.to_xml().expect("writes");
        let back = RawElement::from_xml(&out).expect("reads back");
        assert_eq!(back, el);
        assert!(RawElement::from_xml(b"<a><b></a>").is_err());
    }
}
