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

/// Hash of a card's fields (an object of mapped values).
pub fn content_hash(fields: &Map<String, Value>) -> u64 {
    object(fields)
}

/// Hash of one value.
pub fn value_hash(v: &Value) -> u64 {
    match v {
        Value::Null => mix(T_NULL),
        Value::Bool(false) => mix(T_FALSE),
        Value::Bool(true) => mix(T_TRUE),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                step(mix(T_INT), i as u64)
            } else if let Some(u) = n.as_u64() {
                step(mix(T_INT), u)
            } else {
                let f = n.as_f64().unwrap_or(0.0);
                // An integral float (3540.0 from "3540.0000") hashes as the integer.
                if f.fract() == 0.0 && f.abs() < 9.0e15 {
                    step(mix(T_INT), (f as i64) as u64)
                } else {
                    step(mix(T_FLOAT), (f + 0.0).to_bits())
                }
            }
        }
        Value::String(s) => bytes(T_STR, s.as_bytes()),
        Value::Array(items) => {
            let mut h = mix(T_ARR ^ (items.len() as u64) << 8);
            for item in items {
                h = step(h, value_hash(item));
            }
            h
        }
        Value::Object(m) => object(m),
    }
}

fn object(m: &Map<String, Value>) -> u64 {
    let mut sum = 0u64;
    for (k, v) in m {
        sum = sum.wrapping_add(mix(bytes(T_KEY, k.as_bytes()) ^ value_hash(v).rotate_left(29)));
    }
    step(mix(T_OBJ ^ (m.len() as u64) << 8), sum)
}
