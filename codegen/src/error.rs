//! Generator errors: what, in which schema file and line, and why.

use std::fmt;
use std::path::PathBuf;

/// An error of the generator. Never a panic: every unsupported construct is reported with the
/// schema file and line where it stands.
#[derive(Debug)]
pub struct Error {
    /// The schema file, when the error is about one.
    pub file: Option<PathBuf>,
    /// The 1-based line in that file, when known.
    pub line: Option<u32>,
    /// What is wrong.
    pub message: String,
}

impl Error {
    /// An error not tied to a file.
    pub fn msg(message: impl Into<String>) -> Error {
        Error {
            file: None,
            line: None,
            message: message.into(),
        }
    }

    /// An error at `file:line`.
    pub fn at(file: &std::path::Path, line: u32, message: impl Into<String>) -> Error {
        Error {
            file: Some(file.to_path_buf()),
            line: Some(line),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{}:{}: {}", file.display(), line, self.message),
            (Some(file), None) => write!(f, "{}: {}", file.display(), self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

/// Result of the generator.
pub type Result<T> = std::result::Result<T, Error>;
