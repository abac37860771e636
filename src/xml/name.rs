//! Names: namespaces of a schema set are numbered at generation time, so that comparing an
//! element name is comparing a number and a local name.

/// The XML Schema instance namespace (`xsi:type`, `xsi:nil`, …).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The namespace bound to the `xml` prefix.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// A namespace of a schema set, with the prefix the writer binds it to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Namespace {
    /// The namespace name (URI).
    pub uri: &'static str,
    /// The prefix written for it: the schemas' own prefix, or a stable derived one.
    pub prefix: &'static str,
}

/// The number of a namespace: `0` is "no namespace", `1..=n` the schema set's namespaces in
/// order, higher numbers the other namespaces met while reading one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NsId(pub u16);

impl NsId {
    /// No namespace.
    pub const NONE: NsId = NsId(0);
}

/// An expanded name known at generation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    /// The namespace.
    pub ns: NsId,
    /// The local name.
    pub local: &'static str,
}

impl Name {
    /// A name in namespace number `ns`.
    pub const fn new(ns: u16, local: &'static str) -> Name {
        Name {
            ns: NsId(ns),
            local,
        }
    }
}

/// The `namespace` constraint of an `xs:any` or `xs:anyAttribute` wildcard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NsConstraint {
    /// `##any`.
    Any,
    /// `##other`: any namespace but the given target namespace, and not "no namespace".
    Other(NsId),
    /// A list of namespaces (`##local` is [`NsId::NONE`], `##targetNamespace` the target's id).
    List(&'static [NsId]),
}

impl NsConstraint {
    /// Whether a name in namespace `ns` is allowed.
    pub fn allows(&self, ns: NsId) -> bool {
        match self {
            NsConstraint::Any => true,
            NsConstraint::Other(target) => ns != *target && ns != NsId::NONE,
            NsConstraint::List(list) => list.contains(&ns),
        }
    }
}

/// `processContents` of a wildcard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Process {
    /// Elements must be declared in the schema set, and are read as their types.
    Strict,
    /// Declared elements are read as their types, others kept as raw XML.
    Lax,
    /// Everything kept as raw XML.
    Skip,
}

/// An `xs:any` wildcard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wildcard {
    /// Which namespaces it allows.
    pub namespaces: NsConstraint,
    /// How matched elements are processed.
    pub process: Process,
}
