//! Read + validate throughput on the official TS 103 120 examples, beside the cost of parsing
//! alone (a quick-xml `NsReader` scan resolving namespaces and unescaping text, which every XML
//! consumer pays): `cargo bench -p li707-conformance --bench read_validate`.
//!
//! - `parse_only`: the scan, no validation, no values.
//! - `validate_xml`: li707's validators (structure and every facet), no values built.
//! - `from_xml`: read, validate and build the typed document in one pass.
//! - `to_xml`: write the typed documents back.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use li707_conformance::baseline::{official_examples, scan};
use li707_conformance::official::Document;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let docs = official_examples();
    assert!(docs.len() >= 18, "{} valid examples", docs.len());
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let typed: Vec<Document> = docs
        .iter()
        .map(|d| Document::from_xml(d).expect("valid"))
        .collect();
    let mut g = c.benchmark_group("official_examples");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("parse_only", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| scan(black_box(d)).unwrap_or(0))
                .sum::<usize>()
        })
    });
    g.bench_function("validate_xml", |b| {
        b.iter(|| {
            docs.iter()
                .filter(|d| Document::validate_xml(black_box(d)).is_valid())
                .count()
        })
    });
    g.bench_function("from_xml", |b| {
        b.iter(|| {
            docs.iter()
                .filter(|d| Document::from_xml(black_box(d)).is_ok())
                .count()
        })
    });
    g.bench_function("to_xml", |b| {
        b.iter(|| {
            typed
                .iter()
                .map(|t| t.to_xml().map_or(0, |v| v.len()))
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
