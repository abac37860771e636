//! `generated/` is the reviewed copy of what `build.rs` generates from `schemas/`. When the
//! schemas or the generator change, this test fails until `generated/` is refreshed, so the
//! diff of `generated/` in the same commit tells the story.

mod support;

use std::collections::BTreeSet;

const REFRESH: &str = "cargo run -p li707-codegen";

#[test]
fn generated_dir_matches_the_generator_output() {
    let root = support::paths::repo_root();
    let fresh = li707_codegen::Config::new()
        .schema_dir(root.join("schemas"))
        .generate()
        .expect("schemas/ generates");
    let dir = root.join("generated");
    let mut stale = Vec::new();
    for f in &fresh.files {
        match std::fs::read_to_string(dir.join(&f.name)) {
            Ok(old) if old == f.contents => {}
            Ok(_) => stale.push(format!("{} differs", f.name)),
            Err(_) => stale.push(format!("{} is missing", f.name)),
        }
    }
    let expected: BTreeSet<String> = fresh.files.iter().map(|f| f.name.clone()).collect();
    for entry in std::fs::read_dir(&dir).expect("generated/ exists") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !expected.contains(&name) {
            stale.push(format!("{name} is no longer generated"));
        }
    }
    assert!(
        stale.is_empty(),
        "generated/ is stale ({}); refresh it with `{REFRESH}` and review the diff",
        stale.join(", ")
    );
}

#[test]
fn generation_is_deterministic() {
    let root = support::paths::repo_root();
    let run = || {
        li707_codegen::Config::new()
            .schema_dir(root.join("schemas"))
            .generate()
            .expect("schemas/ generates")
            .files
    };
    assert_eq!(run(), run());
}
