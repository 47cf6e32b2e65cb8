//! Values during evaluation, and the coercions Make applies (JavaScript's, mostly).
//!
//! Values read from the context stay borrowed (`Json`) until something computes with
//! them, so a path that only copies an id (`{{1.id}}`) hands back the very JSON number it
//! read, 64-bit exact, and a mapping does not clone the bundles it reads.

use super::json::{self, JsonFor, Json};
use super::number::{parse_js_number, to_js_string};
use serde_json::{Map, Number, Value as J};
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(f64),
    Text(Cow<'a, str>),
    /// Borrowed from the context: an array, an object, or an integer beyond 2^53.
    Json(&'a Json<'a>),
    Array(Vec<Value<'a>>),
    Object(Vec<(String, Value<'a>)>),
    /// Milliseconds since the Unix epoch, like a JavaScript Date.
    Date(i64),
    Binary(Vec<u8>),
}

const SAFE: u64 = 1 << 53;

pub fn text<'a>(s: impl Into<Cow<'a, str>>) -> Value<'a> {
    Value::Text(s.into())
}

impl<'a> Value<'a> {
    pub fn from_json(j: &'a Json<'a>) -> Value<'a> {
        match j {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Int(_) | Json::UInt(_) if j.is_big_int() => Value::Json(j),
            Json::Int(i) => Value::Number(*i as f64),
            Json::UInt(u) => Value::Number(*u as f64),
            Json::Float(x) => Value::Number(*x),
            Json::Str(s) => Value::Text(Cow::Borrowed(s.as_ref())),
            _ => Value::Json(j),
        }
    }

    /// The value as JSON text, as the JS contract returns it: dates as ISO-8601
    /// text, binary data as base64 text, non-finite numbers as null.
    pub fn write_json(&self, mode: JsonFor, out: &mut String) {
        match self {
            Value::Null => json::push_small(out, "null"),
            Value::Bool(b) => json::push_small(out, if *b { "true" } else { "false" }),
            Value::Number(x) => json::write_number(*x, out),
            Value::Text(s) => json::write_str_for(s, mode, out),
            Value::Json(j) => json::write(j, mode, out),
            Value::Array(a) => {
                json::push_ascii(out, b'[');
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        json::push_ascii(out, b',');
                    }
                    v.write_json(mode, out);
                }
                json::push_ascii(out, b']');
            }
            Value::Object(o) => {
                json::push_ascii(out, b'{');
                for (i, (k, v)) in o.iter().enumerate() {
                    if i > 0 {
                        json::push_ascii(out, b',');
                    }
                    json::write_str_for(k, mode, out);
                    json::push_ascii(out, b':');
                    v.write_json(mode, out);
                }
                json::push_ascii(out, b'}');
            }
            Value::Date(ms) => json::write_str(&crate::iml::functions::date::iso(*ms), out),
            Value::Binary(b) => json::write_str(&crate::iml::functions::encoding::base64_encode(b), out),
        }
    }

    pub fn json_text(&self) -> String {
        let mut s = String::new();
        self.write_json(JsonFor::Text, &mut s);
        s
    }

    /// The value as serde JSON, for Rust callers.
    pub fn to_json(&self) -> J {
        match self {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(x) => number_json(*x),
            Value::Text(s) => J::String(s.to_string()),
            Value::Json(j) => j.to_serde(),
            Value::Array(a) => J::Array(a.iter().map(|v| v.to_json()).collect()),
            Value::Object(o) => {
                let mut m = Map::new();
                for (k, v) in o {
                    m.insert(k.clone(), v.to_json());
                }
                J::Object(m)
            }
            Value::Date(ms) => J::String(crate::iml::functions::date::iso(*ms)),
            Value::Binary(b) => J::String(crate::iml::functions::encoding::base64_encode(b)),
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// What Make's `ifempty` and empty checks treat as missing: null, empty text, and an
    /// empty array.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Text(s) => s.is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Json(Json::Array(a)) => a.is_empty(),
            Value::Binary(b) => b.is_empty(),
            _ => false,
        }
    }

    /// JavaScript truthiness, plus the text "false" counted as false: Make's filters
    /// and `if` receive booleans as text when they come through a text field.
    pub fn truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(x) => *x != 0.0 && !x.is_nan(),
            Value::Text(s) => !s.is_empty() && s.as_ref() != "false",
            _ => true,
        }
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_) | Value::Json(Json::Array(_)))
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_) | Value::Json(Json::Object(_)))
    }

    pub fn is_text(&self) -> bool {
        matches!(self, Value::Text(_))
    }

    /// JavaScript `Number(x)`.
    pub fn to_number(&self) -> f64 {
        match self {
            Value::Null => 0.0,
            Value::Bool(b) => *b as u8 as f64,
            Value::Number(x) => *x,
            Value::Text(s) => parse_js_number(s),
            Value::Json(j @ (Json::Int(_) | Json::UInt(_))) => j.as_f64().unwrap_or(f64::NAN),
            Value::Date(ms) => *ms as f64,
            Value::Array(_) | Value::Json(Json::Array(_)) => parse_js_number(&self.to_text()),
            _ => f64::NAN,
        }
    }

    /// The value as text, the way Make writes it into a text field: numbers as
    /// JavaScript prints them, dates in ISO-8601, arrays as their items joined with ", ",
    /// collections as JSON.
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            Value::Null => Cow::Borrowed(""),
            Value::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Value::Number(x) => {
                let mut s = String::new();
                super::number::write_js_number(*x, &mut s);
                Cow::Owned(s)
            }
            Value::Text(s) => Cow::Borrowed(s.as_ref()),
            Value::Json(Json::Int(i)) => Cow::Owned(i.to_string()),
            Value::Json(Json::UInt(u)) => Cow::Owned(u.to_string()),
            Value::Json(Json::Array(a)) => {
                Cow::Owned(a.iter().map(|j| Value::from_json(j).to_text().into_owned()).collect::<Vec<_>>().join(", "))
            }
            Value::Array(a) => Cow::Owned(a.iter().map(|v| v.to_text().into_owned()).collect::<Vec<_>>().join(", ")),
            Value::Json(_) | Value::Object(_) => Cow::Owned(self.json_text()),
            Value::Date(ms) => Cow::Owned(crate::iml::functions::date::iso(*ms)),
            Value::Binary(b) => Cow::Owned(String::from_utf8_lossy(b).into_owned()),
        }
    }

    /// The items of an array (borrowed items stay borrowed), or None.
    pub fn items(&self) -> Option<Vec<Value<'a>>> {
        match self {
            Value::Array(a) => Some(a.clone()),
            Value::Json(Json::Array(a)) => Some(a.iter().map(Value::from_json).collect()),
            _ => None,
        }
    }

    pub fn len_items(&self) -> Option<usize> {
        match self {
            Value::Array(a) => Some(a.len()),
            Value::Json(Json::Array(a)) => Some(a.len()),
            _ => None,
        }
    }

    /// The entries of a collection, or None.
    pub fn entries(&self) -> Option<Vec<(String, Value<'a>)>> {
        match self {
            Value::Object(o) => Some(o.clone()),
            Value::Json(Json::Object(m)) => Some(m.iter().map(|(k, v)| (k.to_string(), Value::from_json(v))).collect()),
            _ => None,
        }
    }

    /// `value.key`; missing keys are null, never an error. On an array the key is read
    /// from every item, as Make maps `Contacts[].name`.
    pub fn key(&self, key: &str) -> Value<'a> {
        match self {
            Value::Json(Json::Object(m)) => json::lookup(m, key).map(Value::from_json).unwrap_or(Value::Null),
            Value::Object(o) => o.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or(Value::Null),
            Value::Json(Json::Array(_)) | Value::Array(_) => {
                Value::Array(self.items().unwrap_or_default().iter().map(|v| v.key(key)).collect())
            }
            _ => Value::Null,
        }
    }

    /// `value[n]`, 1-based, `-1` the last item; on a collection the key `n`.
    pub fn index(&self, n: f64) -> Value<'a> {
        if let Some(len) = self.len_items() {
            if n.fract() != 0.0 || n == 0.0 || n.is_nan() {
                return Value::Null;
            }
            let i = if n > 0.0 { n as i64 - 1 } else { len as i64 + n as i64 };
            if i < 0 || i as usize >= len {
                return Value::Null;
            }
            return match self {
                Value::Array(a) => a[i as usize].clone(),
                Value::Json(Json::Array(a)) => Value::from_json(&a[i as usize]),
                _ => Value::Null,
            };
        }
        if self.is_object() {
            return self.key(&to_js_string(n));
        }
        Value::Null
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) | Value::Json(Json::Int(_) | Json::UInt(_)) => "number",
            Value::Text(_) => "text",
            Value::Array(_) | Value::Json(Json::Array(_)) => "array",
            Value::Date(_) => "date",
            Value::Binary(_) => "binary",
            _ => "collection",
        }
    }
}

/// One step of a plain path (`.key`, `[n]`) taken straight through the context's JSON,
/// as `Value::key` and `Value::index` would take it, without making a value per step.
pub enum Walk<'j, 'a> {
    To(&'j Json<'a>),
    /// The step reads null (a missing key or item, a step into a scalar).
    Missing,
    /// The step needs the evaluator: a key read across an array's items, an index on
    /// a collection (which reads the key "n").
    Evaluator,
}

pub fn walk_key<'j, 'a>(j: &'j Json<'a>, key: &str) -> Walk<'j, 'a> {
    match j {
        Json::Object(m) => json::lookup(m, key).map(Walk::To).unwrap_or(Walk::Missing),
        Json::Array(_) => Walk::Evaluator,
        _ => Walk::Missing,
    }
}

pub fn walk_index<'j, 'a>(j: &'j Json<'a>, n: f64) -> Walk<'j, 'a> {
    match j {
        Json::Array(a) => {
            if n.fract() != 0.0 || n == 0.0 || n.is_nan() {
                return Walk::Missing;
            }
            let i = if n > 0.0 { n as i64 - 1 } else { a.len() as i64 + n as i64 };
            usize::try_from(i).ok().and_then(|i| a.get(i)).map(Walk::To).unwrap_or(Walk::Missing)
        }
        Json::Object(_) => Walk::Evaluator,
        _ => Walk::Missing,
    }
}

pub fn number_json(x: f64) -> J {
    if !x.is_finite() {
        return J::Null;
    }
    if x.fract() == 0.0 && x.abs() < SAFE as f64 {
        if x == 0.0 {
            return J::Number(0.into());
        }
        return J::Number((x as i64).into());
    }
    Number::from_f64(x).map(J::Number).unwrap_or(J::Null)
}

/// Equality as Make's `=`: strict (no coercion between text and numbers), but arrays
/// and collections compare by content.
pub fn strict_eq(a: &Value, b: &Value) -> bool {
    use Value::*;
    let num = |v: &Value| match v {
        Number(x) => Some(*x),
        Json(j @ (super::json::Json::Int(_) | super::json::Json::UInt(_))) => j.as_f64(),
        _ => None,
    };
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        if let (Json(n), Json(m)) = (a, b) {
            return n == m;
        }
        return x == y;
    }
    match (a, b) {
        (Null, Null) => true,
        (Bool(x), Bool(y)) => x == y,
        (Text(x), Text(y)) => x == y,
        (Date(x), Date(y)) => x == y,
        (Binary(x), Binary(y)) => x == y,
        _ if a.is_array() && b.is_array() => {
            let (x, y) = (a.items().unwrap_or_default(), b.items().unwrap_or_default());
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| strict_eq(p, q))
        }
        _ if a.is_object() && b.is_object() => {
            let (x, y) = (a.entries().unwrap_or_default(), b.entries().unwrap_or_default());
            x.len() == y.len() && x.iter().all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && strict_eq(v, v2)))
        }
        _ => false,
    }
}

/// `<` and friends as JavaScript compares: text with text by code units, everything
/// else as numbers. None when the comparison is undefined (NaN).
pub fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    if let (Value::Text(x), Value::Text(y)) = (a, b) {
        return Some(cmp_utf16(x, y));
    }
    a.to_number().partial_cmp(&b.to_number())
}

pub fn cmp_utf16(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_ids_stay_exact() {
        let j = Json::parse("9007199254740993").unwrap();
        let v = Value::from_json(&j);
        assert_eq!(v.json_text(), "9007199254740993");
        assert_eq!(v.to_text(), "9007199254740993");
    }

    #[test]
    fn text_of_values() {
        let j = Json::parse(r#"[1,"a",null,{"b":2}]"#).unwrap();
        assert_eq!(Value::from_json(&j).to_text(), r#"1, a, , {"b":2}"#);
        assert_eq!(Value::Number(0.5).to_text(), "0.5");
    }
}
