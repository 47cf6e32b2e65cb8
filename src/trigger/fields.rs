//! `fields`: the values a person maps in Make. SUMIT wraps every property value in an
//! array (`"Customers_City": ["חיפה"]`) and sends references as `{ID, Name, SchemaID}`
//! (sometimes with `Version` and `Status`, which describe the other card, not this one).
//! In `fields` a single value is unwrapped, an empty value is `null`, several values stay
//! an array, and a reference becomes `{id, name, schemaId}`. Make then shows
//! `Customers_City` as text and `Accounting_Customer.name` as text, in a sample card
//! and a live delivery alike.

use super::id::id_value;
use serde_json::{Map, Value};

/// The fields of a card, from its SUMIT properties.
pub fn fields_of(properties: &Map<String, Value>) -> Map<String, Value> {
    properties.iter().map(|(k, v)| (k.clone(), field_value(v))).collect()
}

/// One property value in its mapped form.
pub fn field_value(v: &Value) -> Value {
    match v {
        Value::Array(items) => match items.as_slice() {
            [] => Value::Null,
            [one] => single(one),
            many => Value::Array(many.iter().map(single).collect()),
        },
        other => single(other),
    }
}

fn single(v: &Value) -> Value {
    match v {
        Value::String(s) if s.is_empty() => Value::Null,
        Value::Object(m) => match reference(m) {
            Some(r) => r,
            None => Value::Object(m.iter().map(|(k, v)| (k.clone(), field_value(v))).collect()),
        },
        Value::Array(_) => field_value(v),
        other => other.clone(),
    }
}

/// `{ID, Name, SchemaID, ...}` as `{id, name, schemaId}`; `None` when `m` is not a
/// reference (no integer `ID`).
pub(crate) fn reference(m: &Map<String, Value>) -> Option<Value> {
    let id = ref_id(m.get("ID")?)?;
    let mut out = Map::new();
    out.insert("id".into(), id);
    out.insert("name".into(), m.get("Name").cloned().unwrap_or(Value::Null));
    out.insert("schemaId".into(), m.get("SchemaID").and_then(ref_id).unwrap_or(Value::Null));
    Some(Value::Object(out))
}

fn ref_id(v: &Value) -> Option<Value> {
    match v {
        Value::Number(n) => n.as_u64().map(id_value).or_else(|| Some(v.clone())),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse::<u64>().ok().map(id_value)
        }
        _ => None,
    }
}
