//! General functions (`get`, `pick`, `omit`) and JSON and type conversions.

use super::{Args, R};
use crate::iml::eval::Env;
use crate::iml::value::{text, Value};
use crate::iml::json::{Json, MAX_DEPTH, TOO_DEEP};
use std::borrow::Cow;

#[inline(never)]
pub fn call<'a>(a: &mut Args<'a>, env: &Env<'a>) -> Option<R<Value<'a>>> {
    Some(match a.name {
        "get" => get(a),
        "pick" | "omit" => pick_omit(a),
        "not" => Ok(Value::Bool(!a.get(0).truthy())),
        "mergeCollections" => merge_collections(a),
        "createJSON" => {
            let s = a.get(0).json_text();
            env.budget.size(s.len()).map_err(Into::into).map(|_| text(s))
        }
        "parseJSON" => {
            let t = a.text(0).into_owned();
            match Json::parse(&t) {
                Ok(j) => Ok(owned(j)),
                Err(e) if e.starts_with(TOO_DEEP) => {
                    Err(a.err(0, format!("is nested deeper than {MAX_DEPTH} levels")).with_code("iml_limit"))
                }
                Err(e) => Err(a.err(0, format!("is not valid JSON ({e})"))),
            }
        }
        "toString" => Ok(match a.get(0) {
            Value::Text(_) => a.take(0),
            v => text(v.to_text().into_owned()),
        }),
        "toArray" => to_array(a),
        "toCollection" => to_collection(a),
        _ => return None,
    })
}

/// A JSON value that the evaluation owns (from `parseJSON`), as a value.
pub fn owned(j: Json<'_>) -> Value<'static> {
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(b),
        n @ (Json::Int(_) | Json::UInt(_) | Json::Float(_)) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
        Json::Str(s) => Value::Text(Cow::Owned(s.into_owned())),
        Json::Array(a) => Value::Array(a.into_iter().map(owned).collect()),
        Json::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k.into_owned(), owned(v))).collect()),
    }
}

/// Follows a dotted path (`a.b`, `items.2.name`, 1-based on arrays).
pub fn path<'a>(v: &Value<'a>, path: &str) -> Value<'a> {
    let mut cur = v.clone();
    for seg in path.split('.') {
        if seg.is_empty() {
            continue;
        }
        cur = match seg.parse::<i64>() {
            Ok(n) if cur.is_array() => cur.index(n as f64),
            _ => cur.key(seg),
        };
    }
    cur
}

fn get<'a>(a: &mut Args<'a>) -> R<Value<'a>> {
    a.need(2, "an object or array and a path")?;
    let base = a.take(0);
    Ok(match a.get(1) {
        Value::Number(n) => base.index(*n),
        p => path(&base, &p.to_text()),
    })
}

fn key_list(a: &Args) -> Vec<String> {
    let mut keys = Vec::new();
    for v in &a.v[1..] {
        match v.items() {
            Some(items) => keys.extend(items.iter().map(|i| i.to_text().into_owned())),
            None => keys.push(v.to_text().into_owned()),
        }
    }
    keys
}

fn pick_omit<'a>(a: &mut Args<'a>) -> R<Value<'a>> {
    a.need(1, "a collection and keys")?;
    let entries = a.get(0).entries().ok_or_else(|| a.err(0, format!("expects a collection, got {}", a.get(0).type_name())))?;
    let keys = key_list(a);
    let pick = a.name == "pick";
    Ok(Value::Object(entries.into_iter().filter(|(k, _)| keys.contains(k) == pick).collect()))
}

fn merge_collections<'a>(a: &mut Args<'a>) -> R<Value<'a>> {
    let mut out: Vec<(String, Value<'a>)> = Vec::new();
    for i in 0..a.len() {
        let e = a.get(i).entries().ok_or_else(|| a.err(i, "expects a collection"))?;
        for (k, v) in e {
            match out.iter_mut().find(|(k2, _)| *k2 == k) {
                Some(slot) => slot.1 = v,
                None => out.push((k, v)),
            }
        }
    }
    Ok(Value::Object(out))
}

fn to_array<'a>(a: &mut Args<'a>) -> R<Value<'a>> {
    let v = a.take(0);
    if v.is_array() {
        return Ok(v);
    }
    match v.entries() {
        Some(e) => Ok(Value::Array(
            e.into_iter().map(|(k, v)| Value::Object(vec![("key".into(), text(k)), ("value".into(), v)])).collect(),
        )),
        None if v.is_null() => Ok(Value::Array(Vec::new())),
        None => Ok(Value::Array(vec![v])),
    }
}

fn to_collection<'a>(a: &mut Args<'a>) -> R<Value<'a>> {
    a.need(3, "an array, the key field and the value field")?;
    let items = a.items(0)?;
    let (kf, vf) = (a.text(1).into_owned(), a.text(2).into_owned());
    let mut out: Vec<(String, Value<'a>)> = Vec::new();
    for it in items {
        let k = it.key(&kf).to_text().into_owned();
        let v = it.key(&vf);
        match out.iter_mut().find(|(k2, _)| *k2 == k) {
            Some(slot) => slot.1 = v,
            None => out.push((k, v)),
        }
    }
    Ok(Value::Object(out))
}
