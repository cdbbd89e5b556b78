//! Conformance of `analysis::criticality` with published EU results.
//!
//! Source of the figures: European Commission (2023), *Study on the Critical Raw Materials for
//! the EU 2023 – Final Report* (the supply risk per stage, the material's SR and the stage it
//! comes from, and EI), as transcribed in the `meyerdata/CritMAT` repository,
//! `input_data/seeds/eureport_results.csv` (columns `supply_risk`, `economic_importance`,
//! `eu_used_stage`, `supply_risk_primary`, `supply_risk_refined`). This is a secondary copy; the
//! primary report was not read. Published SR and EI have one decimal.
//!
//! The study does not publish, in the table read, the HHI_WGI,t inputs, so SR itself is not
//! recomputed from inputs here: what is reproduced is (1) the bottleneck rule, SR = max over the
//! stages, and the stage named, and (2) the verdict with the 2017 thresholds against the 2023
//! list. List membership: the 34 critical raw materials include cobalt, lithium and natural
//! graphite, while copper and nickel are strategic but not critical (Regulation (EU) 2024/1252,
//! Annex II, as summarised by Statistics Netherlands (CBS), "Critical raw materials", 2024).
//!
//! Tolerance: the bottleneck SR must equal the published SR exactly (both have one decimal).

use critical_minerals::methods::criticality::{AssessedStage, assess, bottleneck, wgi_scaled};

struct Row {
    material: &'static str,
    extraction: Option<f64>,
    processing: Option<f64>,
    published_sr: f64,
    published_stage: AssessedStage,
    published_ei: f64,
    on_2023_crm_list: bool,
}

const ROWS: [Row; 5] = [
    Row {
        material: "Cobalt",
        extraction: Some(2.8),
        processing: Some(0.5),
        published_sr: 2.8,
        published_stage: AssessedStage::Extraction,
        published_ei: 6.8,
        on_2023_crm_list: true,
    },
    Row {
        material: "Lithium",
        extraction: Some(0.8),
        processing: Some(1.9),
        published_sr: 1.9,
        published_stage: AssessedStage::Processing,
        published_ei: 3.9,
        on_2023_crm_list: true,
    },
    Row {
        material: "Natural graphite",
        extraction: Some(1.8),
        processing: None,
        published_sr: 1.8,
        published_stage: AssessedStage::Extraction,
        published_ei: 3.4,
        on_2023_crm_list: true,
    },
    Row {
        material: "Nickel",
        extraction: Some(0.4),
        processing: Some(0.5),
        published_sr: 0.5,
        published_stage: AssessedStage::Processing,
        published_ei: 5.7,
        on_2023_crm_list: false,
    },
    Row {
        material: "Copper",
        extraction: Some(0.1),
        processing: Some(0.1),
        published_sr: 0.1,
        published_stage: AssessedStage::Extraction,
        published_ei: 4.0,
        on_2023_crm_list: false,
    },
];

#[test]
fn bottleneck_reproduces_published_sr_and_stage() {
    for row in &ROWS {
        let stages = [
            row.extraction.map(|v| (AssessedStage::Extraction, v)),
            row.processing.map(|v| (AssessedStage::Processing, v)),
        ];
        let sr = bottleneck(stages.into_iter().flatten()).unwrap();
        assert_eq!(sr.supply_risk, row.published_sr, "{}", row.material);
        assert_eq!(sr.stage, row.published_stage, "{}", row.material);
    }
}

#[test]
fn thresholds_reproduce_2023_list_membership() {
    for row in &ROWS {
        let v = assess(row.published_sr, row.published_ei).unwrap();
        assert_eq!(v.critical, row.on_2023_crm_list, "{}: {v}", row.material);
    }
}

/// WGI rescaling, `(WGI − 2.5)·(−2)` as in the CritMAT implementation: the ends of the World
/// Bank scale map to 10 and 0, and the map is linear.
#[test]
fn wgi_rescaling_matches_the_reference_implementation() {
    for k in 0..=50 {
        let w = -2.5 + 0.1 * f64::from(k);
        let w = w.clamp(-2.5, 2.5);
        assert!((wgi_scaled(w).unwrap() - (w - 2.5) * -2.0).abs() < 1e-12, "{w}");
    }
}
