//! SUMIT ids (EntityID, Folder, SchemaID) are int64 and arrive as JSON numbers or as
//! strings of digits. They are kept as `u64` and never pass through a float, except a
//! float that is exactly an integer below 2^53 (what a JavaScript caller may hand us).

use crate::error::Error;
use serde_json::Value;

/// Largest integer a JavaScript number holds exactly (2^53 - 1). Ids above it reach JS
/// as decimal strings.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The id in `value`, or an error at `path` naming what was wrong.
pub fn parse_id(value: &Value, path: &str) -> Result<u64, Error> {
    let bad = |what: &str| Error::at(path, "invalid_id", format!("must be a positive 64-bit integer id, got {what}"));
    match value {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                return check_range(u, path);
            }
            if n.as_i64().is_some() {
                return Err(bad("a negative number"));
            }
            match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f >= 1.0 && f <= MAX_SAFE_INTEGER as f64 => Ok(f as u64),
                _ => Err(bad("a number that is not an exact integer")),
            }
        }
        Value::String(s) => {
            let t = s.trim();
            if t.is_empty() || t.len() > 20 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(&format!("the text {:?}", truncate(s, 40))));
            }
            match t.parse::<u64>() {
                Ok(u) => check_range(u, path),
                Err(_) => Err(bad("a number too large for 64 bits")),
            }
        }
        Value::Null => Err(bad("null")),
        Value::Bool(_) => Err(bad("a boolean")),
        Value::Array(_) => Err(bad("an array")),
        Value::Object(_) => Err(bad("an object")),
    }
}

fn check_range(u: u64, path: &str) -> Result<u64, Error> {
    if u == 0 || u > i64::MAX as u64 {
        Err(Error::at(path, "invalid_id", format!("must be a positive 64-bit integer id, got {u}")))
    } else {
        Ok(u)
    }
}

/// An id as it goes out to JS: a number when exact in a double, else a decimal string.
pub fn id_value(id: u64) -> Value {
    if id <= MAX_SAFE_INTEGER {
        Value::from(id)
    } else {
        Value::String(id.to_string())
    }
}

pub(crate) fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
