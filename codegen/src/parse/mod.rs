//! Stage 1, parse: read XSD files into element trees and follow `xs:import`/`xs:include`.
//!
//! Nothing here knows what a type is; [`crate::model`] interprets the trees.

mod loader;
mod tree;

pub use loader::{load, SchemaDoc, Sources};
pub use tree::{Node, XS_NS};
