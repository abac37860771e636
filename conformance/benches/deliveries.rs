//! The criterion benchmarks of TS 103 707 deliveries, beside the physical limits of reading and
//! writing, and of the generator on the official schema set:
//! `cargo bench -p li707-conformance --bench deliveries`.
//!
//! Two deliveries from li707's corpus generator (`li707::build::sample::sample_delivery`, as
//! `li707-corpus` and `bench/compare.sh` use it), written compact as the library writes them:
//!
//! - `typical_delivery`: 25 handover items and 13 binary-object records, about 50 kB (the mean
//!   of the 10,000 small deliveries of `bench/compare.sh`);
//! - `delivery_100mb`: about 100 MB, a single `handoverItemCollection` of 53,508 items, every
//!   second one with a binary-object record (the shape of that script's big delivery).
//!
//! For each (throughput in bytes of the document):
//!
//! - `raw_scan`: the reading limit, a quick-xml `NsReader` pass with no validation
//!   ([`li707_conformance::baseline::scan`]);
//! - `read_validate`: [`li707::read`], what `li707 validate` does with each file: one pass that
//!   reads, validates against the schemas and builds the typed delivery, then the TS 103 707
//!   rules;
//! - `write`: `to_xml` of the typed delivery;
//! - `raw_write`: the writing limit, quick-xml's `Writer` emitting the same element, attribute
//!   and text events, escaping values and checking nothing
//!   ([`li707_conformance::baseline::write_events`]), into a buffer that starts as small as
//!   li707's ([`RAW_WRITE_CAPACITY`]) and grows the same way.
//!
//! And `codegen/official_ts_103120`: [`li707_codegen::Config::generate`] on the official
//! TS 103 120 V1.12.1 set from `../shared/etsi` (reading the files, then parse, model, plan
//! and render, nothing written), as `conformance/build.rs` runs it.

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use li707::build::sample::sample_delivery;
use li707_conformance::baseline::{events, scan, write_events};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// The first capacity of the raw writer's buffer: that of li707's writer, so that both pay
/// the same reallocations.
const RAW_WRITE_CAPACITY: usize = 4096;

/// Benchmarks one delivery of `items` handover items and `binary` binary-object records.
fn delivery(
    g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    items: usize,
    binary: usize,
) {
    let message = sample_delivery(items, binary, true, 1).expect("the sample builds");
    let xml = message.to_xml().expect("the sample writes");
    let limits = li707::Limits::default();
    let reading = li707::read(&xml, &limits);
    assert!(reading.report.is_valid(), "{}", reading.report);
    let typed = reading.delivery.expect("a valid delivery").message;
    assert_eq!(
        typed.to_xml().expect("writes"),
        xml,
        "read and written back"
    );
    let raw = events(&xml).expect("the sample scans");
    let raw_out = write_events(&raw, RAW_WRITE_CAPACITY).expect("the raw writer writes");
    assert_eq!(
        events(&raw_out).expect("rescans"),
        raw,
        "the raw writer's output"
    );

    g.throughput(Throughput::Bytes(xml.len() as u64));
    g.bench_function("raw_scan", |b| b.iter(|| scan(black_box(&xml))));
    g.bench_function("read_validate", |b| {
        b.iter(|| li707::read(black_box(&xml), &limits).report.is_valid())
    });
    g.bench_function("write", |b| {
        b.iter(|| black_box(&typed).to_xml().map_or(0, |v| v.len()))
    });
    g.bench_function("raw_write", |b| {
        b.iter(|| write_events(black_box(&raw), RAW_WRITE_CAPACITY).map_or(0, |v| v.len()))
    });
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("typical_delivery");
    delivery(&mut g, 25, 13);
    g.finish();

    let mut g = c.benchmark_group("delivery_100mb");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(20));
    delivery(&mut g, 53_508, 26_754);
    g.finish();

    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/etsi/ts_103120_v1.12.1/schema");
    let mut config = li707_codegen::Config::new();
    config.schema_dir(&schema).skip_file("ts_103120.xsd");
    let files = config.generate().expect("the official set generates").files;
    assert!(files.len() > 1, "{} files", files.len());
    let mut g = c.benchmark_group("codegen");
    g.sample_size(20);
    g.bench_function("official_ts_103120", |b| {
        b.iter(|| config.generate().map_or(0, |g| g.files.len()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
