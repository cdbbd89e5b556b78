"""Amounts with a basis, bases and money: faithful to the core, errors as documented classes."""

import math

import pytest

import critical_minerals as cm


def test_amount_converts_lithium_to_lce_with_the_iupac_factor():
    li = cm.Amount(88_000, "t", "Li")
    lce = li.to("LCE")
    # 2 Li per Li2CO3: M(Li2CO3) / (2 M(Li)) from IUPAC standard atomic weights
    m_li, m_c, m_o = 6.94, 12.011, 15.999
    factor = (2 * m_li + m_c + 3 * m_o) / (2 * m_li)
    assert math.isclose(lce.tonnes, 88_000 * factor, rel_tol=1e-3)
    assert str(lce) == "468.454 kt LCE"
    assert lce.basis == cm.Basis("LCE")
    assert math.isclose(cm.Basis("Li").factor_to("LCE"), factor, rel_tol=1e-3)


def test_amount_repr_shows_unit_and_basis_and_units_are_read():
    a = cm.Amount(88, "kt", "Li")
    assert repr(a) == 'Amount(88000.0, "t", "Li")'
    assert a.tonnes == 88_000.0
    assert a.value_in("kt") == 88.0
    assert a == cm.Amount(88_000_000, "kg", cm.Basis("Li"))
    assert a.to_dict() == {"value": 88000.0, "unit": "t", "basis": "Li"}


def test_adding_two_bases_is_a_mismatch_not_a_sum():
    li = cm.Amount(1, "t", "Li")
    assert (li + li).tonnes == 2.0
    with pytest.raises(cm.MismatchError) as e:
        li + li.to("LCE")
    assert "LCE" in str(e.value) and "Li" in str(e.value)
    assert e.value.kind == "Mismatch"
    assert isinstance(e.value, ValueError)


@pytest.mark.parametrize(
    "value, unit, basis, error, fragment",
    [
        (math.nan, "t", "Li", cm.NotFiniteError, "NaN"),
        (math.inf, "t", "Li", cm.NotFiniteError, "inf"),
        (-5.0, "t", "Li", cm.NegativeError, "-5"),
        (1.0, "lb", "Li", cm.UnknownError, '"lb"'),
        (1.0, "t", "", cm.ParseError, "empty basis"),
        (1.0, "t", "Xx", cm.ParseError, 'bad basis "Xx"'),
        (1.0, "t", "li", cm.UnknownError, 'unknown material form "li"'),
    ],
)
def test_bad_amounts_raise_the_documented_class_with_the_crates_message(value, unit, basis, error, fragment):
    with pytest.raises(error) as e:
        cm.Amount(value, unit, basis)
    assert fragment in str(e.value)


def test_converting_between_elements_is_refused():
    with pytest.raises(cm.NotConvertibleError):
        cm.Amount(1, "t", "Li").to("Co")


@pytest.mark.parametrize("args", [("88", "t", "Li"), (1.0, 5, "Li"), (1.0, "t", 3), (None, "t", "Li")])
def test_wrong_python_types_are_type_errors(args):
    with pytest.raises(TypeError):
        cm.Amount(*args)


def test_money_is_parsed_once_with_its_scale():
    m = cm.Money.parse("150 billion USD")
    assert m.amount == 150e9 and m.currency == "USD" and m.in_scale("billion") == 150.0
    assert m == cm.Money.parse("$150bn")
    assert repr(m.with_price_year(2024)) == 'Money(150000000000.0, "USD", price_year=2024)'
    assert (m + cm.Money(1e9, "USD")).amount == 151e9


@pytest.mark.parametrize(
    "text, error, fragment",
    [
        ("150 M USD", cm.ParseError, 'bad scale "M"'),
        ("¥150 billion", cm.AmbiguousError, "CNY or JPY"),
        ("150 billion XYZ", cm.UnknownError, "XYZ"),
        ("", cm.ParseError, ""),
    ],
)
def test_bad_money_raises(text, error, fragment):
    with pytest.raises(error) as e:
        cm.Money.parse(text)
    assert fragment in str(e.value)


def test_money_text_must_be_text():
    with pytest.raises(TypeError):
        cm.Money.parse(150)
    with pytest.raises(TypeError):
        cm.Money(1.0, 840)


def test_money_in_two_currencies_does_not_add():
    with pytest.raises(cm.MismatchError):
        cm.Money(1, "USD") + cm.Money(1, "EUR")
