//! Policy rules with effective dates.

/// Errors of policy evaluation. Each message names the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// A date before the rule existed.
    #[error("rule {rule} did not exist on {date}")]
    BeforeRule {
        /// The rule.
        rule: String,
        /// The date asked about.
        date: chrono::NaiveDate,
    },
}
