//! The embedded reference dataset and loaders for user data.

/// Errors of dataset loading. Each message names the file, row, column and value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DatasetError {
    /// A field that does not parse.
    #[error("{file}: row {row}, column {column:?}: bad value {value:?}: {reason}")]
    BadField {
        /// The file (or `<json>`).
        file: String,
        /// 1-based data row (the header is row 0).
        row: usize,
        /// The column name.
        column: String,
        /// The value found.
        value: String,
        /// What is wrong.
        reason: String,
    },
}
