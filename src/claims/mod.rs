//! Claims: figures that market reports and articles state, held in one model, checked against
//! each other (the audit) and against data (the recomputation), by one set of rules.
//!
//! | item | what it is | file |
//! |---|---|---|
//! | [`Claim`], [`ClaimFigure`], [`ClaimKind`], [`Stated`], [`Bound`], [`ClaimUnit`], [`SizeUnit`] | a claim: id, subject and market, [`Place`](crate::geo::Place), period, the figure as written, source | `claim.rs` |
//! | [`Tolerances`] | the one rule set: what "exact", "about", "at least", "at most" and a range allow, and when figures agree | `rules.rs` |
//! | [`ClaimSet`] | claims with unique ids and the tolerances they are judged by | `set.rs` |
//! | [`audit()`], [`Finding`], [`FindingKind`], [`Implication`] | contradictions among claims: share sums, nested and overlapping regions, repeated figures, CAGRs against each other and against sizes, country lists | `audit/` (one file per family: shares, growth, sizes, countries) |
//! | [`recompute()`], [`ClaimCheck`], [`Recomputed`], [`CheckOutcome`], [`Evidence`], [`Measured`], [`MineOutput`] | claims restated (implied rates, multiples, back-projections) and checked against data (prices, mine output) | `recompute.rs` |
//!
//! The built-in dataset loads `claims.csv` into [`Claim`]s
//! ([`Dataset::claims`](crate::dataset::Dataset::claims)); the supply report shows the
//! recomputation of the claims about its mineral
//! ([`SupplyReport::claims`](crate::report::SupplyReport::claims)).
//!
//! # Examples
//!
//! ```
//! use critical_minerals::claims::{Claim, ClaimSet, FindingKind, SizeUnit, Stated, CheckOutcome};
//! use critical_minerals::money::{Currency, Scale};
//!
//! // one market report: two growth rates for one market over overlapping periods, and a size
//! let m = "secondary lithium batteries";
//! let set = ClaimSet::new(vec![
//!     Claim::cagr("g", m, Some(2025), 2032, Stated::exact(4.5)?)?.with_source("report"),
//!     Claim::cagr("g-2030", m, None, 2030, Stated::at_least(15.0)?)?.with_source("report"),
//!     Claim::total("size", m, 2030, Stated::about(150.0)?, SizeUnit::money(Currency::USD, Scale::Billion))?
//!         .with_source("report"),
//! ])?;
//! // the audit: the two rates contradict each other
//! let findings = set.audit();
//! assert_eq!(findings[0].kind(), FindingKind::CagrsDisagree);
//! // the recomputation, by the same rule
//! let checks = set.recompute(&())?;
//! assert_eq!(checks[0].outcome, CheckOutcome::Inconsistent);
//! // USD 150 billion in 2030 at 4.5 %/yr is USD 120.4 billion in 2025
//! assert_eq!((checks[2].recomputed[0].value.low() * 10.0).round() / 10.0, 120.4);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod audit;
mod claim;
mod recompute;
mod rules;
mod set;

pub use audit::{Finding, FindingKind, Implication, audit};
pub(crate) use claim::Invalid;
pub use claim::{Bound, Claim, ClaimFigure, ClaimKind, ClaimUnit, SizeUnit, Stated};
pub use recompute::{CheckOutcome, ClaimCheck, Evidence, Measured, MineOutput, Recomputed, recompute};
pub use rules::Tolerances;
pub use set::ClaimSet;
