//! JSON output for JavaScript: any integer that a JS number cannot hold exactly
//! (beyond ±(2^53 - 1)) is written as a decimal string, everywhere in the output
//! (ids, properties, raw). The rule is the same for every value so that a caller can
//! rely on it: `typeof x === 'string'` means "too big for a number", never "rounded".

use super::id::MAX_SAFE_INTEGER;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value};

/// Serialises the wrapped value with the safe-integer rule.
pub struct Safe<'a>(pub &'a Value);

impl Serialize for Safe<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    if u > MAX_SAFE_INTEGER {
                        return s.serialize_str(&u.to_string());
                    }
                } else if let Some(i) = n.as_i64() {
                    if i < -(MAX_SAFE_INTEGER as i64) {
                        return s.serialize_str(&i.to_string());
                    }
                }
                n.serialize(s)
            }
            Value::Array(a) => {
                let mut seq = s.serialize_seq(Some(a.len()))?;
                for v in a {
                    seq.serialize_element(&Safe(v))?;
                }
                seq.end()
            }
            Value::Object(m) => SafeMap(m).serialize(s),
            other => other.serialize(s),
        }
    }
}

/// A map serialised with the safe-integer rule.
pub struct SafeMap<'a>(pub &'a Map<String, Value>);

impl Serialize for SafeMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, &Safe(v))?;
        }
        map.end()
    }
}
