//! Why a command failed, and its exit status.

use critical_minerals::{Error, ErrorKind};

/// A failed command.
#[derive(Debug)]
pub enum Fail {
    /// Bad data (status 1): a file or value the library refused.
    Data(String),
    /// Bad usage (status 2): an option or argument that cannot be used.
    Usage(String),
    /// stdout was closed by the reader (`| head`): end quietly.
    Closed,
}

impl Fail {
    pub fn code(&self) -> u8 {
        match self {
            Fail::Data(_) => 1,
            Fail::Usage(_) => 2,
            Fail::Closed => 0,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            Fail::Data(m) | Fail::Usage(m) => m,
            Fail::Closed => "",
        }
    }
}

/// A library error as bad data, with what was being done.
pub fn data(context: &str) -> impl FnOnce(Error) -> Fail + '_ {
    move |e| {
        if e.kind() == ErrorKind::Io && e.to_string().contains("Broken pipe") {
            return Fail::Closed;
        }
        Fail::Data(if context.is_empty() { e.to_string() } else { format!("{context}: {e}") })
    }
}
