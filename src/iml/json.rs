//! The JSON that IML reads (bundles, contexts) and writes. Objects are vectors of pairs,
//! not hash maps: bundles are small, lookups by linear scan beat hashing every key on
//! parse and on read (measured: see bench/iml-mapping.mjs), and key order is kept.
//! Integers are kept as i64/u64, so an id copied through a template stays exact.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value as J;
use std::borrow::Cow;
use std::fmt;

/// Texts and keys borrow from the JSON text they were read from when they hold no
/// escapes: reading a bundle allocates little more than its arrays and objects.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// An integer beyond 2^53, which a JavaScript number cannot hold exactly.
    pub fn is_big_int(&self) -> bool {
        match self {
            Json::Int(i) => i.unsigned_abs() > 1 << 53,
            Json::UInt(u) => *u > 1 << 53,
            _ => false,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Int(i) => Some(*i as f64),
            Json::UInt(u) => Some(*u as f64),
            Json::Float(x) => Some(*x),
            _ => None,
        }
    }

    pub fn from_serde(j: &J) -> Json<'static> {
        match j {
            J::Null => Json::Null,
            J::Bool(b) => Json::Bool(*b),
            J::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Json::Int(i)
                } else if let Some(u) = n.as_u64() {
                    Json::UInt(u)
                } else {
                    Json::Float(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            J::String(s) => Json::Str(Cow::Owned(s.clone())),
            J::Array(a) => Json::Array(a.iter().map(Json::from_serde).collect()),
            J::Object(m) => Json::Object(m.iter().map(|(k, v)| (Cow::Owned(k.clone()), Json::from_serde(v))).collect()),
        }
    }

    pub fn to_serde(&self) -> J {
        match self {
            Json::Null => J::Null,
            Json::Bool(b) => J::Bool(*b),
            Json::Int(i) => J::Number((*i).into()),
            Json::UInt(u) => J::Number((*u).into()),
            Json::Float(x) => serde_json::Number::from_f64(*x).map(J::Number).unwrap_or(J::Null),
            Json::Str(s) => J::String(s.to_string()),
            Json::Array(a) => J::Array(a.iter().map(Json::to_serde).collect()),
            Json::Object(m) => J::Object(m.iter().map(|(k, v)| (k.to_string(), v.to_serde())).collect()),
        }
    }

    pub fn parse(text: &'a str) -> Result<Json<'a>, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The same value, owning its texts.
    pub fn into_owned(self) -> Json<'static> {
        match self {
            Json::Null => Json::Null,
            Json::Bool(b) => Json::Bool(b),
            Json::Int(i) => Json::Int(i),
            Json::UInt(u) => Json::UInt(u),
            Json::Float(x) => Json::Float(x),
            Json::Str(s) => Json::Str(Cow::Owned(s.into_owned())),
            Json::Array(a) => Json::Array(a.into_iter().map(Json::into_owned).collect()),
            Json::Object(m) => Json::Object(m.into_iter().map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned())).collect()),
        }
    }
}

/// A key that borrows from the text when it can.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
            fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Json<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Json<'de>, E> {
                Ok(Json::Null)
            }
            fn visit_none<E>(self) -> Result<Json<'de>, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Json<'de>, E> {
                Ok(Json::Bool(b))
            }
            fn visit_i64<E>(self, i: i64) -> Result<Json<'de>, E> {
                Ok(Json::Int(i))
            }
            fn visit_u64<E>(self, u: u64) -> Result<Json<'de>, E> {
                Ok(i64::try_from(u).map(Json::Int).unwrap_or(Json::UInt(u)))
            }
            fn visit_f64<E>(self, x: f64) -> Result<Json<'de>, E> {
                Ok(Json::Float(x))
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Json<'de>, E> {
                Ok(Json::Str(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Json<'de>, E> {
                Ok(Json::Str(Cow::Owned(s.to_string())))
            }
            fn visit_string<E>(self, s: String) -> Result<Json<'de>, E> {
                Ok(Json::Str(Cow::Owned(s)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Json<'de>, A::Error> {
                let mut v = Vec::with_capacity(a.size_hint().unwrap_or(0));
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Json::Array(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Json<'de>, A::Error> {
                let mut v: Vec<(Cow<'de, str>, Json<'de>)> = Vec::new();
                while let Some((Key(k), x)) = a.next_entry::<Key<'de>, Json<'de>>()? {
                    // a repeated key keeps the last value, as JSON.parse does
                    match v.iter_mut().find(|(k2, _)| *k2 == k) {
                        Some(slot) => slot.1 = x,
                        None => v.push((k, x)),
                    }
                }
                Ok(Json::Object(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// Writes a JSON text string with the escapes JSON requires.
pub fn write_str(s: &str, out: &mut String) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// How integers beyond 2^53 are written: as they are (for Rust and JSON readers that
/// keep them), or marked `"\u0000big:<digits>"` for the JS shim to turn into BigInt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BigInts {
    Plain,
    Marked,
}

pub fn write_int(digits: &str, big: bool, mode: BigInts, out: &mut String) {
    if big && mode == BigInts::Marked {
        out.push_str("\"\\u0000big:");
        out.push_str(digits);
        out.push('"');
    } else {
        out.push_str(digits);
    }
}

pub fn write(j: &Json, mode: BigInts, out: &mut String) {
    match j {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Int(i) => write_int(&i.to_string(), j.is_big_int(), mode, out),
        Json::UInt(u) => write_int(&u.to_string(), j.is_big_int(), mode, out),
        Json::Float(x) => write_number(*x, out),
        Json::Str(s) => write_str(s, out),
        Json::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(x, mode, out);
            }
            out.push(']');
        }
        Json::Object(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(k, out);
                out.push(':');
                write(x, mode, out);
            }
            out.push('}');
        }
    }
}

/// A number as JSON.stringify writes it: non-finite numbers are null.
pub fn write_number(x: f64, out: &mut String) {
    if x.is_finite() {
        super::number::write_js_number(x, out);
    } else {
        out.push_str("null");
    }
}
