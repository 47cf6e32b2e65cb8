//! The request body as we write it: a small JSON tree whose amounts are exact decimals and
//! whose ids are 64-bit integers, printed to text without passing through a float.

use rust_decimal::Decimal;
use serde_json::Value;
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Bool(bool),
    Int(i64),
    Dec(Decimal),
    Str(String),
    /// A value passed through as given (card properties, `apiCall` bodies).
    Raw(Value),
    Arr(Vec<Json>),
    Obj(Obj),
}

/// An object whose keys keep the order they were put in; absent optionals are skipped,
/// never written as null.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Obj(pub Vec<(Cow<'static, str>, Json)>);

impl Obj {
    pub fn new() -> Self {
        Obj(Vec::new())
    }
    /// A field of the API's schema (a fixed name).
    pub fn put(&mut self, key: &'static str, value: impl Into<Json>) -> &mut Self {
        self.0.push((Cow::Borrowed(key), value.into()));
        self
    }
    /// A field whose name comes from the params (card properties, `apiCall` bodies).
    pub fn put_named(&mut self, key: String, value: impl Into<Json>) -> &mut Self {
        self.0.push((Cow::Owned(key), value.into()));
        self
    }
    pub fn opt<T: Into<Json>>(&mut self, key: &'static str, value: Option<T>) -> &mut Self {
        if let Some(v) = value {
            self.put(key, v);
        }
        self
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn done(&mut self) -> Obj {
        std::mem::take(self)
    }
}

impl From<bool> for Json {
    fn from(v: bool) -> Self {
        Json::Bool(v)
    }
}
impl From<i64> for Json {
    fn from(v: i64) -> Self {
        Json::Int(v)
    }
}
impl From<Decimal> for Json {
    fn from(v: Decimal) -> Self {
        Json::Dec(v)
    }
}
impl From<String> for Json {
    fn from(v: String) -> Self {
        Json::Str(v)
    }
}
impl From<&str> for Json {
    fn from(v: &str) -> Self {
        Json::Str(v.to_string())
    }
}
impl From<Obj> for Json {
    fn from(v: Obj) -> Self {
        Json::Obj(v)
    }
}
impl From<Vec<Json>> for Json {
    fn from(v: Vec<Json>) -> Self {
        Json::Arr(v)
    }
}
impl From<Value> for Json {
    fn from(v: Value) -> Self {
        Json::Raw(v)
    }
}

fn write_str(s: &str, out: &mut String) {
    // serde_json's escaping of a str cannot fail
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

impl Json {
    pub fn write(&self, out: &mut String) {
        match self {
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(i) => out.push_str(&i.to_string()),
            // normalised: 12.50 -> 12.5, 100.00 -> 100; never exponent notation
            Json::Dec(d) => out.push_str(&d.normalize().to_string()),
            Json::Str(s) => write_str(s, out),
            Json::Raw(v) => out.push_str(&serde_json::to_string(v).unwrap_or_else(|_| "null".into())),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Obj(obj) => obj.write(out),
        }
    }

    pub fn to_text(&self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        s
    }
}

impl Obj {
    pub fn write(&self, out: &mut String) {
        out.push('{');
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_str(k, out);
            out.push(':');
            v.write(out);
        }
        out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn writes_exact_json() {
        let mut o = Obj::new();
        o.put("Id", 9_007_199_254_740_993i64)
            .put("Amount", Decimal::from_str("100.10").unwrap())
            .put("Big", Decimal::from_str("12345678901234567890.5").unwrap())
            .opt::<bool>("Missing", None)
            .put("Name", "דנה \"D\" 😀\u{200F}")
            .put("List", vec![Json::Bool(true), Json::Dec(Decimal::from_str("-0.000").unwrap())]);
        let text = Json::Obj(o).to_text();
        assert_eq!(text, "{\"Id\":9007199254740993,\"Amount\":100.1,\"Big\":12345678901234567890.5,\"Name\":\"דנה \\\"D\\\" 😀\u{200F}\",\"List\":[true,0]}");
        assert!(serde_json::from_str::<Value>(&text).is_ok());
    }
}
