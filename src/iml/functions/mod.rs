//! Make's built-in functions, one file per family as Make's documentation groups them.
//! `if`, `ifempty` and `switch` are in the evaluator because they are lazy.

pub mod array;
pub mod date;
pub mod encoding;
pub mod general;
pub mod math;
pub mod text;

use super::eval::{Env, EvalError, EvalFailure, R};
use super::value::Value;
use std::borrow::Cow;

/// Every function the engine knows and the family that implements it, so that the
/// scenario parser can tell a call from unquoted text, the editor can flag unknown names,
/// and a call goes straight to its family.
pub const FUNCTIONS: &[(&str, Family)] = &[
    ("if", Family::Lazy),
    ("ifempty", Family::Lazy),
    ("switch", Family::Lazy),
    ("get", Family::General),
    ("pick", Family::General),
    ("omit", Family::General),
    ("not", Family::General),
    ("mergeCollections", Family::General),
    ("createJSON", Family::General),
    ("parseJSON", Family::General),
    ("toString", Family::General),
    ("toArray", Family::General),
    ("toCollection", Family::General),
    ("ascii", Family::Text),
    ("base64", Family::Encoding),
    ("capitalize", Family::Text),
    ("contains", Family::Text),
    ("decodeURL", Family::Encoding),
    ("encodeURL", Family::Encoding),
    ("escapeHTML", Family::Encoding),
    ("escapeMarkdown", Family::Text),
    ("indexOf", Family::Text),
    ("length", Family::Text),
    ("lower", Family::Text),
    ("md5", Family::Encoding),
    ("replace", Family::Text),
    ("sha1", Family::Encoding),
    ("sha256", Family::Encoding),
    ("sha512", Family::Encoding),
    ("split", Family::Text),
    ("startcase", Family::Text),
    ("stripHTML", Family::Text),
    ("substring", Family::Text),
    ("toBinary", Family::Encoding),
    ("trim", Family::Text),
    ("upper", Family::Text),
    ("replaceEmojiCharacters", Family::Text),
    ("add", Family::Array),
    ("deduplicate", Family::Array),
    ("distinct", Family::Array),
    ("first", Family::Array),
    ("flatten", Family::Array),
    ("join", Family::Array),
    ("keys", Family::Array),
    ("last", Family::Array),
    ("map", Family::Array),
    ("merge", Family::Array),
    ("remove", Family::Array),
    ("reverse", Family::Array),
    ("slice", Family::Array),
    ("sort", Family::Array),
    ("shuffle", Family::Array),
    ("arrayDifference", Family::Array),
    ("abs", Family::Math),
    ("average", Family::Math),
    ("ceil", Family::Math),
    ("floor", Family::Math),
    ("formatNumber", Family::Math),
    ("max", Family::Math),
    ("median", Family::Math),
    ("min", Family::Math),
    ("parseNumber", Family::Math),
    ("round", Family::Math),
    ("sum", Family::Math),
    ("trunc", Family::Math),
    ("stdevP", Family::Math),
    ("stdevS", Family::Math),
    ("formatDate", Family::Date),
    ("parseDate", Family::Date),
    ("addSeconds", Family::Date),
    ("addMinutes", Family::Date),
    ("addHours", Family::Date),
    ("addDays", Family::Date),
    ("addMonths", Family::Date),
    ("addYears", Family::Date),
    ("setSecond", Family::Date),
    ("setMinute", Family::Date),
    ("setHour", Family::Date),
    ("setDay", Family::Date),
    ("setDate", Family::Date),
    ("setMonth", Family::Date),
    ("setYear", Family::Date),
];

/// The names alone, for tests and tools.
pub const NAMES: &[&str] = &[
    "if",
    "ifempty",
    "switch",
    "get",
    "pick",
    "omit",
    "not",
    "mergeCollections",
    "createJSON",
    "parseJSON",
    "toString",
    "toArray",
    "toCollection",
    "ascii",
    "base64",
    "capitalize",
    "contains",
    "decodeURL",
    "encodeURL",
    "escapeHTML",
    "escapeMarkdown",
    "indexOf",
    "length",
    "lower",
    "md5",
    "replace",
    "sha1",
    "sha256",
    "sha512",
    "split",
    "startcase",
    "stripHTML",
    "substring",
    "toBinary",
    "trim",
    "upper",
    "replaceEmojiCharacters",
    "add",
    "deduplicate",
    "distinct",
    "first",
    "flatten",
    "join",
    "keys",
    "last",
    "map",
    "merge",
    "remove",
    "reverse",
    "slice",
    "sort",
    "shuffle",
    "arrayDifference",
    "abs",
    "average",
    "ceil",
    "floor",
    "formatNumber",
    "max",
    "median",
    "min",
    "parseNumber",
    "round",
    "sum",
    "trunc",
    "stdevP",
    "stdevS",
    "formatDate",
    "parseDate",
    "addSeconds",
    "addMinutes",
    "addHours",
    "addDays",
    "addMonths",
    "addYears",
    "setSecond",
    "setMinute",
    "setHour",
    "setDay",
    "setDate",
    "setMonth",
    "setYear",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `if`, `ifempty`, `switch`: evaluated in `eval`, which skips the branches not taken
    Lazy,
    General,
    Text,
    Encoding,
    Array,
    Math,
    Date,
}

fn find(name: &str) -> Option<&'static (&'static str, Family)> {
    // a hash table built on first use: scanning the list was most of the cost of a
    // call such as `upper(1.sku)` (measured with bench/iml-mapping.mjs)
    static TABLE: std::sync::OnceLock<[u8; SLOTS]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u8; SLOTS];
        for (i, (n, _)) in FUNCTIONS.iter().enumerate() {
            let mut slot = slot_of(n);
            while t[slot] != 0 {
                slot = (slot + 1) % SLOTS;
            }
            t[slot] = i as u8 + 1;
        }
        t
    });
    let mut slot = slot_of(name);
    loop {
        let entry = FUNCTIONS.get((table[slot] as usize).checked_sub(1)?)?;
        if crate::iml::json::same_key(entry.0, name) {
            return Some(entry);
        }
        slot = (slot + 1) % SLOTS;
    }
}

/// Slots of the function table: a power of two, about three times the functions.
const SLOTS: usize = 256;
const _: () = assert!(FUNCTIONS.len() < SLOTS / 2 && FUNCTIONS.len() < 255);

/// FNV-1a over the name's bytes, folded to a slot.
fn slot_of(name: &str) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &b in name.as_bytes() {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    (h ^ (h >> 16)) as usize % SLOTS
}

pub fn exists(name: &str) -> bool {
    !name.is_empty() && find(name).is_some()
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
    let Some(&(n, family)) = (if name.is_empty() { None } else { find(name) }) else {
        return Err(EvalError::of(EvalFailure { code: "iml_eval", message: format!("unknown function `{name}`"), function: Some(name.to_string()), argument: None }));
    };
    let mut a = Args { name: n, v };
    let size: usize = a.v.iter().map(rough_size).sum();
    let out = env.budget.charge(size as u64).map_err(EvalError::from).and_then(|_| dispatch(&mut a, family, env));
    env.spare(a.v);
    let out = out?;
    // what a function builds counts against the output limit, so that nested
    // `merge(x; x)` cannot double its way through memory
    env.budget.size(rough_size(&out))?;
    Ok(out)
}

#[inline(never)]
fn dispatch<'a>(a: &mut Args<'a>, family: Family, env: &Env<'a>) -> R<Value<'a>> {
    let r = match family {
        Family::General | Family::Lazy => general::call(a, env),
        Family::Text => text::call(a, env),
        Family::Encoding => encoding::call(a, env),
        Family::Array => array::call(a, env),
        Family::Math => math::call(a, env),
        Family::Date => date::call(a, env),
    };
    r.unwrap_or_else(|| Err(EvalError::func(a.name, "is not implemented")))
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

#[cfg(test)]
mod find_tests {
    use super::*;

    #[test]
    fn every_function_is_found_and_nothing_else() {
        for (i, (name, family)) in FUNCTIONS.iter().enumerate() {
            let found = find(name).unwrap_or_else(|| panic!("{name} not found"));
            assert!(found.0 == *name && found.1 == *family, "{name} at {i}");
        }
        assert_eq!(NAMES, FUNCTIONS.iter().map(|(n, _)| *n).collect::<Vec<_>>().as_slice());
        for other in ["", "x", "Upper", "uppe", "upperr", "ifempt", "setYears", "map ", "ımap"] {
            assert!(find(other).is_none() && !exists(other), "{other}");
        }
    }
}
