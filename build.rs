//! Generates the li707 schema types from `schemas/` into `OUT_DIR` at every build where a
//! schema changed. `generated/` holds the same output, checked in for review.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed=schemas");
    println!("cargo:rerun-if-changed=build.rs");
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("OUT_DIR is not set");
        return ExitCode::FAILURE;
    };
    match li707_codegen::Config::new()
        .schema_dir("schemas")
        .generate_to(out.join("li707"))
    {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("li707: generating from schemas/ failed: {e}");
            ExitCode::FAILURE
        }
    }
}
