//! `li707`: validate, inspect and generate ETSI TS 103 707 V1.4.1 deliveries from the command line.
//!
//! ```text
//! li707 validate PATH...      check files, directories (every *.xml, recursively) or - (stdin)
//! li707 inspect FILE          a human summary of one delivery (FILE or -)
//! li707 example [OPTIONS]     write a valid sample delivery to stdout
//! ```
//!
//! Results go to stdout, diagnostics to stderr. Exit status: 0 success (every document valid),
//! 1 some document invalid, 2 usage or I/O error.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod example;
mod inspect;
mod output;
mod validate;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "li707",
    version,
    about = "ETSI TS 103 707 V1.4.1 (messaging handover over HTTP/XML): validate, inspect and \
             generate deliveries",
    after_help = "Exit status: 0 all valid, 1 some document invalid, 2 usage or I/O error."
)]
struct Cli {
    /// What to do.
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Validate deliveries against the schemas and the TS 103 707 rules.
    Validate(validate::Args),
    /// Print a human summary of one delivery.
    Inspect(inspect::Args),
    /// Write a complete, valid sample delivery to stdout.
    Example(example::Args),
}

/// Options that set how documents are checked (shared by `validate` and `inspect`).
#[derive(Debug, Clone, clap::Args)]
struct CheckArgs {
    /// Report at most N errors per document.
    #[arg(long, value_name = "N", default_value_t = li707::DEFAULT_ERROR_LIMIT,
          value_parser = parse_max_errors)]
    max_errors: usize,
    /// The binary delivery model agreed with the LEA (TS 103 707 Annex C); under model A every
    /// binaryObject needs an expiry.
    #[arg(long, value_name = "MODEL", ignore_case = true)]
    binary_model: Option<BinaryModelArg>,
    /// A TS 103 120 national profile is in use (NationalProfileOwner/Version need not be N/A).
    #[arg(long)]
    national_profile: bool,
}

/// `--max-errors`: a positive count (0 would report an invalid document without errors).
fn parse_max_errors(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// `--binary-model`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum BinaryModelArg {
    /// Model A (Annex C.2): the LEA fetches binary objects from the CSP.
    #[value(name = "A")]
    A,
    /// Model B (Annex C.3): the CSP posts binary objects to the LEA.
    #[value(name = "B")]
    B,
}

impl CheckArgs {
    /// The read limits these options select (everything else at its default).
    fn limits(&self) -> li707::Limits {
        let mut limits = li707::Limits {
            max_errors: self.max_errors,
            ..li707::Limits::default()
        };
        limits.rules.binary_model = self.binary_model.map(|m| match m {
            BinaryModelArg::A => li707::rules::BinaryModel::A,
            BinaryModelArg::B => li707::rules::BinaryModel::B,
        });
        limits.rules.national_profile = self.national_profile;
        limits
    }
}

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// Standard input (`-` on the command line).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The source named by a command-line argument.
    fn from_arg(arg: &Path) -> Source {
        if arg.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::File(arg.to_path_buf())
        }
    }

    /// The name shown in output: `-` for stdin, otherwise the path as given.
    fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_owned(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// Reads the whole document, but never more than `max_size + 1` bytes: a larger input
    /// stops there, and [`li707::read()`] then reports it as over the size limit.
    fn read(&self, max_size: usize) -> std::io::Result<Vec<u8>> {
        let cap = u64::try_from(max_size)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let mut bytes = Vec::new();
        match self {
            Source::Stdin => {
                std::io::stdin().lock().take(cap).read_to_end(&mut bytes)?;
            }
            Source::File(path) => {
                let file = std::fs::File::open(path)?;
                let meta = file.metadata()?;
                if meta.is_dir() {
                    return Err(std::io::Error::other("is a directory"));
                }
                // Room for the whole file up front (one more byte to see the end): growing
                // the buffer by doubling would hold up to twice the file in memory.
                let expected = meta.len().min(cap).saturating_add(1);
                bytes.reserve_exact(usize::try_from(expected).unwrap_or(0));
                file.take(cap).read_to_end(&mut bytes)?;
            }
        }
        Ok(bytes)
    }
}

/// Exit statuses.
mod status {
    /// Success: every document valid.
    pub const OK: u8 = 0;
    /// Some document is invalid.
    pub const INVALID: u8 = 1;
    /// Usage or I/O error.
    pub const ERROR: u8 = 2;
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and succeed; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                status::ERROR
            } else {
                status::OK
            });
        }
    };
    let result = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Inspect(args) => inspect::run(&args),
        Command::Example(args) => example::run(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed stdout (`li707 validate dir | head`) is no reason for a message.
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("li707: {e}");
            }
            ExitCode::from(status::ERROR)
        }
    }
}
