//! The vectorised accumulator: per group, the party totals (or the weights) and the NULL count.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use critical_minerals::stats::concentration::{Remainder, concentration_ratio, entropy_of_weights, hhi_of_weights};
use critical_minerals::stats::share::{Denominator, Shares};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Float64Array, Int64Array, ListArray, StringArray, UInt64Array,
};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::datatypes::{DataType, Field, Float64Type, Int64Type, UInt64Type};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::{Accumulator, EmitTo, GroupsAccumulator};

use crate::udaf::Measure;

/// FxHash-style multiplicative hasher for `i64` party keys.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(SEED);
        }
    }
    fn write_i64(&mut self, i: i64) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(SEED);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type PartyMap = HashMap<i64, f64, BuildHasherDefault<KeyHasher>>;

/// How party values become `i64` keys.
#[derive(Debug, Clone)]
pub(crate) enum Keys {
    /// No party argument.
    None,
    /// Integer parties: the value is the key.
    Int,
    /// Text parties, interned: the key is the index into `names`.
    Text { ids: HashMap<String, i64>, names: Vec<String> },
}

impl Keys {
    pub(crate) fn text() -> Keys {
        Keys::Text { ids: HashMap::new(), names: Vec::new() }
    }

    fn intern(&mut self, s: &str) -> i64 {
        match self {
            Keys::Text { ids, names } => {
                if let Some(id) = ids.get(s) {
                    return *id;
                }
                let id = names.len() as i64;
                ids.insert(s.to_string(), id);
                names.push(s.to_string());
                id
            }
            _ => 0,
        }
    }

    /// One key per row, `None` for a NULL party.
    fn keys(&mut self, name: &str, a: &ArrayRef) -> Result<Vec<Option<i64>>> {
        if let Keys::Int = self {
            return match a.data_type() {
                DataType::Int64 => Ok(a.as_primitive::<Int64Type>().iter().collect()),
                other => exec_err!("{name}: party column is {other}, expected Int64 after coercion"),
            };
        }
        if let Some(d) = a.as_any_dictionary_opt() {
            let values = self.keys(name, d.values())?;
            let keys = d.normalized_keys();
            return Ok(keys
                .into_iter()
                .enumerate()
                .map(|(r, k)| if d.keys().is_valid(r) { values.get(k).copied().flatten() } else { None })
                .collect());
        }
        let mut out = Vec::with_capacity(a.len());
        match a.data_type() {
            DataType::Utf8 => out.extend(a.as_string::<i32>().iter().map(|s| s.map(|s| self.intern(s)))),
            DataType::LargeUtf8 => out.extend(a.as_string::<i64>().iter().map(|s| s.map(|s| self.intern(s)))),
            DataType::Utf8View => out.extend(a.as_string_view().iter().map(|s| s.map(|s| self.intern(s)))),
            other => return exec_err!("{name}: party column is {other}, expected text or an integer"),
        }
        Ok(out)
    }
}

/// Per-group state of one aggregate over all groups of a partition.
#[derive(Debug, Clone)]
pub(crate) struct Groups {
    measure: Measure,
    n: usize,
    keys: Keys,
    /// Weights per group (functions over rows already one per party).
    weights: Vec<Vec<f64>>,
    /// Party totals per group (`_by` functions).
    parties: Vec<PartyMap>,
    /// NULL weights (and NULL parties) skipped, per group.
    nulls: Vec<u64>,
}

fn included(filter: Option<&BooleanArray>, r: usize) -> bool {
    filter.is_none_or(|f| f.is_valid(r) && f.value(r))
}

fn check_weight(name: &str, w: f64) -> Result<()> {
    if w.is_nan() {
        exec_err!("{name}: weight NaN is not a number; weights must be finite and non-negative")
    } else if w.is_infinite() {
        exec_err!("{name}: weight {w} is infinite; weights must be finite and non-negative")
    } else if w < 0.0 {
        exec_err!("{name}: weight {w} is negative; weights must be finite and non-negative")
    } else {
        Ok(())
    }
}

/// The measure of one group's party totals, by the crate's calculators; `None` for a zero total.
pub(crate) fn measure_of(measure: Measure, n: usize, totals: &[f64]) -> Result<Option<f64>> {
    if !totals.iter().any(|w| *w > 0.0) {
        return Ok(None);
    }
    let core = |e: critical_minerals::Error| DataFusionError::Execution(format!("{}: {e}", measure.name()));
    let hhi = || hhi_of_weights(totals.iter().copied()).map_err(core);
    let v = match measure {
        Measure::Hhi | Measure::HhiBy => hhi()?.fraction(),
        Measure::HhiPoints => hhi()?.points(),
        Measure::EffectiveNumber => hhi()?.effective_suppliers(),
        Measure::Entropy => entropy_of_weights(totals.iter().copied()).map_err(core)?,
        Measure::Cr | Measure::CrBy => {
            let shares = Shares::new(totals.iter().copied().enumerate(), Denominator::SumOfRows).map_err(core)?;
            concentration_ratio(&shares, n, Remainder::Excluded)
        }
        Measure::NullWeights => return Ok(None),
    };
    Ok(Some(v))
}

fn list_array(item: DataType, lengths: impl IntoIterator<Item = usize>, values: ArrayRef) -> Result<ArrayRef> {
    let field = Arc::new(Field::new_list_field(item, true));
    Ok(Arc::new(ListArray::try_new(field, OffsetBuffer::from_lengths(lengths), values, None)?))
}

impl Groups {
    pub(crate) fn new(measure: Measure, n: usize, keys: Keys) -> Groups {
        Groups { measure, n, keys, weights: Vec::new(), parties: Vec::new(), nulls: Vec::new() }
    }

    fn name(&self) -> &'static str {
        self.measure.name()
    }

    fn resize(&mut self, groups: usize) {
        if self.nulls.len() < groups {
            self.nulls.resize(groups, 0);
            if self.measure.by_party() {
                self.parties.resize_with(groups, PartyMap::default);
            } else if self.measure != Measure::NullWeights {
                self.weights.resize_with(groups, Vec::new);
            }
        }
    }

    fn weight_column<'a>(&self, values: &'a [ArrayRef]) -> Result<&'a Float64Array> {
        let i = usize::from(self.measure.by_party());
        match values.get(i) {
            Some(a) if *a.data_type() == DataType::Float64 => Ok(a.as_primitive::<Float64Type>()),
            Some(a) => {
                exec_err!("{}: weight column is {}, expected Float64 after coercion", self.name(), a.data_type())
            }
            None => exec_err!("{}: missing argument weight", self.name()),
        }
    }

    /// The party totals of group `g`.
    fn totals(&self, g: usize) -> Vec<f64> {
        if self.measure.by_party() {
            self.parties.get(g).map(|m| m.values().copied().collect()).unwrap_or_default()
        } else {
            self.weights.get(g).cloned().unwrap_or_default()
        }
    }

    /// The first groups' entries of `v` (all of them, or the first `n`), shifting the rest down;
    /// a vector shorter than `n` (one the measure does not use) gives what it has.
    fn take<T>(emit_to: EmitTo, v: &mut Vec<T>) -> Vec<T> {
        match emit_to {
            EmitTo::All => std::mem::take(v),
            EmitTo::First(n) => {
                let rest = v.split_off(n.min(v.len()));
                std::mem::replace(v, rest)
            }
        }
    }

    fn emitted(&self, emit_to: EmitTo) -> usize {
        match emit_to {
            EmitTo::All => self.nulls.len(),
            EmitTo::First(n) => n.min(self.nulls.len()),
        }
    }
}

impl GroupsAccumulator for Groups {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.resize(total_num_groups);
        let name = self.name();
        let w = self.weight_column(values)?;
        // every weight of the batch is checked before any is added
        for r in 0..w.len() {
            if w.is_valid(r) && included(opt_filter, r) {
                check_weight(name, w.value(r))?;
            }
        }
        if self.measure.by_party() {
            let Some(party) = values.first() else { return exec_err!("{name}: missing argument party") };
            let keys = self.keys.keys(name, party)?;
            for (r, (&g, key)) in group_indices.iter().zip(keys).enumerate() {
                if !included(opt_filter, r) {
                    continue;
                }
                match key {
                    Some(key) if w.is_valid(r) => *self.parties[g].entry(key).or_insert(0.0) += w.value(r),
                    _ => self.nulls[g] += 1,
                }
            }
        } else {
            let plain = self.measure != Measure::NullWeights;
            for (r, &g) in group_indices.iter().enumerate() {
                if !included(opt_filter, r) {
                    continue;
                }
                if w.is_valid(r) {
                    if plain {
                        self.weights[g].push(w.value(r));
                    }
                } else {
                    self.nulls[g] += 1;
                }
            }
        }
        Ok(())
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        let k = self.emitted(emit_to);
        if self.measure == Measure::NullWeights {
            let nulls = Self::take(emit_to, &mut self.nulls);
            return Ok(Arc::new(UInt64Array::from(nulls)));
        }
        let mut out = Vec::with_capacity(k);
        for g in 0..k {
            out.push(measure_of(self.measure, self.n, &self.totals(g))?);
        }
        Self::take(emit_to, &mut self.nulls);
        Self::take(emit_to, &mut self.weights);
        Self::take(emit_to, &mut self.parties);
        Ok(Arc::new(Float64Array::from(out)))
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        let nulls: ArrayRef = Arc::new(UInt64Array::from(Self::take(emit_to, &mut self.nulls)));
        let mut out = Vec::with_capacity(3);
        if self.measure.by_party() {
            let maps = Self::take(emit_to, &mut self.parties);
            let lengths: Vec<usize> = maps.iter().map(|m| m.len()).collect();
            let sums = Float64Array::from(maps.iter().flat_map(|m| m.values().copied()).collect::<Vec<f64>>());
            let keys: Vec<i64> = maps.iter().flat_map(|m| m.keys().copied()).collect();
            let (item, parties): (DataType, ArrayRef) = match &self.keys {
                Keys::Text { names, .. } => (
                    DataType::Utf8,
                    Arc::new(StringArray::from(
                        keys.iter().map(|&k| names.get(k as usize).map_or("", String::as_str)).collect::<Vec<&str>>(),
                    )),
                ),
                _ => (DataType::Int64, Arc::new(Int64Array::from(keys))),
            };
            out.push(list_array(item, lengths.iter().copied(), parties)?);
            out.push(list_array(DataType::Float64, lengths, Arc::new(sums))?);
        } else {
            let weights = Self::take(emit_to, &mut self.weights);
            let lengths: Vec<usize> = if self.measure == Measure::NullWeights {
                vec![0; nulls.len()]
            } else {
                weights.iter().map(Vec::len).collect()
            };
            let flat = Float64Array::from(weights.into_iter().flatten().collect::<Vec<f64>>());
            out.push(list_array(DataType::Float64, lengths, Arc::new(flat))?);
        }
        out.push(nulls);
        Ok(out)
    }

    fn merge_batch(&mut self, values: &[ArrayRef], group_indices: &[usize], total_num_groups: usize) -> Result<()> {
        self.resize(total_num_groups);
        let name = self.name();
        let by = self.measure.by_party();
        let expected = if by { 3 } else { 2 };
        if values.len() != expected {
            return exec_err!("{name}: partial state has {} columns, expected {expected}", values.len());
        }
        let list = |a: &ArrayRef| -> Result<ListArray> {
            a.as_list_opt::<i32>().cloned().ok_or_else(|| {
                DataFusionError::Execution(format!(
                    "{name}: partial state column is {}, expected a list",
                    a.data_type()
                ))
            })
        };
        let weights = list(&values[usize::from(by)])?;
        let flat = weights
            .values()
            .as_primitive_opt::<Float64Type>()
            .cloned()
            .ok_or_else(|| DataFusionError::Execution(format!("{name}: partial state weights are not Float64")))?;
        let nulls = values[expected - 1]
            .as_primitive_opt::<UInt64Type>()
            .cloned()
            .ok_or_else(|| DataFusionError::Execution(format!("{name}: partial state NULL count is not UInt64")))?;
        let offsets = weights.value_offsets();
        let party_keys = if by {
            let parties = list(&values[0])?;
            Some(self.keys.keys(name, parties.values())?)
        } else {
            None
        };
        for (r, &g) in group_indices.iter().enumerate() {
            if nulls.is_valid(r) {
                self.nulls[g] += nulls.value(r);
            }
            if weights.is_null(r) {
                continue;
            }
            let (start, end) = (offsets[r] as usize, offsets[r + 1] as usize);
            for i in start..end {
                let w = flat.value(i);
                check_weight(name, w)?;
                match &party_keys {
                    Some(keys) => match keys.get(i).copied().flatten() {
                        Some(key) => *self.parties[g].entry(key).or_insert(0.0) += w,
                        None => self.nulls[g] += 1,
                    },
                    None => {
                        if self.measure != Measure::NullWeights {
                            self.weights[g].push(w);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn convert_to_state(&self, values: &[ArrayRef], opt_filter: Option<&BooleanArray>) -> Result<Vec<ArrayRef>> {
        let rows = values.first().map_or(0, |a| a.len());
        let mut one_each = Groups::new(self.measure, self.n, self.keys.clone());
        let groups: Vec<usize> = (0..rows).collect();
        one_each.update_batch(values, &groups, opt_filter, rows)?;
        one_each.state(EmitTo::All)
    }

    fn size(&self) -> usize {
        let weights: usize = self.weights.iter().map(|v| v.capacity() * 8 + 24).sum();
        let parties: usize = self.parties.iter().map(|m| m.capacity() * 17 + 48).sum();
        let names = match &self.keys {
            Keys::Text { names, .. } => names.iter().map(|s| 2 * s.len() + 56).sum(),
            _ => 0,
        };
        std::mem::size_of::<Self>() + weights + parties + self.nulls.capacity() * 8 + names
    }
}

/// The same state for one group: the `Accumulator` DataFusion uses without `GROUP BY`.
#[derive(Debug)]
pub(crate) struct Single(Groups);

impl Single {
    pub(crate) fn new(groups: Groups) -> Single {
        Single(groups)
    }
}

impl Accumulator for Single {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let rows = values.first().map_or(0, |a| a.len());
        self.0.update_batch(values, &vec![0; rows], None, 1)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let rows = states.first().map_or(0, |a| a.len());
        self.0.merge_batch(states, &vec![0; rows], 1)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let mut g = self.0.clone();
        g.resize(1);
        g.state(EmitTo::All)?.iter().map(|a| ScalarValue::try_from_array(a, 0)).collect()
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let mut g = self.0.clone();
        g.resize(1);
        ScalarValue::try_from_array(&g.evaluate(EmitTo::All)?, 0)
    }

    fn size(&self) -> usize {
        self.0.size()
    }
}
