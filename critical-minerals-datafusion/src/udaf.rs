//! The `AggregateUDFImpl`: names, signatures, argument checks and state fields.

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue, exec_err, plan_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, GroupsAccumulator, Signature, Volatility};
use datafusion::physical_expr::expressions::Literal;

use crate::accumulator::{Groups, Keys, Single};

/// Which measure a [`ConcentrationUdaf`] computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// `hhi(weight)`: HHI as a fraction.
    Hhi,
    /// `hhi_points(weight)`: HHI on 0–10,000.
    HhiPoints,
    /// `cr(weight, n)`: CR-n as a fraction.
    Cr,
    /// `effective_number(weight)`: `1 / HHI`.
    EffectiveNumber,
    /// `entropy(weight)`: Shannon entropy in nats.
    Entropy,
    /// `hhi_by(party, weight)`: HHI of the parties' totals.
    HhiBy,
    /// `cr_by(party, weight, n)`: CR-n of the parties' totals.
    CrBy,
    /// `null_weights(weight)`: the number of NULL weights.
    NullWeights,
}

impl Measure {
    /// Every measure.
    pub const ALL: [Measure; 8] = [
        Measure::Hhi,
        Measure::HhiPoints,
        Measure::Cr,
        Measure::EffectiveNumber,
        Measure::Entropy,
        Measure::HhiBy,
        Measure::CrBy,
        Measure::NullWeights,
    ];

    /// The SQL name.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Hhi => "hhi",
            Measure::HhiPoints => "hhi_points",
            Measure::Cr => "cr",
            Measure::EffectiveNumber => "effective_number",
            Measure::Entropy => "entropy",
            Measure::HhiBy => "hhi_by",
            Measure::CrBy => "cr_by",
            Measure::NullWeights => "null_weights",
        }
    }

    /// Whether the first argument is a party whose rows are summed.
    pub fn by_party(self) -> bool {
        matches!(self, Measure::HhiBy | Measure::CrBy)
    }

    /// Whether the last argument is `n`.
    pub fn takes_n(self) -> bool {
        matches!(self, Measure::Cr | Measure::CrBy)
    }

    fn arguments(self) -> &'static str {
        match self {
            Measure::Cr => "(weight, n)",
            Measure::HhiBy => "(party, weight)",
            Measure::CrBy => "(party, weight, n)",
            _ => "(weight)",
        }
    }

    fn arity(self) -> usize {
        1 + usize::from(self.by_party()) + usize::from(self.takes_n())
    }

    fn weight_index(self) -> usize {
        usize::from(self.by_party())
    }
}

/// One of the crate's concentration measures as a DataFusion aggregate function.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConcentrationUdaf {
    measure: Measure,
    signature: Signature,
}

impl ConcentrationUdaf {
    /// The function for `measure`.
    pub fn new(measure: Measure) -> Self {
        ConcentrationUdaf { measure, signature: Signature::user_defined(Volatility::Immutable) }
    }

    /// Its measure.
    pub fn measure(&self) -> Measure {
        self.measure
    }

    /// `n` of `cr` / `cr_by`: the literal last argument, a positive integer.
    fn n(&self, args: &AccumulatorArgs) -> Result<usize> {
        let name = self.measure.name();
        let Some(expr) = args.exprs.get(self.measure.arity() - 1) else {
            return plan_err!("{name}: missing argument n");
        };
        let Some(lit) = expr.downcast_ref::<Literal>() else {
            return plan_err!("{name}: n must be a literal positive integer, got the expression {expr}");
        };
        let n = match *lit.value() {
            ScalarValue::Int64(Some(n)) => n,
            ref other => return plan_err!("{name}: n must be a positive integer, got {other}"),
        };
        if n <= 0 {
            return plan_err!("{name}: n must be a positive integer, got {n}");
        }
        usize::try_from(n).or_else(|_| plan_err!("{name}: n = {n} is too large"))
    }

    fn groups(&self, args: &AccumulatorArgs) -> Result<Groups> {
        if args.is_distinct {
            return plan_err!("{}: DISTINCT is not supported (party totals need every row)", self.measure.name());
        }
        let n = if self.measure.takes_n() { self.n(args)? } else { 0 };
        let keys = if self.measure.by_party() {
            match args.expr_fields.first().map(|f| f.data_type()) {
                Some(t) if t.is_integer() => Keys::Int,
                Some(_) => Keys::text(),
                None => return exec_err!("{}: missing argument party", self.measure.name()),
            }
        } else {
            Keys::None
        };
        Ok(Groups::new(self.measure, n, keys))
    }
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

impl AggregateUDFImpl for ConcentrationUdaf {
    fn name(&self) -> &str {
        self.measure.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let m = self.measure;
        let name = m.name();
        if arg_types.len() != m.arity() {
            return plan_err!("{name}{} takes {} arguments, got {}", m.arguments(), m.arity(), arg_types.len());
        }
        let mut out = Vec::with_capacity(arg_types.len());
        for (pos, t) in arg_types.iter().enumerate() {
            let coerced = if m.by_party() && pos == 0 {
                match t {
                    t if t.is_integer() => DataType::Int64,
                    t if is_text(t) => t.clone(),
                    DataType::Dictionary(k, v) if k.is_integer() && is_text(v) => t.clone(),
                    DataType::Null => DataType::Int64,
                    other => {
                        return plan_err!("{name}: argument party is {other}, expected an integer or text column");
                    }
                }
            } else if pos == m.weight_index() {
                if t.is_numeric() || *t == DataType::Null {
                    DataType::Float64
                } else {
                    return plan_err!("{name}: argument weight is {t}, expected a number");
                }
            } else if t.is_integer() {
                DataType::Int64
            } else {
                return plan_err!("{name}: argument n is {t}, expected a positive integer");
            };
            out.push(coerced);
        }
        Ok(out)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(if self.measure == Measure::NullWeights { DataType::UInt64 } else { DataType::Float64 })
    }

    fn accumulator(&self, acc_args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(Single::new(self.groups(&acc_args)?)))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let name = args.name;
        let list = |t: DataType| DataType::List(Arc::new(Field::new_list_field(t, true)));
        let mut fields = Vec::new();
        if self.measure.by_party() {
            let party = match args.input_fields.first().map(|f| f.data_type()) {
                Some(t) if t.is_integer() => DataType::Int64,
                _ => DataType::Utf8,
            };
            fields.push(Field::new(format_state_name(name, "parties"), list(party), true));
        }
        fields.push(Field::new(format_state_name(name, "weights"), list(DataType::Float64), true));
        fields.push(Field::new(format_state_name(name, "nulls"), DataType::UInt64, true));
        Ok(fields.into_iter().map(Arc::new).collect())
    }

    fn groups_accumulator_supported(&self, _args: AccumulatorArgs) -> bool {
        true
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        Ok(Box::new(self.groups(&args)?))
    }

    fn default_value(&self, data_type: &DataType) -> Result<ScalarValue> {
        if self.measure == Measure::NullWeights {
            Ok(ScalarValue::UInt64(Some(0)))
        } else {
            ScalarValue::try_from(data_type)
        }
    }
}
