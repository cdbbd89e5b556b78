//! Tests of `critical_minerals::claims`: the model, the rules, the audit and the recomputation.

mod audit;
mod claim;
mod recompute;
mod rules;
