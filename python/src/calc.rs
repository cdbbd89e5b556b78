//! The calculators on plain lists of floats (the package turns arrays and Series into these).

use critical_minerals::methods::reliance::{Figure, SalientStatistics};
use critical_minerals::stats::concentration::{self as conc, Hhi, Remainder};
use critical_minerals::stats::growth::{self, GrowthRate};
use critical_minerals::stats::share::{Denominator, Shares};
use critical_minerals::time::Span;
use pyo3::prelude::*;

use crate::errors::{IntoPy, invalid_option};
use crate::quantities::{basis_arg, json_to_py};

/// A Herfindahl–Hirschman index with its scale explicit: `.fraction` (0–1), `.points` (0–10,000).
#[pyclass(name = "Hhi", module = "critical_minerals", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyHhi {
    inner: Hhi,
}

#[pymethods]
impl PyHhi {
    /// An HHI from a fraction (`scale="fraction"`, 0–1) or points (`scale="points"`, 0–10,000).
    #[new]
    fn new(value: f64, scale: &str) -> PyResult<Self> {
        let inner = match scale {
            "fraction" => Hhi::from_fraction(value),
            "points" => Hhi::from_points(value),
            other => return Err(bad_scale(other)),
        };
        Ok(PyHhi { inner: inner.py()? })
    }

    /// The index as a fraction in `[0, 1]`.
    #[getter]
    fn fraction(&self) -> f64 {
        self.inner.fraction()
    }

    /// The index in points, `10,000 ×` the fraction (competition guidelines' scale).
    #[getter]
    fn points(&self) -> f64 {
        self.inner.points()
    }

    /// The effective number of suppliers, `1 / HHI`.
    #[getter]
    fn effective_number(&self) -> f64 {
        self.inner.effective_suppliers()
    }

    /// The normalized index `(HHI − 1/n) / (1 − 1/n)` for `n` suppliers.
    fn normalized(&self, n: usize) -> PyResult<f64> {
        self.inner.normalized(n).py()
    }

    fn __repr__(&self) -> String {
        format!("Hhi(fraction={:?}, points={:?})", self.inner.fraction(), self.inner.points())
    }
}

fn bad_scale(other: &str) -> PyErr {
    invalid_option(format!("scale {other:?}: expected \"fraction\" or \"points\""))
}

/// A compound annual growth rate: `.fraction` (0.045) and `.percent` (4.5).
#[pyclass(name = "GrowthRate", module = "critical_minerals", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyGrowthRate {
    inner: GrowthRate,
}

#[pymethods]
impl PyGrowthRate {
    /// The rate per year as a fraction.
    #[getter]
    fn fraction(&self) -> f64 {
        self.inner.fraction()
    }

    /// The rate per year in percent.
    #[getter]
    fn percent(&self) -> f64 {
        self.inner.percent()
    }

    fn __repr__(&self) -> String {
        format!("GrowthRate(fraction={:?}, percent={:?})", self.inner.fraction(), self.inner.percent())
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }
}

fn remainder(text: &str) -> PyResult<Remainder> {
    match text {
        "excluded" => Ok(Remainder::Excluded),
        "as-one-supplier" => Ok(Remainder::AsOneSupplier),
        other => Err(invalid_option(format!("remainder {other:?}: expected \"excluded\" or \"as-one-supplier\""))),
    }
}

/// Shares of `values` (keys are positions) under the sum of the rows or a published `total`.
fn build(values: Vec<f64>, total: Option<f64>) -> PyResult<Shares<usize>> {
    let denominator = match total {
        Some(t) => Denominator::PublishedTotal(t),
        None => Denominator::SumOfRows,
    };
    Shares::new(values.into_iter().enumerate(), denominator).py()
}

/// Each value's share (a fraction) of the rows' sum or of `total`, in input order.
#[pyfunction]
#[pyo3(signature = (values, total=None))]
pub(crate) fn shares(values: Vec<f64>, total: Option<f64>) -> PyResult<Vec<f64>> {
    let n = values.len();
    let s = build(values, total)?;
    Ok((0..n).map(|i| s.share_of(&i).unwrap_or(0.0)).collect())
}

/// The HHI of `values`.
#[pyfunction]
#[pyo3(signature = (values, total=None, remainder="excluded"))]
pub(crate) fn hhi(values: Vec<f64>, total: Option<f64>, remainder: &str) -> PyResult<PyHhi> {
    let r = self::remainder(remainder)?;
    Ok(PyHhi { inner: conc::hhi(&build(values, total)?, r) })
}

/// The concentration ratio CR-`n` of `values` (a fraction).
#[pyfunction]
#[pyo3(signature = (values, n, total=None, remainder="excluded"))]
pub(crate) fn cr(values: Vec<f64>, n: usize, total: Option<f64>, remainder: &str) -> PyResult<f64> {
    let r = self::remainder(remainder)?;
    Ok(conc::concentration_ratio(&build(values, total)?, n, r))
}

/// The Shannon entropy of `values`' shares, natural log (nats).
#[pyfunction]
#[pyo3(signature = (values, total=None, remainder="excluded"))]
pub(crate) fn entropy(values: Vec<f64>, total: Option<f64>, remainder: &str) -> PyResult<f64> {
    let r = self::remainder(remainder)?;
    Ok(conc::entropy(&build(values, total)?, r))
}

/// The compound annual growth rate from `start` (in `start_year`) to `end` (in `end_year`).
#[pyfunction]
pub(crate) fn cagr(start: f64, end: f64, start_year: i32, end_year: i32) -> PyResult<PyGrowthRate> {
    let span = Span::years(start_year, end_year).py()?;
    Ok(PyGrowthRate { inner: growth::cagr(start, end, &span).py()? })
}

/// A USGS figure: a number of tonnes, or a table cell's text (`"3,300"`, `"W"`, `"NA"`, `"—"`).
fn figure(obj: &Bound<'_, PyAny>) -> PyResult<Figure> {
    if let Ok(text) = obj.extract::<String>() {
        return Figure::parse_usgs(&text).py();
    }
    Ok(Figure::Reported(obj.extract::<f64>()?))
}

/// USGS net import reliance of `basis` statistics, as its JSON form (a dict tagged by `kind`).
#[pyfunction]
#[pyo3(signature = (production, imports, exports, basis, stock_adjustment=None))]
pub(crate) fn net_import_reliance<'py>(
    py: Python<'py>,
    production: &Bound<'py, PyAny>,
    imports: &Bound<'py, PyAny>,
    exports: &Bound<'py, PyAny>,
    basis: &Bound<'py, PyAny>,
    stock_adjustment: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut stats =
        SalientStatistics::new(basis_arg(basis)?, figure(production)?, figure(imports)?, figure(exports)?).py()?;
    if let Some(adj) = stock_adjustment {
        stats = stats.with_stock_adjustment(figure(adj)?).py()?;
    }
    let nir = stats.net_import_reliance().py()?;
    let text = serde_json::to_string(&nir).map_err(|e| crate::errors::raise("InternalError", e.to_string(), None))?;
    json_to_py(py, &text)
}
