//! Stage 2, interpret: the schema set as resolved components. Every reference is resolved, model
//! groups and attribute groups are inlined, and each complex type carries its *effective*
//! content (an extension is its base's content followed by its own), so later stages never look
//! at XSD syntax again.

mod build;
mod builtin;
pub mod pattern;

pub use build::build;
pub use builtin::Builtin;

use std::path::PathBuf;

/// An expanded name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    /// Namespace URI (`""` for none).
    pub ns: String,
    /// Local name.
    pub local: String,
}

impl QName {
    /// A name.
    pub fn new(ns: &str, local: &str) -> QName {
        QName {
            ns: ns.to_owned(),
            local: local.to_owned(),
        }
    }
}

impl std::fmt::Display for QName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.ns.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.ns, self.local)
        }
    }
}

/// Index into [`Model::types`].
pub type TypeId = usize;

/// A reference to a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// A built-in XSD type.
    Builtin(Builtin),
    /// A type defined in the set (named or anonymous).
    Def(TypeId),
}

/// A namespace of the set.
#[derive(Debug, Clone)]
pub struct NsInfo {
    /// The URI.
    pub uri: String,
    /// The prefix the schemas declare for it, if any.
    pub declared_prefix: Option<String>,
}

/// The resolved schema set.
#[derive(Debug)]
pub struct Model {
    /// Namespaces in order of first appearance (target namespaces, then wildcard-listed ones).
    pub namespaces: Vec<NsInfo>,
    /// Every type defined in the set, named and anonymous, in document order.
    pub types: Vec<TypeDef>,
    /// Global element declarations, in document order.
    pub elements: Vec<GlobalElement>,
    /// The schema files read, in load order.
    pub files: Vec<PathBuf>,
}

/// A type definition.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// The name; `None` for anonymous types.
    pub name: Option<QName>,
    /// For anonymous types, the name of the element (or attribute) that defines it.
    pub hint: String,
    /// The namespace whose module holds the Rust item.
    pub ns: String,
    /// `xs:documentation`.
    pub doc: Option<String>,
    /// What it is.
    pub body: TypeBody,
    /// Where it is defined.
    pub file: PathBuf,
    /// Line of the definition.
    pub line: u32,
}

/// Simple or complex.
#[derive(Debug, Clone)]
pub enum TypeBody {
    /// A simple type.
    Simple(SimpleDef),
    /// A complex type.
    Complex(ComplexDef),
}

/// A simple type definition.
#[derive(Debug, Clone)]
pub enum SimpleDef {
    /// A restriction of `base` with `facets`.
    Atomic {
        /// The base type.
        base: TypeRef,
        /// The facets of this step.
        facets: Box<Facets>,
    },
    /// A list of `item`.
    List {
        /// The item type.
        item: TypeRef,
    },
    /// A union of `members`.
    Union {
        /// The member types.
        members: Vec<TypeRef>,
    },
}

/// A pattern facet: the XSD expression and its `regex` translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// As written in the schema.
    pub xsd: String,
    /// Anchored `regex` syntax.
    pub rust: String,
}

/// The facets of one restriction step.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    /// `xs:pattern` values of this step (OR-ed).
    pub patterns: Vec<Pattern>,
    /// `xs:enumeration` values.
    pub enumerations: Vec<(String, Option<String>)>,
    /// `xs:length`.
    pub length: Option<u64>,
    /// `xs:minLength`.
    pub min_length: Option<u64>,
    /// `xs:maxLength`.
    pub max_length: Option<u64>,
    /// `xs:minInclusive`.
    pub min_inclusive: Option<String>,
    /// `xs:maxInclusive`.
    pub max_inclusive: Option<String>,
    /// `xs:minExclusive`.
    pub min_exclusive: Option<String>,
    /// `xs:maxExclusive`.
    pub max_exclusive: Option<String>,
    /// `xs:totalDigits`.
    pub total_digits: Option<u32>,
    /// `xs:fractionDigits`.
    pub fraction_digits: Option<u32>,
    /// `xs:whiteSpace`.
    pub white_space: Option<WhiteSpace>,
}

/// The `whiteSpace` facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhiteSpace {
    /// `preserve`.
    Preserve,
    /// `replace`.
    Replace,
    /// `collapse`.
    Collapse,
}

/// A complex type definition with its effective content.
#[derive(Debug, Clone)]
pub struct ComplexDef {
    /// `abstract="true"`.
    pub is_abstract: bool,
    /// The base type, for derived types.
    pub base: Option<TypeRef>,
    /// The effective content.
    pub content: Content,
    /// The effective attribute uses.
    pub attributes: Vec<AttributeUse>,
    /// The attribute wildcard.
    pub any_attribute: Option<WildcardDef>,
}

/// Effective content of a complex type.
#[derive(Debug, Clone)]
pub enum Content {
    /// No content.
    Empty,
    /// Simple content of the given type.
    Simple(TypeRef),
    /// Element content.
    Elements(Particle),
    /// Anything (`xs:anyType`).
    AnyType,
}

/// A particle: a term with occurrence bounds.
#[derive(Debug, Clone)]
pub struct Particle {
    /// `minOccurs`.
    pub min: u32,
    /// `maxOccurs`, `None` for unbounded.
    pub max: Option<u32>,
    /// What occurs.
    pub term: Term,
}

/// The term of a particle.
#[derive(Debug, Clone)]
pub enum Term {
    /// An element.
    Element(ElementUse),
    /// `xs:sequence`.
    Sequence(Vec<Particle>),
    /// `xs:choice`.
    Choice(Vec<Particle>),
    /// `xs:all`.
    All(Vec<Particle>),
    /// `xs:any`.
    Any(WildcardDef),
}

/// An element in a content model.
#[derive(Debug, Clone)]
pub struct ElementUse {
    /// The element name.
    pub name: QName,
    /// Its type.
    pub ty: TypeRef,
    /// `xs:documentation`.
    pub doc: Option<String>,
    /// `fixed="…"`.
    pub fixed: Option<String>,
    /// `nillable="true"`.
    pub nillable: bool,
}

/// An attribute use.
#[derive(Debug, Clone)]
pub struct AttributeUse {
    /// The attribute name.
    pub name: QName,
    /// Its simple type.
    pub ty: TypeRef,
    /// `use="required"`.
    pub required: bool,
    /// `fixed="…"`.
    pub fixed: Option<String>,
    /// `xs:documentation`.
    pub doc: Option<String>,
}

/// `processContents`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Process {
    /// `strict`.
    Strict,
    /// `lax`.
    Lax,
    /// `skip`.
    Skip,
}

/// The namespace constraint of a wildcard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NsConstraint {
    /// `##any`.
    Any,
    /// `##other` relative to this target namespace.
    Other(String),
    /// A list of namespaces (`""` for `##local`).
    List(Vec<String>),
}

/// A wildcard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WildcardDef {
    /// Allowed namespaces.
    pub namespaces: NsConstraint,
    /// How matched content is processed.
    pub process: Process,
}

/// A global element declaration.
#[derive(Debug, Clone)]
pub struct GlobalElement {
    /// Its name.
    pub name: QName,
    /// Its type.
    pub ty: TypeRef,
    /// `xs:documentation`.
    pub doc: Option<String>,
    /// `abstract="true"` (cannot appear in documents).
    pub is_abstract: bool,
}

impl Model {
    /// The types derived from `id` (directly or not) that are defined in the set, in set order.
    pub fn derived_types(&self, id: TypeId) -> Vec<TypeId> {
        let mut out = Vec::new();
        for (i, t) in self.types.iter().enumerate() {
            let mut cur = i;
            while let TypeBody::Complex(ComplexDef {
                base: Some(TypeRef::Def(b)),
                ..
            }) = &self.types[cur].body
            {
                if *b == id {
                    out.push(i);
                    break;
                }
                if *b == cur {
                    break;
                }
                cur = *b;
            }
            let _ = t;
        }
        out
    }

    /// The index (1-based, as the runtime numbers namespaces) of a namespace URI.
    pub fn ns_index(&self, uri: &str) -> u16 {
        self.namespaces
            .iter()
            .position(|n| n.uri == uri)
            .map_or(0, |i| i as u16 + 1)
    }
}
