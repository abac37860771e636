//! The writer behind generated `to_xml` functions.
//!
//! Typed elements are written with the schema set's prefixes; the namespaces actually used are
//! declared once, on the root element, when the document is finished. Raw XML (wildcard
//! content) declares what it needs locally when the root's bindings do not cover it.

use super::name::{Name, Namespace, NsId, Wildcard, XML_NS, XSI_NS};
use crate::error::{Error, ErrorKind, Report, ValueError};
use std::borrow::Cow;
use std::cell::RefCell;

/// Writes one document. See the module documentation.
pub struct Writer {
    buf: Vec<u8>,
    set: &'static [Namespace],
    used: Vec<bool>,
    xsi_used: bool,
    root_insert: Option<usize>,
    open_tag: bool,
    /// Local declarations made for raw XML: (prefix, uri).
    decls: Vec<(Option<String>, String)>,
    /// Raw elements open: their written name and how many declarations they pushed.
    raw_open: Vec<(String, usize)>,
    /// Typed elements open, for paths of errors (spelled out only when there is one).
    open: Vec<Name>,
    /// In validation mode: the errors recorded so far, and the limit.
    collector: Option<RefCell<(Vec<Error>, usize)>>,
}

/// Which bytes [`escape_into`] replaces: bit 0 in text, bit 1 in attribute values.
const ESCAPED: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'&' as usize] = 3;
    t[b'<' as usize] = 3;
    t[b'>' as usize] = 3;
    t[b'\r' as usize] = 3;
    t[b'"' as usize] = 2;
    t[b'\t' as usize] = 2;
    t[b'\n' as usize] = 2;
    t
};

fn escape_into(buf: &mut Vec<u8>, text: &str, attribute: bool) {
    let bytes = text.as_bytes();
    let mask = if attribute { 2 } else { 1 };
    let mut last = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if ESCAPED[b as usize] & mask == 0 {
            continue;
        }
        let rep: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' if attribute => b"&quot;",
            b'\t' if attribute => b"&#9;",
            b'\n' if attribute => b"&#10;",
            b'\r' => b"&#13;",
            _ => continue,
        };
        buf.extend_from_slice(&bytes[last..i]);
        buf.extend_from_slice(rep);
        last = i + 1;
    }
    buf.extend_from_slice(&bytes[last..]);
}

impl Writer {
    /// A writer for a schema set with namespaces `set`.
    pub fn new(set: &'static [Namespace]) -> Writer {
        Writer {
            buf: Vec::with_capacity(4096),
            set,
            used: vec![false; set.len()],
            xsi_used: false,
            root_insert: None,
            open_tag: false,
            decls: Vec::new(),
            raw_open: Vec::new(),
            open: Vec::new(),
            collector: None,
        }
    }

    /// Validates a typed value by writing it (into a scratch element) with a writer that
    /// records every error instead of stopping at the first: occurrence bounds, built-in
    /// lexical spaces and wildcard namespaces. Simple types hold their facets by construction.
    pub fn validate(
        set: &'static [Namespace],
        max_errors: usize,
        f: impl FnOnce(&mut Writer) -> Result<(), Error>,
    ) -> Report {
        let mut w = Writer::new(set);
        w.collector = Some(RefCell::new((Vec::new(), max_errors.max(1))));
        w.start(&Name::new(0, "value"));
        let result = f(&mut w);
        let (mut errors, limit) = w
            .collector
            .take()
            .map(RefCell::into_inner)
            .unwrap_or_default();
        let truncated = errors.len() >= limit;
        if let Err(e) = result {
            if !truncated {
                errors.push(e);
            }
        }
        Report { errors, truncated }
    }

    /// Deals with an error found while writing: returned, or recorded when validating.
    pub fn record(&self, error: Error) -> Result<(), Error> {
        let Some(c) = &self.collector else {
            return Err(error);
        };
        let mut c = c.borrow_mut();
        let path: Vec<String> = self.open.iter().map(|n| self.qualified(n)).collect();
        c.0.push(error.within_all(path.iter().map(String::as_str)));
        if c.0.len() >= c.1 {
            return Err(Error::new(ErrorKind::Limit {
                what: "errors",
                limit: c.1 as u64,
            }));
        }
        Ok(())
    }

    /// Checks a lexical value against a built-in type's lexical space before it is written.
    pub fn checked<'v, T>(
        &self,
        text: Cow<'v, str>,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Result<Cow<'v, str>, Error> {
        if let Err(e) = parse(&text) {
            self.record(Error::from(e))?;
        }
        Ok(text)
    }

    fn close_open_tag(&mut self) {
        if self.open_tag {
            self.buf.push(b'>');
            self.open_tag = false;
        }
    }

    fn prefix_of(&mut self, ns: NsId) -> Option<&'static str> {
        let i = ns.0 as usize;
        if i == 0 || i > self.set.len() {
            return None;
        }
        self.used[i - 1] = true;
        Some(self.set[i - 1].prefix)
    }

    fn put_name(&mut self, name: &Name) {
        if let Some(p) = self.prefix_of(name.ns) {
            self.buf.extend_from_slice(p.as_bytes());
            self.buf.push(b':');
        }
        self.buf.extend_from_slice(name.local.as_bytes());
    }

    /// Opens element `name`; attributes may follow until content is written.
    pub fn start(&mut self, name: &Name) {
        self.close_open_tag();
        self.buf.push(b'<');
        self.put_name(name);
        if self.root_insert.is_none() {
            self.root_insert = Some(self.buf.len());
        }
        self.open_tag = true;
    }

    /// Closes element `name`.
    pub fn end(&mut self, name: &Name) {
        if self.open_tag {
            self.buf.extend_from_slice(b"/>");
            self.open_tag = false;
        } else {
            self.buf.extend_from_slice(b"</");
            self.put_name(name);
            self.buf.push(b'>');
        }
    }

    /// Writes an element with content written by `f`.
    pub fn element(
        &mut self,
        name: &Name,
        f: impl FnOnce(&mut Writer) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.start(name);
        self.open.push(*name);
        let result = f(self);
        self.open.pop();
        if let Err(e) = result {
            return Err(self.within(e, name));
        }
        self.end(name);
        Ok(())
    }

    /// `e` located within element `name`.
    #[cold]
    fn within(&self, e: Error, name: &Name) -> Error {
        e.within(&self.qualified(name))
    }

    /// `prefix:local` of a name, for error paths.
    fn qualified(&self, name: &Name) -> String {
        match name.ns.0 as usize {
            i if i > 0 && i <= self.set.len() => {
                format!("{}:{}", self.set[i - 1].prefix, name.local)
            }
            _ => name.local.to_owned(),
        }
    }

    /// The namespace URI of `ns` in this writer's schema set (`None` for no namespace or an
    /// unknown number).
    pub fn namespace_uri(&self, ns: NsId) -> Option<&'static str> {
        let i = ns.0 as usize;
        (i > 0 && i <= self.set.len()).then(|| self.set[i - 1].uri)
    }

    /// Checks that an element in namespace `uri` may stand where `wildcard` is, so that content
    /// the schema does not allow is never written.
    pub fn check_wildcard(&self, wildcard: &Wildcard, uri: Option<&str>) -> Result<(), Error> {
        let ns = match uri {
            None => NsId::NONE,
            Some(u) => match self.set.iter().position(|n| n.uri == u) {
                Some(i) => NsId(i as u16 + 1),
                // Not a namespace of the set: allowed by ##any and ##other, by no list.
                None => NsId(u16::MAX),
            },
        };
        if wildcard.namespaces.allows(ns) {
            return Ok(());
        }
        self.record(Error::new(ErrorKind::UnexpectedElement {
            found: format!("an element in namespace {:?}", uri.unwrap_or("")),
            expected: vec![format!("{:?}", wildcard.namespaces)],
        }))
    }

    /// Writes an element with text content.
    pub fn simple(&mut self, name: &Name, text: &str) {
        self.start(name);
        self.text(text);
        self.end(name);
    }

    /// Writes an attribute of the open element (`name.ns` none for unqualified attributes).
    pub fn attribute(&mut self, name: &Name, value: &str) {
        self.buf.push(b' ');
        self.put_name(name);
        self.buf.extend_from_slice(b"=\"");
        escape_into(&mut self.buf, value, true);
        self.buf.push(b'"');
    }

    /// Writes `xsi:type` naming `ty` on the open element.
    pub fn xsi_type(&mut self, ty: &Name) {
        self.xsi_used = true;
        self.buf.extend_from_slice(b" xsi:type=\"");
        if let Some(p) = self.prefix_of(ty.ns) {
            self.buf.extend_from_slice(p.as_bytes());
            self.buf.push(b':');
        }
        self.buf.extend_from_slice(ty.local.as_bytes());
        self.buf.push(b'"');
    }

    /// Writes `xsi:nil="true"` on the open element.
    pub fn xsi_nil(&mut self) {
        self.xsi_used = true;
        self.buf.extend_from_slice(b" xsi:nil=\"true\"");
    }

    /// Writes escaped character data.
    pub fn text(&mut self, text: &str) {
        self.close_open_tag();
        escape_into(&mut self.buf, text, false);
    }

    /// Writes a comment.
    pub fn comment(&mut self, text: &str) {
        self.close_open_tag();
        self.buf.extend_from_slice(b"<!--");
        self.buf.extend_from_slice(text.as_bytes());
        self.buf.extend_from_slice(b"-->");
    }

    /// Writes a processing instruction (`target content`).
    pub fn processing_instruction(&mut self, pi: &str) {
        self.close_open_tag();
        self.buf.extend_from_slice(b"<?");
        self.buf.extend_from_slice(pi.as_bytes());
        self.buf.extend_from_slice(b"?>");
    }

    /// Checks the number of occurrences of a repeated element before writing it, so that a
    /// document breaking `minOccurs`/`maxOccurs` is never written.
    pub fn check_occurs(
        &self,
        name: &Name,
        found: usize,
        min: u32,
        max: Option<u32>,
    ) -> Result<(), Error> {
        if found < min as usize || max.is_some_and(|m| found > m as usize) {
            let element = match name.ns.0 as usize {
                i if i > 0 && i <= self.set.len() => {
                    format!("{{{}}}{}", self.set[i - 1].uri, name.local)
                }
                _ => name.local.to_owned(),
            };
            return self.record(Error::new(ErrorKind::Occurrence {
                element,
                min,
                max,
                found,
            }));
        }
        Ok(())
    }

    /// The namespace bound to `prefix` where the writer is.
    fn lookup(&mut self, prefix: Option<&str>) -> Option<String> {
        if let Some((_, uri)) = self
            .decls
            .iter()
            .rev()
            .find(|(p, _)| p.as_deref() == prefix)
        {
            return (!uri.is_empty()).then(|| uri.clone());
        }
        match prefix {
            None => None,
            Some("xml") => Some(XML_NS.to_owned()),
            Some("xsi") => {
                self.xsi_used = true;
                Some(XSI_NS.to_owned())
            }
            Some(p) => {
                let i = self.set.iter().position(|n| n.prefix == p)?;
                self.used[i] = true;
                Some(self.set[i].uri.to_owned())
            }
        }
    }

    fn declare(&mut self, prefix: Option<&str>, uri: &str) {
        match prefix {
            Some(p) => {
                self.buf.extend_from_slice(b" xmlns:");
                self.buf.extend_from_slice(p.as_bytes());
            }
            None => self.buf.extend_from_slice(b" xmlns"),
        }
        self.buf.extend_from_slice(b"=\"");
        escape_into(&mut self.buf, uri, true);
        self.buf.push(b'"');
        self.decls.push((prefix.map(str::to_owned), uri.to_owned()));
        if let Some(top) = self.raw_open.last_mut() {
            top.1 += 1;
        }
    }

    fn ensure_bound(&mut self, prefix: Option<&str>, uri: Option<&str>) {
        let current = self.lookup(prefix);
        if current.as_deref() != uri {
            self.declare(prefix, uri.unwrap_or(""));
        }
    }

    /// Opens a raw element (wildcard content), declaring what its names need.
    pub fn raw_start(
        &mut self,
        prefix: Option<&str>,
        namespace: Option<&str>,
        local: &str,
        namespaces: &[(Option<String>, String)],
    ) {
        self.close_open_tag();
        let qname = match prefix {
            Some(p) => format!("{p}:{local}"),
            None => local.to_owned(),
        };
        self.buf.push(b'<');
        self.buf.extend_from_slice(qname.as_bytes());
        if self.root_insert.is_none() {
            self.root_insert = Some(self.buf.len());
        }
        self.raw_open.push((qname, 0));
        self.open_tag = true;
        for (p, uri) in namespaces {
            self.ensure_bound(p.as_deref(), Some(uri));
        }
        self.ensure_bound(prefix, namespace);
    }

    /// Writes an attribute of the open raw element.
    pub fn raw_attribute(
        &mut self,
        prefix: Option<&str>,
        namespace: Option<&str>,
        local: &str,
        value: &str,
    ) {
        if prefix.is_some() {
            self.ensure_bound(prefix, namespace);
        }
        self.buf.push(b' ');
        if let Some(p) = prefix {
            self.buf.extend_from_slice(p.as_bytes());
            self.buf.push(b':');
        }
        self.buf.extend_from_slice(local.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        escape_into(&mut self.buf, value, true);
        self.buf.push(b'"');
    }

    /// Closes the innermost raw element.
    pub fn raw_end(&mut self) {
        let Some((qname, pushed)) = self.raw_open.pop() else {
            return;
        };
        if self.open_tag {
            self.buf.extend_from_slice(b"/>");
            self.open_tag = false;
        } else {
            self.buf.extend_from_slice(b"</");
            self.buf.extend_from_slice(qname.as_bytes());
            self.buf.push(b'>');
        }
        let keep = self.decls.len().saturating_sub(pushed);
        self.decls.truncate(keep);
    }

    /// Finishes the document: the XML declaration, then the root element with the namespace
    /// declarations of every namespace used.
    pub fn finish(self) -> Result<Vec<u8>, Error> {
        let Some(at) = self.root_insert else {
            return Err(Error::new(ErrorKind::Io("nothing was written".into())));
        };
        let mut decls = Vec::new();
        for (i, ns) in self.set.iter().enumerate() {
            if self.used[i] {
                decls.extend_from_slice(b" xmlns:");
                decls.extend_from_slice(ns.prefix.as_bytes());
                decls.extend_from_slice(b"=\"");
                escape_into(&mut decls, ns.uri, true);
                decls.push(b'"');
            }
        }
        if self.xsi_used {
            decls.extend_from_slice(b" xmlns:xsi=\"");
            decls.extend_from_slice(XSI_NS.as_bytes());
            decls.push(b'"');
        }
        const DECL: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        let mut out = Vec::with_capacity(DECL.len() + self.buf.len() + decls.len() + 1);
        out.extend_from_slice(DECL);
        out.extend_from_slice(&self.buf[..at]);
        out.extend_from_slice(&decls);
        out.extend_from_slice(&self.buf[at..]);
        out.push(b'\n');
        Ok(out)
    }
}
