//! Property filters on a subscription, with the meaning of SUMIT's `Core_Typed.Filter`
//! (`{Property, Value, DateRange_From, DateRange_To, Negative}`), evaluated on the
//! mapped `fields` of an event.
//!
//! - `Value` is one value or a list: the filter holds when any of the card's values
//!   equals any listed value. Numbers compare as numbers (`"10"` equals `10.0`), text
//!   ignoring surrounding spaces and ASCII letter case, a reference by its id or name.
//! - `DateRange_From` / `DateRange_To` bound a date property, both ends inclusive; a
//!   `To` given as a bare date covers that whole day. Bounds without an offset compare
//!   with the card's wall-clock time (see `date.rs`).
//! - No `Value` and no dates: the filter holds when the property is empty.
//! - `Negative` inverts the result. All filters of a subscription must hold.
//!
//! SUMIT also allows a numeric property id; deliveries carry API names only, so a
//! numeric `Property` is compared with the key as text (`Property_4`-style keys still
//! work when written out).

use super::date::{self, DateTime};
use super::normalize::{kind_of, lookup};
use crate::error::{Error, Path};
use serde_json::{Map, Value};
use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub property: String,
    pub any_of: Vec<Value>,
    pub from: Option<DateTime>,
    pub to: Option<DateTime>,
    pub negative: bool,
}

impl Filter {
    pub fn parse(v: &Value, path: &Path) -> Result<Filter, Error> {
        let m = match v {
            Value::Object(m) => m,
            other => return Err(Error::at(path.as_str(), "invalid_filter", format!("must be an object, got {}", kind_of(other)))),
        };
        let property = match lookup(m, "Property", &["property"]) {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err(Error::at(path.key("property").as_str(), "invalid_filter", "must name a property")),
        };
        let any_of = match lookup(m, "Value", &["value"]) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a.clone(),
            Some(one) => vec![one.clone()],
        };
        let bound = |key: &str, alts: &[&str], name: &str| -> Result<Option<DateTime>, Error> {
            match lookup(m, key, alts) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
                Some(Value::String(s)) => date::parse(s).map(Some).ok_or_else(|| {
                    Error::at(path.key(name).as_str(), "invalid_date", format!("{s:?} is not an ISO-8601 date"))
                }),
                Some(other) => Err(Error::at(path.key(name).as_str(), "invalid_date", format!("must be a date text, got {}", kind_of(other)))),
            }
        };
        let from = bound("DateRange_From", &["daterangefrom", "from"], "dateRangeFrom")?;
        let mut to = bound("DateRange_To", &["daterangeto", "to"], "dateRangeTo")?;
        if let Some(t) = to.as_mut().filter(|t| !t.has_time) {
            t.local_ms += 86_400_000 - 1;
        }
        let negative = match lookup(m, "Negative", &["negative"]) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => return Err(Error::at(path.key("negative").as_str(), "invalid_filter", format!("must be true or false, got {}", kind_of(other)))),
        };
        Ok(Filter { property, any_of, from, to, negative })
    }

    pub fn holds(&self, fields: &Map<String, Value>) -> bool {
        self.holds_field(fields.get(&self.property).unwrap_or(&Value::Null))
    }

    /// Whether the filter holds for the card's field (its mapped value, or null).
    pub fn holds_field(&self, field: &Value) -> bool {
        let values: &[Value] = match field {
            Value::Null => &[],
            Value::Array(a) => a,
            one => std::slice::from_ref(one),
        };
        let values_ok = self.any_of.is_empty() || values.iter().any(|v| self.any_of.iter().any(|f| equal(v, f)));
        let dates_ok = (self.from.is_none() && self.to.is_none()) || values.iter().any(|v| self.in_range(v));
        let empty_test = self.any_of.is_empty() && self.from.is_none() && self.to.is_none();
        let result = if empty_test { values.iter().all(|v| v.is_null()) } else { values_ok && dates_ok };
        result != self.negative
    }

    fn in_range(&self, v: &Value) -> bool {
        let Some(d) = v.as_str().and_then(date::parse) else { return false };
        self.from.is_none_or(|f| date::compare(d, f) != Ordering::Less)
            && self.to.is_none_or(|t| date::compare(d, t) != Ordering::Greater)
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

fn equal(card: &Value, wanted: &Value) -> bool {
    if let Value::Object(r) = card {
        return r.get("id").is_some_and(|id| equal(id, wanted)) || r.get("name").is_some_and(|n| equal(n, wanted));
    }
    if let (Value::Number(a), Value::Number(b)) = (card, wanted) {
        if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
            return x == y;
        }
    }
    if let (Value::Bool(a), Value::Bool(b)) = (card, wanted) {
        return a == b;
    }
    if let (Some(a), Some(b)) = (exact_int(card), exact_int(wanted)) {
        return a == b;
    }
    if let (Some(a), Some(b)) = (number(card), number(wanted)) {
        return a == b;
    }
    match (card, wanted) {
        (Value::String(a), Value::String(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
        _ => false,
    }
}

/// Big ids written as digit strings compare exactly, not through a float.
fn exact_int(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) if !s.trim().is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit()) => s.trim().parse().ok(),
        _ => None,
    }
}
