//! The crate-wide error: each module's error, wrapped.

/// Any error of this crate. Each module has its own error type, converted into this one with `?`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Materials, bases and amounts.
    #[error(transparent)]
    Material(#[from] crate::material::MaterialError),
    /// Currencies and money.
    #[error(transparent)]
    Money(#[from] crate::money::MoneyError),
    /// Countries and regions.
    #[error(transparent)]
    Geo(#[from] crate::geo::GeoError),
    /// Stages, processes and facilities.
    #[error(transparent)]
    Chain(#[from] crate::chain::ChainError),
    /// HS codes and trade flows.
    #[error(transparent)]
    Trade(#[from] crate::trade::TradeError),
    /// Column-stored trade tables and BACI loading.
    #[error(transparent)]
    Columnar(#[from] crate::trade::columnar::ColumnarError),
    /// Sources and estimates.
    #[error(transparent)]
    Provenance(#[from] crate::provenance::ProvenanceError),
    /// Calculators.
    #[error(transparent)]
    Analysis(#[from] crate::analysis::AnalysisError),
    /// Dataset loading.
    #[error(transparent)]
    Dataset(#[from] crate::dataset::DatasetError),
    /// Policy rules.
    #[error(transparent)]
    Policy(#[from] crate::policy::PolicyError),
    /// Building a report.
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
