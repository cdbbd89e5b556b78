//! Trade: HS codes and bilateral trade flows.

/// Errors of the trade model. Each message names the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TradeError {
    /// An HS code that is not six digits.
    #[error("bad HS code {input:?}: {reason}")]
    BadHsCode {
        /// The code given.
        input: String,
        /// What is wrong.
        reason: String,
    },
}
