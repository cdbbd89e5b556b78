//! How the trade loaders read economy codes: the policy for a code in none of the lists, and
//! the reading of 490 ("Other Asia, nes").

use std::collections::BTreeMap;

use crate::Error;
use crate::geo::{Economy, OtherAsia};

/// What a loader does with a reporter, partner, exporter or importer code that is in none of
/// the code lists ([`Economy::from_trade_code`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum UnknownCodes {
    /// Fail, naming the file, line, column and code (the default).
    #[default]
    Error,
    /// Keep the code as its own economy ([`Economy::unknown`]) and count the rows that carry
    /// it in the load report: never dropped, never merged into another economy.
    Keep,
}

/// How a loader reads economy codes: the unknown-code policy and the reading of 490.
///
/// # Examples
///
/// ```
/// use critical_minerals::geo::{Country, OtherAsia};
/// use critical_minerals::trade::{CodePolicy, UnknownCodes};
///
/// let strict = CodePolicy::default();
/// assert!(strict.resolve(999).is_err());
/// let keep = CodePolicy::default().with_unknown(UnknownCodes::Keep).with_other_asia(OtherAsia::Taiwan);
/// assert!(keep.resolve(999)?.is_unknown());
/// assert_eq!(keep.resolve(490)?, Country::from_code("TW")?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CodePolicy {
    unknown: UnknownCodes,
    other_asia: OtherAsia,
}

impl CodePolicy {
    /// With `unknown` as the policy for codes in no list.
    pub fn with_unknown(self, unknown: UnknownCodes) -> Self {
        CodePolicy { unknown, ..self }
    }

    /// With 490 read as `other_asia` says.
    pub fn with_other_asia(self, other_asia: OtherAsia) -> Self {
        CodePolicy { other_asia, ..self }
    }

    /// The unknown-code policy.
    pub fn unknown(&self) -> UnknownCodes {
        self.unknown
    }

    /// The reading of 490.
    pub fn other_asia(&self) -> OtherAsia {
        self.other_asia
    }

    /// The economy of `code` under this policy.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Unknown`](crate::ErrorKind::Unknown) for a code in no list under
    /// [`UnknownCodes::Error`] (loaders add the file, line and column);
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for a code of 2^31 or more.
    pub fn resolve(&self, code: u32) -> Result<Economy, Error> {
        let e = match self.unknown {
            UnknownCodes::Error => Economy::from_trade_code(code)?,
            UnknownCodes::Keep => Economy::unknown(code)?,
        };
        Ok(e.with_other_asia(self.other_asia))
    }
}

/// Rows per unknown code, as loaders report them (a row whose two parties carry the same
/// unknown code counts once).
pub(crate) fn count_unknown(counts: &mut BTreeMap<u32, u64>, a: Economy, b: Economy) {
    if a.is_unknown() {
        *counts.entry(a.code()).or_insert(0) += 1;
    }
    if b.is_unknown() && b != a {
        *counts.entry(b.code()).or_insert(0) += 1;
    }
}

/// Serializes unknown-code counts as a tidy list of `{code, rows}`.
pub(crate) mod unknown_rows {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Row {
        code: u32,
        rows: u64,
    }

    pub(crate) fn serialize<S: Serializer>(m: &BTreeMap<u32, u64>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(m.iter().map(|(&code, &rows)| Row { code, rows }))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<u32, u64>, D::Error> {
        Ok(Vec::<Row>::deserialize(d)?.into_iter().map(|r| (r.code, r.rows)).collect())
    }
}
