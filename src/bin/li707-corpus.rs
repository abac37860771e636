//! `li707-corpus`: write a deterministic benchmark corpus of TS 103 707 deliveries.
//!
//! ```text
//! li707-corpus --out DIR [--count 10000] [--seed S] [--big-mb 100]
//! ```
//!
//! Writes, under `DIR`:
//!
//! - `small/delivery-NNNNN.xml`: `count` deliveries of 1 to 50 handover items each, with
//!   0 to one binary-object record per item; a one-item delivery is a bare `handoverItem` or a
//!   one-item `handoverItemCollection`, chosen per document;
//! - `big/delivery-big.xml`: one delivery of about `big-mb` MB (10^6 bytes): a single
//!   `handoverItemCollection` of many items, every second item with a binary-object record
//!   (left out with `--big-mb 0`);
//! - `corpus.txt`: the arguments and what was written (`key=value` lines: files, bytes, items,
//!   binary objects), written last, so its presence means the corpus is complete.
//!
//! Every document comes from [`li707::build::sample::sample_delivery`], so it is built and
//! validated by li707's builders (realistic values, true SHA-256 checksums, unique binary
//! URLs, correlated conversations), and written as the library writes it (compact, namespaces
//! declared once on the root). The shape and seed of document `i` depend only on `--seed` and
//! `i`: the same arguments always give the same bytes, whatever the number of threads.
//!
//! Exit status: 0 on success, 2 on a usage, build or I/O error.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use clap::Parser;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "li707-corpus",
    version,
    about = "Write a deterministic benchmark corpus of TS 103 707 deliveries (DIR/small/*.xml \
             and DIR/big/delivery-big.xml)"
)]
struct Cli {
    /// Directory to write into (created if missing; existing corpus files are overwritten).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// How many small deliveries (1-50 handover items each) to write.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    count: usize,
    /// Seed of the whole corpus (same seed, same files).
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,
    /// Approximate size of the big handoverItemCollection delivery, in MB (10^6 bytes);
    /// 0 writes none.
    #[arg(long, value_name = "MB", default_value_t = 100)]
    big_mb: u64,
    /// Worker threads for the small deliveries (default: available parallelism).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

/// Most handover items in a small delivery.
const MAX_ITEMS: u64 = 50;

/// SplitMix64 step: a well-mixed 64-bit value from a state (used to derive per-document
/// seeds and shapes, independent of thread scheduling).
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The shape of one small delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    /// Handover items, 1 to [`MAX_ITEMS`].
    items: usize,
    /// Binary-object records, 0 to `items`.
    binary: usize,
    /// Whether a one-item delivery is wrapped in a handoverItemCollection.
    collection: bool,
    /// The seed given to `sample_delivery`.
    seed: u64,
}

/// The shape of small delivery `index` of the corpus seeded with `seed`.
fn shape(seed: u64, index: u64) -> Shape {
    let a = mix(seed ^ mix(index));
    let b = mix(a);
    let c = mix(b);
    let items = 1 + a % MAX_ITEMS;
    let binary = b % (items + 1);
    Shape {
        items: usize::try_from(items).unwrap_or(1),
        binary: usize::try_from(binary).unwrap_or(0),
        collection: items > 1 || c % 2 == 0,
        seed: mix(c),
    }
}

/// Builds and serializes one delivery.
fn render(shape: Shape) -> Result<Vec<u8>, String> {
    let message = li707::build::sample::sample_delivery(
        shape.items,
        shape.binary,
        shape.collection,
        shape.seed,
    )
    .map_err(|e| format!("cannot build delivery {shape:?}: {e}"))?;
    message
        .to_xml()
        .map_err(|e| format!("cannot write delivery {shape:?}: {e}"))
}

/// Writes `bytes` to `path` (through a temporary name, so a partial file never looks done).
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let tmp = path.with_extension("xml.part");
    std::fs::write(&tmp, bytes).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("cannot rename to {}: {e}", path.display()))
}

/// What was written: documents, bytes, handover items, binary-object records.
#[derive(Debug, Default, Clone, Copy)]
struct Written {
    files: usize,
    bytes: u64,
    items: usize,
    binary: usize,
}

/// Writes the small deliveries on `threads` workers.
fn write_small(dir: &Path, count: usize, seed: u64, threads: usize) -> Result<Written, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let next = AtomicUsize::new(0);
    let width = count.saturating_sub(1).max(1).to_string().len().max(5);
    let results: Vec<Result<Written, String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                scope.spawn(|| -> Result<Written, String> {
                    let mut done = Written::default();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= count {
                            return Ok(done);
                        }
                        let s = shape(seed, i as u64);
                        let xml = render(s)?;
                        let path = dir.join(format!("delivery-{i:0width$}.xml"));
                        write_file(&path, &xml)?;
                        done.files += 1;
                        done.bytes += xml.len() as u64;
                        done.items += s.items;
                        done.binary += s.binary;
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
    let mut total = Written::default();
    for r in results {
        let r = r?;
        total.files += r.files;
        total.bytes += r.bytes;
        total.items += r.items;
        total.binary += r.binary;
    }
    Ok(total)
}

/// Writes the big delivery of about `mb` MB.
///
/// The item count comes from a calibration delivery of the same shape (bytes per item), then
/// the whole delivery is built at once by `sample_delivery`, so it is validated by the
/// builders like every other document (correlation numbers, unique URLs, envelope).
fn write_big(dir: &Path, mb: u64, seed: u64) -> Result<Written, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let big_seed = mix(seed ^ 0xB16_B16_B16);
    const CALIBRATION_ITEMS: usize = 400;
    let probe = render(Shape {
        items: CALIBRATION_ITEMS,
        binary: CALIBRATION_ITEMS / 2,
        collection: true,
        seed: big_seed,
    })?;
    let one = render(Shape {
        items: 1,
        binary: 0,
        collection: true,
        seed: big_seed,
    })?;
    let per_item =
        (probe.len().saturating_sub(one.len()) as f64 / (CALIBRATION_ITEMS - 1) as f64).max(1.0);
    let target = mb.saturating_mul(1_000_000) as f64;
    let items = ((target - one.len() as f64) / per_item).round().max(1.0) as usize;
    let xml = render(Shape {
        items,
        binary: items / 2,
        collection: true,
        seed: big_seed,
    })?;
    write_file(&dir.join("delivery-big.xml"), &xml)?;
    Ok(Written {
        files: 1,
        bytes: xml.len() as u64,
        items,
        binary: items / 2,
    })
}

fn run(cli: &Cli) -> Result<(), String> {
    let threads = cli.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let summary = cli.out.join("corpus.txt");
    // A stale summary must not vouch for a corpus being rewritten.
    match std::fs::remove_file(&summary) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(format!("cannot remove {}: {e}", summary.display()))
        }
        _ => {}
    }
    let mut err = std::io::stderr().lock();
    let mut text = format!(
        "seed={}\ncount={}\nbig_mb={}\n",
        cli.seed, cli.count, cli.big_mb
    );
    for (name, dir, wanted) in [
        ("small", cli.out.join("small"), cli.count > 0),
        ("big", cli.out.join("big"), cli.big_mb > 0),
    ] {
        if !wanted {
            continue;
        }
        let start = Instant::now();
        let w = if name == "small" {
            write_small(&dir, cli.count, cli.seed, threads)?
        } else {
            write_big(&dir, cli.big_mb, cli.seed)?
        };
        let _ = writeln!(
            err,
            "li707-corpus: {} deliveries, {} items, {} binary objects, {} bytes in {} ({:.1}s)",
            w.files,
            w.items,
            w.binary,
            w.bytes,
            dir.display(),
            start.elapsed().as_secs_f64()
        );
        text.push_str(&format!(
            "{name}_files={}\n{name}_bytes={}\n{name}_items={}\n{name}_binary={}\n",
            w.files, w.bytes, w.items, w.binary
        ));
    }
    std::fs::write(&summary, text).map_err(|e| format!("cannot write {}: {e}", summary.display()))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("li707-corpus: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_deterministic_and_in_range() {
        for i in 0..2_000 {
            let s = shape(7, i);
            assert_eq!(s, shape(7, i));
            assert!((1..=50).contains(&s.items), "{s:?}");
            assert!(s.binary <= s.items, "{s:?}");
            assert!(s.collection || s.items == 1, "{s:?}");
        }
        assert_ne!(shape(7, 0), shape(8, 0));
    }

    #[test]
    fn small_delivery_reads_back_valid() {
        let xml = render(shape(1, 3)).expect("renders");
        let reading = li707::read(&xml, &li707::Limits::default());
        assert!(reading.report.is_valid(), "{}", reading.report);
    }
}
