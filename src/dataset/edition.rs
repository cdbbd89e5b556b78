//! Editions of a source, how the latest is chosen, and what a directory load read.
//!
//! Every figure carries the edition it comes from (`MCS 2025`, `MCS 2024`, `WMD 2024`). The
//! *latest* of several editions is the one with the largest year in its label (the last run of
//! four digits: `MCS 2025` → 2025); labels without a year come before any with one, and equal
//! years are ordered by label. Queries take the latest edition that holds what they ask for unless
//! an edition is named.

use serde::Serialize;

/// The year in an edition label: its last run of exactly four digits between 1900 and 2200.
///
/// # Example
///
/// ```
/// use critical_minerals::dataset::edition_year;
///
/// assert_eq!(edition_year("MCS 2025"), Some(2025));
/// assert_eq!(edition_year("WMD 2024 (Vol. 39)"), Some(2024));
/// assert_eq!(edition_year("my-figures"), None);
/// ```
pub fn edition_year(label: &str) -> Option<i32> {
    let mut best = None;
    let mut run = String::new();
    for c in label.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            if run.len() == 4
                && let Ok(y) = run.parse::<i32>()
                && (1900..=2200).contains(&y)
            {
                best = Some(y);
            }
            run.clear();
        }
    }
    best
}

fn rank(label: &str) -> (Option<i32>, &str) {
    (edition_year(label), label)
}

/// The latest of some edition labels (see the module documentation), `None` when there is none.
///
/// # Example
///
/// ```
/// use critical_minerals::dataset::latest_edition;
///
/// assert_eq!(latest_edition(["MCS 2024", "MCS 2025", "WMD 2024"]), Some("MCS 2025"));
/// assert_eq!(latest_edition(Vec::<&str>::new()), None);
/// ```
pub fn latest_edition<'a>(labels: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    labels.into_iter().max_by(|a, b| rank(a).cmp(&rank(b)))
}

/// Sorts labels latest first.
pub(crate) fn sort_latest_first(labels: &mut [&str]) {
    labels.sort_by(|a, b| rank(b).cmp(&rank(a)));
}

/// One file a directory load read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileRead {
    /// The file's path.
    pub path: String,
    /// Its data rows.
    pub rows: usize,
}

/// What [`Dataset::load_dir`](super::Dataset::load_dir) read from a directory, and what it did
/// not.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct DirLoad {
    /// The data files read, with their rows.
    pub read: Vec<FileRead>,
    /// The other entries of the directory (not CSV files: notes, sub-directories), not read.
    pub not_read: Vec<String>,
}
