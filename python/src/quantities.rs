//! `Basis`, `Amount` and `Money`: the core's types, held whole, with Python operators.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use critical_minerals::material::{Amount, Basis};
use critical_minerals::money::{Currency, Money, Scale};
use pyo3::prelude::*;

use crate::errors::IntoPy;

/// A content basis: what a tonnage counts (`"Li"` contained lithium, `"LCE"` lithium carbonate
/// equivalent, `"LiOH·H2O"`, `"SC6"`, `"spodumene-concentrate@6%Li2O"`, ...).
#[pyclass(name = "Basis", module = "critical_minerals", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyBasis {
    pub(crate) inner: Basis,
}

/// A `Basis` or its text.
pub(crate) fn basis_arg(obj: &Bound<'_, PyAny>) -> PyResult<Basis> {
    if let Ok(b) = obj.cast::<PyBasis>() {
        return Ok(b.get().inner.clone());
    }
    let text: String = obj.extract()?;
    text.parse::<Basis>().py()
}

#[pymethods]
impl PyBasis {
    /// Parses a basis; raises `ParseError` or `UnknownError` with the crate's message.
    #[new]
    fn new(text: &str) -> PyResult<Self> {
        Ok(PyBasis { inner: text.parse::<Basis>().py()? })
    }

    /// The element the basis counts, as its symbol (`"Li"`), or `None` for a mixture.
    #[getter]
    fn element(&self) -> Option<&'static str> {
        self.inner.element().map(|e| e.symbol())
    }

    /// Tonnes of `target` per tonne on this basis (`Basis("Li").factor_to("LCE")` is 5.323).
    fn factor_to(&self, target: &Bound<'_, PyAny>) -> PyResult<f64> {
        self.inner.factor_to(&basis_arg(target)?).py()
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!("Basis({:?})", self.inner.to_string())
    }

    fn __hash__(&self) -> u64 {
        let mut h = DefaultHasher::new();
        self.inner.to_string().hash(&mut h);
        h.finish()
    }
}

/// A tonnage on a basis. `Amount(88_000, "t", "Li")`; units `t`, `kg`, `kt`, `Mt`.
#[pyclass(name = "Amount", module = "critical_minerals", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyAmount {
    pub(crate) inner: Amount,
}

#[pymethods]
impl PyAmount {
    /// `value` in `unit` (`t`, `kg`, `kt`, `Mt`) on `basis` (text or `Basis`).
    #[new]
    fn new(value: f64, unit: &str, basis: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyAmount { inner: Amount::in_unit(value, unit, basis_arg(basis)?).py()? })
    }

    /// The same material counted on another basis (`Amount(88_000, "t", "Li").to("LCE")`).
    fn to(&self, basis: &Bound<'_, PyAny>) -> PyResult<PyAmount> {
        Ok(PyAmount { inner: self.inner.convert_to(&basis_arg(basis)?).py()? })
    }

    /// The mass in metric tonnes.
    #[getter]
    fn tonnes(&self) -> f64 {
        self.inner.in_tonnes()
    }

    /// The mass in `unit` (`t`, `kg`, `kt`, `Mt`).
    fn value_in(&self, unit: &str) -> PyResult<f64> {
        let per = Amount::in_unit(1.0, unit, self.inner.basis().clone()).py()?.in_tonnes();
        Ok(self.inner.in_tonnes() / per)
    }

    /// The basis.
    #[getter]
    fn basis(&self) -> PyBasis {
        PyBasis { inner: self.inner.basis().clone() }
    }

    /// The sum of two amounts on one basis; `MismatchError` for two bases.
    fn __add__(&self, other: &Bound<'_, PyAny>) -> PyResult<PyAmount> {
        let other = other.extract::<PyAmount>()?;
        Ok(PyAmount { inner: self.inner.try_add(&other.inner).py()? })
    }

    /// The amount times a non-negative factor.
    fn __mul__(&self, factor: f64) -> PyResult<PyAmount> {
        Ok(PyAmount { inner: self.inner.scale(factor).py()? })
    }

    fn __rmul__(&self, factor: f64) -> PyResult<PyAmount> {
        self.__mul__(factor)
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!("Amount({:?}, \"t\", {:?})", self.inner.in_tonnes(), self.inner.basis().to_string())
    }

    /// The JSON form (`{"value": ..., "unit": "t", "basis": ...}`) as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &serde_json::to_string(&self.inner).unwrap_or_default())
    }
}

/// Money in one currency, with its price year when known. `Money.parse("150 billion USD")`.
#[pyclass(name = "Money", module = "critical_minerals", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyMoney {
    inner: Money,
}

fn currency(code: &str) -> PyResult<Currency> {
    code.parse::<Currency>().py()
}

#[pymethods]
impl PyMoney {
    /// `amount` of `currency` (an ISO 4217 code), optionally in the prices of `price_year`.
    #[new]
    #[pyo3(signature = (amount, currency_code, price_year=None))]
    fn new(amount: f64, currency_code: &str, price_year: Option<i32>) -> PyResult<Self> {
        let m = Money::new(amount, currency(currency_code)?).py()?;
        let inner = match price_year {
            Some(y) => m.with_price_year(y).py()?,
            None => m,
        };
        Ok(PyMoney { inner })
    }

    /// Reads money as analysts write it: `"150 billion USD"`, `"USD 1.2 million"`, `"$150bn"`.
    /// `M`, `MM` and `¥` are refused (`ParseError`, `AmbiguousError`), not guessed.
    #[staticmethod]
    fn parse(text: &str) -> PyResult<PyMoney> {
        Ok(PyMoney { inner: Money::parse(text).py()? })
    }

    /// The amount in units of the currency.
    #[getter]
    fn amount(&self) -> f64 {
        self.inner.amount()
    }

    /// The ISO 4217 code.
    #[getter]
    fn currency(&self) -> String {
        self.inner.currency().to_string()
    }

    /// The price year, if stated.
    #[getter]
    fn price_year(&self) -> Option<i32> {
        self.inner.price_year()
    }

    /// The same amount labelled with the prices of `year` (a label, not a conversion).
    fn with_price_year(&self, year: i32) -> PyResult<PyMoney> {
        Ok(PyMoney { inner: self.inner.with_price_year(year).py()? })
    }

    /// The amount in a scale word: `in_scale("billion")` of USD 150 bn is 150.0.
    fn in_scale(&self, scale: &str) -> PyResult<f64> {
        Ok(self.inner.in_scale(scale.parse::<Scale>().py()?))
    }

    /// The sum; `MismatchError` for two currencies or price years.
    fn __add__(&self, other: &Bound<'_, PyAny>) -> PyResult<PyMoney> {
        let other = other.extract::<PyMoney>()?;
        Ok(PyMoney { inner: self.inner.try_add(&other.inner).py()? })
    }

    /// The difference; `MismatchError` for two currencies or price years.
    fn __sub__(&self, other: &Bound<'_, PyAny>) -> PyResult<PyMoney> {
        let other = other.extract::<PyMoney>()?;
        Ok(PyMoney { inner: self.inner.try_sub(&other.inner).py()? })
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        match self.inner.price_year() {
            Some(y) => format!("Money({:?}, {:?}, price_year={y})", self.inner.amount(), self.currency()),
            None => format!("Money({:?}, {:?})", self.inner.amount(), self.currency()),
        }
    }
}

/// JSON text as Python objects, through the standard library's `json`.
pub(crate) fn json_to_py<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}
