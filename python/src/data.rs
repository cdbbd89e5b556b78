//! The embedded dataset and the supply-chain report, in their JSON forms.

use critical_minerals::dataset::{Commodity, Dataset};
use critical_minerals::render::{self, Format};
use critical_minerals::report::SupplyReport;
use pyo3::prelude::*;

use crate::errors::{IntoPy, raise};

/// The embedded dataset's JSON form: one key per table, each a list of rows (objects whose keys
/// are the table's CSV columns, in order, `source` among them).
#[pyfunction]
pub(crate) fn dataset_json() -> PyResult<String> {
    Dataset::builtin_ref().py()?.to_json().py()
}

/// The supply-chain report of `commodity` (`lithium`, `cobalt`, `nickel`, `natural-graphite`)
/// from the embedded data, as its JSON text.
#[pyfunction]
pub(crate) fn report_json(commodity: &str) -> PyResult<String> {
    let c: Commodity = commodity.parse().py()?;
    let data = Dataset::builtin_ref().py()?;
    let report = SupplyReport::build(data, c).py()?;
    serde_json::to_string(&report).map_err(|e| raise("InternalError", e.to_string(), None))
}

/// The supply-chain report of `commodity` rendered as `format`: `table`, `markdown`, `csv`,
/// `json` or `html` (one self-contained page with SVG charts).
#[pyfunction]
pub(crate) fn report_render(commodity: &str, format: &str) -> PyResult<String> {
    let c: Commodity = commodity.parse().py()?;
    let f: Format = format.parse().py()?;
    let data = Dataset::builtin_ref().py()?;
    render::report(&SupplyReport::build(data, c).py()?, f).py()
}
