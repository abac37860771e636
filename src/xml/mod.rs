//! The XML runtime that generated code is built on: namespace-aware names, a pull reader that
//! reports positions and element paths, a writer that declares namespaces once on the root, and
//! raw XML for wildcard content.
//!
//! Users rarely call these directly: every generated type has `from_xml`/`to_xml`, and the
//! generated `Document` enum reads any global element of its schema set.

mod check;
mod name;
mod nil;
mod raw;
mod read;
mod scope;
mod write;

pub use name::{Name, Namespace, NsConstraint, NsId, Process, Wildcard, XML_NS, XSI_NS};
pub use nil::Nillable;
pub use raw::{Any, AnyContent, GlobalElements, RawAttribute, RawElement, RawNode};
pub use read::{check_fixed, GroupFn, ReadFn, ReadLimits, Reader, Start};
pub use write::Writer;
