//! Property tests of the geography model.

use critical_minerals::ErrorKind;
use critical_minerals::geo::{Country, Partition, Region};
use proptest::prelude::*;

fn country(i: usize) -> Country {
    Country::all().nth(i % Country::all().len()).unwrap()
}

fn any_country() -> impl Strategy<Value = Country> {
    (0..Country::all().len()).prop_map(country)
}

/// A partition: each country goes to one of `k` regions or to none (`k` meaning none).
fn any_partition() -> impl Strategy<Value = (Partition, Vec<Option<usize>>)> {
    (1usize..6).prop_flat_map(|k| {
        proptest::collection::vec(0..=k, Country::all().len()).prop_filter_map("every region non-empty", move |owner| {
            let regions = (0..k)
                .map(|r| {
                    let members: Vec<Country> = (0..owner.len()).filter(|&i| owner[i] == r).map(country).collect();
                    Region::new(&format!("R{r}"), members).ok()
                })
                .collect::<Option<Vec<_>>>()?;
            let p = Partition::new(regions).ok()?;
            Some((p, owner.iter().map(|&o| (o < k).then_some(o)).collect()))
        })
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(f64::MIN_POSITIVE)
}

proptest! {
    #[test]
    fn codes_round_trip(c in any_country()) {
        let a3 = Country::from_alpha2(c.alpha2())?.alpha3();
        let n = Country::from_alpha3(a3)?.numeric();
        let back = Country::from_numeric(n)?.alpha2();
        prop_assert_eq!(back, c.alpha2());
        prop_assert_eq!(Country::lookup(c.name())?, c);
    }

    #[test]
    fn country_serde_round_trips(c in any_country()) {
        let json = serde_json::to_string(&c).unwrap();
        prop_assert_eq!(&json, &format!("\"{}\"", c.alpha3()));
        prop_assert_eq!(serde_json::from_str::<Country>(&json).unwrap(), c);
    }

    #[test]
    fn region_serde_round_trips(name in "[A-Za-z &-]{1,20}", members in proptest::collection::btree_set(0usize..249, 1..40)) {
        let r = Region::new(&name, members.into_iter().map(country)).unwrap();
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(serde_json::from_str::<Region>(&json).unwrap(), r);
    }

    #[test]
    fn aggregation_of_a_partition_sums_to_the_whole(
        (p, owner) in any_partition(),
        values in proptest::collection::vec((0usize..249, 0.0f64..1e12), 0..300),
    ) {
        let rows: Vec<(Country, f64)> = values.iter().map(|&(i, v)| (country(i), v)).collect();
        let agg = p.aggregate(rows.iter().copied()).unwrap();
        let grand: f64 = values.iter().map(|v| v.1).sum();
        let parts: f64 = agg.regions().iter().map(|r| r.total()).sum::<f64>() + agg.unassigned().total();
        prop_assert!(close(agg.grand_total(), grand), "{} vs {}", agg.grand_total(), grand);
        prop_assert!(close(parts, grand), "{} vs {}", parts, grand);
        // each bucket, against a brute-force sum over the owner map
        for (k, r) in agg.regions().iter().enumerate() {
            let expected: f64 = values.iter().filter(|(i, _)| owner[*i] == Some(k)).map(|v| v.1).sum();
            prop_assert!(close(r.total(), expected), "region {}: {} vs {}", r.name(), r.total(), expected);
        }
        let expected: f64 = values.iter().filter(|(i, _)| owner[*i].is_none()).map(|v| v.1).sum();
        prop_assert!(close(agg.unassigned().total(), expected));
        for (c, _) in agg.unassigned().countries() {
            prop_assert!(p.region_of(*c).is_none());
        }
    }

    #[test]
    fn market_report_aggregation_sums_to_the_whole(values in proptest::collection::vec((0usize..249, 0.0f64..1e9), 1..300)) {
        let p = Partition::market_report().unwrap();
        let agg = p.aggregate(values.iter().map(|&(i, v)| (country(i), v))).unwrap();
        let grand: f64 = values.iter().map(|v| v.1).sum();
        let parts: f64 = agg.regions().iter().map(|r| r.total()).sum::<f64>() + agg.unassigned().total();
        prop_assert!(close(parts, grand), "{} vs {}", parts, grand);
    }

    #[test]
    fn overlapping_regions_are_always_refused(
        a in proptest::collection::btree_set(0usize..249, 0..30),
        b in proptest::collection::btree_set(0usize..249, 0..30),
        shared in 0usize..249,
        swap in any::<bool>(),
    ) {
        let mut a = a; a.insert(shared);
        let mut b = b; b.insert(shared);
        let ra = Region::new("A", a.iter().copied().map(country)).unwrap();
        let rb = Region::new("B", b.iter().copied().map(country)).unwrap();
        let (x, y) = if swap { (rb.clone(), ra.clone()) } else { (ra.clone(), rb.clone()) };
        match Partition::new(vec![x, y]) {
            Err(e) if e.kind() == ErrorKind::Overlap => {
                let msg = e.to_string();
                let c = Country::from_alpha3(msg.rsplit(' ').next().unwrap()).unwrap();
                prop_assert!(ra.contains(c) && rb.contains(c));
            }
            other => prop_assert!(false, "expected an overlap error, got {:?}", other),
        }
    }
}

#[test]
fn displays_honour_width_and_alignment() {
    let c = Country::from_code("CL").unwrap();
    assert_eq!(format!("[{c:<8}]"), "[Chile   ]");
    assert_eq!(format!("[{c:>8}]"), "[   Chile]");
    assert_eq!(format!("[{c:^9}]"), "[  Chile  ]");
    let usd = critical_minerals::money::Currency::USD;
    assert_eq!(format!("[{usd:>5}]"), "[  USD]");
    let li = critical_minerals::material::Element::Li;
    assert_eq!(format!("[{li:<3}]"), "[Li ]");
}
