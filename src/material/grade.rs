//! Product grades as the lithium trade names them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::Detail;

/// The grade classes the lithium trade uses for chemicals and metal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum GradeClass {
    /// Battery grade: the purity cathode and cell makers specify.
    Battery,
    /// Chemical or technical grade (glass, ceramics, greases, chemical synthesis).
    Technical,
    /// Alloy grade (lithium metal for aluminium-lithium and other alloys).
    Alloy,
    /// Research grade (laboratory and development use).
    Research,
}

impl GradeClass {
    /// Lower-case name (`"battery"`).
    pub const fn name(self) -> &'static str {
        match self {
            GradeClass::Battery => "battery",
            GradeClass::Technical => "technical",
            GradeClass::Alloy => "alloy",
            GradeClass::Research => "research",
        }
    }
}

/// A product grade: a class and, where a specification gives one, the minimum purity as a
/// mass fraction in (0, 1].
///
/// The crate embeds no purity thresholds of its own: specifications differ by buyer, so the
/// minimum purity comes from the user's specification.
///
/// # Example
///
/// ```
/// use critical_minerals::material::{Grade, GradeClass};
///
/// let spec = Grade::with_min_purity_percent(GradeClass::Battery, 99.5)?;
/// assert!(spec.accepts(0.996));
/// assert!(!spec.accepts(0.990));
/// assert!(Grade::with_min_purity_percent(GradeClass::Battery, 100.5).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "GradeWire", into = "GradeWire")]
pub struct Grade {
    class: GradeClass,
    min_purity: Option<f64>,
}

/// Serialized form of [`Grade`], checked on the way in like [`Grade::with_min_purity_percent`].
#[derive(Serialize, Deserialize)]
struct GradeWire {
    class: GradeClass,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min_purity: Option<f64>,
}

impl TryFrom<GradeWire> for Grade {
    type Error = Error;
    fn try_from(w: GradeWire) -> Result<Self, Self::Error> {
        match w.min_purity {
            Some(f) => Grade::with_min_purity_fraction(w.class, f),
            None => Ok(Grade::new(w.class)),
        }
    }
}

impl From<Grade> for GradeWire {
    fn from(g: Grade) -> Self {
        GradeWire { class: g.class, min_purity: g.min_purity }
    }
}

impl Grade {
    /// A grade class with no stated purity threshold.
    pub fn new(class: GradeClass) -> Grade {
        Grade { class, min_purity: None }
    }

    /// A grade with a minimum purity given in percent, in (0, 100].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`](crate::ErrorKind::OutOfRange) for NaN, infinity, zero, negatives or above 100 %.
    pub fn with_min_purity_percent(class: GradeClass, pct: f64) -> Result<Grade, Error> {
        Grade::with_min_purity_fraction(class, pct / 100.0)
    }

    fn with_min_purity_fraction(class: GradeClass, f: f64) -> Result<Grade, Error> {
        if !(f.is_finite() && f > 0.0 && f <= 1.0) {
            return Err(Detail::FractionOutOfRange {
                what: format!("minimum purity of {} grade", class.name()),
                value: f,
            }
            .into());
        }
        Ok(Grade { class, min_purity: Some(f) })
    }

    /// The grade class.
    pub fn class(&self) -> GradeClass {
        self.class
    }

    /// The minimum purity as a fraction, if the grade states one.
    pub fn min_purity(&self) -> Option<f64> {
        self.min_purity
    }

    /// Whether a material of `purity` (fraction) meets the grade; a grade without a threshold
    /// accepts any purity in [0, 1].
    pub fn accepts(&self, purity: f64) -> bool {
        purity.is_finite() && (0.0..=1.0).contains(&purity) && self.min_purity.is_none_or(|m| purity >= m)
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.min_purity {
            Some(p) => write!(f, "{} grade (>= {} %)", self.class.name(), crate::fmt::trim(p * 100.0, 4)),
            None => write!(f, "{} grade", self.class.name()),
        }
    }
}
