//! Policy rules with effective dates, evaluated as of a date.
//!
//! | item | what it is |
//! |---|---|
//! | [`crma`] | EU Critical Raw Materials Act, Regulation (EU) 2024/1252: the 2030 benchmarks (extraction 10 %, processing 40 %, recycling 25 %, at most 65 % from one third country) checked against localization figures |
//! | [`crma::CrmaRule`], [`StageLocalization`](crate::chain::localization::StageLocalization), [`crma::CrmaAssessment`] | the rule table, the per-stage input (from the chain's localization), the per-benchmark result |
//! | [`us_30d`] | US clean-vehicle credit, 26 U.S.C. §30D: critical-mineral and battery-component percentages by placed-in-service date, FEOC exclusions, termination for vehicles acquired after 2025-09-30 |
//! | [`us_30d::Us30dRule`], [`us_30d::Vehicle`], [`us_30d::VehicleAssessment`] | the rule table, the vehicle, the eligibility with reasons |
//! | [`us_45x`] | US advanced manufacturing production credit, 26 U.S.C. §45X: battery cells $35/kWh, modules $10/kWh, phase-down after 2029, cost-based components, cell conditions |
//! | [`us_45x::Us45xRule`], [`us_45x::Credit45x`], [`us_45x::CellCheck`] | the rule table, a computed credit, the cell-condition checks |
//! | [`Citation`](crate::provenance::Citation), [`Confidence`](crate::provenance::Confidence) | a [`Source`](crate::provenance::Source) with how sure the embedded figure is (\[P\] primary, \[S\] secondary, \[D\] derived, \[U\] unconfirmed) |
//! | [`Error`] | every way an evaluation can refuse its input |
//!
//! Dates are [`chrono::NaiveDate`] (calendar days, no time zone): the statutes and regulations
//! are written in calendar days. A date before a rule existed is an error
//! ([`ErrorKind::NotInForce`](crate::ErrorKind::NotInForce)), never a silent default.
//!
//! Dollar amounts are plain `f64` fields whose names carry the unit (`credit_usd`,
//! `usd_per_kwh`); they are nominal US dollars, as the statutes state them. Wrap one in
//! [`crate::money::Money`] (`Money::new(credit_usd, Currency::USD)`) to add it to other amounts
//! with currency and price-year checks.
//!
//! Shares are fractions in `0..=1` (0.65 is 65 %), never percent.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use critical_minerals::chain::Stage;
//! use critical_minerals::chain::localization::StageLocalization;
//! use critical_minerals::geo::{BuiltinRegion, Country};
//! use critical_minerals::policy::crma::CrmaRule;
//!
//! let rule = CrmaRule::regulation_2024_1252();
//! let eu = BuiltinRegion::Eu27.region()?;
//! // refining: 20 % of EU consumption refined in the EU, 70 % from China
//! let refining = StageLocalization::new(Stage::Refining, &eu, 0.20, Some((Country::from_code("CN")?, 0.70)))?;
//! let check = rule.evaluate(NaiveDate::from_ymd_opt(2025, 6, 1).ok_or("date")?, &[refining])?;
//! assert!(!check.all_met());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use crate::Error;

pub mod crma;
pub mod us_30d;
pub mod us_45x;

/// A calendar date from literals, usable in `const`. An impossible date gives
/// [`NaiveDate::MIN`]; the unit test `embedded_dates_are_real` checks no constant is one.
pub(crate) const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

/// Checks a share in `0..=1`.
pub(crate) fn check_share(what: impl FnOnce() -> String, value: f64) -> Result<f64, Error> {
    crate::validate::fraction(what, value)
}

/// Checks a finite non-negative quantity.
pub(crate) fn check_quantity(what: impl FnOnce() -> String, value: f64) -> Result<f64, Error> {
    crate::validate::non_negative(what, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dates_are_real() {
        let all = [
            crma::IN_FORCE,
            crma::PROPOSAL_DATE,
            us_30d::SOURCING_FROM,
            us_30d::LAST_ACQUISITION_DAY,
            us_30d::FEOC_COMPONENTS_AFTER,
            us_30d::FEOC_MINERALS_AFTER,
            us_30d::GRAPHITE_TRANSITION_UNTIL,
            us_45x::FOREIGN_ENTITY_TAX_YEARS_AFTER,
        ];
        for d in all {
            assert_ne!(d, NaiveDate::MIN);
        }
        assert_eq!(ymd(2023, 2, 30), NaiveDate::MIN);
    }

    #[test]
    fn checks_reject_bad_numbers() {
        assert!(check_share(|| "s".into(), f64::NAN).is_err());
        assert!(check_share(|| "s".into(), -0.1).is_err());
        assert!(check_share(|| "s".into(), 1.1).is_err());
        assert_eq!(check_share(|| "s".into(), 1.0), Ok(1.0));
        assert!(check_quantity(|| "q".into(), f64::INFINITY).is_err());
        assert!(check_quantity(|| "q".into(), -1.0).is_err());
    }
}
