//! The client's wasm transport and timer, run in Node and in Chromium: fetch answers
//! and failures become the transport's outcomes, waits wait, and the whole policy runs
//! over them. No server is needed: a `data:` URL answers, port 9 refuses.

use officeguy_make::client::{
    Client, Connection, FetchTransport, HttpRequest, RetryPolicy, Sleeper, TimerSleeper, Transport, TransportErrorKind,
};
use serde_json::json;
use std::collections::BTreeMap;

fn get(url: &str) -> HttpRequest {
    HttpRequest { method: "GET".into(), url: url.into(), headers: BTreeMap::new(), body: String::new() }
}

pub async fn fetch_gives_status_and_utf8_body() {
    let text = r#"{"Status":0,"Data":{"Name":"לקוחות 👋"}}"#;
    let url = format!("data:application/json;charset=utf-8,{}", js_sys::encode_uri_component(text));
    let response = FetchTransport.send(&get(&url), 5_000).await.expect("a data: URL answers");
    assert_eq!(response.status, 200);
    assert_eq!(response.body, text);
}

pub async fn a_refused_connection_is_a_network_error() {
    let mut request = get("http://127.0.0.1:9/crm/schema/listfolders/");
    request.method = "POST".into();
    request.body = "{}".into();
    let e = FetchTransport.send(&request, 5_000).await.unwrap_err();
    assert_eq!(e.kind, TransportErrorKind::Network, "{e:?}");
}

pub async fn the_timer_waits_between_half_and_all_of_the_time() {
    let t0 = js_sys::Date::now();
    TimerSleeper.sleep(200).await;
    let waited = js_sys::Date::now() - t0;
    assert!((90.0..2_000.0).contains(&waited), "waited {waited} ms");
}

pub async fn the_policy_runs_over_fetch_and_gives_up() {
    let connection = Connection::from_value(&json!({"companyId": 1, "apiKey": "wasm-test-key", "baseUrl": "http://127.0.0.1:9"}))
        .ok()
        .unwrap();
    let policy = RetryPolicy { max_attempts: 2, base_delay_ms: 10, max_delay_ms: 10, timeout_ms: 5_000 };
    let client = Client::new(connection, FetchTransport, TimerSleeper).with_policy(policy);
    let e = client.list_folders(&json!({})).await.unwrap_err();
    assert_eq!(e.code, "network_error");
    assert!(e.message.contains("gave up after 2 attempts"), "{}", e.message);
    assert!(!e.to_json().contains("wasm-test-key"));
}
