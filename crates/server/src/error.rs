//! The one error type of the server crate.

use std::fmt;

/// What went wrong in the `vigie` command.
#[derive(Debug)]
pub enum Error {
    /// The command line is wrong; the message says how to use it.
    Usage(String),
    /// Reading or writing failed.
    Io(std::io::Error),
    /// The server could not listen on its address.
    Listen {
        /// The address asked for.
        addr: String,
        /// Why it failed.
        source: std::io::Error,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) => f.write_str(m),
            Error::Io(e) => write!(f, "input/output error: {e}"),
            Error::Listen { addr, source } => write!(f, "cannot listen on {addr}: {source}"),
        }
    }
}

impl std::error::Error for Error {}
