//! Read + validate throughput on the official TS 103 120 examples, beside the cost of parsing
//! alone (a quick-xml `NsReader` scan resolving namespaces and unescaping text, which every XML
//! consumer pays): `cargo bench -p li707-conformance --bench read_validate`.
//!
//! - `parse_only`: the scan, no validation, no values.
//! - `validate_xml`: li707's validators (structure and every facet), no values built.
//! - `from_xml`: read, validate and build the typed document in one pass.
//! - `to_xml`: write the typed documents back.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use li707_conformance::official::Document;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::hint::black_box;
use std::path::PathBuf;

fn corpus() -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/etsi/ts_103120_v1.12.1/examples");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("official examples in ../shared")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read(p).expect("readable example"))
        // Only the documents valid under the official set (request5-XML-Delivery needs the
        // Foo schema, request6_signed is invalid).
        .filter(|d| Document::from_xml(d).is_ok())
        .collect()
}

/// Parsing alone: every event, namespaces resolved, text unescaped.
fn scan(input: &[u8]) -> usize {
    let text = std::str::from_utf8(input).expect("UTF-8");
    let mut r = NsReader::from_str(text);
    let mut n = 0usize;
    loop {
        match r.read_resolved_event() {
            Ok((ns, Event::Start(e) | Event::Empty(e))) => {
                n += usize::from(matches!(ns, ResolveResult::Bound(_)));
                for a in e.attributes() {
                    let a = a.expect("attribute");
                    n += a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_or(0, |v| v.len());
                }
            }
            Ok((_, Event::Text(t))) => n += t.xml10_content().len(),
            Ok((_, Event::GeneralRef(g))) => {
                n += g.resolve_char_ref().ok().flatten().map_or(1, |_| 1)
            }
            Ok((_, Event::Eof)) => return n,
            Ok(_) => {}
            Err(e) => panic!("{e}"),
        }
    }
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    assert!(docs.len() >= 18, "{} valid examples", docs.len());
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let typed: Vec<Document> = docs
        .iter()
        .map(|d| Document::from_xml(d).expect("valid"))
        .collect();
    let mut g = c.benchmark_group("official_examples");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("parse_only", |b| {
        b.iter(|| docs.iter().map(|d| scan(black_box(d))).sum::<usize>())
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
