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
use crate::methods::geopolrisk::{Assessment, GeoPolRisk, Imports, WgiTable};
use crate::stats::concentration::{Hhi, hhi_of_weights};
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
}
