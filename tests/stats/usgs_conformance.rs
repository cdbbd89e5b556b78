//! Conformance: shares, concentration and growth figures published by USGS (Mineral Commodity
//! Summaries 2025) and by the press, reproduced from the tables they come from.
//!
//! Tables: U.S. Geological Survey, Mineral Commodity Summaries 2025 (January 2025):
//! Lithium pp. 110–111 (B. W. Jaskula), Cobalt pp. 62–63 (S. M. Ewing), Graphite (natural)
//! pp. 84–85 (A. A. Stewart); world mine production, metric tons (lithium and cobalt content;
//! graphite gross). Rows marked W (withheld) are omitted; "—" (zero) rows are omitted.
//! Lithium carbonate prices: SMM (Shanghai Metals Market) China battery-grade Li₂CO₃ spot, CNY/t,
//! as reported June 2025 ("dropped by nearly 90 %").
//!
//! The assertion target is always the published figure; the computation uses only the table.
//! Tolerances are stated next to each assertion, with the reason.

use critical_minerals::ErrorKind;
use critical_minerals::stats::concentration::{
    Remainder, concentration_ratio, concentration_ratio_of_weights, hhi, hhi_of_weights,
};
use critical_minerals::stats::growth::{cagr, implied_rate, percent_change};
use critical_minerals::stats::guideline::{Band, Guideline, classify};
use critical_minerals::stats::share::{Denominator, Shares};
use critical_minerals::time::Span;

use crate::fixtures::usgs::{
    COBALT_2024, COBALT_WORLD_2024, GRAPHITE_2024, GRAPHITE_WORLD_2024, LITHIUM_2023, LITHIUM_2024, LITHIUM_WORLD_2023,
    LITHIUM_WORLD_2024,
};

/// Half a unit of the last digit a published percent is given to: a figure printed as "36.7 %"
/// is matched within 0.05 points, one printed as "76 %" within 0.5 points.
fn assert_published(computed_fraction: f64, published_percent: f64, half_unit: f64, what: &str) {
    let pct = computed_fraction * 100.0;
    assert!(
        (pct - published_percent).abs() <= half_unit + 1e-9,
        "{what}: computed {pct:.3} %, published {published_percent} % (tolerance {half_unit} points)"
    );
}

#[test]
fn lithium_2024_australia_share_of_world_total_and_of_rows() {
    let world = Shares::new(LITHIUM_2024, Denominator::PublishedTotal(LITHIUM_WORLD_2024)).unwrap();
    // 88,000 / 240,000 = 36.7 % (one decimal: ±0.05)
    assert_published(world.share_of("Australia").unwrap(), 36.7, 0.05, "Australia / world total");
    assert_eq!(world.denominator(), &Denominator::PublishedTotal(240_000.0));
    // the rows sum to 235,380 t (facts §1.1); the rest of the rounded total is unallocated
    assert_eq!(world.rows_total(), 235_380.0);
    let rest = world.unallocated().unwrap();
    assert_eq!(rest.quantity(), 4_620.0);
    let listed: f64 = world.iter().map(|e| e.share()).sum();
    assert!((listed + rest.share() - 1.0).abs() < 1e-12);

    let rows = Shares::new(LITHIUM_2024, Denominator::SumOfRows).unwrap();
    // 88,000 / 235,380 = 37.4 % (±0.05)
    assert_published(rows.share_of("Australia").unwrap(), 37.4, 0.05, "Australia / row sum");
    assert!(rows.unallocated().is_none());
    assert_eq!(rows.rank("Australia"), Some(1));
    assert_eq!(rows.rank("Chile"), Some(2));
    assert_eq!(rows.rank("China"), Some(3));
}

#[test]
fn lithium_2024_cr3_and_hhi_on_both_bases() {
    let world = Shares::new(LITHIUM_2024, Denominator::PublishedTotal(LITHIUM_WORLD_2024)).unwrap();
    let rows = Shares::new(LITHIUM_2024, Denominator::SumOfRows).unwrap();
    // "the top three hold 74 %": (88,000 + 49,000 + 41,000) / 240,000 = 74.2 % (whole percent ±0.5)
    assert_published(concentration_ratio(&world, 3, Remainder::Excluded), 74.0, 0.5, "CR3 / world total");
    // the remainder (1.9 %) is smaller than the third producer, so counting it changes nothing
    assert_eq!(
        concentration_ratio(&world, 3, Remainder::AsOneSupplier),
        concentration_ratio(&world, 3, Remainder::Excluded)
    );
    // on the rows: 178,000 / 235,380 = 75.6 % (±0.05)
    assert_published(concentration_ratio(&rows, 3, Remainder::Excluded), 75.6, 0.05, "CR3 / row sum");

    // HHI: rows only 2,303 points; published total 2,215 (remainder excluded) to 2,219 (as one
    // supplier). Matched to the whole point (±0.5).
    let h_rows = hhi(&rows, Remainder::Excluded).points();
    let h_low = hhi(&world, Remainder::Excluded).points();
    let h_high = hhi(&world, Remainder::AsOneSupplier).points();
    assert!((h_rows - 2_303.0).abs() < 0.5, "{h_rows}");
    assert!((h_low - 2_215.0).abs() < 0.5, "{h_low}");
    assert!((h_high - 2_219.0).abs() < 0.5, "{h_high}");
    // the streaming path gives the rows-only figure
    let weights: Vec<f64> = LITHIUM_2024.iter().map(|r| r.1).collect();
    assert!((hhi_of_weights(&weights).unwrap().points() - h_rows).abs() < 1e-9);
    let cr3 = concentration_ratio_of_weights::<3, _, _>(&weights).unwrap();
    assert!((cr3 - concentration_ratio(&rows, 3, Remainder::Excluded)).abs() < 1e-12);
    // "HHI above 1,800": highly concentrated under the US 2023 guidelines on every basis
    for h in [h_rows, h_low, h_high] {
        let c =
            classify(Guideline::UsMerger2023, critical_minerals::stats::concentration::Hhi::from_points(h).unwrap());
        assert_eq!(c.band(), Band::HighlyConcentrated);
    }
}

#[test]
fn lithium_2023_shares_cr3_and_hhi() {
    let world = Shares::new(LITHIUM_2023, Denominator::PublishedTotal(LITHIUM_WORLD_2023)).unwrap();
    let rows = Shares::new(LITHIUM_2023, Denominator::SumOfRows).unwrap();
    // rows sum to 203,910 t against 204,000 t published: 90 t unallocated
    assert_eq!(rows.total(), 203_910.0);
    assert!((world.unallocated().unwrap().quantity() - 90.0).abs() < 1e-9);
    // Australia 91,700 t: 44.95 % of the total, 44.97 % of the rows (±0.005, two decimals)
    assert_published(world.share_of("Australia").unwrap(), 44.95, 0.005, "2023 Australia / total");
    assert_published(rows.share_of("Australia").unwrap(), 44.97, 0.005, "2023 Australia / rows");
    // CR3 (Australia, Chile, China) = 168,800 t: 82.75 % / 82.78 % (±0.005)
    assert_published(concentration_ratio(&world, 3, Remainder::Excluded), 82.75, 0.005, "2023 CR3 / total");
    assert_published(concentration_ratio(&rows, 3, Remainder::Excluded), 82.78, 0.005, "2023 CR3 / rows");
    // HHI 2,821 (total) and 2,823 (rows), ±0.5 point; the 90 t remainder adds < 0.01 point
    let h_world = hhi(&world, Remainder::Excluded).points();
    assert!((h_world - 2_821.0).abs() < 0.5, "{h_world}");
    assert!((hhi(&rows, Remainder::Excluded).points() - 2_823.0).abs() < 0.5);
    assert!(hhi(&world, Remainder::AsOneSupplier).points() - h_world < 0.01);
    // concentration fell from 2023 to 2024 on either basis
    let rows_2024 = Shares::new(LITHIUM_2024, Denominator::SumOfRows).unwrap();
    assert!(hhi(&rows_2024, Remainder::Excluded) < hhi(&rows, Remainder::Excluded));
}

#[test]
fn cobalt_2024_congo_about_76_percent() {
    let world = Shares::new(COBALT_2024, Denominator::PublishedTotal(COBALT_WORLD_2024)).unwrap();
    let congo = world.get("Congo (Kinshasa)").unwrap();
    // USGS text: "about 76 %". 220,000 / 290,000 = 75.9 %. "About" a whole percent: ±0.5 points.
    assert_published(congo.share(), 76.0, 0.5, "Congo (Kinshasa) / world");
    assert_eq!(world.rank("Congo (Kinshasa)"), Some(1));
    // and Indonesia "10 %": 28,000 / 290,000 = 9.7 % (±0.5)
    assert_published(world.share_of("Indonesia").unwrap(), 10.0, 0.5, "Indonesia / world");
    // rows sum to 288,200 t; 1,800 t unallocated
    assert_eq!(world.rows_total(), 288_200.0);
}

#[test]
fn graphite_2024_china_78_percent() {
    // USGS text: China produced an estimated 78 % of world production. The country rows sum to
    // 1,630,670 t, *above* the rounded world total of 1,600,000 t, so a share of the published
    // total is refused: it would make the shares add up to more than 100 %.
    let err = Shares::new(GRAPHITE_2024, Denominator::PublishedTotal(GRAPHITE_WORLD_2024)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Inconsistent);
    assert_eq!(err.to_string(), "published total 1600000 is below the sum of the rows 1630670");
    // On the rows, China is 1,270,000 / 1,630,670 = 77.9 %: USGS's 78 % to the whole percent
    // (tolerance ±0.5 point, the rounding of a figure printed without decimals).
    let rows = Shares::new(GRAPHITE_2024, Denominator::SumOfRows).unwrap();
    assert_published(rows.share_of("China").unwrap(), 78.0, 0.5, "China / rows");
    // The naive 1.27 / 1.60 = 79.4 % misses the published figure by 1.4 points: USGS divides by
    // its unrounded data, not by the rounded world total. Shown here so the test can tell.
    let naive: f64 = 1_270_000.0 / GRAPHITE_WORLD_2024;
    assert!((naive * 100.0 - 78.0).abs() > 0.5);
}

#[test]
fn lithium_world_output_rose_18_percent() {
    // USGS text: world production "rose 18 %" in 2024, to about 240,000 t from 204,000 t.
    // 240 / 204 − 1 = 17.6 %; "18 %" is a whole percent: ±0.5 point.
    let change = percent_change(LITHIUM_WORLD_2023, LITHIUM_WORLD_2024).unwrap();
    assert!((change.percent() - 18.0).abs() <= 0.5, "{change}");
    // the one-year CAGR is the same number
    let r = cagr(LITHIUM_WORLD_2023, LITHIUM_WORLD_2024, &Span::years(2023, 2024).unwrap()).unwrap();
    assert!((r.fraction() - change.fraction()).abs() < 1e-12);
}

#[test]
fn twenty_fold_from_2020_to_2025_is_82_percent_a_year() {
    // "x20 from 2020 to 2025": 20^(1/5) − 1 = 82.1 %/yr (one decimal: ±0.05)
    let r = implied_rate(20.0, &Span::years(2020, 2025).unwrap()).unwrap();
    assert!((r.percent() - 82.1).abs() <= 0.05, "{r}");
    // "doubles from 2024 to 2030": 12.2 %/yr (±0.05)
    let r = implied_rate(2.0, &Span::years(2024, 2030).unwrap()).unwrap();
    assert!((r.percent() - 12.2).abs() <= 0.05, "{r}");
}

#[test]
fn lithium_carbonate_price_fell_nearly_90_percent() {
    // SMM China battery-grade Li2CO3 spot, CNY/t: ~560,000 (Nov 2022 peak) -> 60,500 (18 June
    // 2025 average). Source: "dropped by nearly 90 %". Computed: −89.2 %.
    let change = percent_change(560_000.0, 60_500.0).unwrap();
    // "nearly 90 %": a fall of at least 85 % and not more than 90 %
    assert!(change.percent() <= -85.0 && change.percent() >= -90.0, "{change}");
    // and the one-decimal figure facts §8 derives, −89.2 % (±0.05)
    assert!((change.percent() + 89.2).abs() <= 0.05, "{change}");
    // USGS annual averages ($/t, Benchmark) fell only 80 %: 71,100 (2022) -> 14,000 (2024)
    let annual = percent_change(71_100.0, 14_000.0).unwrap();
    assert!((annual.percent() + 80.3).abs() <= 0.05, "{annual}");
}
