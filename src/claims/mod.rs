//! Claims stated by market reports and articles, and the audit that checks them against each
//! other and against data.
//!
//! | module | holds |
//! |---|---|
//! | [`audit`] | findings on a set of market-report claims: shares, CAGRs, sizes, region lists |

pub mod audit;
