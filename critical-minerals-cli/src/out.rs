//! Writing to stdout and files; a closed stdout ends the program quietly.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use crate::fail::Fail;

/// Maps a write error: a broken pipe is [`Fail::Closed`].
pub fn io_fail(e: &io::Error) -> Fail {
    if e.kind() == io::ErrorKind::BrokenPipe { Fail::Closed } else { Fail::Data(format!("writing the output: {e}")) }
}

/// Writes `text` to stdout.
pub fn print(text: &str) -> Result<(), Fail> {
    let mut s = io::stdout().lock();
    s.write_all(text.as_bytes()).map_err(|e| io_fail(&e))?;
    s.flush().map_err(|e| io_fail(&e))
}

/// Writes `text` to the file `path`.
pub fn write_file(path: &Path, text: &str) -> Result<(), Fail> {
    std::fs::write(path, text).map_err(|e| Fail::Data(format!("{}: cannot write: {e}", path.display())))
}

/// A progress line on stderr, only when stderr is a terminal (never in piped or captured
/// output).
pub fn progress(text: &str) {
    let mut e = io::stderr();
    if e.is_terminal() {
        let _ = write!(e, "\r\x1b[2K{text}");
        let _ = e.flush();
    }
}

/// Clears the progress line.
pub fn progress_done() {
    let mut e = io::stderr();
    if e.is_terminal() {
        let _ = write!(e, "\r\x1b[2K");
        let _ = e.flush();
    }
}
