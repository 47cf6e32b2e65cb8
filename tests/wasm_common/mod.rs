//! Checks that run inside wasm, in Node and in Chromium: the parts of the core whose
//! behaviour could differ on wasm32 (64-bit ids, decimals, UTF-8, hashing, time).

use officeguy_make::error::{Error, Issue};

pub fn errors_serialise_with_paths() {
    let e = Error::invalid_params(vec![Issue::new("items[2].unitPrice", "required", "is required")]);
    let json = e.to_json();
    assert!(json.contains(r#""path":"items[2].unitPrice""#), "{json}");
}

pub fn big_ids_stay_exact() {
    let v: serde_json::Value = serde_json::from_str(r#"{"id": 9223372036854775807}"#).unwrap();
    assert_eq!(v["id"].as_i64(), Some(i64::MAX));
    assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"id":9223372036854775807}"#);
}

pub fn hebrew_survives() {
    let v: serde_json::Value = serde_json::from_str("\"\u{200f}שלום 👋\"").unwrap();
    assert_eq!(v.as_str().unwrap().chars().count(), 7);
}
