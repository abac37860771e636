//! The physical limit for `li707 validate`: read every file and scan it with quick-xml's
//! `NsReader` (namespaces resolved, attribute values normalized, text unescaped), with no
//! validation and no values built. Used by `bench/compare.sh`.
//!
//! ```text
//! cargo run --release -p li707-conformance --example raw_scan -- [--threads N] PATH...
//! ```
//!
//! PATHs are files or directories (every `*.xml` below them, recursively). Files are scanned on
//! `N` threads (default: available parallelism, as `li707 validate` does). Prints
//! `files bytes events` on stdout; exits 1 if a file is not well-formed UTF-8 XML, 2 on a usage
//! or I/O error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use li707_conformance::baseline::scan;

/// Every `*.xml` file below `dir`, sorted.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "xml") {
            out.push(p);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let mut files = Vec::new();
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--threads" {
            match args.next().and_then(|v| v.to_str()?.parse().ok()) {
                Some(n) if n > 0 => threads = n,
                _ => {
                    eprintln!("raw_scan: --threads needs a positive number");
                    return ExitCode::from(2);
                }
            }
            continue;
        }
        let path = PathBuf::from(arg);
        let r = if path.is_dir() {
            walk(&path, &mut files)
        } else {
            files.push(path);
            Ok(())
        };
        if let Err(e) = r {
            eprintln!("raw_scan: {e}");
            return ExitCode::from(2);
        }
    }
    if files.is_empty() {
        eprintln!("usage: raw_scan [--threads N] PATH...");
        return ExitCode::from(2);
    }
    let next = AtomicUsize::new(0);
    let results: Vec<Result<(u64, usize), String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let (mut bytes, mut events) = (0u64, 0usize);
                    loop {
                        let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) else {
                            return Ok((bytes, events));
                        };
                        let data =
                            std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
                        events = events.wrapping_add(
                            scan(&data).map_err(|e| format!("{}: {e}", path.display()))?,
                        );
                        bytes += data.len() as u64;
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err("a worker panicked".to_owned()))
            })
            .collect()
    });
    let (mut bytes, mut events) = (0u64, 0usize);
    for r in results {
        match r {
            Ok((b, e)) => {
                bytes += b;
                events = events.wrapping_add(e);
            }
            Err(e) => {
                eprintln!("raw_scan: {e}");
                return ExitCode::from(1);
            }
        }
    }
    println!("{} {bytes} {events}", files.len());
    ExitCode::SUCCESS
}
