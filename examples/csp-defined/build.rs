//! Generates the Rust types of the example CSP-defined schema (`schemas/*.xsd`, which imports
//! li707's TS 103 280 dictionary) into `OUT_DIR/csp`, as any crate using `li707-codegen` as a
//! build dependency would.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=schemas");
    // Imported by the CSP schema (TS 103 707 clause 5.6.3: TS 103 280 common types).
    println!("cargo:rerun-if-changed=../../schemas/ts103280_dictionary.xsd");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR")?).join("csp");
    li707_codegen::Config::new()
        .schema_dir("schemas")
        .namespace_prefix("urn:example:csp:messaging:1", "csp")
        .generate_to(&out)?;
    Ok(())
}
