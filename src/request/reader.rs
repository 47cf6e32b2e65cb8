//! Reads action params against the catalogue's field specs: each read checks one field,
//! records an issue at its path when it is wrong, and returns the normalised value. Whether
//! a field is required, and its length limit, come from the spec, so the catalogue is the
//! one source of those rules.

use crate::api::{EnumTable, Member};
use crate::catalog::{FieldSpec, FieldType};
use crate::error::{Issue, Path};
use crate::validate::{self, is_blank, kind_of, Checked, Invalid};
use super::limits::MAX_LIST_ITEMS;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// The issues found so far, all of them.
#[derive(Debug, Default)]
pub struct Ctx {
    pub issues: Vec<Issue>,
}

/// One JSON object of the params with the specs of its fields.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub map: &'a Map<String, Value>,
    pub path: &'a Path,
    pub specs: &'a [FieldSpec],
}

fn find_spec<'a>(specs: &'a [FieldSpec], key: &str) -> Option<&'a FieldSpec> {
    specs.iter().find(|f| f.name == key).or_else(|| {
        // fields nested under a select option sit beside the select in the params
        specs.iter().flat_map(|f| f.options.iter()).find_map(|o| find_spec(&o.nested, key))
    })
}

impl<'a> Scope<'a> {
    pub fn new(map: &'a Map<String, Value>, path: &'a Path, specs: &'a [FieldSpec]) -> Self {
        Scope { map, path, specs }
    }
    pub fn spec(&self, key: &str) -> Option<&'a FieldSpec> {
        find_spec(self.specs, key)
    }
    /// The value when given: absent, null and blank text count as not given.
    pub fn given(&self, key: &str) -> Option<&'a Value> {
        // params objects are small: a scan beats hashing the key (SipHash, slow in wasm)
        self.map.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v).filter(|v| !is_blank(v))
    }
    pub fn has(&self, key: &str) -> bool {
        self.given(key).is_some()
    }
    pub fn at(&self, key: &str) -> Path {
        self.path.key(key)
    }
}

impl Ctx {
    pub fn issue(&mut self, path: &Path, code: &str, message: impl Into<String>) {
        self.issues.push(Issue::new(path.as_str(), code, message));
    }

    pub fn invalid(&mut self, path: &Path, e: Invalid) {
        self.issues.push(Issue::new(path.as_str(), e.code, e.message));
    }

    pub fn required(&mut self, s: &Scope, key: &str) {
        self.issue(&s.at(key), "required", "is required");
    }

    /// Refuses keys that the action does not have, so that a misspelt optional field is
    /// not silently dropped.
    pub fn unknown_keys(&mut self, s: &Scope) {
        for key in s.map.keys() {
            if s.spec(key).is_none() {
                let known: Vec<&str> = s.specs.iter().map(|f| f.name.as_str()).collect();
                self.issue(&s.at(key), "unknown_field", format!("is not a parameter here (known: {})", known.join(", ")));
            }
        }
    }

    /// Reads a field with `check`; notes `required` when a required field is not given.
    pub fn read<'a, T>(
        &mut self,
        s: &Scope<'a>,
        key: &str,
        check: impl FnOnce(&'a Value, Option<&'a FieldSpec>) -> Checked<T>,
    ) -> Option<T> {
        match s.given(key) {
            None => {
                if s.spec(key).is_some_and(|f| f.required) {
                    self.required(s, key);
                }
                None
            }
            Some(v) => match check(v, s.spec(key)) {
                Ok(t) => Some(t),
                Err(e) => {
                    self.invalid(&s.at(key), e);
                    None
                }
            },
        }
    }

    pub fn text(&mut self, s: &Scope, key: &str) -> Option<String> {
        self.read(s, key, |v, f| validate::text(v, f.and_then(FieldSpec::max_length), f.is_some_and(|f| f.multiline)))
    }
    pub fn email(&mut self, s: &Scope, key: &str) -> Option<String> {
        self.read(s, key, |v, _| validate::email(v))
    }
    pub fn phone(&mut self, s: &Scope, key: &str) -> Option<String> {
        self.read(s, key, |v, _| validate::phone(v))
    }
    pub fn url(&mut self, s: &Scope, key: &str) -> Option<String> {
        self.read(s, key, |v, f| validate::url(v, f.and_then(FieldSpec::max_length)))
    }
    pub fn decimal(&mut self, s: &Scope, key: &str) -> Option<Decimal> {
        self.read(s, key, |v, _| validate::decimal(v))
    }
    pub fn id(&mut self, s: &Scope, key: &str) -> Option<i64> {
        self.read(s, key, |v, _| validate::id(v))
    }
    /// A whole number within the spec's range (any 64-bit value when it sets none).
    pub fn integer(&mut self, s: &Scope, key: &str) -> Option<i64> {
        self.read(s, key, |v, f| {
            let range = f.and_then(|f| f.validate.as_ref());
            let min = range.and_then(|r| r.min).unwrap_or(if f.is_some_and(|f| f.kind == FieldType::Uinteger) { 0 } else { i64::MIN });
            validate::integer(v, min, range.and_then(|r| r.max).unwrap_or(i64::MAX))
        })
    }
    pub fn boolean(&mut self, s: &Scope, key: &str) -> Option<bool> {
        self.read(s, key, |v, _| validate::boolean(v))
    }
    pub fn date(&mut self, s: &Scope, key: &str) -> Option<String> {
        self.read(s, key, |v, _| validate::date(v))
    }
    pub fn member(&mut self, s: &Scope, key: &str, table: &EnumTable) -> Option<&'static Member> {
        self.read(s, key, |v, _| {
            table.parse(v).ok_or_else(|| Invalid::new("invalid_enum", format!("must be one of {}", table.valid_list())))
        })
    }
    /// A folder by ID or name; the API takes it as text.
    pub fn folder(&mut self, s: &Scope, key: &str) -> Option<String> {
        self.read(s, key, |v, f| match v {
            Value::Number(_) => validate::id(v).map(|n| n.to_string()),
            _ => validate::text(v, f.and_then(FieldSpec::max_length), false),
        })
    }
    /// A nested object (collection).
    pub fn object<'a>(&mut self, s: &Scope<'a>, key: &str) -> Option<&'a Map<String, Value>> {
        self.read(s, key, |v, _| match v {
            Value::Object(m) => Ok(m),
            other => Err(Invalid::new("invalid_type", format!("must be an object, not {}", kind_of(other)))),
        })
    }
    /// A list (array).
    pub fn list<'a>(&mut self, s: &Scope<'a>, key: &str) -> Option<&'a Vec<Value>> {
        self.read(s, key, |v, _| match v {
            Value::Array(a) if a.len() > MAX_LIST_ITEMS => Err(Invalid::new(
                "too_many",
                format!("has {} entries; the limit is {MAX_LIST_ITEMS}", a.len()),
            )),
            Value::Array(a) => Ok(a),
            other => Err(Invalid::new("invalid_type", format!("must be a list, not {}", kind_of(other)))),
        })
    }
}
