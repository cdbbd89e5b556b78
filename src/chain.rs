//! The supply chain: stages, processes, facilities and companies.

/// Errors of the chain model. Each message names the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ChainError {
    /// A recovery or yield outside (0, 1].
    #[error("{what} is {value}, expected a fraction above 0 and at most 1")]
    BadRecovery {
        /// What the value is.
        what: String,
        /// The value.
        value: f64,
    },
}
