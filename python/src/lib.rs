//! Python bindings of `critical-minerals`: the native module `critical_minerals._native`.
//!
//! The Python package `critical_minerals` (the folder next to this crate) wraps these functions:
//! it turns sequences, NumPy arrays, pandas and Polars Series into lists of floats, builds
//! Polars or pandas frames from the column buffers returned here, and defines the exception
//! classes that [`errors::to_py`] raises. Every number is computed by the Rust core; this crate
//! only converts arguments and results.

mod calc;
mod columnar;
mod data;
mod errors;
mod quantities;

use pyo3::prelude::*;

/// The native half of `critical_minerals`; import the package, not this module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<quantities::PyBasis>()?;
    m.add_class::<quantities::PyAmount>()?;
    m.add_class::<quantities::PyMoney>()?;
    m.add_class::<calc::PyHhi>()?;
    m.add_class::<calc::PyGrowthRate>()?;
    m.add_function(wrap_pyfunction!(calc::shares, m)?)?;
    m.add_function(wrap_pyfunction!(calc::hhi, m)?)?;
    m.add_function(wrap_pyfunction!(calc::cr, m)?)?;
    m.add_function(wrap_pyfunction!(calc::entropy, m)?)?;
    m.add_function(wrap_pyfunction!(calc::cagr, m)?)?;
    m.add_function(wrap_pyfunction!(calc::net_import_reliance, m)?)?;
    m.add_function(wrap_pyfunction!(columnar::concentration_columns, m)?)?;
    m.add_function(wrap_pyfunction!(columnar::synthetic_baci, m)?)?;
    m.add_function(wrap_pyfunction!(data::dataset_json, m)?)?;
    m.add_function(wrap_pyfunction!(data::report_json, m)?)?;
    m.add_function(wrap_pyfunction!(data::report_render, m)?)?;
    Ok(())
}
