//! `codegen`: arbitrary (small) XSD documents never panic the generator; errors are fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Removes the schema file even when the generator panics (libFuzzer then aborts anyway,
/// but the file should not be left behind in /dev/shm).
struct Remove(std::path::PathBuf);

impl Drop for Remove {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fuzz_target!(|data: &[u8]| {
    let dir = std::path::Path::new("/dev/shm");
    let dir = if dir.is_dir() {
        dir.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    let file = dir.join(format!(
        "li707-fuzz-codegen-{}-{}.xsd",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&file, data).expect("cannot write the schema file");
    let _remove = Remove(file.clone());
    let _ = li707_codegen::Config::new().schema(&file).generate();
});
