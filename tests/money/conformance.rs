//! Money read as analysts write it, and prices moved between bases with the stoichiometric
//! factor Li -> LCE 5.323.

use critical_minerals::ErrorKind;
use std::cmp::Ordering;

use critical_minerals::material::{Amount, Basis, Element};
use critical_minerals::money::{Currency, Money, MoneyUnit, Price, Scale};

type R = Result<(), Box<dyn std::error::Error>>;

#[test]
fn scales_are_applied_once_at_input() -> R {
    // every spelling of USD 150 billion gives the same stored amount, and no factor survives
    let want = Money::new(150.0e9, Currency::USD)?;
    for text in ["150 billion USD", "USD 150 billion", "$150 billion", "US$150bn", "150,000 million USD", "usd 150 BN"]
    {
        assert_eq!(Money::parse(text)?, want, "{text}");
    }
    assert_eq!(Money::from_scaled(150.0, Scale::Billion, Currency::USD)?, want);
    assert_eq!(MoneyUnit::parse("billion USD")?.money(150.0)?, want);
    assert_eq!(want.in_scale(Scale::Billion), 150.0);
    assert_eq!(want.display_in(Scale::Billion), "150 billion USD");
    // a thousand-USD cell is a thousand times its number, and not a million times
    let cell = MoneyUnit::parse("thousand USD")?.money(1_234.5)?;
    assert_eq!(cell.amount(), 1_234_500.0);
    assert_eq!(Money::from_scaled(1_234.5, Scale::Thousand, Currency::USD)?, cell);
    assert_ne!(MoneyUnit::parse("million USD")?.money(1_234.5)?, cell);
    Ok(())
}

#[test]
fn column_headers_read_as_units() -> R {
    for (header, scale, currency) in [
        ("thousand USD", Scale::Thousand, Currency::USD),
        ("USD thousand", Scale::Thousand, Currency::USD),
        ("(USD '000)", Scale::Thousand, Currency::USD),
        ("[US$ million]", Scale::Million, Currency::USD),
        ("€ mn", Scale::Million, Currency::EUR),
        ("CNY", Scale::Unit, Currency::CNY),
        ("krw billion", Scale::Billion, Currency::KRW),
    ] {
        assert_eq!(MoneyUnit::parse(header)?, MoneyUnit::new(scale, currency), "{header}");
    }
    for bad in ["thousand", "USD 5", "¥ million", "M USD", "", "thousand million USD"] {
        assert!(MoneyUnit::parse(bad).is_err(), "{bad:?}");
    }
    Ok(())
}

#[test]
fn yen_sign_asks_for_a_code() {
    match Money::parse("¥150 billion") {
        Err(e) if e.kind() == ErrorKind::Ambiguous => {
            let msg = e.to_string();
            assert!(msg.contains("CNY") && msg.contains("JPY") && msg.contains('¥'), "{msg}");
        }
        other => panic!("expected a currency-symbol error, got {other:?}"),
    }
}

#[test]
fn lce_price_per_tonne_of_lithium() -> R {
    // 14,000 USD/t LCE is about 74,524 USD/t Li: the price scales by the Li -> LCE factor 5.323
    let lce = Price::per_tonne(14_000.0, Currency::USD, Basis::lce())?;
    let li_basis = Basis::contained(Element::Li);
    let li = lce.convert_basis(&li_basis)?;
    let k = li_basis.factor_to(&Basis::lce())?;
    assert!((li.amount_per_tonne() / (14_000.0 * k) - 1.0).abs() < 1e-12);
    assert!((li.amount_per_tonne() - 74_524.0).abs() / 74_524.0 < 1e-4, "{}", li.amount_per_tonne());
    assert_eq!(li.basis(), &li_basis);
    assert_eq!(li.currency(), Currency::USD);
    // and back
    let again = li.convert_basis(&Basis::lce())?;
    assert!((again.amount_per_tonne() - 14_000.0).abs() < 1e-8);
    Ok(())
}

#[test]
fn spodumene_price_in_lce_terms() -> R {
    // 730 USD/t SC6 at 6.74 t SC6 per t LCE is about 4,920 USD per tonne of LCE contained
    let sc6 = Price::per_tonne(730.0, Currency::USD, Basis::sc6())?;
    let per_lce = sc6.convert_basis(&Basis::lce())?;
    assert!((per_lce.amount_per_tonne() - 730.0 * 6.74).abs() / (730.0 * 6.74) < 1e-3);
    Ok(())
}

#[test]
fn cost_needs_the_price_basis_and_keeps_the_price_year() -> R {
    let p = Price::per_tonne(14_000.0, Currency::USD, Basis::lce())?.with_price_year(2024)?;
    let cargo = Amount::tonnes(1_000.0, Basis::lce())?;
    let cost = p.cost_of(&cargo)?;
    assert_eq!(cost, Money::parse("USD 14 million")?.with_price_year(2024)?);
    // the same lithium as contained Li costs the same once the price is converted too
    let li_basis = Basis::contained(Element::Li);
    let as_li = cargo.convert_to(&li_basis)?;
    assert!(matches!(p.cost_of(&as_li), Err(ref e) if e.kind() == ErrorKind::Mismatch));
    let cost_li = p.convert_basis(&li_basis)?.cost_of(&as_li)?;
    assert!(cost_li.approx_eq(&cost, 1e-12)?);
    Ok(())
}

#[test]
fn comparisons_need_the_same_currency_and_year() -> R {
    let a = Money::parse("USD 2 million")?;
    let b = Money::parse("USD 1.5 million")?;
    assert_eq!(a.try_cmp(&b)?, Ordering::Greater);
    assert_eq!(b.ratio_to(&a)?, 0.75);
    assert_eq!(a.try_sub(&b)?.amount(), 500_000.0);
    assert!(b.try_sub(&a)?.is_negative());
    let eur = Money::parse("EUR 2 million")?;
    assert!(
        matches!(a.try_cmp(&eur), Err(ref e) if e.kind() == ErrorKind::Mismatch && e.to_string().contains("USD and EUR"))
    );
    let real = a.with_price_year(2020)?;
    match real.try_add(&b) {
        Err(e) if e.kind() == ErrorKind::Mismatch => {
            let msg = e.to_string();
            assert!(msg.contains("2020") && msg.contains("unspecified"), "{msg}");
        }
        other => panic!("expected a price-year error, got {other:?}"),
    }
    Ok(())
}

#[test]
fn display_uses_the_minor_unit() -> R {
    assert_eq!(Money::parse("USD 1234.5")?.to_string(), "1234.50 USD");
    assert_eq!(Money::parse("JPY 1234")?.to_string(), "1234 JPY");
    assert_eq!(Currency::CLP.minor_unit(), 0);
    assert_eq!(Currency::KRW.minor_unit(), 0);
    assert_eq!(Currency::AUD.numeric(), 36);
    Ok(())
}

#[test]
fn any_iso_4217_currency_is_read() -> R {
    let m = Money::parse("120 million MXN")?;
    assert_eq!((m.amount(), m.currency().code()), (120_000_000.0, "MXN"));
    assert_eq!(Money::parse("7.5 billion hrk")?.currency().name(), "Croatian kuna"); // superseded, kept for history
    assert!(Money::parse("3 XAU").is_err()); // an ounce of gold is not a currency
    Ok(())
}
