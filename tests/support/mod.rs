//! Shared helpers for li707 integration tests.
//!
//! Include from an integration test with `mod support;`. Submodules:
//! - [`paths`]: locations of the repository and the shared ETSI test data;
//! - [`canonical`]: namespace-aware canonical XML comparison for round-trip tests;
//! - [`xmllint`]: the reference validator (libxml2 `xmllint`) over a generated wrapper schema.
#![allow(dead_code)]

pub mod canonical;
pub mod paths;
pub mod xmllint;
