//! Bilateral trade flows.

use serde::{Deserialize, Serialize};

use super::HsCode;
use crate::Error;
use crate::error::Detail;
use crate::geo::Economy;
use crate::material::Amount;
use crate::money::{Money, Price};
use crate::time::Period;

/// One bilateral trade flow: what `exporter` shipped to `importer` under `commodity` in
/// `period`, with its quantity and its value where reported.
///
/// - **The parties are economies**, as trade databases name them: usually countries, but also
///   historic entities, "nes" areas and customs unions ([`Economy`]); a
///   [`Country`](crate::geo::Country) converts into one. World is a total, never a party.
/// - **Missing is `None`, never zero.** Trade databases leave quantities out (confidential,
///   not collected, a unit that is not mass); a missing quantity is not a shipment of 0 t,
///   and sums over flows must say what they skipped.
/// - **The quantity has a basis.** Customs weigh gross product: 2836.91 in tonnes of lithium
///   carbonate ([`Basis::lce`](crate::material::Basis::lce)), 2530.90 in tonnes of
///   concentrate, not of lithium.
/// - **No self-trade.** A flow from an economy to itself is refused
///   ([`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent)). Databases do record re-imports with the reporter as its
///   own partner; a loader must route those explicitly rather than count them as bilateral
///   trade.
///
/// Serialized with every field (parties by [`Economy::label`]: alpha-3 for a country); a
/// missing quantity or value is `null`.
///
/// # Example
///
/// ```
/// use critical_minerals::geo::Country;
/// use critical_minerals::material::{Amount, Basis};
/// use critical_minerals::money::Money;
/// use critical_minerals::time::Period;
/// use critical_minerals::trade::{HsCode, TradeFlow};
///
/// let flow = TradeFlow::new(
///     Period::year(2023)?,
///     Country::from_code("CL")?,
///     Country::from_code("CN")?,
///     HsCode::LITHIUM_CARBONATE,
/// )?
/// .with_quantity(Amount::tonnes(5_000.0, Basis::lce())?)
/// .with_value(Money::parse("USD 70 million")?);
/// assert_eq!(flow.unit_value()?.amount_per_tonne(), 14_000.0);
///
/// let chile = Country::from_code("CHL")?;
/// assert!(TradeFlow::new(Period::year(2023)?, chile, chile, HsCode::LITHIUM_CARBONATE).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "FlowWire", into = "FlowWire")]
pub struct TradeFlow {
    period: Period,
    exporter: Economy,
    importer: Economy,
    commodity: HsCode,
    quantity: Option<Amount>,
    value: Option<Money>,
}

#[derive(Serialize, Deserialize)]
struct FlowWire {
    period: Period,
    exporter: Economy,
    importer: Economy,
    commodity: HsCode,
    #[serde(default)]
    quantity: Option<Amount>,
    #[serde(default)]
    value: Option<Money>,
}

impl TryFrom<FlowWire> for TradeFlow {
    type Error = Error;
    fn try_from(w: FlowWire) -> Result<Self, Self::Error> {
        let f = TradeFlow::new(w.period, w.exporter, w.importer, w.commodity)?;
        Ok(TradeFlow { quantity: w.quantity, value: w.value, ..f })
    }
}

impl From<TradeFlow> for FlowWire {
    fn from(f: TradeFlow) -> Self {
        FlowWire {
            period: f.period,
            exporter: f.exporter,
            importer: f.importer,
            commodity: f.commodity,
            quantity: f.quantity,
            value: f.value,
        }
    }
}

impl TradeFlow {
    /// A flow with neither quantity nor value yet (add them with [`TradeFlow::with_quantity`]
    /// and [`TradeFlow::with_value`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Inconsistent`](crate::ErrorKind::Inconsistent) when exporter and importer
    /// are the same economy, or either is World (a total, not a party).
    pub fn new(
        period: Period,
        exporter: impl Into<Economy>,
        importer: impl Into<Economy>,
        commodity: HsCode,
    ) -> Result<TradeFlow, Error> {
        let (exporter, importer) = (exporter.into(), importer.into());
        if exporter == importer {
            return Err(Detail::SelfTrade { country: format!("{exporter} ({})", exporter.label()) }.into());
        }
        for (e, what) in [(exporter, "exporter"), (importer, "importer")] {
            if e.is_world() {
                return Err(Detail::NotAParty {
                    what: format!("trade flow {commodity} {period}: {what}"),
                    economy: format!("{e} ({})", e.label()),
                    why: "a total over partners, not a party",
                }
                .into());
            }
        }
        Ok(TradeFlow { period, exporter, importer, commodity, quantity: None, value: None })
    }

    /// Sets the quantity.
    pub fn with_quantity(self, quantity: Amount) -> TradeFlow {
        TradeFlow { quantity: Some(quantity), ..self }
    }

    /// Sets the value.
    pub fn with_value(self, value: Money) -> TradeFlow {
        TradeFlow { value: Some(value), ..self }
    }

    /// The period.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The exporting economy.
    pub fn exporter(&self) -> Economy {
        self.exporter
    }

    /// The importing economy.
    pub fn importer(&self) -> Economy {
        self.importer
    }

    /// The HS subheading.
    pub fn commodity(&self) -> HsCode {
        self.commodity
    }

    /// The quantity, if reported.
    pub fn quantity(&self) -> Option<&Amount> {
        self.quantity.as_ref()
    }

    /// The value, if reported.
    pub fn value(&self) -> Option<&Money> {
        self.value.as_ref()
    }

    /// The unit value: value / quantity, a price per tonne on the quantity's basis.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Missing`](crate::ErrorKind::Missing) when the quantity or the value is not reported;
    /// [`Error`] for a zero quantity or a negative value.
    pub fn unit_value(&self) -> Result<Price, Error> {
        let missing = |field: &'static str| Detail::Missing { field, flow: self.label() };
        let q = self.quantity.as_ref().ok_or_else(|| missing("quantity"))?;
        let v = self.value.as_ref().ok_or_else(|| missing("value"))?;
        Price::unit_value(v, q)
    }

    /// `2836.91 CHL -> CHN 2023`, for messages.
    pub fn label(&self) -> String {
        format!("{} {} -> {} {}", self.commodity, self.exporter.label(), self.importer.label(), self.period)
    }
}
