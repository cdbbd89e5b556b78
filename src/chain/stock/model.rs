//! Dynamic stock models: inflow-driven (stock and outflow from inflow) and stock-driven (inflow
//! and outflow needed for a target stock), by cohort, with the mass balance checked every year.
//!
//! # Formulas
//!
//! With `i_c` the inflow of year `c`, `sf(t, c)` the [`SurvivalTable`] and years `t ≥ c`:
//!
//! ```text
//! stock by cohort      s(t, c) = i_c · w_c(t) · sf(t, c)        (w = 1 unless corrected, below)
//! outflow by cohort    o(c, c) = i_c − s(c, c),  o(t, c) = s(t − 1, c) − s(t, c) for t > c
//! stock, outflow       S_t = Σ_c s(t, c),  O_t = Σ_c o(t, c)
//! stock-driven inflow  i_t = (S*_t − Σ_{c<t} s(t, c)) / sf(t, t)     for a target stock S*_t
//! mass balance         i_t − O_t − (S_t − S_{t−1}) = 0,  S_{t₀−1} = 0
//! ```
//!
//! **Negative inflow in the stock-driven model.** When the cohorts already in use hold more
//! than the target (`S*_t < Σ_{c<t} s(t, c)`), the inflow needed would be negative. The model
//! sets the inflow to 0 and retires the surplus `Δ` early, from every cohort in proportion to
//! what it holds: each is scaled by `1 − Δ / Σ_{c<t} s(t, c)` from year `t` on (`w_c` above),
//! and `Δ` joins year `t`'s outflow. The stock is then exactly the target, never above it, and
//! the year is listed in [`DynamicStockModel::corrections`]. (ODYM's flag for this case has been
//! reported to raise the stock instead, ODYM issue #10.)
//!
//! **Mass balance.** Every year is checked: `|i_t − O_t − ΔS_t| ≤ 10⁻⁹ · max(i_t, O_t, S_t,
//! S_{t−1})`, a tolerance relative to the flows and stocks of that year
//! ([`BALANCE_RELATIVE_TOLERANCE`]), so it means the same for tonnes of lithium as for millions
//! of vehicles. A failure is an [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent)
//! naming the year, the terms and the gap.
//!
//! # Sources
//!
//! The cohort bookkeeping is ODYM's (`IndEcol/ODYM`, `dynamic_stock_model.py`:
//! `compute_s_c_inflow_driven`, `compute_o_c_from_s_c`, `compute_stock_driven_model`), with
//! flodym's mid-year inflow as an option ([`InflowTiming`]). Both tools
//! work on bare numbers; here every series carries its [`StockUnit`].
//!
//! # Worked example (ODYM's test values)
//!
//! Inflow 1, 2, …, 10 in years 0–9 with a fixed lifetime of 5 years and inflow at the grid
//! point: the stock is 1, 3, 6, 10, 15, 20, 25, …, 40 and the outflow 0, 0, 0, 0, 0, 1, 2, …, 5.
//!
//! ```
//! use critical_minerals::chain::stock::{DynamicStockModel, Flows, InflowTiming, Lifetime, SurvivalTable};
//!
//! let table = SurvivalTable::new(0, 10, Lifetime::fixed(5.0)?, InflowTiming::AtGridPoint)?;
//! let inflow = Flows::items(0, "units", &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0])?;
//! let m = DynamicStockModel::inflow_driven(&table, &inflow)?;
//! assert_eq!(m.stock().values(), &[1.0, 3.0, 6.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0]);
//! assert_eq!(m.outflow().values(), &[0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
//!
//! // the stock-driven model recovers the inflow from the stock
//! let back = DynamicStockModel::stock_driven(&table, &m.stock())?;
//! assert_eq!(back.inflow().values(), inflow.values());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{Flows, InflowTiming, StockUnit, Stocks, SurvivalTable};
use crate::Error;
use crate::error::Detail;

/// The relative tolerance of the yearly mass balance: `10⁻⁹` of the largest of that year's
/// inflow, outflow and stocks.
pub const BALANCE_RELATIVE_TOLERANCE: f64 = 1e-9;

/// Which series drove the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Driver {
    /// Inflow given; stock and outflow computed.
    InflowDriven,
    /// Stock given; inflow and outflow computed.
    StockDriven,
}

/// A year in which the stock-driven model would have needed a negative inflow: the inflow was
/// set to 0 and the surplus retired early from the cohorts in use.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct InflowCorrection {
    /// The year.
    pub year: i32,
    /// The inflow the target stock would have needed (negative), in the model's flow unit.
    pub required_inflow: f64,
    /// The stock retired early in that year (`−required_inflow`), added to the outflow.
    pub retired_early: f64,
}

/// One year of a model: flows in the unit per year, stocks at year-end.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StockRow {
    /// The year.
    pub year: i32,
    /// Inflow in the year.
    pub inflow_per_yr: f64,
    /// Outflow (retirements) in the year.
    pub outflow_per_yr: f64,
    /// Stock in use at the end of the year.
    pub stock: f64,
    /// Stock minus the previous year's stock (the first year's previous stock is 0).
    pub stock_change: f64,
}

/// The result of a dynamic stock model: inflow, outflow and stock per year, and both by cohort,
/// on one [`StockUnit`], with the mass balance checked every year.
///
/// Serialized tidy: `{"unit": {..}, "inflow_timing": "mid-year", "driver": "inflow-driven",
/// "rows": [{"year", "inflow_per_yr", "outflow_per_yr", "stock", "stock_change"}, ..],
/// "corrections": [..]}`; the cohort tables are not serialized.
///
/// # Examples
///
/// flodym's mid-year convention (`howtos/06_stocks`): inflow 0.1 a year from 2000 to 2010,
/// normal lifetime 10 ± 3 years.
///
/// ```
/// use critical_minerals::chain::stock::{DynamicStockModel, Flows, InflowTiming, Lifetime, SurvivalTable};
///
/// let table = SurvivalTable::new(2000, 11, Lifetime::normal(10.0, 3.0)?, InflowTiming::MidYear)?;
/// let m = DynamicStockModel::inflow_driven(&table, &Flows::items(2000, "vehicles", &[0.1; 11])?)?;
/// assert!((m.stock().get(2000).ok_or("none")? - 0.099_922_9).abs() < 1e-7);
/// assert!((m.stock().get(2010).ok_or("none")? - 0.924_286_38).abs() < 1e-8);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(into = "ModelWire")]
pub struct DynamicStockModel {
    unit: StockUnit,
    first_year: i32,
    timing: InflowTiming,
    driver: Driver,
    inflow: Vec<f64>,
    outflow: Vec<f64>,
    stock: Vec<f64>,
    /// `stock_by_cohort[t][c]` for `c ≤ t`.
    stock_by_cohort: Vec<Vec<f64>>,
    /// `outflow_by_cohort[t][c]` for `c ≤ t`.
    outflow_by_cohort: Vec<Vec<f64>>,
    corrections: Vec<InflowCorrection>,
}

#[derive(Serialize)]
struct ModelWire {
    unit: StockUnit,
    inflow_timing: InflowTiming,
    driver: Driver,
    rows: Vec<StockRow>,
    corrections: Vec<InflowCorrection>,
}

impl From<DynamicStockModel> for ModelWire {
    fn from(m: DynamicStockModel) -> ModelWire {
        ModelWire {
            rows: m.rows(),
            unit: m.unit,
            inflow_timing: m.timing,
            driver: m.driver,
            corrections: m.corrections,
        }
    }
}

fn check_grid(table: &SurvivalTable, first_year: i32, years: usize) -> Result<(), Error> {
    if table.first_year() != first_year || table.years() < years {
        return Err(Detail::GridTooShort {
            grid_first: table.first_year(),
            grid_last: table.last_year(),
            model_first: first_year,
            model_last: first_year + (years as i32 - 1),
        }
        .into());
    }
    Ok(())
}

impl DynamicStockModel {
    /// Stock and outflow, by cohort, from the inflow of each year.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) when the table does not start in
    ///   the inflow's first year or is shorter than the inflow;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when a year's mass balance
    ///   does not close (a bug: the construction closes it), or
    ///   [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) when a value overflows.
    ///
    /// A negative inflow cannot reach this function: [`Flows`] refuses it, naming the year.
    pub fn inflow_driven(table: &SurvivalTable, inflow: &Flows) -> Result<DynamicStockModel, Error> {
        let n = inflow.len();
        check_grid(table, inflow.first_year(), n)?;
        let i = inflow.values();
        let mut s_c = Vec::with_capacity(n);
        for t in 0..n {
            s_c.push((0..=t).map(|c| i[c] * table.sf(t, c)).collect::<Vec<f64>>());
        }
        DynamicStockModel::finish(
            inflow.unit().clone(),
            inflow.first_year(),
            table.timing(),
            Driver::InflowDriven,
            i.to_vec(),
            s_c,
            Vec::new(),
        )
    }

    /// Inflow and outflow, by cohort, that keep the stock at the target of each year, with
    /// negative inflows replaced by early retirement (see the [module docs](self)).
    ///
    /// # Errors
    ///
    /// - As [`DynamicStockModel::inflow_driven`] for the table and the balance;
    /// - [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when a year needs inflow
    ///   but its cohort would be retired entirely within the year (`sf(t, t) = 0`, e.g. a fixed
    ///   lifetime of 0), so no inflow can hold the stock.
    pub fn stock_driven(table: &SurvivalTable, stock: &Stocks) -> Result<DynamicStockModel, Error> {
        let n = stock.len();
        let first = stock.first_year();
        check_grid(table, first, n)?;
        let target = stock.values();
        let mut inflow = vec![0.0; n];
        // scale of each cohort after early retirements
        let mut w = vec![1.0; n];
        let mut s_c: Vec<Vec<f64>> = Vec::with_capacity(n);
        let mut corrections = Vec::new();
        for t in 0..n {
            let mut row: Vec<f64> = (0..t).map(|c| inflow[c] * w[c] * table.sf(t, c)).collect();
            let existing: f64 = row.iter().sum();
            let need = target[t] - existing;
            let scale = target[t].max(existing);
            let sf_tt = table.sf(t, t);
            if need >= 0.0 || -need <= BALANCE_RELATIVE_TOLERANCE * 1e-3 * scale {
                let need = clamp_rounding(need);
                if sf_tt > 0.0 {
                    inflow[t] = need / sf_tt;
                } else if need > BALANCE_RELATIVE_TOLERANCE * 1e-3 * scale {
                    return Err(Detail::CannotHoldStock {
                        year: first + t as i32,
                        needed: need,
                        unit: stock.unit().stock_label(),
                        lifetime: table.lifetime(first + t as i32).map(|l| l.to_string()).unwrap_or_default(),
                    }
                    .into());
                }
            } else {
                // more in use than the target: no inflow, retire the surplus early
                let keep = target[t] / existing;
                for (c, v) in row.iter_mut().enumerate() {
                    *v *= keep;
                    w[c] *= keep;
                }
                corrections.push(InflowCorrection {
                    year: first + t as i32,
                    required_inflow: need,
                    retired_early: -need,
                });
            }
            row.push(inflow[t] * table.sf(t, t));
            s_c.push(row);
        }
        DynamicStockModel::finish(
            stock.unit().clone(),
            first,
            table.timing(),
            Driver::StockDriven,
            inflow,
            s_c,
            corrections,
        )
    }

    fn finish(
        unit: StockUnit,
        first_year: i32,
        timing: InflowTiming,
        driver: Driver,
        inflow: Vec<f64>,
        stock_by_cohort: Vec<Vec<f64>>,
        corrections: Vec<InflowCorrection>,
    ) -> Result<DynamicStockModel, Error> {
        let n = inflow.len();
        let mut outflow_by_cohort: Vec<Vec<f64>> = Vec::with_capacity(n);
        for t in 0..n {
            let row = (0..=t)
                .map(|c| {
                    let before = if c == t { inflow[c] } else { stock_by_cohort[t - 1][c] };
                    before - stock_by_cohort[t][c]
                })
                .collect();
            outflow_by_cohort.push(row);
        }
        // sums of non-negative terms, or differences along a non-increasing survival curve:
        // negative only by rounding, held as 0 (the balance check below still sees the gap)
        let stock: Vec<f64> = stock_by_cohort.iter().map(|r| clamp_rounding(r.iter().sum::<f64>())).collect();
        let outflow: Vec<f64> = outflow_by_cohort.iter().map(|r| clamp_rounding(r.iter().sum::<f64>())).collect();
        let m = DynamicStockModel {
            unit,
            first_year,
            timing,
            driver,
            inflow,
            outflow,
            stock,
            stock_by_cohort,
            outflow_by_cohort,
            corrections,
        };
        m.check_balance()?;
        Ok(m)
    }

    /// Checks every year's mass balance (see [`BALANCE_RELATIVE_TOLERANCE`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotFinite`](crate::ErrorKind::NotFinite) for a non-finite value, and
    /// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) naming the first year whose
    /// balance does not close, its terms and the gap.
    pub fn check_balance(&self) -> Result<(), Error> {
        let mut prev = 0.0;
        for (t, ((&i, &o), &s)) in self.inflow.iter().zip(&self.outflow).zip(&self.stock).enumerate() {
            let year = self.first_year + t as i32;
            for (what, v) in [("inflow", i), ("outflow", o), ("stock", s)] {
                if !v.is_finite() {
                    return Err(
                        Detail::NotFinite { what: format!("{what} in {year} ({})", self.unit), value: v }.into()
                    );
                }
            }
            let gap = i - o - (s - prev);
            let tolerance = BALANCE_RELATIVE_TOLERANCE * i.abs().max(o.abs()).max(s.abs()).max(prev.abs());
            if gap.abs() > tolerance {
                return Err(Detail::StockBalance {
                    year,
                    unit: self.unit.stock_label(),
                    inflow: i,
                    outflow: o,
                    stock_change: s - prev,
                    gap,
                    tolerance,
                }
                .into());
            }
            prev = s;
        }
        Ok(())
    }

    /// The unit of the stocks (flows are per year).
    pub fn unit(&self) -> &StockUnit {
        &self.unit
    }

    /// The first year.
    pub fn first_year(&self) -> i32 {
        self.first_year
    }

    /// The last year.
    pub fn last_year(&self) -> i32 {
        self.first_year + (self.inflow.len() as i32 - 1)
    }

    /// When in the year inflow arrives.
    pub fn timing(&self) -> InflowTiming {
        self.timing
    }

    /// Which series drove the model.
    pub fn driver(&self) -> Driver {
        self.driver
    }

    /// Inflow per year (given, or computed by the stock-driven model).
    pub fn inflow(&self) -> Flows {
        Flows::computed(self.unit.clone(), self.first_year, self.inflow.clone())
    }

    /// Outflow (retirements) per year.
    pub fn outflow(&self) -> Flows {
        Flows::computed(self.unit.clone(), self.first_year, self.outflow.clone())
    }

    /// Stock in use at each year-end.
    pub fn stock(&self) -> Stocks {
        Stocks::computed(self.unit.clone(), self.first_year, self.stock.clone())
    }

    fn index(&self, year: i32) -> Option<usize> {
        let i = usize::try_from(i64::from(year) - i64::from(self.first_year)).ok()?;
        (i < self.inflow.len()).then_some(i)
    }

    /// Stock at the end of `year` of the cohort of `cohort_year`; `None` off the grid or before
    /// the cohort arrived.
    pub fn stock_by_cohort(&self, year: i32, cohort_year: i32) -> Option<f64> {
        let (t, c) = (self.index(year)?, self.index(cohort_year)?);
        self.stock_by_cohort.get(t)?.get(c).copied()
    }

    /// Outflow in `year` of the cohort of `cohort_year`; `None` off the grid or before the
    /// cohort arrived.
    pub fn outflow_by_cohort(&self, year: i32, cohort_year: i32) -> Option<f64> {
        let (t, c) = (self.index(year)?, self.index(cohort_year)?);
        self.outflow_by_cohort.get(t)?.get(c).copied()
    }

    /// The years in which a negative inflow was replaced by early retirement (stock-driven
    /// models only; empty otherwise).
    pub fn corrections(&self) -> &[InflowCorrection] {
        &self.corrections
    }

    /// One row per year: inflow, outflow, stock and stock change.
    pub fn rows(&self) -> Vec<StockRow> {
        let mut prev = 0.0;
        (0..self.inflow.len())
            .map(|t| {
                let row = StockRow {
                    year: self.first_year + t as i32,
                    inflow_per_yr: self.inflow[t],
                    outflow_per_yr: self.outflow[t],
                    stock: self.stock[t],
                    stock_change: self.stock[t] - prev,
                };
                prev = self.stock[t];
                row
            })
            .collect()
    }
}

/// A negative value (from rounding) as 0; NaN and positive values unchanged.
fn clamp_rounding(x: f64) -> f64 {
    if x < 0.0 { 0.0 } else { x }
}
