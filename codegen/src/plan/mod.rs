//! Stage 3, plan: the Rust items a schema set becomes. Decides names, field shapes
//! (`Option`, `Vec`, `Box`), enums for choices and for `xsi:type` families, and newtypes for
//! restricted simple types. Rendering ([`crate::render`]) only prints what is decided here.

mod build;
pub mod builtin;
pub mod naming;

pub use build::plan;

use crate::model::{Builtin, Facets, Process, WhiteSpace};

/// A name known at generation time: namespace number (0 none, 1.. the set's) and local name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NameRef {
    /// Namespace number as the runtime counts it.
    pub ns: u16,
    /// Local name.
    pub local: String,
}

/// A generated item: its module (namespace index) and identifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ItemRef {
    /// Index into [`Plan::modules`].
    pub module: usize,
    /// Rust identifier.
    pub ident: String,
}

/// The whole plan.
#[derive(Debug)]
pub struct Plan {
    /// Namespaces, numbered from 1 in this order.
    pub namespaces: Vec<NsPlan>,
    /// One module per namespace (parallel to `namespaces`), then one for no namespace.
    pub modules: Vec<ModulePlan>,
    /// Global elements: the variants of `Document`.
    pub globals: Vec<GlobalPlan>,
    /// File names of the schemas read.
    pub sources: Vec<String>,
}

/// A namespace.
#[derive(Debug, Clone)]
pub struct NsPlan {
    /// The URI.
    pub uri: String,
    /// The prefix written for it.
    pub prefix: String,
    /// The name of its constant in `ns`.
    pub konst: String,
}

/// The items of one namespace (or of no namespace).
#[derive(Debug, Default)]
pub struct ModulePlan {
    /// The Rust module name.
    pub ident: String,
    /// The namespace URI (`""` for no namespace).
    pub uri: String,
    /// Items in schema order.
    pub items: Vec<Item>,
}

/// A Rust item.
#[derive(Debug)]
pub enum Item {
    /// A struct (complex type, or a nested sequence group).
    Struct(StructPlan),
    /// An enum for a choice.
    Choice(ChoicePlan),
    /// An enum for an `xsi:type` family.
    Family(FamilyPlan),
    /// A simple type.
    Simple(SimplePlan),
}

/// How often a field occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurs {
    /// Exactly once.
    One,
    /// `minOccurs="0"`, at most once.
    Optional,
    /// Repeated with bounds.
    Many {
        /// `minOccurs`.
        min: u32,
        /// `maxOccurs` (`None` unbounded).
        max: Option<u32>,
    },
}

impl Occurs {
    /// From XSD bounds.
    pub fn from_bounds(min: u32, max: Option<u32>) -> Occurs {
        match (min, max) {
            (1, Some(1)) => Occurs::One,
            (0, Some(1)) => Occurs::Optional,
            (min, max) => Occurs::Many { min, max },
        }
    }
}

/// A simple type reference.
#[derive(Debug, Clone)]
pub enum SimpleTy {
    /// A built-in type.
    Builtin(Builtin),
    /// A generated simple type, and its XSD name for `xsi:type` checks (`None` if anonymous).
    Def(ItemRef, Option<NameRef>),
}

/// The value of an element.
#[derive(Debug, Clone)]
pub enum ElemValue {
    /// Simple content.
    Simple(SimpleTy),
    /// A generated struct, choice enum or family enum.
    Complex(ItemRef),
    /// `xs:anyType`.
    AnyType,
    /// A nillable element (`nillable="true"`): `xsi:nil` or the inner value.
    Nillable(Box<ElemValue>),
}

/// A wildcard's namespace constraint with namespaces numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NsConstraintPlan {
    /// `##any`.
    Any,
    /// `##other` relative to this namespace number.
    Other(u16),
    /// A list of namespace numbers.
    List(Vec<u16>),
}

/// A wildcard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WildcardPlan {
    /// Allowed namespaces.
    pub namespaces: NsConstraintPlan,
    /// `processContents`.
    pub process: Process,
}

/// What may start a particle.
#[derive(Debug, Clone)]
pub enum First {
    /// This element.
    Element(NameRef),
    /// An element matching this wildcard.
    Any(WildcardPlan),
}

/// The kind of a field or variant.
#[derive(Debug, Clone)]
pub enum FieldKind {
    /// An element.
    Element {
        /// Its name.
        name: NameRef,
        /// Its value.
        value: ElemValue,
        /// `fixed="…"`, for simple values.
        fixed: Option<String>,
    },
    /// A nested choice (enum) or repeated/optional sequence (struct).
    Group {
        /// The item.
        item: ItemRef,
        /// Whether it is a choice enum.
        is_choice: bool,
        /// What may start it.
        first: Vec<First>,
    },
    /// Wildcard content.
    Any(WildcardPlan),
}

/// A struct field for a particle.
#[derive(Debug, Clone)]
pub struct FieldPlan {
    /// Rust identifier.
    pub ident: String,
    /// Rustdoc.
    pub doc: String,
    /// Occurrence.
    pub occurs: Occurs,
    /// What it holds.
    pub kind: FieldKind,
    /// Boxed to break a recursive type.
    pub boxed: bool,
}

/// A struct field for an attribute.
#[derive(Debug, Clone)]
pub struct AttrPlan {
    /// Rust identifier.
    pub ident: String,
    /// Rustdoc.
    pub doc: String,
    /// The attribute name.
    pub name: NameRef,
    /// Its type.
    pub value: SimpleTy,
    /// `use="required"`.
    pub required: bool,
    /// `fixed="…"`.
    pub fixed: Option<String>,
}

/// The content of a struct.
#[derive(Debug, Clone)]
pub enum StructContent {
    /// No content.
    Empty,
    /// Simple content in field `value`.
    Simple(SimpleTy),
    /// A sequence of fields.
    Sequence(Vec<FieldPlan>),
    /// `xs:all`: the fields in any order.
    All(Vec<FieldPlan>),
    /// `xs:anyType` content.
    AnyType,
}

/// A struct.
#[derive(Debug, Clone)]
pub struct StructPlan {
    /// Rust identifier.
    pub ident: String,
    /// Rustdoc.
    pub doc: String,
    /// The XSD type name, for `xsi:type` checks (`None` for anonymous types and groups).
    pub type_name: Option<NameRef>,
    /// For messages: `prefix:Name`.
    pub xsd_name: String,
    /// Attributes.
    pub attributes: Vec<AttrPlan>,
    /// Whether an attribute wildcard is declared (extra attributes kept).
    pub any_attribute: Option<WildcardPlan>,
    /// Content.
    pub content: StructContent,
    /// A nested group read by `read_group` (no element of its own).
    pub group: Option<Vec<First>>,
}

/// A variant of a choice enum.
#[derive(Debug, Clone)]
pub struct VariantPlan {
    /// Rust identifier.
    pub ident: String,
    /// Rustdoc.
    pub doc: String,
    /// Occurrence of the branch.
    pub occurs: Occurs,
    /// What it holds.
    pub kind: FieldKind,
    /// What may start it.
    pub first: Vec<First>,
    /// Boxed to break a recursive type.
    pub boxed: bool,
}

/// A choice enum.
#[derive(Debug, Clone)]
pub struct ChoicePlan {
    /// Rust identifier.
    pub ident: String,
    /// Rustdoc.
    pub doc: String,
    /// The branches.
    pub variants: Vec<VariantPlan>,
    /// When the enum is a whole complex type: its XSD name (`read_content` is generated).
    pub whole_type: Option<(Option<NameRef>, String)>,
}

/// A variant of a family enum.
#[derive(Debug, Clone)]
pub struct FamilyVariant {
    /// Rust identifier.
    pub ident: String,
    /// The XSD type name (`xsi:type` value).
    pub type_name: NameRef,
    /// The struct (or choice enum) of that type.
    pub item: ItemRef,
}

/// An `xsi:type` family enum.
#[derive(Debug, Clone)]
pub struct FamilyPlan {
    /// Rust identifier.
    pub ident: String,
    /// Rustdoc.
    pub doc: String,
    /// The declared type, `prefix:Name`.
    pub xsd_name: String,
    /// The declared type's name.
    pub type_name: NameRef,
    /// Whether the declared type is abstract (`xsi:type` required).
    pub is_abstract: bool,
    /// The concrete types: the declared one first when concrete, then the derived ones.
    pub variants: Vec<FamilyVariant>,
}

/// A simple type item.
#[derive(Debug, Clone)]
pub struct SimplePlan {
    /// Rust identifier.
    pub ident: String,
    /// Rustdoc.
    pub doc: String,
    /// For messages: `prefix:Name`.
    pub xsd_name: String,
    /// Its shape.
    pub kind: SimpleKind,
}

/// One restriction step of a simple type, with the name of the type that states it.
#[derive(Debug, Clone)]
pub struct FacetStep {
    /// `prefix:Name` of the type of this step.
    pub xsd_name: String,
    /// Its facets.
    pub facets: Facets,
}

/// The shape of a simple type.
#[derive(Debug, Clone)]
pub enum SimpleKind {
    /// A newtype over a built-in representation, checked by every step of its derivation.
    Restricted {
        /// The primitive built-in type of the chain.
        builtin: Builtin,
        /// The white space rule in force.
        white_space: WhiteSpace,
        /// The steps, base first.
        steps: Vec<FacetStep>,
    },
    /// An enumeration.
    Enumeration {
        /// The white space rule in force.
        white_space: WhiteSpace,
        /// Variants: identifier, value, rustdoc.
        values: Vec<(String, String, Option<String>)>,
    },
    /// A list of items.
    List {
        /// The item type.
        item: SimpleTy,
    },
    /// A union: the first member type that accepts a value wins.
    Union {
        /// Variants: identifier and member type.
        members: Vec<(String, SimpleTy)>,
    },
}

/// A global element.
#[derive(Debug, Clone)]
pub struct GlobalPlan {
    /// The `Document` variant.
    pub variant: String,
    /// The element name.
    pub name: NameRef,
    /// Its value.
    pub value: ElemValue,
    /// Rustdoc.
    pub doc: String,
}
