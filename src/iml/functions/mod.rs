//! Make's built-in functions, one file per family as Make's documentation groups them.
//! `if`, `ifempty` and `switch` are in the evaluator because they are lazy.

pub mod array;
pub mod date;
pub mod encoding;
pub mod general;
pub mod math;
pub mod text;

use super::eval::{Env, EvalError, R};
use super::value::Value;
use std::borrow::Cow;

/// Every function name the engine knows, so that the scenario parser can tell a call
/// from unquoted text and the editor can flag unknown names.
pub const NAMES: &[&str] = &[
    // general
    "if", "ifempty", "switch", "get", "pick", "omit", "not", "mergeCollections", "createJSON", "parseJSON",
    "toString", "toArray", "toCollection",
    // text and binary
    "ascii", "base64", "capitalize", "contains", "decodeURL", "encodeURL", "escapeHTML", "escapeMarkdown",
    "indexOf", "length", "lower", "md5", "replace", "sha1", "sha256", "sha512", "split", "startcase",
    "stripHTML", "substring", "toBinary", "trim", "upper", "replaceEmojiCharacters",
    // arrays
    "add", "deduplicate", "distinct", "first", "flatten", "join", "keys", "last", "map", "merge", "remove",
    "reverse", "slice", "sort", "shuffle", "arrayDifference",
    // math
    "abs", "average", "ceil", "floor", "formatNumber", "max", "median", "min", "parseNumber", "round", "sum",
    "trunc", "stdevP", "stdevS",
    // dates
    "formatDate", "parseDate", "addSeconds", "addMinutes", "addHours", "addDays", "addMonths", "addYears",
    "setSecond", "setMinute", "setHour", "setDay", "setDate", "setMonth", "setYear",
];

pub fn exists(name: &str) -> bool {
    NAMES.contains(&name)
}

/// A function's evaluated arguments, with coercions that name the function and the
/// argument in their errors.
pub struct Args<'a> {
    pub name: &'static str,
    pub v: Vec<Value<'a>>,
}

impl<'a> Args<'a> {
    pub fn len(&self) -> usize {
        self.v.len()
    }
    pub fn need(&self, n: usize, what: &str) -> R<()> {
        if self.v.len() < n {
            return Err(EvalError::func(self.name, format!("expects {what}")));
        }
        Ok(())
    }
    pub fn get(&self, i: usize) -> &Value<'a> {
        static NULL: Value<'static> = Value::Null;
        self.v.get(i).unwrap_or(&NULL)
    }
    pub fn take(&mut self, i: usize) -> Value<'a> {
        self.v.get_mut(i).map(|v| std::mem::replace(v, Value::Null)).unwrap_or(Value::Null)
    }
    pub fn present(&self, i: usize) -> bool {
        !self.get(i).is_empty()
    }
    pub fn text(&self, i: usize) -> Cow<'_, str> {
        self.get(i).to_text()
    }
    pub fn num(&self, i: usize) -> R<f64> {
        let v = self.get(i);
        let x = v.to_number();
        if x.is_nan() && !matches!(v, Value::Number(_)) {
            return Err(self.err(i, format!("expects a number, got {} `{}`", v.type_name(), short(&v.to_text()))));
        }
        Ok(x)
    }
    pub fn opt_num(&self, i: usize, default: f64) -> R<f64> {
        if self.get(i).is_empty() { Ok(default) } else { self.num(i) }
    }
    pub fn items(&self, i: usize) -> R<Vec<Value<'a>>> {
        let v = self.get(i);
        match v.items() {
            Some(items) => Ok(items),
            None if v.is_null() => Ok(Vec::new()),
            None => Err(self.err(i, format!("expects an array, got {}", v.type_name()))),
        }
    }
    pub fn err(&self, i: usize, message: impl Into<String>) -> EvalError {
        EvalError::arg(self.name, i + 1, message)
    }
}

pub fn short(s: &str) -> String {
    if s.chars().count() > 40 { format!("{}…", s.chars().take(40).collect::<String>()) } else { s.to_string() }
}

#[inline(never)]
pub fn call<'a>(name: &str, v: Vec<Value<'a>>, env: &Env<'a>) -> R<Value<'a>> {
    let Some(&n) = NAMES.iter().find(|n| **n == name) else {
        return Err(EvalError { code: "iml_eval", message: format!("unknown function `{name}`"), function: Some(name.to_string()), argument: None });
    };
    let mut a = Args { name: n, v };
    let size: usize = a.v.iter().map(rough_size).sum();
    env.budget.charge(size as u64)?;
    let out = dispatch(&mut a, env)?;
    // what a function builds counts against the output limit, so that nested
    // `merge(x; x)` cannot double its way through memory
    env.budget.size(rough_size(&out))?;
    Ok(out)
}

#[inline(never)]
fn dispatch<'a>(a: &mut Args<'a>, env: &Env<'a>) -> R<Value<'a>> {
    let n = a.name;
    let a = &mut *a;
    if let Some(r) = general::call(a, env) {
        return r;
    }
    if let Some(r) = text::call(a, env) {
        return r;
    }
    if let Some(r) = encoding::call(a, env) {
        return r;
    }
    if let Some(r) = array::call(a, env) {
        return r;
    }
    if let Some(r) = math::call(a, env) {
        return r;
    }
    if let Some(r) = date::call(a, env) {
        return r;
    }
    Err(EvalError::func(n, "is not implemented"))
}

/// A cheap size estimate of an argument, charged as work: functions scan their input.
pub fn rough_size(v: &Value) -> usize {
    match v {
        Value::Text(s) => s.len(),
        Value::Array(a) => a.len() * 8,
        Value::Json(crate::iml::json::Json::Array(a)) => a.len() * 8,
        Value::Object(o) => o.len() * 8,
        Value::Json(crate::iml::json::Json::Object(o)) => o.len() * 8,
        Value::Binary(b) => b.len(),
        _ => 1,
    }
}

/// A stable merge sort of `0..n` by a comparator. One small function serves every sort
/// (core's generic sort was several kilobytes of wasm per use).
pub fn sorted_indexes(n: usize, cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    let mut buf = idx.clone();
    let mut width = 1;
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let end = (i + 2 * width).min(n);
            let (mut l, mut r, mut k) = (i, mid, i);
            while l < mid && r < end {
                if cmp(idx[r], idx[l]) == std::cmp::Ordering::Less {
                    buf[k] = idx[r];
                    r += 1;
                } else {
                    buf[k] = idx[l];
                    l += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - l)].copy_from_slice(&idx[l..mid]);
            k += mid - l;
            buf[k..k + (end - r)].copy_from_slice(&idx[r..end]);
            i = end;
        }
        std::mem::swap(&mut idx, &mut buf);
        width *= 2;
    }
    idx
}
