//! `li707 validate PATH...`: check deliveries against the schemas and the TS 103 707 rules.
//!
//! Text output (stdout): every error of every invalid file as `file:line:col: path: rule:
//! message` (`file: path: rule: message` for an error without a position), then the summary
//! line `N valid, M invalid` (`, K unreadable` added when some file could not be read; those
//! are reported on stderr). With `--json`, one JSON object per file instead, one per line
//! (JSON Lines) and no summary record:
//! `{"file":…,"valid":bool,"errors":[{"line":…,"column":…,"path":…,"rule":…,"message":…}],"truncated":bool}`
//! (`line`/`column` are `null` for an error without a position; a file that cannot be read is
//! a record with `valid: false` and one error of rule `i/o`).
//!
//! Files are checked in parallel but reported in a deterministic order: the paths in the order
//! given, the `*.xml` files under each directory sorted by path.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use indicatif::{ProgressBar, ProgressStyle};

use crate::output::{self, JsonError, JsonRecord};
use crate::{status, CheckArgs, Source};

/// Arguments of `li707 validate`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Output: errors of invalid files on stdout as \
    `file:line:col: path: rule: message`, then `N valid, M invalid`.\n\
    With --json: one JSON object per file per line (JSON Lines), no summary record:\n  \
    {\"file\":..,\"valid\":bool,\"errors\":[{\"line\":..,\"column\":..,\"path\":..,\"rule\":..,\
    \"message\":..}],\"truncated\":bool}\n\
    Exit status: 0 all valid, 1 some file invalid, 2 usage error or a path that cannot be read.")]
pub struct Args {
    /// Files, directories (every *.xml file below them, recursively, sorted) or - for stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Print one JSON record per file (JSON Lines) instead of text, without a summary record.
    #[arg(long)]
    json: bool,
    /// How documents are checked.
    #[command(flatten)]
    check: CheckArgs,
}

/// One thing to check, in output order.
#[derive(Debug)]
enum Input {
    /// A document to read and check.
    Document(Source),
    /// A path that cannot be used (missing, unreadable directory, …).
    Unusable {
        /// The path as shown.
        name: String,
        /// Why.
        error: std::io::Error,
    },
}

impl Input {
    /// The name shown in the output.
    fn name(&self) -> String {
        match self {
            Input::Document(source) => source.name(),
            Input::Unusable { name, .. } => name.clone(),
        }
    }
}

/// What checking one input gave.
#[derive(Debug)]
enum Outcome {
    /// The document was read; its report (empty when valid).
    Checked(li707::Report),
    /// The input could not be read.
    Unreadable(std::io::Error),
}

/// Counts for the summary and the exit status.
#[derive(Debug, Default)]
struct Tally {
    valid: usize,
    invalid: usize,
    unreadable: usize,
}

/// Runs `li707 validate`; returns the exit status.
pub fn run(args: &Args) -> std::io::Result<u8> {
    let limits = args.check.limits();
    let inputs = collect(&args.paths);
    let progress = (inputs.len() > 1 && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(inputs.len() as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed_precise} {msg}")
        {
            bar.set_style(style);
        }
        bar
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut tally = Tally::default();
    let result = check_all(&inputs, &limits, |input, outcome| match &progress {
        Some(bar) => {
            let r = bar.suspend(|| {
                report(&mut out, args.json, input, &outcome, &mut tally)?;
                out.flush()
            });
            bar.inc(1);
            r
        }
        None => report(&mut out, args.json, input, &outcome, &mut tally),
    });
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    result?;
    if !args.json {
        write!(out, "{} valid, {} invalid", tally.valid, tally.invalid)?;
        if tally.unreadable > 0 {
            write!(out, ", {} unreadable", tally.unreadable)?;
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(if tally.unreadable > 0 {
        status::ERROR
    } else if tally.invalid > 0 {
        status::INVALID
    } else {
        status::OK
    })
}

/// Prints the outcome of one input and counts it.
fn report<W: Write>(
    out: &mut W,
    json: bool,
    input: &Input,
    outcome: &Outcome,
    tally: &mut Tally,
) -> std::io::Result<()> {
    let name = input.name();
    match outcome {
        Outcome::Checked(report) => {
            let valid = report.errors.is_empty() && !report.truncated;
            if valid {
                tally.valid += 1;
            } else {
                tally.invalid += 1;
            }
            if json {
                let record = JsonRecord {
                    file: name,
                    valid,
                    errors: report.errors.iter().map(JsonError::from_error).collect(),
                    truncated: report.truncated,
                };
                output::write_json_line(out, &record)?;
            } else {
                let shown = output::printable(&name);
                for error in &report.errors {
                    writeln!(out, "{}", output::error_line(&shown, error))?;
                }
                if report.truncated {
                    writeln!(out, "{}", output::truncated_line(&shown))?;
                }
            }
        }
        Outcome::Unreadable(error) => {
            tally.unreadable += 1;
            output::diag(&format!("{}: {error}", output::printable(&name)));
            if json {
                let record = JsonRecord {
                    file: name,
                    valid: false,
                    errors: vec![JsonError::io(error)],
                    truncated: false,
                };
                output::write_json_line(out, &record)?;
            }
        }
    }
    Ok(())
}

/// Checks every input on a few threads and hands the outcomes to `emit` in input order.
/// Stops early when `emit` fails (for example when stdout is closed).
fn check_all(
    inputs: &[Input],
    limits: &li707::Limits,
    mut emit: impl FnMut(&Input, Outcome) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(inputs.len().max(1));
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    if tx.send((i, check(input, limits))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut due = 0usize;
        for (i, outcome) in rx {
            pending.insert(i, outcome);
            while let Some(outcome) = pending.remove(&due) {
                if let Err(e) = inputs.get(due).map_or(Ok(()), |input| emit(input, outcome)) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                due += 1;
            }
        }
        Ok(())
    })
}

/// Reads (within the size limit) and checks one input.
fn check(input: &Input, limits: &li707::Limits) -> Outcome {
    match input {
        Input::Document(source) => match source.read(limits.max_size) {
            Ok(bytes) => Outcome::Checked(li707::read(&bytes, limits).report),
            Err(e) => Outcome::Unreadable(e),
        },
        Input::Unusable { error, .. } => {
            Outcome::Unreadable(std::io::Error::new(error.kind(), error.to_string()))
        }
    }
}

/// The inputs named by the command line: each path in order, a directory replaced by the
/// `*.xml` files below it sorted by path.
fn collect(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Document(Source::Stdin));
            continue;
        }
        match std::fs::metadata(path) {
            Err(error) => inputs.push(Input::Unusable {
                name: path.display().to_string(),
                error,
            }),
            Ok(meta) if meta.is_dir() => {
                let before = inputs.len();
                walk(path, &mut inputs);
                if inputs.len() == before {
                    output::diag(&format!(
                        "{}: no *.xml files found",
                        output::printable(&path.display().to_string())
                    ));
                }
            }
            Ok(_) => inputs.push(Input::Document(Source::File(path.clone()))),
        }
    }
    inputs
}

/// Whether `path` names an XML file by its extension (`.xml`, any case).
fn is_xml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

/// Appends the `*.xml` files below `root`, sorted by path, and the directories that cannot be
/// listed. Symbolic links to files are followed; to directories, not (no cycles).
fn walk(root: &Path, inputs: &mut Vec<Input>) {
    let mut found: Vec<(PathBuf, Option<std::io::Error>)> = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                found.push((dir, Some(e)));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    found.push((dir.clone(), Some(e)));
                    continue;
                }
            };
            let path = entry.path();
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    found.push((path, Some(e)));
                    continue;
                }
            };
            if file_type.is_dir() {
                dirs.push(path);
            } else if is_xml(&path) {
                if file_type.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                    continue;
                }
                found.push((path, None));
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    inputs.extend(found.into_iter().map(|(path, error)| match error {
        None => Input::Document(Source::File(path)),
        Some(error) => Input::Unusable {
            name: path.display().to_string(),
            error,
        },
    }));
}
