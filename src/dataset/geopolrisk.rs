//! The GeoPolRisk method on the embedded data: production HHI from the production table (World
//! Mining Data for most commodities) and political stability from the WGI table.
//!
//! `HHI_A = Σ_i (q_i / Σ_j q_j)²` over the country rows of the commodity's production stage in
//! the year (latest edition; `OTHER` rows and the world total left out), as geopolrisk-py
//! computes it from World Mining Data. The assessment itself is
//! [`GeoPolRisk::assess`](crate::methods::geopolrisk::GeoPolRisk::assess).
//! A worked example is on [`Dataset::geopolrisk`]: cobalt 2022, imports into Germany from
//! Congo (Kinshasa).

use super::{Commodity, Dataset, Measure};
use crate::Error;
use crate::error::Detail;
use crate::geo::{Country, Place};
use std::ops::RangeInclusive;

use crate::methods::geopolrisk::{
    Assessment, GeoPolRisk, Imports, RangedAssessment, RangedSupplier, WgiTable, assess_ranges, instability_bounds,
};
use crate::provenance::Estimate;
use crate::stats::concentration::{Hhi, hhi_of_weights};
use crate::stats::uncertainty::MonteCarlo;
use crate::units::Mass;

impl Dataset {
    /// The production HHI (a fraction) of a commodity in a year: the country rows of its
    /// production stage, latest edition.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Missing`](crate::ErrorKind::Missing) naming the commodity and year when the
    /// data has no country row with a value; as
    /// [`hhi_of_weights`] for rows that sum to zero.
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::dataset::{Commodity, Dataset};
    ///
    /// let data = Dataset::builtin()?;
    /// let hhi = data.production_hhi(Commodity::COBALT, 2022)?; // World Mining Data 2024
    /// assert!(hhi.fraction() > 0.45); // Congo (Kinshasa) mines most of the world's cobalt
    /// assert!(data.production_hhi(Commodity::COBALT, 1990).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn production_hhi(&self, commodity: Commodity, year: i32) -> Result<Hhi, Error> {
        let rows = self.production(commodity, commodity.production_stage(), year, Measure::Production);
        let values: Vec<f64> = rows
            .iter()
            .filter(|r| matches!(r.area, Place::Country(_)))
            .filter_map(|r| r.value.as_ref().map(crate::material::Amount::in_tonnes))
            .collect();
        if values.is_empty() {
            return Err(Detail::Absent { what: format!("production by country of {commodity} in {year}") }.into());
        }
        hhi_of_weights(values)
    }

    /// The WGI political-stability estimates of every country in a year, as the GeoPolRisk
    /// method reads them (latest edition; economies that are not countries left out).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Missing`](crate::ErrorKind::Missing) naming the year when the data holds no
    /// estimate for it, with the years it holds.
    pub fn wgi_table(&self, year: i32) -> Result<WgiTable, Error> {
        let mut table = WgiTable::new();
        let mut countries: Vec<Country> =
            self.political_stability.iter().filter(|r| r.year == year).filter_map(|r| r.economy.country()).collect();
        countries.sort_unstable();
        countries.dedup();
        for c in countries {
            if let Some(r) = self.political_stability(c.into(), year) {
                table.insert(c, year, r.estimate)?;
            }
        }
        if !table.has_year(year) {
            let mut years: Vec<i32> = self.political_stability.iter().map(|r| r.year).collect();
            years.sort_unstable();
            years.dedup();
            let available = match (years.first(), years.last()) {
                (Some(a), Some(b)) => format!("{a}–{b}"),
                _ => "none".to_string(),
            };
            return Err(Detail::MissingWgiYear { year, available }.into());
        }
        Ok(table)
    }

    /// The GeoPolRisk assessment of an importer's supply of a commodity in a year, with the
    /// production HHI ([`Dataset::production_hhi`]) and the political stability
    /// ([`Dataset::wgi_table`]) taken from the data; the imports and domestic production are
    /// the caller's.
    ///
    /// # Errors
    ///
    /// As [`Dataset::production_hhi`], [`Dataset::wgi_table`] and
    /// [`GeoPolRisk::assess`](crate::methods::geopolrisk::GeoPolRisk::assess).
    ///
    /// # Example
    ///
    /// ```
    /// use critical_minerals::dataset::{Commodity, Dataset};
    /// use critical_minerals::geo::Country;
    /// use critical_minerals::methods::geopolrisk::{ImportFlow, Imports};
    /// use critical_minerals::trade::HsCode;
    /// use critical_minerals::units::Mass;
    /// use uom::si::mass::ton;
    ///
    /// let data = Dataset::builtin()?;
    /// let hs = [HsCode::parse("282200")?];
    /// let cd = Country::from_code("CD")?;
    /// let flows = [ImportFlow { supplier: cd, hs: hs[0], quantity: Mass::new::<ton>(1_000.0), value: None }];
    /// let de = Country::from_code("DE")?;
    /// let a = data.geopolrisk(Commodity::COBALT, 2022, &[de], Mass::new::<ton>(0.0), Imports::new(&hs, &flows)?)?;
    /// assert!(a.score > 0.0 && a.score <= a.hhi);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn geopolrisk(
        &self,
        commodity: Commodity,
        year: i32,
        importer: &[Country],
        domestic_production: Mass,
        imports: Imports,
    ) -> Result<Assessment, Error> {
        let hhi = self.production_hhi(commodity, year)?;
        let wgi = self.wgi_table(year)?;
        GeoPolRisk::new(importer, year, hhi, domestic_production, imports).assess(&wgi)
    }

    /// The GeoPolRisk score (and, with a price, the characterization factor) as ranges over a
    /// window of years: the production HHI ranges over its values in the years, and each
    /// supplier's WGI estimate over its estimates in the years (through
    /// [`instability_bounds`]); imports, domestic production and price are the caller's
    /// ranges. A supplier that is a member of the importing unit gets `g = 0`; one without an
    /// estimate in some year of the window gets the method's 0.5 for that year, so 0.5 joins its
    /// range, and it is listed in [`RangedAssessment::missing_wgi`]. The bounds are exact
    /// ([`assess_ranges`]); they contain the point assessment of every year of the window with
    /// imports inside their ranges.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`](crate::ErrorKind::Empty) for an empty window or importing unit;
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for a supplier named twice; as
    /// [`Dataset::production_hhi`] and [`Dataset::wgi_table`] for each year of the window, and as
    /// [`assess_ranges`].
    ///
    /// # Examples
    ///
    /// ```
    /// use critical_minerals::dataset::{Commodity, Dataset};
    /// use critical_minerals::geo::Country;
    /// use critical_minerals::provenance::Estimate;
    ///
    /// let data = Dataset::builtin()?;
    /// let de = Country::from_code("DE")?;
    /// // Germany's cobalt imports, tonnes, known to ±10 %
    /// let imports = [
    ///     (Country::from_code("CD")?, Estimate::range(1_350.0, 1_650.0)?),
    ///     (Country::from_code("FI")?, Estimate::range(360.0, 440.0)?),
    /// ];
    /// let r = data.geopolrisk_over_years(Commodity::COBALT, 2018..=2022, &[de], Estimate::point(0.0)?, &imports, None, None)?;
    /// let one_year = data.geopolrisk_over_years(Commodity::COBALT, 2022..=2022, &[de], Estimate::point(0.0)?, &imports, None, None)?;
    /// assert!(r.score.low() <= one_year.score.low() && one_year.score.high() <= r.score.high());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn geopolrisk_over_years(
        &self,
        commodity: Commodity,
        years: RangeInclusive<i32>,
        importer: &[Country],
        domestic_t: Estimate,
        imports_t: &[(Country, Estimate)],
        price_usd_per_kg: Option<Estimate>,
        monte_carlo: Option<&MonteCarlo>,
    ) -> Result<RangedAssessment, Error> {
        if years.is_empty() {
            return Err(Detail::Empty {
                what: format!("GeoPolRisk window of years {}–{}", years.start(), years.end()),
            }
            .into());
        }
        if importer.is_empty() {
            return Err(Detail::Empty { what: "importing unit of GeoPolRisk".into() }.into());
        }
        for (i, (c, _)) in imports_t.iter().enumerate() {
            if imports_t[..i].iter().any(|(d, _)| d == c) {
                return Err(Detail::DuplicateKey { what: "GeoPolRisk suppliers".into(), key: c.to_string() }.into());
            }
        }
        let mut hhi: Option<(f64, f64)> = None;
        let mut tables = Vec::new();
        for year in years.clone() {
            let h = self.production_hhi(commodity, year)?.fraction();
            hhi = Some(hhi.map_or((h, h), |(lo, hi)| (lo.min(h), hi.max(h))));
            tables.push(self.wgi_table(year)?);
        }
        let hhi = hhi.map_or(Estimate::point(0.0), |(lo, hi)| Estimate::range(lo, hi))?;
        let mut missing = Vec::new();
        let mut suppliers = Vec::with_capacity(imports_t.len());
        for &(c, q) in imports_t {
            let instability = if importer.contains(&c) {
                Estimate::point(0.0)?
            } else {
                let w: Vec<f64> = years.clone().zip(&tables).filter_map(|(y, t)| t.estimate(c, y)).collect();
                let g = match (w.iter().copied().reduce(f64::min), w.iter().copied().reduce(f64::max)) {
                    (Some(lo), Some(hi)) => instability_bounds(Estimate::range(lo, hi)?)?,
                    _ => Estimate::point(0.5)?,
                };
                if w.len() < tables.len() {
                    // a year without an estimate is assessed at the method's 0.5
                    missing.push(c);
                    Estimate::range(g.low().min(0.5), g.high().max(0.5))?
                } else {
                    g
                }
            };
            suppliers.push(RangedSupplier { imports_t: q, instability });
        }
        let mut r = assess_ranges(hhi, domestic_t, &suppliers, price_usd_per_kg, monte_carlo)?;
        r.missing_wgi = missing;
        Ok(r)
    }
}
