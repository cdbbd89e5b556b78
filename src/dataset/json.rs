//! Reading the JSON form with every object's keys checked: a key given twice is an error naming
//! it, where serde_json's `Value` would keep the last value silently.

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// Where a value sits in the document, for the error about a repeated key.
#[derive(Clone, Copy)]
enum At<'a> {
    /// The top-level object (its keys are table names).
    Top,
    /// A table's array.
    Table(&'a str),
    /// A row object: table and 1-based row.
    Row(&'a str, usize),
    /// Inside a field's value.
    Field(&'a str, usize, &'a str),
    /// Anywhere else.
    Other,
}

impl At<'_> {
    fn repeated(self, key: &str) -> String {
        match self {
            At::Top => format!("key {key:?} appears twice in the top-level object (a table given twice)"),
            At::Row(t, row) => format!("<json>/{t}: row {row}: key {key:?} appears twice"),
            At::Field(t, row, column) => {
                format!("<json>/{t}: row {row}, column {column:?}: key {key:?} appears twice")
            }
            At::Table(_) | At::Other => format!("key {key:?} appears twice"),
        }
    }
}

/// Reads one JSON value as [`Value`] does, refusing a key repeated within an object.
#[derive(Clone, Copy)]
struct Unique<'a>(At<'a>);

/// Parses a JSON document, refusing a repeated key in any object; the error is serde_json's, so
/// it carries the line and column.
pub(crate) fn parse(text: &str) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Unique(At::Top).deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

impl<'de> DeserializeSeed<'de> for Unique<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Unique<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // JSON has no NaN or infinity, so this is always a number
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        loop {
            let at = match self.0 {
                At::Table(t) => At::Row(t, out.len() + 1),
                _ => At::Other,
            };
            match seq.next_element_seed(Unique(at))? {
                Some(v) => out.push(v),
                None => return Ok(Value::Array(out)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(A::Error::custom(self.0.repeated(&key)));
            }
            let at = match self.0 {
                At::Top => At::Table(&key),
                At::Row(t, row) => At::Field(t, row, &key),
                _ => At::Other,
            };
            let value = map.next_value_seed(Unique(at))?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}
