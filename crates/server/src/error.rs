//! The one error type of the server crate.

use std::fmt;

/// What went wrong in the `vigie` command.
#[derive(Debug)]
pub enum Error {
    /// The command line is wrong; the message says how to use it.
    Usage(String),
    /// Reading or writing failed.
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) => f.write_str(m),
            Error::Io(e) => write!(f, "input/output error: {e}"),
        }
    }
}

impl std::error::Error for Error {}
