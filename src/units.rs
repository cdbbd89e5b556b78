//! Unit-safe physical quantities (re-exported from [`uom`], `f64`, SI) and the units the trade of
//! this field uses that `uom` lacks: kilotonne, megatonne, tonne and kilotonne per year, and
//! gigawatt-hour per year.
//!
//! The metric tonne is `uom`'s [`mass::ton`] (symbol `t`). A year here is `uom`'s
//! [`time::year`]: 365 days, so `1 t/yr` = 1000 kg / 31 536 000 s.
//!
//! Quantities carry no content basis: a [`Mass`] of lithium carbonate and a [`Mass`] of contained
//! lithium have the same type. Use [`crate::material::Amount`] for tonnages of a material, which
//! pairs a mass with its [`crate::material::Basis`].
//!
//! # Example
//!
//! ```
//! use critical_minerals::units::{self, kilotonnes, tonnes};
//!
//! let australia = tonnes(88_000.0);
//! assert_eq!(australia, kilotonnes(88.0));
//! assert_eq!(units::display_mass(australia), "88 kt");
//! assert_eq!(units::display_mass(tonnes(380.0)), "380 t");
//! ```

pub use uom::si::f64::{ElectricCharge, Energy, Mass, MassRate, Power, Ratio, Time};
pub use uom::si::{electric_charge, energy, mass, mass_rate, power, ratio, time};

/// Seconds in `uom`'s year (365 days), the year used by every per-year unit here.
pub const SECONDS_PER_YEAR: f64 = 365.0 * 86_400.0;

/// Mass units `uom` lacks: kilotonne (`kt`) and megatonne (`Mt`).
pub mod mass_ext {
    unit! {
        system: uom::si;
        quantity: uom::si::mass;

        /// Kilotonne, 10^6 kg (`kt`).
        @kilotonne: 1.0E6; "kt", "kilotonne", "kilotonnes";
        /// Megatonne, 10^9 kg (`Mt`).
        @megatonne: 1.0E9; "Mt", "megatonne", "megatonnes";
    }
}

/// Mass-rate units `uom` lacks: tonne, kilotonne and megatonne per (365-day) year.
pub mod mass_rate_ext {
    unit! {
        system: uom::si;
        quantity: uom::si::mass_rate;

        /// Tonne per year (`t/yr`).
        @tonne_per_year: 1.0E3 / 31_536_000.0; "t/yr", "tonne per year", "tonnes per year";
        /// Kilotonne per year (`kt/yr`).
        @kilotonne_per_year: 1.0E6 / 31_536_000.0; "kt/yr", "kilotonne per year", "kilotonnes per year";
        /// Megatonne per year (`Mt/yr`).
        @megatonne_per_year: 1.0E9 / 31_536_000.0; "Mt/yr", "megatonne per year", "megatonnes per year";
    }
}

/// Power units used for production capacity of cell plants: gigawatt-hour per (365-day) year.
pub mod power_ext {
    unit! {
        system: uom::si;
        quantity: uom::si::power;

        /// Gigawatt-hour per year (`GWh/yr`), the unit cell-plant capacity is quoted in.
        @gigawatt_hour_per_year: 3.6E12 / 31_536_000.0; "GWh/yr", "gigawatt-hour per year", "gigawatt-hours per year";
    }
}

/// A mass in metric tonnes.
pub fn tonnes(t: f64) -> Mass {
    Mass::new::<mass::ton>(t)
}

/// A mass in kilotonnes.
pub fn kilotonnes(kt: f64) -> Mass {
    Mass::new::<mass_ext::kilotonne>(kt)
}

/// A mass in megatonnes.
pub fn megatonnes(mt: f64) -> Mass {
    Mass::new::<mass_ext::megatonne>(mt)
}

/// A mass rate in tonnes per year.
pub fn tonnes_per_year(t: f64) -> MassRate {
    MassRate::new::<mass_rate_ext::tonne_per_year>(t)
}

/// A mass rate in kilotonnes per year.
pub fn kilotonnes_per_year(kt: f64) -> MassRate {
    MassRate::new::<mass_rate_ext::kilotonne_per_year>(kt)
}

/// An energy in gigawatt-hours.
pub fn gigawatt_hours(gwh: f64) -> Energy {
    Energy::new::<energy::gigawatt_hour>(gwh)
}

/// An energy in kilowatt-hours.
pub fn kilowatt_hours(kwh: f64) -> Energy {
    Energy::new::<energy::kilowatt_hour>(kwh)
}

/// A production capacity in gigawatt-hours per year (cell plants).
pub fn gigawatt_hours_per_year(gwh: f64) -> Power {
    Power::new::<power_ext::gigawatt_hour_per_year>(gwh)
}

/// An electric charge in ampere-hours.
pub fn ampere_hours(ah: f64) -> ElectricCharge {
    ElectricCharge::new::<electric_charge::ampere_hour>(ah)
}

/// A ratio given in percent (`percent(6.0)` is 0.06).
pub fn percent(p: f64) -> Ratio {
    Ratio::new::<ratio::percent>(p)
}

/// A ratio given as a fraction (`fraction(0.06)` is 6 %).
pub fn fraction(f: f64) -> Ratio {
    Ratio::new::<ratio::ratio>(f)
}

/// The mass in metric tonnes.
pub fn as_tonnes(m: Mass) -> f64 {
    m.get::<mass::ton>()
}

/// The mass rate in tonnes per year.
pub fn as_tonnes_per_year(r: MassRate) -> f64 {
    r.get::<mass_rate_ext::tonne_per_year>()
}

/// The power in gigawatt-hours per year.
pub fn as_gigawatt_hours_per_year(p: Power) -> f64 {
    p.get::<power_ext::gigawatt_hour_per_year>()
}

/// Formats a mass with the largest of `t`, `kt`, `Mt` that keeps the number at or above 1, and
/// at most three significant decimals (`88 kt`, `1.27 Mt`, `380 t`).
pub fn display_mass(m: Mass) -> String {
    let t = as_tonnes(m);
    let a = t.abs();
    if a >= 1.0e6 {
        format!("{} Mt", crate::fmt::trim(t / 1.0e6, 3))
    } else if a >= 1.0e3 {
        format!("{} kt", crate::fmt::trim(t / 1.0e3, 3))
    } else {
        format!("{} t", crate::fmt::trim(t, 3))
    }
}

/// Formats a mass rate in `t/yr`, `kt/yr` or `Mt/yr`, chosen as in [`display_mass`].
pub fn display_mass_rate(r: MassRate) -> String {
    let t = as_tonnes_per_year(r);
    let a = t.abs();
    if a >= 1.0e6 {
        format!("{} Mt/yr", crate::fmt::trim(t / 1.0e6, 3))
    } else if a >= 1.0e3 {
        format!("{} kt/yr", crate::fmt::trim(t / 1.0e3, 3))
    } else {
        format!("{} t/yr", crate::fmt::trim(t, 3))
    }
}

/// Formats a power as `GWh/yr` (cell-plant capacity).
pub fn display_gwh_per_year(p: Power) -> String {
    format!("{} GWh/yr", crate::fmt::trim(as_gigawatt_hours_per_year(p), 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_units_have_the_right_size() {
        assert_eq!(kilotonnes(1.0).get::<mass::kilogram>(), 1.0e6);
        assert_eq!(megatonnes(1.0).get::<mass::ton>(), 1.0e6);
        let r = kilotonnes_per_year(31.536);
        assert!((r.get::<mass_rate::kilogram_per_second>() - 1.0).abs() < 1e-12);
        let p = gigawatt_hours_per_year(8.76);
        // 8.76 GWh over 365 days is 1 MW on average
        assert!((p.get::<power::megawatt>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn display_picks_a_readable_unit() {
        assert_eq!(display_mass(tonnes(1_270_000.0)), "1.27 Mt");
        assert_eq!(display_mass(tonnes(2_700.0)), "2.7 kt");
        assert_eq!(display_mass(tonnes(0.5)), "0.5 t");
        assert_eq!(display_mass_rate(tonnes_per_year(40_000.0)), "40 kt/yr");
        assert_eq!(display_gwh_per_year(gigawatt_hours_per_year(60.0)), "60 GWh/yr");
    }
}
