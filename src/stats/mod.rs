//! Statistics of a set of parties: shares of a total, concentration, growth and their uncertainty.
//!
//! | calculator | answers | output scale |
//! |---|---|---|
//! | [`share`] | who holds what part of a total; top-n, rank, regrouping into regions | fractions summing to 1, with an explicit unallocated remainder |
//! | [`growth`] | CAGR, projections, implied rate of a multiple, percent change, doubling time | fraction per year |
//! | [`concentration`] | HHI, CR-n, effective number, entropy, merger ΔHHI | HHI as a fraction (0–1) *and* in points (0–10,000), as one type |
//! | [`guideline`] | the band of an HHI and the verdict on a merger under the US 2023, US 2010 and EU 2004 guidelines, with their wording | bands and verdicts |
//! | [`uncertainty`] | ranges through shares and growth, Monte Carlo percentiles for HHI and CR-n | bounds and percentiles on the calculators' scales |
//! | [`normal`] | the error function and the standard normal distribution (Cody 1969), for lifetime models | probabilities in [0, 1] |
//! | [`weight`] | what shares can be computed of: numbers, masses, amounts on one basis, money in one currency | — |

pub mod concentration;
pub mod growth;
pub mod guideline;
pub mod normal;
pub mod share;
pub mod uncertainty;
pub mod weight;
