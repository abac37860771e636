//! A fixed amount of work for profilers (callgrind counts instructions repeatably where wall
//! time is noisy): the valid official TS 103 120 examples, read `REPEAT` times in one mode.
//!
//! ```text
//! cargo build --release -p li707-conformance --example profile_loop
//! valgrind --tool=callgrind target/release/examples/profile_loop scan|validate|from_xml|to_xml [REPEAT]
//! ```
//!
//! `scan` is the bare quick-xml `NsReader` pass of the benchmarks
//! ([`li707_conformance::baseline::scan`]); `validate` is
//! `Document::validate_xml`; `from_xml` builds the typed documents;
//! `to_xml` writes the typed documents (read once, before the loop).

use li707_conformance::baseline::{official_examples, scan};
use li707_conformance::official::Document;
use std::hint::black_box;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    let repeat: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let docs = official_examples();
    if docs.is_empty() {
        eprintln!("profile_loop: no official examples found under ../shared");
        return ExitCode::from(2);
    }
    let typed: Vec<Document> = if mode == "to_xml" {
        docs.iter()
            .filter_map(|d| Document::from_xml(d).ok())
            .collect()
    } else {
        Vec::new()
    };
    let mut sink = 0usize;
    for _ in 0..repeat {
        for (k, d) in docs.iter().enumerate() {
            sink += match mode.as_str() {
                "scan" => scan(black_box(d)).unwrap_or(0),
                "validate" => usize::from(Document::validate_xml(black_box(d)).is_valid()),
                "from_xml" => usize::from(Document::from_xml(black_box(d)).is_ok()),
                "to_xml" => typed
                    .get(k)
                    .and_then(|t| black_box(t).to_xml().ok())
                    .map_or(0, |v| v.len()),
                _ => {
                    eprintln!("usage: profile_loop scan|validate|from_xml|to_xml [REPEAT]");
                    return ExitCode::from(2);
                }
            };
        }
    }
    println!("{} documents x {repeat}: {sink}", docs.len());
    ExitCode::SUCCESS
}
