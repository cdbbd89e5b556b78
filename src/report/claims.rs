//! Claims about the commodity, recomputed: the report picks the claims whose subject names the
//! commodity (shares aside: the audit checks them), gives the recomputation its data (prices,
//! US salient prices, mine production) and lays the result out. The recomputation and its rules
//! are [`claims::recompute`](crate::claims::recompute()).

use crate::fmt::grouped;

use super::mining::{DenominatorKind, MiningSection};
use super::{DataNote, NoteKind};
use crate::Error;
use crate::claims::{Claim, ClaimCheck, ClaimKind, ClaimSet, Evidence, Measured, MineOutput, Tolerances};
use crate::dataset::{Commodity, Dataset, PricePoint, PriceStatistic, SalientItem};
use crate::material::Basis;
use crate::stats::growth::percent_change;
use crate::time::Period;

/// Words of claim subjects that make a claim about `commodity`: its id and name in words, its
/// aliases, and for lithium its minerals.
fn keywords(c: Commodity) -> Vec<String> {
    let mut out = vec![c.id().replace('-', " "), c.name().to_lowercase()];
    out.extend(c.aliases().iter().map(|a| a.to_string()));
    if c == Commodity::LITHIUM {
        out.extend(["lepidolite".to_string(), "spodumene".to_string()]);
    }
    if c == Commodity::LI_ION_BATTERIES {
        out.extend(["battery".to_string(), "batteries".to_string()]);
    }
    out
}

/// Whether `word` occurs in `text` as a whole word (letters and digits do not continue it).
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// What the dataset holds to check the claims about one commodity against.
struct Data<'a> {
    data: &'a Dataset,
    commodity: Commodity,
    mining: Option<&'a MiningSection>,
}

impl Evidence for Data<'_> {
    /// The spot series that matches the claim's dates, then the annual-average series.
    fn price_changes(&self, from: Period, to: Period) -> Vec<Measured> {
        [
            price_change(self.data, self.commodity, from, to),
            salient_price_change(self.data, self.commodity, from.calendar_year(), to.calendar_year()),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The latest year of mine production, on the headline denominator.
    fn mine_output(&self, basis: &Basis) -> Option<MineOutput> {
        let m = self.mining?;
        if !self.commodity.accepts_basis(basis) {
            return None;
        }
        let y = &m.latest;
        let (tonnes, denominator) = match (y.headline, y.world_total_t) {
            (DenominatorKind::WorldTotal, Some(w)) => (w, "world total"),
            _ => (y.rows_sum_t, "rows' sum"),
        };
        Some(MineOutput {
            year: y.year,
            tonnes,
            basis: self.commodity.default_basis()?,
            denominator: denominator.to_string(),
            source: y.source.clone(),
        })
    }
}

pub(crate) fn build(
    data: &Dataset,
    commodity: Commodity,
    mining: Option<&MiningSection>,
    notes: &mut Vec<DataNote>,
) -> Result<Vec<ClaimCheck>, Error> {
    let words = keywords(commodity);
    let relevant: Vec<Claim> = data
        .claims()
        .iter()
        .filter(|c| c.kind() != ClaimKind::Share)
        .filter(|c| {
            let s = c.subject().to_lowercase();
            words.iter().any(|w| has_word(&s, w))
        })
        .cloned()
        .collect();
    let out = ClaimSet::new(relevant)?.recompute(&Data { data, commodity, mining })?;
    if !out.is_empty() {
        notes.push(DataNote {
            kind: NoteKind::Method,
            text: format!(
                "claims: 'about' is taken as within {:.0} % of the stated value; implied rates compound annually over \
                 whole years; share claims are not checked here",
                Tolerances::default().about * 100.0
            ),
            source: None,
        });
    }
    Ok(out)
}

fn preference(s: PriceStatistic) -> u8 {
    match s {
        PriceStatistic::Average => 0,
        PriceStatistic::Spot => 1,
        _ => 2,
    }
}

/// The change from the highest price in the `from` period to the latest preferred price in the
/// `to` period, for one product, market and currency.
fn price_change(data: &Dataset, commodity: Commodity, from: Period, to: Period) -> Option<Measured> {
    let pts: Vec<&PricePoint> = data.prices().iter().filter(|p| p.commodity == commodity).collect();
    let start = pts
        .iter()
        .filter(|p| p.date.first_day() >= from.first_day() && p.date.last_day() <= from.last_day())
        .max_by(|a, b| a.value.total_cmp(&b.value))?;
    let end = pts
        .iter()
        .filter(|p| {
            p.product == start.product
                && p.market == start.market
                && p.currency == start.currency
                && p.date.first_day() >= to.first_day()
                && p.date.last_day() <= to.last_day()
        })
        .max_by(|a, b| {
            a.date
                .first_day()
                .cmp(&b.date.first_day())
                .then_with(|| preference(b.statistic).cmp(&preference(a.statistic)))
        })?;
    let ch = percent_change(start.value, end.value).ok()?;
    Some(Measured {
        what: format!(
            "{} {} {} ({}/t): {} {} {} to {} {} {}",
            start.market,
            start.product,
            start.grade.map_or("", |g| g.name()),
            start.currency,
            start.date,
            start.statistic,
            grouped(start.value, 2),
            end.date,
            end.statistic,
            grouped(end.value, 2)
        ),
        change: ch.fraction(),
        source: start.source.clone(),
    })
}

/// The change of the US salient price series from `from` to the latest year up to `to`.
fn salient_price_change(data: &Dataset, commodity: Commodity, from: i32, to: i32) -> Option<Measured> {
    let start = data.salient_value(commodity, SalientItem::Price, from)?;
    let end = (from + 1..=to).rev().find_map(|y| data.salient_value(commodity, SalientItem::Price, y))?;
    let (a, b) = (start.value?, end.value?);
    let ch = percent_change(a, b).ok()?;
    let what = start.note.split(';').next().unwrap_or("").trim();
    Some(Measured {
        what: format!(
            "USGS annual price ({what}, USD/t): {} {} to {} {}",
            from,
            grouped(a, 2),
            end.year,
            grouped(b, 2)
        ),
        change: ch.fraction(),
        source: start.source.clone(),
    })
}
