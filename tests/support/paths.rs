//! Locations of the repository and of the shared, read-only ETSI test data.

use std::path::{Path, PathBuf};

/// Canonicalizes `path`, panicking with `what` and the path if it does not exist.
fn existing_dir(path: &Path, what: &str) -> PathBuf {
    let canonical = path.canonicalize().unwrap_or_else(|e| {
        panic!(
            "{what} not found at {}: {e} (the shared ETSI test data is expected in \
             ../shared/etsi next to the repository)",
            path.display()
        )
    });
    assert!(
        canonical.is_dir(),
        "{what} at {} is not a directory",
        canonical.display()
    );
    canonical
}

/// The repository root: the nearest directory at or above the manifest of the crate under
/// test that holds `codegen/Cargo.toml` (so member crates such as `conformance/` share this
/// module).
pub fn repo_root() -> PathBuf {
    let manifest = existing_dir(Path::new(env!("CARGO_MANIFEST_DIR")), "crate directory");
    let root = manifest
        .ancestors()
        .find(|d| d.join("codegen").join("Cargo.toml").is_file())
        .unwrap_or(&manifest)
        .to_path_buf();
    existing_dir(&root, "repository root")
}

/// `../shared/etsi` relative to the repository root.
pub fn shared_etsi() -> PathBuf {
    existing_dir(
        &repo_root().join("..").join("shared").join("etsi"),
        "shared ETSI test data directory",
    )
}

/// The official TS 103 120 V1.12.1 release directory.
pub fn official_release_dir() -> PathBuf {
    existing_dir(
        &shared_etsi().join("ts_103120_v1.12.1"),
        "official TS 103 120 V1.12.1 directory",
    )
}

/// The official TS 103 120 V1.12.1 schema set.
pub fn official_schema_dir() -> PathBuf {
    existing_dir(
        &official_release_dir().join("schema"),
        "official TS 103 120 V1.12.1 schema directory",
    )
}

/// The official TS 103 120 V1.12.1 example documents (plus `FooServiceSchema.xsd`).
pub fn official_examples_dir() -> PathBuf {
    existing_dir(
        &official_release_dir().join("examples"),
        "official TS 103 120 V1.12.1 examples directory",
    )
}

/// A file in [`official_schema_dir`], panicking if it does not exist.
pub fn official_schema(file_name: &str) -> PathBuf {
    existing_file(&official_schema_dir().join(file_name))
}

/// A file in [`official_examples_dir`], panicking if it does not exist.
pub fn official_example(file_name: &str) -> PathBuf {
    existing_file(&official_examples_dir().join(file_name))
}

/// Every `*.xml` file in [`official_examples_dir`], sorted by file name.
pub fn official_example_documents() -> Vec<PathBuf> {
    let dir = official_examples_dir();
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
                .path()
        })
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "xml"))
        .collect();
    files.sort();
    files
}

/// The file name of `path` as a `&str` (for messages and filtering).
pub fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_else(|| panic!("{} has no UTF-8 file name", path.display()))
}

/// Reads a whole file, panicking with the path on failure.
pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn existing_file(path: &Path) -> PathBuf {
    let canonical = path
        .canonicalize()
        .unwrap_or_else(|e| panic!("test data file {} not found: {e}", path.display()));
    assert!(canonical.is_file(), "{} is not a file", canonical.display());
    canonical
}
