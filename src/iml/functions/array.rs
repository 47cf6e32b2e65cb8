//! Array functions. Items read from the context stay borrowed: `first(1.items)` copies
//! nothing.

use super::general::path;
use super::{Args, R};
use crate::iml::eval::Env;
use crate::iml::value::{cmp_utf16, strict_eq, text, Value};
use std::cmp::Ordering;

#[inline(never)]
pub fn call<'a>(a: &mut Args<'a>, env: &Env<'a>) -> Option<R<Value<'a>>> {
    Some(match a.name {
        "add" => a.items(0).map(|mut items| {
            items.extend(a.v.drain(..).skip(1));
            Value::Array(items)
        }),
        "first" | "last" => a.items(0).map(|items| {
            let v = if a.name == "first" { items.into_iter().next() } else { items.into_iter().last() };
            v.unwrap_or(Value::Null)
        }),
        "reverse" => a.items(0).map(|mut items| {
            items.reverse();
            Value::Array(items)
        }),
        "deduplicate" => a.items(0).map(|items| Value::Array(dedupe(items, |v| v.clone()))),
        "distinct" => a.items(0).map(|items| {
            if a.present(1) {
                let key = a.text(1).into_owned();
                Value::Array(dedupe(items, |v| path(v, &key)))
            } else {
                Value::Array(dedupe(items, |v| v.clone()))
            }
        }),
        "flatten" => {
            let depth = match a.opt_num(1, 1.0) {
                Ok(d) => d.max(0.0) as usize,
                Err(e) => return Some(Err(e)),
            };
            a.items(0).and_then(|items| {
                let mut out = Vec::new();
                flatten(items, depth.min(64), &mut out, env)?;
                Ok(Value::Array(out))
            })
        }
        "join" => a.items(0).and_then(|items| {
            let sep = if a.v.len() > 1 { a.text(1).into_owned() } else { ",".into() };
            let parts: Vec<String> = items.iter().map(|v| v.to_text().into_owned()).collect();
            let size = parts.iter().map(|p| p.len() + sep.len()).sum();
            env.budget.size(size)?;
            Ok(text(parts.join(&sep)))
        }),
        "keys" => {
            let v = a.get(0);
            if let Some(n) = v.len_items() {
                Ok(Value::Array((0..n).map(|i| text(i.to_string())).collect()))
            } else {
                Ok(Value::Array(v.entries().unwrap_or_default().into_iter().map(|(k, _)| text(k)).collect()))
            }
        }
        "map" => map(a),
        "merge" => {
            let mut out = Vec::new();
            for i in 0..a.len() {
                match a.items(i) {
                    Ok(items) => out.extend(items),
                    Err(e) => return Some(Err(e)),
                }
            }
            Ok(Value::Array(out))
        }
        "remove" => a.items(0).map(|items| {
            let drop: Vec<Value> = a.v[1..].to_vec();
            Value::Array(items.into_iter().filter(|i| !drop.iter().any(|d| strict_eq(i, d) || (d.is_text() && i.to_text() == d.to_text()))).collect())
        }),
        "arrayDifference" => a.items(0).and_then(|x| {
            let y = a.items(1)?;
            Ok(Value::Array(x.into_iter().filter(|i| !y.iter().any(|j| strict_eq(i, j))).collect()))
        }),
        "slice" => slice(a),
        "sort" => sort(a),
        "shuffle" => a.items(0).map(|mut items| {
            let mut x = super::math::seed(env);
            for i in (1..items.len()).rev() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                items.swap(i, (x % (i as u64 + 1)) as usize);
            }
            Value::Array(items)
        }),
        _ => return None,
    })
}

fn dedupe<'a>(items: Vec<Value<'a>>, key: impl Fn(&Value<'a>) -> Value<'a>) -> Vec<Value<'a>> {
    let mut seen: Vec<Value<'a>> = Vec::new();
    let mut out = Vec::new();
    for it in items {
        let k = key(&it);
        if !seen.iter().any(|s| strict_eq(s, &k)) {
            seen.push(k);
            out.push(it);
        }
    }
    out
}

fn flatten<'a>(items: Vec<Value<'a>>, depth: usize, out: &mut Vec<Value<'a>>, env: &Env<'a>) -> R<()> {
    env.budget.charge(items.len() as u64)?;
    for it in items {
        match it.items() {
            Some(inner) if depth > 0 => flatten(inner, depth - 1, out, env)?,
            _ => out.push(it),
        }
    }
    Ok(())
}

/// `map(array; key; [filter key]; [filter values, comma-separated])`.
fn map<'a>(a: &Args<'a>) -> R<Value<'a>> {
    a.need(2, "an array and a key")?;
    let items = a.items(0)?;
    let key = a.text(1).into_owned();
    let filter = if a.present(2) { Some(a.text(2).into_owned()) } else { None };
    let allowed: Vec<String> = match a.get(3).items() {
        Some(v) => v.iter().map(|x| x.to_text().into_owned()).collect(),
        None => a.text(3).split(',').map(|s| s.trim().to_string()).collect(),
    };
    Ok(Value::Array(
        items
            .iter()
            .filter(|it| match &filter {
                Some(f) => allowed.iter().any(|x| *x == path(it, f).to_text()),
                None => true,
            })
            .map(|it| path(it, &key))
            .collect(),
    ))
}

/// JavaScript `slice`: 0-based, negative from the end.
fn slice<'a>(a: &Args<'a>) -> R<Value<'a>> {
    let items = a.items(0)?;
    let len = items.len() as f64;
    let norm = |x: f64| if x < 0.0 { (len + x).max(0.0) } else { x.min(len) };
    let s = norm(a.opt_num(1, 0.0)?.trunc());
    let e = norm(a.opt_num(2, len)?.trunc());
    if s >= e {
        return Ok(Value::Array(Vec::new()));
    }
    Ok(Value::Array(items[s as usize..e as usize].to_vec()))
}

fn sort<'a>(a: &Args<'a>) -> R<Value<'a>> {
    let items = a.items(0)?;
    let order = if a.present(1) { a.text(1).trim().to_ascii_lowercase() } else { "asc".into() };
    let mut key = if a.present(2) { Some(a.text(2).into_owned()) } else { None };
    let (desc, ci) = match order.as_str() {
        "asc" => (false, false),
        "desc" => (true, false),
        "asc ci" => (false, true),
        "desc ci" => (true, true),
        // `sort(Contacts[]; name)`: two arguments, the second is the key
        _ if key.is_none() && a.len() == 2 => {
            key = Some(a.text(1).into_owned());
            (false, false)
        }
        o => return Err(a.err(1, format!("unknown order `{o}` (asc, desc, asc ci, desc ci)"))),
    };
    let k = |v: &Value<'a>| match &key {
        Some(p) => path(v, p),
        None => v.clone(),
    };
    let cmp = |x: &Value, y: &Value| -> Ordering {
        let numeric = |v: &Value| matches!(v, Value::Number(_) | Value::Date(_) | Value::Json(crate::iml::json::Json::Int(_) | crate::iml::json::Json::UInt(_)));
        if numeric(x) && numeric(y) {
            x.to_number().total_cmp(&y.to_number())
        } else if ci {
            let (p, q) = (super::text::lower(&x.to_text()), super::text::lower(&y.to_text()));
            cmp_utf16(&p, &q).then_with(|| cmp_utf16(&x.to_text(), &y.to_text()))
        } else {
            cmp_utf16(&x.to_text(), &y.to_text())
        }
    };
    let keys: Vec<Value<'a>> = items.iter().map(k).collect();
    let order = super::sorted_indexes(items.len(), &|i, j| {
        let o = cmp(&keys[i], &keys[j]);
        if desc { o.reverse() } else { o }
    });
    let mut slots: Vec<Option<Value<'a>>> = items.into_iter().map(Some).collect();
    Ok(Value::Array(order.into_iter().filter_map(|i| slots[i].take()).collect()))
}
