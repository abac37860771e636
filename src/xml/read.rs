//! The pull reader behind generated `from_xml` functions.
//!
//! One pass over the input: generated code asks for the next child element, reads it with the
//! function of its type, and checks the content model as it goes. Positions are byte offsets,
//! turned into line:column only when an error is built; element paths are added while an error
//! propagates outwards, so a successful read pays for neither.

use super::name::{Name, Namespace, NsConstraint, NsId, Wildcard, XML_NS, XSI_NS};
use super::raw::RawAttribute;
use super::scope::Scope;
use crate::error::{Error, ErrorKind, Position, ValueError};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{PrefixDeclaration, QName};
use std::borrow::Cow;

/// Limits that bound the work and memory of one read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Deepest element nesting accepted.
    pub max_depth: u32,
    /// Longest text content of one element, in bytes.
    pub max_text_len: usize,
    /// Most attributes on one element.
    pub max_attributes: usize,
    /// Most elements in one document.
    pub max_elements: u64,
    /// Most namespace declarations in scope at once (on the open elements).
    pub max_namespace_bindings: usize,
}

impl Default for ReadLimits {
    fn default() -> ReadLimits {
        ReadLimits {
            max_depth: 256,
            max_text_len: 64 * 1024 * 1024,
            max_attributes: 1024,
            max_elements: 50_000_000,
            max_namespace_bindings: 128,
        }
    }
}

/// A start tag read from the input: its resolved name and its attributes.
#[derive(Debug)]
pub struct Start<'a> {
    tag: BytesStart<'a>,
    ns: NsId,
    offset: usize,
    /// Where the local name starts in the tag (after `prefix:`).
    local_start: u32,
    /// Where the qualified name ends in the tag.
    name_end: u32,
}

impl<'a> Start<'a> {
    /// `local_start` is where the local name starts in the tag (0 without a prefix).
    fn new(tag: BytesStart<'a>, ns: NsId, offset: usize, local_start: u32) -> Start<'a> {
        let name_end = tag.name().as_ref().len() as u32;
        Start {
            tag,
            ns,
            offset,
            local_start,
            name_end,
        }
    }
}

impl<'a> Start<'a> {
    /// The namespace of the element.
    #[inline]
    pub fn ns(&self) -> NsId {
        self.ns
    }

    /// The local name of the element.
    #[inline]
    pub fn local(&self) -> &str {
        let raw: &str = &self.tag;
        &raw[self.local_start as usize..self.name_end as usize]
    }

    /// The qualified name as written (`delivery:Reference`).
    #[inline]
    pub fn qname(&self) -> &str {
        let raw: &str = &self.tag;
        &raw[..self.name_end as usize]
    }

    /// Whether the element has this name.
    #[inline]
    pub fn is(&self, name: &Name) -> bool {
        self.ns == name.ns && self.local() == name.local
    }

    /// Whether nothing follows the name in the tag (the common case, checked without
    /// starting to parse attributes).
    #[inline]
    fn has_no_attributes(&self) -> bool {
        let raw: &str = &self.tag;
        raw.len() == self.name_end as usize
    }

    /// Byte offset of the `<` of the tag.
    #[inline]
    pub fn offset(&self) -> usize {
        self.offset
    }
}

/// A function reading an element whose start tag was taken (a plain function pointer, so that
/// the runtime's helpers exist once, not once per call site of the generated code).
pub type ReadFn<'a, T> = fn(&mut Reader<'a>, Start<'a>) -> Result<T, Error>;

/// A function given each attribute's namespace, local name and value, returning whether the
/// attribute is declared (see [`Reader::attributes`]).
type AttributeFn<'f> = dyn FnMut(NsId, &str, Cow<'_, str>) -> Result<bool, Error> + 'f;

/// A function reading an optional group (`None` when the next element does not start it).
pub type GroupFn<'a, T> = fn(&mut Reader<'a>) -> Result<Option<T>, Error>;

enum Peeked<'a> {
    Start(Start<'a>),
    End(usize),
}

/// The reader that generated code drives. See the module documentation.
pub struct Reader<'a> {
    inner: quick_xml::Reader<&'a [u8]>,
    /// The namespace bindings of the open elements.
    scope: Scope,
    input: &'a str,
    set: &'static [Namespace],
    extra: Vec<Box<str>>,
    /// The namespace interned last (most elements share their parent's namespace).
    last_ns: NsId,
    /// Where the local name starts in the start tag [`Reader::event`] returned last.
    local_start: u32,
    peeked: Option<Peeked<'a>>,
    depth: u32,
    limits: ReadLimits,
    /// Offsets of the start tags of the open elements (for paths of recorded errors).
    stack: Vec<usize>,
    /// In validation mode: the depth of an element whose content had an error and was skipped.
    abandoned: Option<usize>,
    /// The offset of a nillable element being read, where `xsi:nil` is allowed.
    nil_allowed: usize,
    /// Elements met so far (for [`ReadLimits::max_elements`]).
    elements: u64,
    /// In validation mode, the errors recorded so far and the limit.
    collector: Option<Collector>,
}

/// The errors of a validation that goes on after an error.
struct Collector {
    errors: Vec<Error>,
    limit: usize,
    truncated: bool,
}

#[inline]
fn intern(set: &[Namespace], extra: &mut Vec<Box<str>>, uri: &str) -> NsId {
    // Namespaces are compared by length first: the set's URIs mostly differ in length.
    if let Some(i) = set
        .iter()
        .position(|n| n.uri.len() == uri.len() && n.uri == uri)
    {
        return NsId(i as u16 + 1);
    }
    if let Some(i) = extra.iter().position(|n| &**n == uri) {
        return NsId((set.len() + 1 + i) as u16);
    }
    extra.push(uri.into());
    NsId((set.len() + extra.len()) as u16)
}

#[cold]
#[inline(never)]
fn quick_error(e: quick_xml::Error) -> ErrorKind {
    match e {
        quick_xml::Error::Encoding(e) => ErrorKind::Encoding(e.to_string()),
        quick_xml::Error::Namespace(quick_xml::name::NamespaceError::TooManyBindings(n)) => {
            ErrorKind::Limit {
                what: "namespace bindings in scope",
                limit: n as u64,
            }
        }
        quick_xml::Error::Namespace(e) => ErrorKind::Syntax(e.to_string()),
        other => ErrorKind::Syntax(other.to_string()),
    }
}

fn predefined_entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => return None,
    })
}

/// Checks a value against a fixed value of the schema, comparing values of the type.
pub fn check_fixed<T: PartialEq>(
    value: &T,
    text: &str,
    fixed: &'static str,
    parse: impl Fn(&str) -> Result<T, ValueError>,
) -> Result<(), Error> {
    if parse(fixed).ok().as_ref() == Some(value) {
        return Ok(());
    }
    Err(Error::new(ErrorKind::Fixed {
        expected: fixed,
        found: crate::error::shorten(text),
    }))
}

/// Byte classes for XML names, as bits: `NAME_BYTE` (may occur in a name: a NameChar, `:` or
/// a byte of a multi-byte character), `NAME_START` (NameStartChar), `COLON`, `NON_ASCII`.
const NAME_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            NON_ASCII | NAME_BYTE
        } else if c.is_ascii_alphabetic() || c == b'_' {
            NAME_START | NAME_BYTE
        } else if c.is_ascii_digit() || c == b'-' || c == b'.' {
            NAME_BYTE
        } else if c == b':' {
            COLON | NAME_BYTE
        } else {
            0
        };
        b += 1;
    }
    t
};
const NAME_BYTE: u8 = 1;
const NAME_START: u8 = 2;
const COLON: u8 = 4;
const NON_ASCII: u8 = 8;

/// Where the local name of `name` starts (0 without a prefix) when `name` is an XML
/// `QName`-shaped name (NameStartChar NameChar*, at most one `:`); `None` when it is not.
fn qname_local_start(name: &str) -> Option<u32> {
    let b = name.as_bytes();
    // One branch-free pass over the byte classes, eight bytes per step: the classes every byte
    // has (`all`) and the classes some byte has (`any`).
    let (mut all, mut any) = (u8::MAX, 0u8);
    let chunks = b.chunks_exact(8);
    let tail = chunks.remainder();
    for chunk in chunks {
        let mut k = [0u8; 8];
        for (k, &c) in k.iter_mut().zip(chunk) {
            *k = NAME_CLASS[usize::from(c)];
        }
        all &= k[0] & k[1] & k[2] & k[3] & k[4] & k[5] & k[6] & k[7];
        any |= k[0] | k[1] | k[2] | k[3] | k[4] | k[5] | k[6] | k[7];
    }
    for &c in tail {
        let k = NAME_CLASS[usize::from(c)];
        all &= k;
        any |= k;
    }
    let (bad, high) = (all & NAME_BYTE == 0, any & NON_ASCII != 0);
    if high {
        return is_xml_name_unicode(name).then(|| name.find(':').map_or(0, |i| i as u32 + 1));
    }
    let starts = |part: &[u8]| {
        part.first()
            .is_some_and(|&c| NAME_CLASS[usize::from(c)] & NAME_START != 0)
    };
    if bad {
        return None;
    }
    match b.iter().position(|&c| c == b':') {
        None => starts(b).then_some(0),
        Some(i) => {
            let local = &b[i + 1..];
            (starts(&b[..i]) && starts(local) && !local.contains(&b':')).then_some(i as u32 + 1)
        }
    }
}

/// [`qname_local_start`]'s rule for names with non-ASCII characters.
fn is_xml_name_unicode(name: &str) -> bool {
    let start = |c: char| c.is_alphabetic() || c == '_' || (c as u32 > 0x7F && !c.is_control());
    let rest = |c: char| {
        start(c) || c.is_ascii_digit() || matches!(c, '-' | '.' | '\u{B7}') || c.is_numeric()
    };
    name.split(':').all(|part| {
        let mut cs = part.chars();
        cs.next().is_some_and(start) && cs.all(rest)
    }) && name.matches(':').count() <= 1
}

/// The error of an attribute value that does not unescape: an unknown entity is named as such.
pub(crate) fn attribute_error(e: quick_xml::Error) -> ErrorKind {
    match e {
        quick_xml::Error::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(_, name)) => {
            ErrorKind::UnknownEntity(name)
        }
        other => ErrorKind::Syntax(other.to_string()),
    }
}

/// An attribute value, unescaped and normalized (XML 1.0 3.3.3), with the characters that
/// references produced checked against the `Char` production (WFC: Legal Character):
/// quick-xml resolves `&#x15;` without that check. The value as written is checked by
/// [`check_attribute_value`] and the document-wide character scan.
pub(crate) fn attribute_value<'a>(
    attr: &quick_xml::events::attributes::Attribute<'a>,
) -> Result<Cow<'a, str>, ErrorKind> {
    let value = attr
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map_err(attribute_error)?;
    if matches!(value, Cow::Owned(_)) && !crate::value::builtin::all_xml_chars(&value) {
        return Err(ErrorKind::Syntax(
            "a character reference to a character not allowed in XML in an attribute value \
             (XML 1.0, WFC: Legal Character)"
                .into(),
        ));
    }
    Ok(value)
}

/// Well-formedness of an attribute value as written: no `<`, XML characters only.
pub(crate) fn check_attribute_value(raw: &str) -> Result<(), String> {
    match crate::value::builtin::scan_xml_text(raw, false) {
        Some(b'<') => Err("`<` in an attribute value".into()),
        Some(_) => Err("a character not allowed in XML in an attribute value".into()),
        None => Ok(()),
    }
}

/// Well-formedness of character data as written: XML characters only, and no `]]>`.
fn text_well_formed(text: &str) -> Result<(), &'static str> {
    match crate::value::builtin::scan_xml_text(text, true) {
        Some(b'>') => Err("`]]>` in character data"),
        Some(_) => Err("a character not allowed in XML"),
        None => Ok(()),
    }
}

#[inline]
fn is_xml_ws(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

impl<'a> Reader<'a> {
    /// A reader over `input` for a schema set with namespaces `set`.
    ///
    /// The input must be UTF-8; a declaration of another encoding is an error.
    pub fn new(input: &'a [u8], set: &'static [Namespace]) -> Result<Reader<'a>, Error> {
        Reader::with_limits(input, set, ReadLimits::default())
    }

    /// As [`Reader::new`], with explicit limits.
    pub fn with_limits(
        input: &'a [u8],
        set: &'static [Namespace],
        limits: ReadLimits,
    ) -> Result<Reader<'a>, Error> {
        let input = match std::str::from_utf8(input) {
            Ok(s) => s,
            Err(e) => {
                return Err(Error::at(
                    ErrorKind::Encoding(format!("input is not UTF-8: {e}")),
                    Position::locate(input, e.valid_up_to()),
                ))
            }
        };
        let body = input.strip_prefix('\u{feff}').unwrap_or(input);
        if body.starts_with('\u{feff}') {
            return Err(Error::at(
                ErrorKind::Syntax(
                    "a second byte order mark (U+FEFF before the root element)".into(),
                ),
                Position::locate(body.as_bytes(), 0),
            ));
        }
        // Every character of the document must be an XML character (production `Char`):
        // checked once here, so that text, attribute values, comments and names need not be.
        if let Some(at) = crate::value::builtin::find_non_xml_char(body.as_bytes()) {
            return Err(Error::at(
                ErrorKind::Syntax("a character not allowed in XML".into()),
                Position::locate(body.as_bytes(), at),
            ));
        }
        let mut inner = quick_xml::Reader::from_str(body);
        let config = inner.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.check_comments = true;
        Ok(Reader {
            inner,
            scope: Scope::default(),
            input: body,
            set,
            extra: Vec::new(),
            last_ns: NsId::NONE,
            local_start: 0,
            peeked: None,
            depth: 0,
            limits,
            stack: Vec::with_capacity(32),
            abandoned: None,
            nil_allowed: usize::MAX,
            elements: 0,
            collector: None,
        })
    }

    /// A reader in validation mode: recoverable errors are recorded (up to `max_errors`) and
    /// reading goes on, so that one pass reports every error. See [`Reader::record`].
    pub fn validating(
        input: &'a [u8],
        set: &'static [Namespace],
        limits: ReadLimits,
        max_errors: usize,
    ) -> Result<Reader<'a>, Error> {
        let mut r = Reader::with_limits(input, set, limits)?;
        r.collector = Some(Collector {
            errors: Vec::new(),
            limit: max_errors.max(1),
            truncated: false,
        });
        Ok(r)
    }

    /// Whether the reader records errors and goes on (validation mode).
    pub fn is_validating(&self) -> bool {
        self.collector.is_some()
    }

    /// Deals with a recoverable error: when reading, it is returned; in validation mode it is
    /// recorded with the path of the open elements and reading goes on, until the error limit
    /// stops it.
    #[cold]
    #[inline(never)]
    pub fn record(&mut self, error: Error) -> Result<(), Error> {
        let segments: Vec<&'a str> = self
            .stack
            .iter()
            .map(|&o| self.element_segment(o))
            .collect();
        let Some(c) = self.collector.as_mut() else {
            return Err(error);
        };
        c.errors.push(error.within_all(segments.into_iter()));
        if c.errors.len() >= c.limit {
            c.truncated = true;
            return Err(Error::new(ErrorKind::Limit {
                what: "errors",
                limit: c.limit as u64,
            }));
        }
        Ok(())
    }

    /// Ends validation: the recorded errors, plus `result`'s error when it is not the error
    /// limit being reached.
    pub fn into_report(self, result: Result<(), Error>) -> crate::error::Report {
        let (mut errors, truncated) = match self.collector {
            Some(c) => (c.errors, c.truncated),
            None => (Vec::new(), false),
        };
        if let Err(e) = result {
            if !truncated {
                errors.push(e);
            }
        }
        crate::error::Report { errors, truncated }
    }

    fn pos(&self, offset: usize) -> Position {
        Position::locate(self.input.as_bytes(), offset)
    }

    /// An error of `kind` at byte `offset`.
    #[cold]
    #[inline(never)]
    pub fn error_at(&self, kind: ErrorKind, offset: usize) -> Error {
        Error::at(kind, self.pos(offset))
    }

    /// The namespace URI of `ns` (`""` for no namespace).
    pub fn namespace_uri(&self, ns: NsId) -> &str {
        let i = ns.0 as usize;
        if i == 0 {
            ""
        } else if i <= self.set.len() {
            self.set[i - 1].uri
        } else {
            self.extra.get(i - 1 - self.set.len()).map_or("", |s| s)
        }
    }

    /// `{namespace}local` for messages.
    pub fn expanded(&self, ns: NsId, local: &str) -> String {
        let uri = self.namespace_uri(ns);
        if uri.is_empty() {
            local.to_owned()
        } else {
            format!("{{{uri}}}{local}")
        }
    }

    #[inline]
    fn position_now(&self) -> usize {
        self.inner.buffer_position() as usize
    }

    /// Reads the next raw event, with its start offset. DTDs are refused here, once for all.
    #[inline(always)]
    fn event(&mut self) -> Result<(Event<'a>, NsId, usize), Error> {
        let offset = self.position_now();
        // Only start tags need their namespace: end tags are matched by name by quick-xml, so
        // they are read without resolving.
        let ev = match self.inner.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let at = self.inner.error_position() as usize;
                return Err(self.error_at(quick_error(e), at));
            }
        };
        let ns = match &ev {
            Event::Start(tag) => {
                let name = tag.name();
                let qname: &str = name.as_ref();
                let Some(local_start) = qname_local_start(qname) else {
                    let shown = crate::error::shorten(qname);
                    return Err(self.error_at(
                        ErrorKind::Syntax(format!("{shown:?} is not an XML name")),
                        offset,
                    ));
                };
                self.local_start = local_start;
                self.elements += 1;
                if self.elements > self.limits.max_elements {
                    return Err(self.error_at(
                        ErrorKind::Limit {
                            what: "elements",
                            limit: self.limits.max_elements,
                        },
                        offset,
                    ));
                }
                self.scope.open();
                let raw: &str = tag;
                if raw.len() != qname.len() {
                    self.declare_namespaces(tag, offset)?;
                }
                let prefix = match local_start {
                    0 => "",
                    n => &qname[..n as usize - 1],
                };
                self.resolve_prefix(prefix, offset)?
            }
            Event::End(_) => {
                self.scope.close();
                NsId::NONE
            }
            Event::DocType(_) => return Err(self.error_at(ErrorKind::Doctype, offset)),
            _ => NsId::NONE,
        };
        Ok((ev, ns, offset))
    }

    /// Adds the namespace declarations of a start tag to the scope, with the checks of
    /// Namespaces in XML 1.0 section 3: `xml` may only be bound to its own namespace, `xmlns`
    /// not at all, and neither namespace to another prefix.
    fn declare_namespaces(&mut self, tag: &BytesStart<'a>, offset: usize) -> Result<(), Error> {
        const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";
        for attr in tag.attributes().with_checks(false) {
            // Malformed attributes are reported when the attributes are read.
            let Ok(attr) = attr else { break };
            let Some(decl) = attr.key.as_namespace_binding() else {
                continue;
            };
            let uri: &str = &attr.value;
            let prefix = match decl {
                PrefixDeclaration::Default => "",
                PrefixDeclaration::Named("xml") if uri == XML_NS => continue,
                PrefixDeclaration::Named(p) => p,
            };
            let refused = match prefix {
                "xml" => Some("the prefix `xml` can only be bound to its own namespace"),
                "xmlns" => Some("the prefix `xmlns` cannot be declared"),
                _ if !prefix.is_empty() && uri == XML_NS => {
                    Some("the XML namespace can only be bound to the prefix `xml`")
                }
                _ if !prefix.is_empty() && uri == XMLNS_NS => {
                    Some("the namespace of `xmlns` cannot be bound to a prefix")
                }
                _ if !prefix.is_empty() && uri.is_empty() => {
                    Some("a prefix cannot be undeclared (xmlns:p=\"\" is not XML 1.0)")
                }
                _ => None,
            };
            if let Some(why) = refused {
                return Err(self.error_at(
                    ErrorKind::Syntax(format!("{}=\"{uri}\": {why}", attr.key.as_ref())),
                    offset,
                ));
            }
            if self.scope.len() >= self.limits.max_namespace_bindings {
                return Err(self.error_at(
                    ErrorKind::Limit {
                        what: "namespace bindings in scope",
                        limit: self.limits.max_namespace_bindings as u64,
                    },
                    offset,
                ));
            }
            let ns = if uri.is_empty() {
                NsId::NONE
            } else {
                self.intern_uri(uri)
            };
            self.scope.declare(prefix, ns);
        }
        Ok(())
    }

    /// The [`NsId`] of a namespace URI.
    #[inline]
    fn intern_uri(&mut self, uri: &str) -> NsId {
        if self.last_ns == NsId::NONE || self.namespace_uri(self.last_ns) != uri {
            self.last_ns = intern(self.set, &mut self.extra, uri);
        }
        self.last_ns
    }

    /// The namespace of a prefix in scope (`""`: the default namespace); `xml` and `xmlns`
    /// are predeclared.
    #[inline]
    fn resolve_prefix(&mut self, prefix: &str, offset: usize) -> Result<NsId, Error> {
        if let Some(ns) = self.scope.lookup(prefix) {
            return Ok(ns);
        }
        match prefix {
            "xml" => Ok(self.intern_uri(XML_NS)),
            "xmlns" => Ok(self.intern_uri("http://www.w3.org/2000/xmlns/")),
            _ => Err(self.error_at(ErrorKind::UnboundPrefix(prefix.to_owned()), offset)),
        }
    }

    /// The namespace and local name of an attribute name (no prefix: no namespace).
    fn resolve_attribute<'n>(
        &mut self,
        key: &'n str,
        offset: usize,
    ) -> Result<(NsId, &'n str), Error> {
        match key.split_once(':') {
            None => Ok((NsId::NONE, key)),
            Some((prefix, local)) => Ok((self.resolve_prefix(prefix, offset)?, local)),
        }
    }

    fn entity(&self, r: &BytesRef<'_>, offset: usize) -> Result<char, Error> {
        match r.resolve_char_ref() {
            Ok(Some(c)) if crate::value::builtin::is_xml_char(c) => Ok(c),
            Ok(Some(c)) => Err(self.error_at(
                ErrorKind::Syntax(format!(
                    "character reference to U+{:04X}, not an XML character",
                    c as u32
                )),
                offset,
            )),
            Ok(None) => predefined_entity(r)
                .ok_or_else(|| self.error_at(ErrorKind::UnknownEntity(r.to_string()), offset)),
            Err(e) => Err(self.error_at(ErrorKind::Syntax(e.to_string()), offset)),
        }
    }

    /// Skips the prolog and returns the root element's start tag.
    pub fn root(&mut self) -> Result<Start<'a>, Error> {
        loop {
            let (ev, ns, offset) = self.event()?;
            match ev {
                Event::Decl(_) if offset != 0 => {
                    return Err(self.error_at(
                        ErrorKind::Syntax("the XML declaration must come first".into()),
                        offset,
                    ))
                }
                Event::Decl(d) => {
                    if let Some(Ok(enc)) = d.encoding() {
                        if !enc.eq_ignore_ascii_case("utf-8") {
                            return Err(self.error_at(
                                ErrorKind::Encoding(format!(
                                    "declared encoding {enc} is not supported; documents are UTF-8"
                                )),
                                offset,
                            ));
                        }
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_xml_ws(&t) => {}
                Event::Start(tag) => {
                    self.depth = 1;
                    return Ok(Start::new(tag, ns, offset, self.local_start));
                }
                Event::Eof => {
                    return Err(self.error_at(ErrorKind::Syntax("no root element".into()), offset))
                }
                _ => {
                    return Err(self.error_at(
                        ErrorKind::Syntax("content before the root element".into()),
                        offset,
                    ))
                }
            }
        }
    }

    /// Checks that only white space, comments and processing instructions follow the root.
    pub fn finish_document(&mut self) -> Result<(), Error> {
        loop {
            let (ev, _, offset) = self.event()?;
            match ev {
                Event::Eof => return Ok(()),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_xml_ws(&t) => {}
                _ => return Err(self.error_at(ErrorKind::TrailingContent, offset)),
            }
        }
    }

    /// Reads ahead to the next child element or end tag in element-only content.
    fn fill(&mut self) -> Result<(), Error> {
        if self.peeked.is_some() {
            return Ok(());
        }
        loop {
            let (ev, ns, offset) = self.event()?;
            match ev {
                Event::Start(tag) => {
                    self.peeked =
                        Some(Peeked::Start(Start::new(tag, ns, offset, self.local_start)));
                    return Ok(());
                }
                Event::End(_) => {
                    self.peeked = Some(Peeked::End(offset));
                    return Ok(());
                }
                Event::Text(t) if is_xml_ws(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) => {
                    if let Err(m) = text_well_formed(&t) {
                        return Err(self.error_at(ErrorKind::Syntax(m.into()), offset));
                    }
                    let text = crate::error::shorten(t.trim());
                    return Err(self.error_at(ErrorKind::UnexpectedText(text), offset));
                }
                Event::CData(t) if is_xml_ws(&t) => {}
                Event::CData(t) => {
                    let text = crate::error::shorten(&t);
                    return Err(self.error_at(ErrorKind::UnexpectedText(text), offset));
                }
                Event::GeneralRef(r) => {
                    // A character reference to white space is white space (cvc-complex-type.2.3
                    // works on characters, not on how they were written).
                    let c = self.entity(&r, offset)?;
                    if !matches!(c, ' ' | '\t' | '\n' | '\r') {
                        return Err(self.error_at(ErrorKind::UnexpectedText(c.to_string()), offset));
                    }
                }
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

    /// The next child element of the current element, or `None` at its end tag.
    #[inline]
    pub fn peek(&mut self) -> Result<Option<&Start<'a>>, Error> {
        self.fill()?;
        Ok(match &self.peeked {
            Some(Peeked::Start(s)) => Some(s),
            _ => None,
        })
    }

    /// Whether the next child element is `name`.
    #[inline]
    pub fn next_is(&mut self, name: &Name) -> Result<bool, Error> {
        Ok(self.peek()?.is_some_and(|s| s.is(name)))
    }

    /// Whether the next child element is any of `names`.
    #[inline]
    pub fn next_is_any(&mut self, names: &[Name]) -> Result<bool, Error> {
        Ok(self.peek()?.is_some_and(|s| names.iter().any(|n| s.is(n))))
    }

    /// Whether the next child element matches the wildcard's namespace constraint.
    #[inline]
    pub fn next_matches(&mut self, wildcard: &Wildcard) -> Result<bool, Error> {
        Ok(self
            .peek()?
            .is_some_and(|s| wildcard.namespaces.allows(s.ns)))
    }

    fn name_text(&self, n: &Name) -> String {
        self.expanded(n.ns, n.local)
    }

    /// The error for "the next item is not one of `expected`": an unexpected element, or a
    /// missing one when the parent ends.
    #[cold]
    #[inline(never)]
    pub fn expected(&mut self, expected: &[Name]) -> Error {
        let expected: Vec<String> = expected.iter().map(|n| self.name_text(n)).collect();
        if let Err(e) = self.fill() {
            return e;
        }
        match &self.peeked {
            Some(Peeked::Start(s)) => {
                let found = self.expanded(s.ns, s.local());
                self.error_at(ErrorKind::UnexpectedElement { found, expected }, s.offset)
            }
            Some(Peeked::End(o)) => self.error_at(ErrorKind::MissingElement { expected }, *o),
            None => Error::new(ErrorKind::MissingElement { expected }),
        }
    }

    fn element_segment(&self, offset: usize) -> &'a str {
        let rest = &self.input[(offset + 1).min(self.input.len())..];
        let end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(rest.len());
        &rest[..end]
    }

    /// Reads an element whose start tag was already taken, with `f`; errors get its path.
    pub fn element<T>(&mut self, start: Start<'a>, f: ReadFn<'a, T>) -> Result<T, Error> {
        let offset = start.offset;
        if self.depth >= self.limits.max_depth {
            return Err(self.error_at(
                ErrorKind::Limit {
                    what: "element depth",
                    limit: u64::from(self.limits.max_depth),
                },
                offset,
            ));
        }
        self.depth += 1;
        self.stack.push(offset);
        let result = f(self, start);
        if self.abandoned == Some(self.stack.len()) {
            self.abandoned = None;
        }
        self.stack.pop();
        self.depth -= 1;
        result.map_err(|e| {
            e.or_position(self.pos(offset))
                .within(self.element_segment(offset))
        })
    }

    /// Takes the peeked child element and reads it with `f`.
    pub fn child<T>(&mut self, f: ReadFn<'a, T>) -> Result<T, Error> {
        match self.peeked.take() {
            Some(Peeked::Start(start)) => self.element(start, f),
            other => {
                self.peeked = other;
                Err(self.expected(&[]))
            }
        }
    }

    /// A required element: exactly one `name`.
    pub fn required<T>(&mut self, name: &Name, f: ReadFn<'a, T>) -> Result<T, Error> {
        if self.next_is(name)? {
            self.child(f)
        } else {
            Err(self.expected(&[*name]))
        }
    }

    /// An optional element (`minOccurs="0" maxOccurs="1"`).
    pub fn optional<T>(&mut self, name: &Name, f: ReadFn<'a, T>) -> Result<Option<T>, Error> {
        if self.next_is(name)? {
            self.child(f).map(Some)
        } else {
            Ok(None)
        }
    }

    /// A repeated element: reads as many `name` as follow, up to `max`, and checks `min`.
    pub fn repeated<T>(
        &mut self,
        name: &Name,
        min: u32,
        max: Option<u32>,
        f: ReadFn<'a, T>,
    ) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while max.is_none_or(|m| items.len() < m as usize) && self.next_is(name)? {
            items.push(self.child(f)?);
        }
        if items.len() < min as usize {
            if items.is_empty() {
                return Err(self.expected(&[*name]));
            }
            let offset = self.peek_offset();
            return Err(self.error_at(
                ErrorKind::Occurrence {
                    element: self.name_text(name),
                    min,
                    max,
                    found: items.len(),
                },
                offset,
            ));
        }
        // Kept in the typed tree: no spare capacity from growing by doubling.
        items.shrink_to_fit();
        Ok(items)
    }

    fn peek_offset(&self) -> usize {
        match &self.peeked {
            Some(Peeked::Start(s)) => s.offset,
            Some(Peeked::End(o)) => *o,
            None => self.position_now(),
        }
    }

    /// Repeats `group` (which returns `None` when its first element is not next) between
    /// `min` and `max` times.
    pub fn repeat_group<T>(
        &mut self,
        what: &'static str,
        min: u32,
        max: Option<u32>,
        group: GroupFn<'a, T>,
    ) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while max.is_none_or(|m| items.len() < m as usize) {
            match group(self)? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        if items.len() < min as usize {
            let offset = self.peek_offset();
            return Err(self.error_at(
                ErrorKind::Occurrence {
                    element: what.to_owned(),
                    min,
                    max,
                    found: items.len(),
                },
                offset,
            ));
        }
        items.shrink_to_fit();
        Ok(items)
    }

    /// Ends the current element: the next item must be its end tag.
    pub fn end(&mut self) -> Result<(), Error> {
        self.fill()?;
        match self.peeked.take() {
            Some(Peeked::End(_)) => Ok(()),
            other => {
                self.peeked = other;
                Err(self.expected(&[]))
            }
        }
    }

    /// Reads the text content of the current element through its end tag (simple content).
    pub fn text(&mut self) -> Result<Cow<'a, str>, Error> {
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        loop {
            let (ev, _, offset) = self.event()?;
            let piece: Cow<'a, str> = match ev {
                Event::Text(t) => {
                    if let Err(m) = text_well_formed(&t) {
                        return Err(self.error_at(ErrorKind::Syntax(m.into()), offset));
                    }
                    t.xml10_content()
                }
                Event::CData(t) => t.xml10_content(),
                Event::GeneralRef(r) => Cow::Owned(self.entity(&r, offset)?.to_string()),
                Event::Comment(_) | Event::PI(_) => continue,
                Event::End(_) => return Ok(text),
                Event::Start(_) => {
                    let e = self.error_at(
                        ErrorKind::UnexpectedElement {
                            found: self.element_segment(offset).to_owned(),
                            expected: vec!["text content (simple type)".into()],
                        },
                        offset,
                    );
                    self.record(e)?;
                    self.enter(offset)?;
                    let skipped = self.skip_nested();
                    self.leave();
                    skipped?;
                    continue;
                }
                _ => {
                    return Err(self.error_at(
                        ErrorKind::Syntax("unexpected markup in text".into()),
                        offset,
                    ))
                }
            };
            if text.is_empty() {
                text = piece;
            } else {
                text.to_mut().push_str(&piece);
            }
            if text.len() > self.limits.max_text_len {
                return Err(self.error_at(
                    ErrorKind::Limit {
                        what: "text length",
                        limit: self.limits.max_text_len as u64,
                    },
                    offset,
                ));
            }
        }
    }

    /// Reads an element of simple type: no attributes but `xsi:*`, then the text, parsed by `parse`.
    pub fn simple<T>(
        &mut self,
        start: Start<'a>,
        declared: Option<&Name>,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Result<T, Error> {
        let text = self.simple_text(&start, declared)?;
        parse(&text).map_err(|e| self.error_at(ErrorKind::Value(e), start.offset))
    }

    /// The text of an element of simple type, after checking that it has no attributes but
    /// `xsi:*` ones. Not generic: one copy serves every simple type.
    #[inline(never)]
    pub fn simple_text(
        &mut self,
        start: &Start<'a>,
        declared: Option<&Name>,
    ) -> Result<Cow<'a, str>, Error> {
        self.attributes(start, declared, |_, _, _| Ok(false))?;
        self.text()
    }

    /// As [`Reader::simple`], for an element with a fixed value (`fixed="…"`): the value must
    /// equal it (compared as values of the type, so `01` equals a fixed `1` for integers).
    pub fn simple_fixed<T: PartialEq>(
        &mut self,
        start: Start<'a>,
        declared: Option<&Name>,
        parse: impl Fn(&str) -> Result<T, ValueError>,
        fixed: &'static str,
    ) -> Result<T, Error> {
        let offset = start.offset;
        let text = self.simple_text(&start, declared)?;
        let value = parse(&text).map_err(|e| self.error_at(ErrorKind::Value(e), offset))?;
        if let Err(e) = check_fixed(&value, &text, fixed, &parse) {
            let e = e.or_position(self.pos(offset));
            self.record(e)?;
        }
        Ok(value)
    }

    /// Walks the attributes of `start`. `f` gets each attribute's namespace, local name and
    /// normalised value, and returns whether it is declared; an undeclared one is an error.
    /// Namespace declarations are skipped; `xsi:type` must name `declared` (families handle it
    /// before); `xsi:nil` is refused (no nillable elements are generated);
    /// `xsi:schemaLocation` and `xsi:noNamespaceSchemaLocation` are allowed anywhere.
    pub fn attributes(
        &mut self,
        start: &Start<'a>,
        declared: Option<&Name>,
        mut f: impl FnMut(NsId, &str, Cow<'_, str>) -> Result<bool, Error>,
    ) -> Result<(), Error> {
        if start.has_no_attributes() {
            return Ok(());
        }
        self.attributes_impl(start, declared, None, &mut f)
    }

    /// As [`Reader::attributes`], keeping undeclared attributes that the `xs:anyAttribute`
    /// wildcard `any` allows in `other`.
    pub fn attributes_with_any(
        &mut self,
        start: &Start<'a>,
        declared: Option<&Name>,
        any: &NsConstraint,
        other: &mut Vec<RawAttribute>,
        mut f: impl FnMut(NsId, &str, Cow<'_, str>) -> Result<bool, Error>,
    ) -> Result<(), Error> {
        self.attributes_impl(start, declared, Some((any, other)), &mut f)
    }

    /// The error for a required attribute that is absent.
    #[cold]
    #[inline(never)]
    pub fn missing_attribute(&self, start: &Start<'a>, name: &str) -> Error {
        self.error_at(ErrorKind::MissingAttribute(name.to_owned()), start.offset)
    }

    /// The walk behind [`Reader::attributes`]: not generic (`f` is a trait object), so that
    /// one copy of it serves every type.
    fn attributes_impl(
        &mut self,
        start: &Start<'a>,
        declared: Option<&Name>,
        mut any: Option<(&NsConstraint, &mut Vec<RawAttribute>)>,
        f: &mut AttributeFn<'_>,
    ) -> Result<(), Error> {
        let offset = start.offset;
        if start.has_no_attributes() {
            return Ok(());
        }
        // Attributes in a namespace met so far: two prefixes bound to one namespace can make
        // two attributes with one expanded name (unprefixed duplicates are quick-xml's check).
        let mut seen: Vec<(NsId, &str)> = Vec::new();
        for (count, attr) in start.tag.attributes().enumerate() {
            if count >= self.limits.max_attributes {
                return Err(self.error_at(
                    ErrorKind::Limit {
                        what: "attributes on one element",
                        limit: self.limits.max_attributes as u64,
                    },
                    offset,
                ));
            }
            let attr = attr.map_err(|e| self.error_at(ErrorKind::Syntax(e.to_string()), offset))?;
            let key = attr.key;
            check_attribute_value(&attr.value)
                .map_err(|m| self.error_at(ErrorKind::Syntax(m), offset))?;
            if let Some(binding) = key.as_namespace_binding() {
                if matches!(binding, quick_xml::name::PrefixDeclaration::Named(_))
                    && attr.value.is_empty()
                {
                    return Err(self.error_at(
                        ErrorKind::Syntax(format!(
                            "{} undeclares a prefix (not allowed in XML 1.0)",
                            key.as_ref()
                        )),
                        offset,
                    ));
                }
                continue;
            }
            let (ns, local) = self.resolve_attribute(key.into_inner(), offset)?;
            if ns != NsId::NONE && seen.iter().any(|&(n, l)| n == ns && l == local) {
                return Err(self.error_at(
                    ErrorKind::Syntax(format!(
                        "attribute {} appears twice",
                        self.expanded(ns, local)
                    )),
                    offset,
                ));
            }
            if ns != NsId::NONE {
                seen.push((ns, local));
            }
            let value = attribute_value(&attr).map_err(|k| self.error_at(k, offset))?;
            let uri = self.namespace_uri(ns);
            if uri == XSI_NS {
                match local {
                    "type" => {
                        let (tns, tlocal) = self.resolve_qname(&value, offset)?;
                        if !declared.is_some_and(|d| d.ns == tns && d.local == tlocal) {
                            let e = self.error_at(
                                ErrorKind::UnknownXsiType {
                                    value: self.expanded(tns, &tlocal),
                                    declared: declared.map_or("(anonymous type)", |d| d.local),
                                },
                                offset,
                            );
                            self.record(e)?;
                        }
                        continue;
                    }
                    "nil" if self.nil_allowed == offset => continue,
                    "nil" => {
                        let e =
                            self.error_at(ErrorKind::Nil("element is not nillable".into()), offset);
                        self.record(e)?;
                        continue;
                    }
                    "schemaLocation" | "noNamespaceSchemaLocation" => continue,
                    _ => {}
                }
            }
            let owned_value = if any.is_some() {
                Some(value.to_string())
            } else {
                None
            };
            let known = match f(ns, local, value) {
                Ok(known) => known,
                Err(e) => {
                    let e = e
                        .or_position(self.pos(offset))
                        .within(&format!("@{}", key.as_ref()));
                    self.record(e)?;
                    continue;
                }
            };
            if !known {
                if let Some((constraint, other)) = any.as_mut() {
                    if constraint.allows(ns) {
                        let qname: &str = key.as_ref();
                        let prefix = qname.split_once(':').map(|(p, _)| p.to_owned());
                        other.push(RawAttribute {
                            namespace: (!uri.is_empty()).then(|| uri.to_owned()),
                            prefix,
                            name: local.to_owned(),
                            value: owned_value.unwrap_or_default(),
                        });
                        continue;
                    }
                }
                let name = self.expanded(ns, local);
                let e = self
                    .error_at(ErrorKind::UnexpectedAttribute(name), offset)
                    .within(&format!("@{}", key.as_ref()));
                self.record(e)?;
            }
        }
        Ok(())
    }

    /// Resolves a QName value (`prefix:local`) against the namespaces in scope.
    fn resolve_qname(&mut self, value: &str, offset: usize) -> Result<(NsId, String), Error> {
        let value = value.trim();
        let (prefix, local) = value.split_once(':').unwrap_or(("", value));
        let ns = self.resolve_prefix(prefix, offset)?;
        Ok((ns, local.to_owned()))
    }

    /// The `xsi:type` of `start`, resolved, when present.
    pub fn xsi_type(&mut self, start: &Start<'a>) -> Result<Option<(NsId, String)>, Error> {
        let offset = start.offset;
        for attr in start.tag.attributes() {
            let attr = attr.map_err(|e| self.error_at(ErrorKind::Syntax(e.to_string()), offset))?;
            let (ns, local) = self.resolve_attribute(attr.key.into_inner(), offset)?;
            if local == "type" && self.namespace_uri(ns) == XSI_NS {
                let value = attribute_value(&attr).map_err(|k| self.error_at(k, offset))?;
                return self.resolve_qname(&value, offset).map(Some);
            }
        }
        Ok(None)
    }

    /// The error for an `xsi:type` that names no allowed type.
    pub fn unknown_xsi_type(
        &self,
        start: &Start<'a>,
        ty: &(NsId, String),
        declared: &'static str,
    ) -> Error {
        self.error_at(
            ErrorKind::UnknownXsiType {
                value: self.expanded(ty.0, &ty.1),
                declared,
            },
            start.offset,
        )
    }

    /// The error for an abstract declared type without `xsi:type`.
    pub fn abstract_type(&self, start: &Start<'a>, declared: &'static str) -> Error {
        self.error_at(ErrorKind::AbstractType(declared), start.offset)
    }

    /// The error for a root element that is not a global element of the set.
    pub fn unknown_root(&self, start: &Start<'a>) -> Error {
        self.error_at(
            ErrorKind::UnknownRoot(self.expanded(start.ns, start.local())),
            start.offset,
        )
    }

    /// The error for an element a strict wildcard met that the set does not declare.
    pub fn undeclared(&self, start: &Start<'a>) -> Error {
        self.error_at(
            ErrorKind::Undeclared(self.expanded(start.ns, start.local())),
            start.offset,
        )
    }

    /// The namespace URI `prefix` is bound to in the current scope (`None`: the default
    /// namespace), when it is bound; `xml` and `xmlns` are predeclared.
    pub(crate) fn binding_in_scope(&self, prefix: Option<&str>) -> Option<String> {
        let prefix = prefix.unwrap_or("");
        match self.scope.lookup(prefix) {
            Some(ns) if ns != NsId::NONE => Some(self.namespace_uri(ns).to_owned()),
            Some(_) => None,
            None => match prefix {
                "xml" => Some(XML_NS.to_owned()),
                "xmlns" => Some("http://www.w3.org/2000/xmlns/".to_owned()),
                _ => None,
            },
        }
    }

    /// Reads the next event for raw XML capture.
    pub(crate) fn raw_event(&mut self) -> Result<(Event<'a>, NsId, usize), Error> {
        if let Some(p) = self.peeked.take() {
            self.peeked = Some(p);
            return Err(Error::new(ErrorKind::Syntax(
                "internal: raw read with a peeked event".into(),
            )));
        }
        self.event()
    }

    pub(crate) fn resolve_attr_name(
        &mut self,
        key: QName<'_>,
        offset: usize,
    ) -> Result<Option<String>, Error> {
        let (ns, _) = self.resolve_attribute(key.into_inner(), offset)?;
        Ok((ns != NsId::NONE).then(|| self.namespace_uri(ns).to_owned()))
    }

    pub(crate) fn resolve_entity(&self, r: &BytesRef<'_>, offset: usize) -> Result<char, Error> {
        self.entity(r, offset)
    }

    pub(crate) fn enter(&mut self, offset: usize) -> Result<(), Error> {
        if self.depth >= self.limits.max_depth {
            return Err(self.error_at(
                ErrorKind::Limit {
                    what: "element depth",
                    limit: u64::from(self.limits.max_depth),
                },
                offset,
            ));
        }
        self.depth += 1;
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    pub(crate) fn take_start(&mut self) -> Option<Start<'a>> {
        match self.peeked.take() {
            Some(Peeked::Start(s)) => Some(s),
            other => {
                self.peeked = other;
                None
            }
        }
    }

    pub(crate) fn text_ok(&self, text: &str, offset: usize) -> Result<(), Error> {
        text_well_formed(text).map_err(|m| self.error_at(ErrorKind::Syntax(m.into()), offset))
    }

    /// The start tag [`Reader::raw_event`] just returned.
    pub(crate) fn make_start(&self, tag: BytesStart<'a>, ns: NsId, offset: usize) -> Start<'a> {
        Start::new(tag, ns, offset, self.local_start)
    }

    /// Skips to the end of an element whose start event was just consumed.
    fn skip_nested(&mut self) -> Result<(), Error> {
        let mut nested = 0u32;
        loop {
            let (ev, _, offset) = self.event()?;
            match ev {
                Event::Start(_) => {
                    nested += 1;
                    if self.depth + nested >= self.limits.max_depth {
                        return Err(self.error_at(
                            ErrorKind::Limit {
                                what: "element depth",
                                limit: u64::from(self.limits.max_depth),
                            },
                            offset,
                        ));
                    }
                }
                Event::End(_) if nested == 0 => return Ok(()),
                Event::End(_) => nested -= 1,
                Event::Eof => {
                    return Err(
                        self.error_at(ErrorKind::Syntax("unexpected end of input".into()), offset)
                    )
                }
                _ => {}
            }
        }
    }

    pub(crate) fn allow_nil(&mut self, offset: usize) {
        self.nil_allowed = offset;
    }

    /// Calls `f` with each attribute's namespace URI, local name and value (namespace
    /// declarations skipped).
    pub(crate) fn each_attribute(
        &mut self,
        start: &Start<'a>,
        mut f: impl FnMut(&str, &str, &str),
    ) -> Result<(), Error> {
        let offset = start.offset;
        for attr in start.tag.attributes() {
            let attr = attr.map_err(|e| self.error_at(ErrorKind::Syntax(e.to_string()), offset))?;
            if attr.key.as_namespace_binding().is_some() {
                continue;
            }
            let (ns, local) = self.resolve_attribute(attr.key.into_inner(), offset)?;
            let uri = self.namespace_uri(ns).to_owned();
            let value = attribute_value(&attr).map_err(|k| self.error_at(k, offset))?;
            f(&uri, local, &value);
        }
        Ok(())
    }

    pub(crate) fn position_of(&self, offset: usize) -> Position {
        self.pos(offset)
    }

    pub(crate) fn content_abandoned(&self) -> bool {
        self.abandoned == Some(self.stack.len())
    }

    pub(crate) fn mark_abandoned(&mut self) {
        self.abandoned = Some(self.stack.len());
    }

    pub(crate) fn next_offset(&self) -> usize {
        self.peek_offset()
    }

    pub(crate) fn limits(&self) -> ReadLimits {
        self.limits
    }

    pub(crate) fn tag<'s>(start: &'s Start<'a>) -> &'s BytesStart<'a> {
        &start.tag
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root_error(input: &str, limits: ReadLimits) -> Option<ErrorKind> {
        let mut r = Reader::with_limits(input.as_bytes(), &[], limits).ok()?;
        r.root().err().map(|e| e.kind().clone())
    }

    #[test]
    fn namespace_bindings_are_limited() {
        let limits = ReadLimits {
            max_namespace_bindings: 2,
            ..ReadLimits::default()
        };
        let two = r#"<a xmlns:p="urn:p" xmlns:q="urn:q"/>"#;
        assert_eq!(root_error(two, limits), None);
        let three = r#"<a xmlns:p="urn:p" xmlns:q="urn:q" xmlns="urn:d"/>"#;
        assert_eq!(
            root_error(three, limits),
            Some(ErrorKind::Limit {
                what: "namespace bindings in scope",
                limit: 2
            })
        );
    }

    #[test]
    fn namespace_declarations_follow_namespaces_in_xml() {
        let ok = [
            r#"<a xmlns:xml="http://www.w3.org/XML/1998/namespace"/>"#,
            r#"<p:a xmlns:p="urn:p"/>"#,
            r#"<xml:a/>"#,
            r#"<a xmlns=""/>"#,
        ];
        for input in ok {
            assert_eq!(root_error(input, ReadLimits::default()), None, "{input}");
        }
        let refused = [
            r#"<a xmlns:xml="urn:other"/>"#,
            r#"<a xmlns:xmlns="urn:other"/>"#,
            r#"<a xmlns:p="http://www.w3.org/XML/1998/namespace"/>"#,
            r#"<a xmlns:p="http://www.w3.org/2000/xmlns/"/>"#,
            r#"<a xmlns:p=""/>"#,
        ];
        for input in refused {
            assert!(
                matches!(
                    root_error(input, ReadLimits::default()),
                    Some(ErrorKind::Syntax(_))
                ),
                "{input}"
            );
        }
        assert!(matches!(
            root_error("<p:a/>", ReadLimits::default()),
            Some(ErrorKind::UnboundPrefix(p)) if p == "p"
        ));
    }

    #[test]
    fn qualified_names() {
        for (name, local_start) in [
            ("a", 0),
            ("_x", 0),
            ("HI1Message", 0),
            ("core:HI1Message", 5),
            ("p:a", 2),
            ("a-b.c_d9", 0),
            ("x:y.z-1", 2),
            ("é", 0),
            ("ns:ünïcode", 3),
            ("a\u{B7}b", 0),
        ] {
            assert_eq!(qname_local_start(name), Some(local_start), "{name:?}");
        }
        for name in [
            "", ":", "a:", ":a", "a:b:c", "1a", "-a", ".a", "a:1b", "a b", "a>", "a&b", "a/b",
            "a;", "p:-x", "é:", "1é",
        ] {
            assert_eq!(qname_local_start(name), None, "{name:?}");
        }
    }
}
