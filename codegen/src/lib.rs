//! # li707-codegen
//!
//! Generates Rust types, readers, writers and checks from XSD schema sets, for use from a
//! `build.rs` (like `prost-build`) or from the `li707-codegen` command line. The output compiles
//! as a module of any crate that depends on `li707`.
//!
//! The generator is a pipeline of four stages, one module each:
//!
//! 1. [`parse`]: read XSD files into element trees, following `xs:import`/`xs:include`.
//! 2. [`model`]: interpret them: resolve references, inline groups, compute effective content.
//! 3. [`plan`]: decide the Rust items: names, fields, enums for choices and `xsi:type` families.
//! 4. [`render`]: emit the code with `quote`, formatted with `prettyplease`, one file per namespace.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let out = std::path::PathBuf::from(std::env::var("OUT_DIR")?).join("csp");
//!     li707_codegen::Config::new().schema_dir("schemas").generate_to(&out)?;
//!     Ok(())
//! }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod config;
mod error;
pub mod model;
pub mod parse;
pub mod plan;
pub mod render;

pub use config::{Config, Generated};
pub use error::{Error, Result};
