//! A set of claims with unique ids, and the tolerances both the audit and the recomputation
//! judge them by.

use serde::{Deserialize, Serialize};

use super::audit::{self, Finding};
use super::claim::Claim;
use super::recompute::{self, ClaimCheck, Evidence};
use super::rules::Tolerances;
use crate::Error;
use crate::error::Detail;

/// The claims to check, with unique ids, and the [`Tolerances`] to check them with.
///
/// # Examples
///
/// ```
/// use critical_minerals::claims::{Claim, ClaimSet, FindingKind, Stated, Tolerances};
///
/// let m = "batteries";
/// let set = ClaimSet::new(vec![
///     Claim::share("eu", m, "Europe", None, Stated::exact(50.9)?)?,
///     Claim::share("row", m, "rest of world", None, Stated::exact(50.0)?)?,
///     Claim::multiple("x20", m, 2020, 2025, Stated::about(20.0)?)?,
/// ])?;
/// assert!(set.audit().is_empty()); // 100.9 %: within the 1 pp of `share_sum`
/// // the audit says what it does not read
/// assert_eq!(set.unaudited()[0].0.id(), "x20");
///
/// let strict = set.with_tolerances(Tolerances { share_sum: 0.0, ..Tolerances::default() })?;
/// assert_eq!(strict.audit()[0].kind(), FindingKind::SharesExceedWhole);
///
/// let a = Claim::share("a", m, "Europe", None, Stated::exact(25.0)?)?;
/// assert!(ClaimSet::new(vec![a.clone(), a]).is_err()); // id "a" twice
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SetWire", into = "SetWire")]
pub struct ClaimSet {
    claims: Vec<Claim>,
    tolerances: Tolerances,
}

#[derive(Serialize, Deserialize)]
struct SetWire {
    claims: Vec<Claim>,
    tolerances: Tolerances,
}

impl TryFrom<SetWire> for ClaimSet {
    type Error = Error;
    fn try_from(w: SetWire) -> Result<Self, Self::Error> {
        ClaimSet::new(w.claims)?.with_tolerances(w.tolerances)
    }
}

impl From<ClaimSet> for SetWire {
    fn from(s: ClaimSet) -> SetWire {
        SetWire { claims: s.claims, tolerances: s.tolerances }
    }
}

impl ClaimSet {
    /// A set of claims with the default [`Tolerances`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Duplicate`](crate::ErrorKind::Duplicate) for an id given twice.
    pub fn new(claims: Vec<Claim>) -> Result<ClaimSet, Error> {
        let mut ids: Vec<&str> = claims.iter().map(Claim::id).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(Detail::DuplicateKey { what: "claim ids".to_string(), key: w[0].to_string() }.into());
        }
        Ok(ClaimSet { claims, tolerances: Tolerances::default() })
    }

    /// The same set, checked with `tolerances`.
    ///
    /// # Errors
    ///
    /// As [`Tolerances::validated`].
    pub fn with_tolerances(mut self, tolerances: Tolerances) -> Result<ClaimSet, Error> {
        self.tolerances = tolerances.validated()?;
        Ok(self)
    }

    /// The claims, in the order given.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// The claim with `id`.
    pub fn get(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id() == id)
    }

    /// The tolerances.
    pub fn tolerances(&self) -> Tolerances {
        self.tolerances
    }

    /// Runs the audit: see [`audit`](super::audit()).
    pub fn audit(&self) -> Vec<Finding> {
        audit::audit(self)
    }

    /// The claims no audit check reads, with the reason: multiples and percent changes (the
    /// recomputation checks them against data), and sizes with no year.
    pub fn unaudited(&self) -> Vec<(&Claim, &'static str)> {
        audit::unaudited(self)
    }

    /// Recomputes every claim against `evidence`: see [`recompute`](super::recompute()).
    ///
    /// # Errors
    ///
    /// As [`recompute`](super::recompute()).
    pub fn recompute(&self, evidence: &impl Evidence) -> Result<Vec<ClaimCheck>, Error> {
        recompute::recompute(self, evidence)
    }
}
