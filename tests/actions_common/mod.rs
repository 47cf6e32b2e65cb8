//! Helpers shared by the actions integration tests.
#![allow(dead_code)]

use officeguy_make::request::{build_request, validate_params, Connection, HttpRequest};
use serde_json::Value;

pub const KEY: &str = "test-Key-0123456789";

pub fn conn() -> Connection {
    Connection::new(123456, KEY)
}

pub fn request(action: &str, params: Value) -> HttpRequest {
    match build_request(action, &params, &conn()) {
        Ok(r) => r,
        Err(e) => panic!("{action} {params}: {e} {:?}", e.issues),
    }
}

/// The body sent, parsed, without its Credentials.
pub fn body(action: &str, params: Value) -> Value {
    let r = request(action, params);
    let mut v: Value = serde_json::from_str(&r.body).expect("the body is JSON");
    let creds = v.as_object_mut().unwrap().shift_remove("Credentials").expect("credentials come first");
    assert_eq!(creds["CompanyID"], 123456);
    assert_eq!(creds["APIKey"], KEY);
    v
}

/// `(path, code)` of every issue.
pub fn issues(action: &str, params: Value) -> Vec<(String, String)> {
    validate_params(action, &params).into_iter().map(|i| (i.path, i.code)).collect()
}

/// Asserts that `params` give exactly one issue, at `path` with `code`.
pub fn assert_issue(action: &str, params: Value, path: &str, code: &str) {
    let found = issues(action, params.clone());
    assert_eq!(found, vec![(path.to_string(), code.to_string())], "{action} {params}");
}
