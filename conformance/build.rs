//! Generates Rust types from the official ETSI TS 103 120 V1.12.1 schema set, unchanged, as read
//! from `../shared/etsi` (never copied into the repository): once as published, and once with
//! the example CSP schema `FooServiceSchema.xsd` added. This is also the proof that
//! `li707-codegen` works as the build dependency of another crate.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let release = manifest.join("../../shared/etsi/ts_103120_v1.12.1");
    let schema = release.join("schema");
    let foo_schema = release.join("examples/FooServiceSchema.xsd");
    println!("cargo:rerun-if-changed={}", schema.display());
    println!("cargo:rerun-if-changed={}", foo_schema.display());
    println!("cargo:rerun-if-changed=build.rs");
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("OUT_DIR is not set");
        return ExitCode::FAILURE;
    };
    let constructs = manifest.join("fixtures/constructs.xsd");
    println!("cargo:rerun-if-changed={}", constructs.display());
    let result = generate(&schema, None, &out.join("official"))
        .and_then(|()| generate(&schema, Some(&foo_schema), &out.join("official_foo")))
        .and_then(|()| {
            li707_codegen::Config::new()
                .schema(&constructs)
                .generate_to(out.join("constructs"))
                .map(|_| ())
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "li707-conformance: generating from the official schemas in {} failed: {e}",
                schema.display()
            );
            ExitCode::FAILURE
        }
    }
}

fn generate(schema: &Path, extra: Option<&Path>, out: &Path) -> Result<(), li707_codegen::Error> {
    let mut config = li707_codegen::Config::new();
    // ts_103120.xsd is the old single-file form of the Common namespace that ETSI keeps for
    // compatibility; the split files are the current set.
    config.schema_dir(schema).skip_file("ts_103120.xsd");
    if let Some(extra) = extra {
        config.schema(extra);
    }
    config.generate_to(out).map(|_| ())
}
