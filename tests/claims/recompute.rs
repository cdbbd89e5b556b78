//! The recomputation, on its own: each kind of claim, the evidence it asks for, and which other
//! claims it compares with.

use critical_minerals::claims::{
    Bound, CheckOutcome, Claim, ClaimKind, ClaimSet, Evidence, Measured, MineOutput, SizeUnit, Stated, recompute,
};
use critical_minerals::material::Basis;
use critical_minerals::money::{Currency, Scale};
use critical_minerals::time::Period;

type R = Result<(), Box<dyn std::error::Error>>;

/// World mine output of 240,000 t Li in 2024, for any lithium basis.
struct Mine;

impl Evidence for Mine {
    fn mine_output(&self, basis: &Basis) -> Option<MineOutput> {
        let li: Basis = "Li".parse().ok()?;
        (basis.element() == li.element()).then(|| MineOutput {
            year: 2024,
            tonnes: 240_000.0,
            basis: li,
            denominator: "world total".into(),
            source: "usgs".into(),
        })
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn each_kind_is_restated_or_checked() -> R {
    let li_metal: Basis = "metal:Li".parse()?;
    let set = ClaimSet::new(vec![
        Claim::multiple("x2", "demand", 2024, 2030, Stated::at_least(2.0)?)?,
        Claim::cagr("g", "market", Some(2025), 2032, Stated::exact(4.5)?)?.with_source("r"),
        Claim::total("s", "market", 2030, Stated::about(150.0)?, SizeUnit::money(Currency::USD, Scale::Billion))?
            .with_source("r"),
        Claim::size("t", "metal", "world", 2025, Stated::range(40e3, 60e3)?, SizeUnit::Tonnes(Some(li_metal)))?,
        Claim::size("w", "waste", "China", 2025, Stated::about(1e7)?, SizeUnit::Tonnes(None))?,
        Claim::share("sh", "market", "Europe", None, Stated::exact(25.0)?)?,
        Claim::country_list("l", "market", "Europe", &["France"])?,
    ])?;
    let checks = recompute(&set, &Mine)?;
    let ids: Vec<&str> = checks.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["x2", "g", "s", "t", "w", "sh"]); // a country list states no figure
    // x2 over 2024-2030: at least 12.2 %/yr
    let x2 = &checks[0];
    assert_eq!(
        (x2.kind, x2.outcome, x2.recomputed[0].bound),
        (ClaimKind::Multiple, CheckOutcome::Derived, Bound::AtLeast)
    );
    assert!(close(x2.recomputed[0].value.low(), (2f64.powf(1.0 / 6.0) - 1.0) * 100.0));
    assert_eq!(x2.stated, "at least 2 x, 2024 to 2030");
    // 4.5 %/yr over seven years, as a multiple
    assert!(close(checks[1].recomputed[0].value.low(), 1.045f64.ln().mul_add(7.0, 0.0).exp()));
    // USD 150 billion in 2030 back to 2025 at the source's 4.5 %/yr
    let s = &checks[2];
    assert!(close(s.recomputed[0].value.low(), 150.0 / 1.045f64.powi(5)), "{:?}", s.recomputed);
    assert_eq!((s.unit.as_str(), s.recomputed[0].sources.as_slice()), ("USD billion", ["r".to_string()].as_slice()));
    // a metal tonnage against world mine output; a tonnage without basis is not checkable
    let t = &checks[3];
    assert!(close(t.recomputed[0].value.low(), 40e3 / 240e3 * 100.0) && close(t.recomputed[0].value.high(), 25.0));
    assert_eq!((t.outcome, checks[4].outcome), (CheckOutcome::Derived, CheckOutcome::NotCheckable));
    assert!(checks[4].note.contains("no material basis"));
    // shares are the audit's
    assert_eq!(checks[5].outcome, CheckOutcome::NotCheckable);
    // without evidence the tonnage is not checkable either
    assert_eq!(recompute(&set, &())?[3].outcome, CheckOutcome::NotCheckable);
    Ok(())
}

#[test]
fn cagrs_are_compared_within_one_source_over_overlapping_periods() -> R {
    let g = |id: &str, start: i32, end: i32, v: f64, src: &str| -> Result<Claim, critical_minerals::Error> {
        Ok(Claim::cagr(id, "market", Some(start), end, Stated::exact(v)?)?.with_source(src))
    };
    let outcomes = |claims: Vec<Claim>| -> Result<Vec<CheckOutcome>, Box<dyn std::error::Error>> {
        Ok(recompute(&ClaimSet::new(claims)?, &())?.iter().map(|c| c.outcome).collect())
    };
    use CheckOutcome::{Derived, Inconsistent};
    // same source, overlapping periods, 4.5 against 15 %/yr
    assert_eq!(
        outcomes(vec![g("a", 2025, 2032, 4.5, "r")?, g("b", 2025, 2030, 15.0, "r")?])?,
        [Inconsistent, Inconsistent]
    );
    // another source, or periods that do not overlap, may grow at another rate
    assert_eq!(outcomes(vec![g("a", 2025, 2032, 4.5, "r")?, g("b", 2025, 2030, 15.0, "s")?])?, [Derived, Derived]);
    assert_eq!(outcomes(vec![g("a", 2015, 2020, 4.5, "r")?, g("b", 2020, 2025, 15.0, "r")?])?, [Derived, Derived]);
    // within the rate tolerance
    assert_eq!(outcomes(vec![g("a", 2025, 2030, 4.5, "r")?, g("b", 2025, 2030, 4.9, "r")?])?, [Derived, Derived]);
    Ok(())
}

#[test]
fn evidence_types_round_trip_through_serde_json() -> R {
    let m = Measured { what: "spot".into(), change: -0.892, source: "p".into() };
    assert_eq!(serde_json::from_str::<Measured>(&serde_json::to_string(&m)?)?, m);
    let o = MineOutput {
        year: 2024,
        tonnes: 240e3,
        basis: "Li".parse()?,
        denominator: "world total".into(),
        source: "u".into(),
    };
    assert_eq!(serde_json::from_str::<MineOutput>(&serde_json::to_string(&o)?)?, o);
    // a period with no data: not checkable
    let c = Claim::percent_change("p", "price", Period::year(2022)?, Period::year(2025)?, Stated::about(-90.0)?)?;
    let checks = recompute(&ClaimSet::new(vec![c])?, &())?;
    assert_eq!(
        (checks[0].outcome, checks[0].note.as_str()),
        (CheckOutcome::NotCheckable, "no prices in the data for the period")
    );
    Ok(())
}

#[test]
fn what_a_reader_sees_names_claims_by_subject_not_by_id() -> R {
    let set = ClaimSet::new(vec![
        Claim::cagr("rate-a-id", "market A", Some(2025), 2032, Stated::exact(4.5)?)?.with_source("r"),
        Claim::cagr("rate-b-id", "sector B", None, 2030, Stated::at_least(15.0)?)?.with_source("r"),
        Claim::total(
            "size-id",
            "market A",
            2030,
            Stated::about(150.0)?,
            SizeUnit::money(Currency::USD, Scale::Billion),
        )?
        .with_source("r"),
    ])?;
    let checks = recompute(&set, &())?;
    assert_eq!(checks[0].outcome, CheckOutcome::Inconsistent);
    assert!(checks[0].note.contains("(sector B)"), "{}", checks[0].note);
    assert!(checks[2].recomputed.iter().any(|r| r.what.contains("(market A)")), "{:?}", checks[2].recomputed);
    for c in &checks {
        let text = std::iter::once(c.note.as_str()).chain(c.recomputed.iter().map(|r| r.what.as_str()));
        for t in text {
            assert!(!t.contains("-id"), "a claim id in text meant for readers: {t}");
        }
    }
    Ok(())
}
