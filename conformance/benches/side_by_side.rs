//! Parse alone versus parse + validate, side by side in one run: rounds alternate between the
//! two so that both see the same machine load, and the median of the per-round ratios is
//! reported. `cargo bench -p li707-conformance --bench side_by_side`.

use li707_conformance::baseline::{official_examples, scan};
use li707_conformance::official::Document;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn time(repeat: usize, f: impl Fn() -> usize) -> Duration {
    let start = Instant::now();
    let mut sink = 0usize;
    for _ in 0..repeat {
        sink = sink.wrapping_add(f());
    }
    black_box(sink);
    start.elapsed()
}

fn main() {
    let docs = official_examples();
    assert!(docs.len() >= 18, "{} valid official examples", docs.len());
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let (rounds, repeat) = (41, 200);
    let parse = || {
        docs.iter()
            .map(|d| scan(black_box(d)).unwrap_or(0))
            .sum::<usize>()
    };
    let validate = || {
        docs.iter()
            .filter(|d| Document::validate_xml(black_box(d)).is_valid())
            .count()
    };
    let read = || {
        docs.iter()
            .filter(|d| Document::from_xml(black_box(d)).is_ok())
            .count()
    };
    // Warm up.
    time(repeat, parse);
    time(repeat, validate);
    time(repeat, read);
    let mut ratios_v = Vec::new();
    let mut ratios_r = Vec::new();
    let mut best = [Duration::MAX; 3];
    for _ in 0..rounds {
        let p = time(repeat, parse);
        let v = time(repeat, validate);
        let r = time(repeat, read);
        ratios_v.push(v.as_secs_f64() / p.as_secs_f64());
        ratios_r.push(r.as_secs_f64() / p.as_secs_f64());
        for (b, t) in best.iter_mut().zip([p, v, r]) {
            *b = (*b).min(t);
        }
    }
    ratios_v.sort_by(f64::total_cmp);
    ratios_r.sort_by(f64::total_cmp);
    let mbs = |d: Duration| (bytes * repeat) as f64 / d.as_secs_f64() / 1e6;
    println!(
        "{} documents, {} bytes, {} rounds of {} passes each",
        docs.len(),
        bytes,
        rounds,
        repeat
    );
    println!(
        "parse only (quick-xml NsReader scan): {:>7.1} MB/s (best round)",
        mbs(best[0])
    );
    println!(
        "validate_xml (parse + validate):      {:>7.1} MB/s (best round)",
        mbs(best[1])
    );
    println!(
        "from_xml (parse + validate + build):  {:>7.1} MB/s (best round)",
        mbs(best[2])
    );
    println!(
        "validate_xml / parse only: median {:.3}, range {:.3}..{:.3}",
        ratios_v[rounds / 2],
        ratios_v[0],
        ratios_v[rounds - 1]
    );
    println!(
        "from_xml / parse only:     median {:.3}, range {:.3}..{:.3}",
        ratios_r[rounds / 2],
        ratios_r[0],
        ratios_r[rounds - 1]
    );
}
