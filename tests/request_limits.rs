//! The limits on action params (src/request/limits.rs, README "Limits"): each refused at
//! once with its code at its path, with the other issues of the params still reported;
//! each accepted at its edge. The same rows run through the package in
//! tests/node/limits.test.mjs.
// host only: clocks
#![cfg(not(target_arch = "wasm32"))]

use officeguy_make::request::limits::{MAX_LIST_ITEMS, MAX_PARAMS_BYTES};
use officeguy_make::request::{validate_params, validate_params_text};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn issues(action: &str, params: &Value) -> Vec<(String, String)> {
    let t = Instant::now();
    let out = validate_params(action, params).into_iter().map(|i| (i.path, i.code)).collect();
    assert!(t.elapsed() < Duration::from_secs(15), "took {:?}", t.elapsed());
    out
}

#[test]
fn an_oversized_payload_is_one_issue_at_the_root_and_is_not_parsed() {
    let body = |n: usize| format!(r#"{{"path":"/a/b/c/","body":{{"Note":"{}"}}}}"#, "n".repeat(n));
    let base = body(0).len();
    let over = validate_params_text("apiCall", &body(MAX_PARAMS_BYTES - base + 1)).unwrap();
    assert_eq!(over.len(), 1);
    assert_eq!((over[0].path.as_str(), over[0].code.as_str()), ("", "too_large"));
    assert_eq!(validate_params_text("apiCall", &body(MAX_PARAMS_BYTES - base)).unwrap(), vec![]);
    // an unknown action is still named as such, whatever the size
    assert_eq!(validate_params_text("nope", &body(MAX_PARAMS_BYTES)).unwrap_err().code, "unknown_action");
}

#[test]
fn over_nested_params_are_too_deep_and_text_that_is_not_json_is_an_argument_error() {
    let deep = |n: usize| format!(r#"{{"name":{}{}}}"#, "[".repeat(n), "]".repeat(n));
    let over = validate_params_text("createCustomer", &deep(127)).unwrap();
    assert_eq!((over[0].path.as_str(), over[0].code.as_str()), ("", "too_deep"));
    let under = validate_params_text("createCustomer", &deep(126)).unwrap();
    assert_eq!((under[0].path.as_str(), under[0].code.as_str()), ("name", "invalid_type"));
    assert_eq!(validate_params_text("createCustomer", "{oops").unwrap_err().code, "invalid_argument");
}

#[test]
fn a_list_over_its_limit_is_too_many_and_the_rest_is_still_checked() {
    let line = json!({"name": "Widget", "unitPrice": "10.00"});
    let over = issues("createDocument", &json!({
        "type": "Invoice", "customer": {"name": "x", "email": "nope"},
        "items": vec![line.clone(); MAX_LIST_ITEMS + 1],
    }));
    assert!(over.contains(&("items".into(), "too_many".into())), "{over:?}");
    assert!(over.iter().any(|(p, _)| p == "customer.email"), "{over:?}");
    let under = issues("createDocument", &json!({"type": "Invoice", "customer": {"name": "x"}, "items": vec![line; MAX_LIST_ITEMS]}));
    assert_eq!(under, vec![]);
}

#[test]
fn a_huge_recipient_list_is_refused_at_once() {
    let phones = |n: usize| (0..n).map(|i| format!("050{}", 1_000_000 + i)).collect::<Vec<_>>();
    assert_eq!(issues("sendSms", &json!({"to": phones(200_000), "text": "hi"})), vec![("to".into(), "too_many".into())]);
    assert_eq!(issues("sendSms", &json!({"to": phones(1000), "text": "hi"})), vec![]);
}

#[test]
fn a_card_has_at_most_as_many_fields_as_a_trigger_reads() {
    let props = |n: usize| Value::Object((0..n).map(|i| (format!("P{i}"), json!("v"))).collect());
    assert_eq!(issues("createCard", &json!({"folder": "Leads", "properties": props(2001)})), vec![("properties".into(), "too_many".into())]);
    assert_eq!(issues("createCard", &json!({"folder": "Leads", "properties": props(2000)})), vec![]);
}
