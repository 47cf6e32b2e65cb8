//! The content hash that tells a retried delivery (same content) from a real change.
//!
//! It is computed over `fields` (see `fields.rs`), so that `[x]` and `x`, a reference
//! with or without `Version`/`Status`, and `3540.0000` and `3540` count as the same
//! content. Object keys are combined with a commutative sum, so property order does
//! not matter; array order does (a multi-value's order is SUMIT's, and stable).
//!
//! The function is written out here, not taken from `std`, because the hash is saved in
//! the matcher state: it must never change between builds or targets. Changing it
//! means a new state version. It is not meant to resist crafted collisions: whoever can
//! post to the webhook URL can do worse than suppress their own update.

use super::fields::reference;
use super::id::MAX_SAFE_INTEGER;
use serde_json::{Map, Value};

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// splitmix64's finaliser: every input bit affects every output bit.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[inline]
fn step(h: u64, word: u64) -> u64 {
    mix(h.wrapping_add(K) ^ word)
}

fn bytes(tag: u64, data: &[u8]) -> u64 {
    let mut h = mix(tag ^ (data.len() as u64).wrapping_mul(K));
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        h = step(h, u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = step(h, u64::from_le_bytes(buf));
    }
    h
}

const T_NULL: u64 = 1;
const T_FALSE: u64 = 2;
const T_TRUE: u64 = 3;
const T_INT: u64 = 4;
const T_FLOAT: u64 = 5;
const T_STR: u64 = 6;
const T_ARR: u64 = 7;
const T_OBJ: u64 = 8;
const T_KEY: u64 = 9;

// The building blocks, shared with the streaming digest (`digest.rs`), which must give
// the same hashes without building values. Arrays and objects take their length at the
// end, so that a streaming parser need not know it in advance.

pub(crate) fn null_hash() -> u64 {
    mix(T_NULL)
}
pub(crate) fn bool_hash(b: bool) -> u64 {
    mix(if b { T_TRUE } else { T_FALSE })
}
pub(crate) fn str_hash(s: &str) -> u64 {
    bytes(T_STR, s.as_bytes())
}
pub(crate) fn i64_hash(i: i64) -> u64 {
    if i.unsigned_abs() <= MAX_SAFE_INTEGER {
        step(mix(T_INT), i as u64)
    } else {
        // Beyond 2^53 the JS output writes the integer as text (safe_json.rs); hashing
        // it as that text keeps an event that went through JS the same content.
        str_hash(&i.to_string())
    }
}
pub(crate) fn u64_hash(u: u64) -> u64 {
    if u <= MAX_SAFE_INTEGER {
        step(mix(T_INT), u)
    } else {
        str_hash(&u.to_string())
    }
}
pub(crate) fn f64_hash(f: f64) -> u64 {
    // An integral float (3540.0 from "3540.0000") hashes as the integer.
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        step(mix(T_INT), (f as i64) as u64)
    } else {
        step(mix(T_FLOAT), (f + 0.0).to_bits())
    }
}
pub(crate) fn arr_start() -> u64 {
    mix(T_ARR)
}
pub(crate) fn arr_push(h: u64, item: u64) -> u64 {
    step(h, item)
}
pub(crate) fn arr_end(h: u64, len: usize) -> u64 {
    step(h, len as u64)
}
/// One entry of an object; entries are summed, so their order does not matter.
pub(crate) fn obj_entry(key: &str, value: u64) -> u64 {
    obj_entry_keyed(key_hash(key), value)
}
pub(crate) fn key_hash(key: &str) -> u64 {
    bytes(T_KEY, key.as_bytes())
}
/// `obj_entry` with the key already hashed by `key_hash`.
pub(crate) fn obj_entry_keyed(key_hash: u64, value: u64) -> u64 {
    mix(key_hash ^ value.rotate_left(29))
}
pub(crate) fn obj_end(sum: u64, len: usize) -> u64 {
    step(mix(T_OBJ ^ (len as u64) << 8), sum)
}

/// Hash of a card's fields (an object of mapped values).
pub fn content_hash(fields: &Map<String, Value>) -> u64 {
    object_with(fields, value_hash)
}

/// Hash of one value.
pub fn value_hash(v: &Value) -> u64 {
    match v {
        Value::Null => null_hash(),
        Value::Bool(b) => bool_hash(*b),
        Value::Number(n) => number_hash(n),
        Value::String(s) => str_hash(s),
        Value::Array(items) => array_with(items, value_hash),
        Value::Object(m) => object_with(m, value_hash),
    }
}

pub(crate) fn number_hash(n: &serde_json::Number) -> u64 {
    if let Some(i) = n.as_i64() {
        i64_hash(i)
    } else if let Some(u) = n.as_u64() {
        u64_hash(u)
    } else {
        f64_hash(n.as_f64().unwrap_or(0.0))
    }
}

fn array_with(items: &[Value], f: fn(&Value) -> u64) -> u64 {
    let h = items.iter().fold(arr_start(), |h, item| arr_push(h, f(item)));
    arr_end(h, items.len())
}

fn object_with(m: &Map<String, Value>, f: fn(&Value) -> u64) -> u64 {
    let sum = m.iter().fold(0u64, |sum, (k, v)| sum.wrapping_add(obj_entry(k, f(v))));
    obj_end(sum, m.len())
}

/// `content_hash(&fields_of(properties))`, without building the fields.
pub fn properties_hash(properties: &Map<String, Value>) -> u64 {
    object_with(properties, field_hash)
}

/// `properties_hash` over the entries whose key passes `keep` (a flattened entity).
pub fn properties_hash_where(m: &Map<String, Value>, keep: impl Fn(&str) -> bool) -> u64 {
    let (mut sum, mut n) = (0u64, 0usize);
    for (k, v) in m.iter().filter(|(k, _)| keep(k)) {
        sum = sum.wrapping_add(obj_entry(k, field_hash(v)));
        n += 1;
    }
    obj_end(sum, n)
}

/// Hash of `fields::field_value(v)`, without building it.
pub fn field_hash(v: &Value) -> u64 {
    match v {
        Value::Array(items) => match items.as_slice() {
            [] => null_hash(),
            [one] => single_hash(one),
            many => array_with(many, single_hash),
        },
        other => single_hash(other),
    }
}

fn single_hash(v: &Value) -> u64 {
    match v {
        Value::String(s) if s.is_empty() => null_hash(),
        Value::Object(m) => match reference(m) {
            Some(r) => value_hash(&r),
            None => object_with(m, field_hash),
        },
        Value::Array(_) => field_hash(v),
        other => value_hash(other),
    }
}
