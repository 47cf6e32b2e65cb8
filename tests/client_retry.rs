//! The retry policy: reads are repeated on transient failures, with a bounded and
//! doubling wait; anything that creates or sends is never repeated.

mod client_support;
use client_support::*;
use officeguy_make::client::{HttpResponse, RetryPolicy};
use serde_json::json;

fn folders() -> Outcome {
    ok(json!({"Folders": [{"ID": 2375135516_i64, "Name": "מסמכים"}]}))
}

#[test]
fn a_read_is_repeated_on_each_transient_failure_until_it_succeeds() {
    let (client, script, waits) = client(vec![http(403), http(429), http(503), network(), timeout(), folders()]);
    let client = client.with_policy(RetryPolicy { max_attempts: 6, ..RetryPolicy::default() });
    let out = run(client.list_folders(&json!({}))).unwrap();
    assert_eq!(out[0]["Name"], "מסמכים");
    assert_eq!(script.sent_count(), 6);
    assert_eq!(waits.list(), vec![500, 1000, 2000, 4000, 8000]);
}

#[test]
fn status_2_is_repeated_for_a_read_and_status_1_is_not() {
    let (c, script, _) = client(vec![api_status(2, "שגיאה טכנית"), folders()]);
    run(c.list_folders(&json!({}))).unwrap();
    assert_eq!(script.sent_count(), 2);

    let (c, script, waits) = client(vec![api_status(1, "התיקייה לא נמצאה")]);
    let e = run(c.get_folder(&json!({"folder": "x"}))).unwrap_err();
    assert_eq!(script.sent_count(), 1);
    assert!(waits.list().is_empty());
    assert_eq!(e.code, "api_error");
    assert_eq!(e.status, Some(1));
    assert_eq!(e.user_message.as_deref(), Some("התיקייה לא נמצאה"));
}

#[test]
fn attempts_are_bounded_and_the_last_error_is_kept() {
    let (client, script, waits) = client(vec![http(500), http(502), http(503), http(504), http(500)]);
    let e = run(client.list_views(&json!({"folderId": 1}))).unwrap_err();
    assert_eq!(script.sent_count(), 4, "4 attempts in all by default");
    assert_eq!(waits.list(), vec![500, 1000, 2000]);
    assert_eq!(e.code, "http_error");
    assert_eq!(e.http_status, Some(504));
    assert!(e.message.contains("gave up after 4 attempts"), "{}", e.message);
}

#[test]
fn other_http_errors_are_not_repeated() {
    for status in [400, 401, 404, 413] {
        let (c, script, _) = client(vec![http(status)]);
        let e = run(c.list_folders(&json!({}))).unwrap_err();
        assert_eq!(script.sent_count(), 1, "HTTP {status}");
        assert_eq!(e.http_status, Some(status));
    }
}

#[test]
fn a_create_is_never_repeated_even_on_5xx_network_errors_or_time_outs() {
    let params = json!({"name": "דני", "email": "dani@example.com"});
    for outcome in [http(500), http(503), http(429), http(403), network(), timeout(), api_status(2, "x")] {
        let (c, script, waits) = client(vec![outcome.clone(), ok(json!({"CustomerID": 1}))]);
        let e = run(c.execute("createCustomer", &params)).unwrap_err();
        assert_eq!(script.sent_count(), 1, "{outcome:?}");
        assert!(waits.list().is_empty());
        assert!(e.message.contains("not repeated"), "{}", e.message);
    }
    for (outcome, code, maybe) in [
        (network(), "network_error", true),
        (timeout(), "timeout", true),
        (http(502), "http_error", true),
        (api_status(2, "x"), "api_error", true),
        (http(429), "http_error", false),
    ] {
        let (c, _, _) = client(vec![outcome]);
        let e = run(c.execute("createCustomer", &params)).unwrap_err();
        assert_eq!(e.code, code);
        assert_eq!(e.message.contains("may or may not have been applied"), maybe, "{}", e.message);
    }
}

#[test]
fn trigger_subscriptions_are_not_repeated() {
    let (client, script, _) = client(vec![http(503)]);
    run(client.subscribe(&json!({"url": "https://h.invalid/x", "folder": "1", "view": 2, "type": "create"}))).unwrap_err();
    assert_eq!(script.sent_count(), 1);
}

#[test]
fn the_same_request_is_sent_on_every_attempt_with_the_time_limit() {
    let (client, script, _) = client(vec![http(503), folders()]);
    run(client.list_folders(&json!({}))).unwrap();
    let sent = script.sent.borrow();
    assert_eq!(sent[0], sent[1]);
    assert_eq!(*script.timeouts.borrow(), vec![45_000, 45_000]);
}

#[test]
fn retry_after_is_honoured_up_to_the_longest_wait() {
    let asked = |ms| Ok(HttpResponse { status: 429, body: String::new(), retry_after_ms: Some(ms) });
    let (client, _, waits) = client(vec![asked(3_000), asked(120_000), folders()]);
    run(client.list_folders(&json!({}))).unwrap();
    assert_eq!(waits.list(), vec![3_000, 8_000]);
}

#[test]
fn the_wait_doubles_and_is_capped() {
    let p = RetryPolicy { max_attempts: 10, base_delay_ms: 100, max_delay_ms: 1_000, timeout_ms: 1_000 };
    let waits: Vec<u32> = (1..=6).map(|r| p.delay_before_retry(r)).collect();
    assert_eq!(waits, vec![100, 200, 400, 800, 1_000, 1_000]);
    assert_eq!(p.delay_before_retry(u32::MAX), 1_000);
}

#[test]
fn one_attempt_means_no_retry() {
    let (client, script, _) = client(vec![http(503)]);
    let client = client.with_policy(RetryPolicy { max_attempts: 1, ..RetryPolicy::default() });
    run(client.list_folders(&json!({}))).unwrap_err();
    assert_eq!(script.sent_count(), 1);
}

#[test]
fn options_are_checked_with_their_paths() {
    let p = RetryPolicy::from_options(&json!({"maxAttempts": 2, "timeoutMs": 500})).unwrap();
    assert_eq!((p.max_attempts, p.timeout_ms, p.base_delay_ms), (2, 500, 500));
    let e = RetryPolicy::from_options(&json!({"maxAttempts": 0, "timeoutMs": "x", "retries": 3})).unwrap_err();
    let paths: Vec<_> = e.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(e.code, "invalid_params");
    assert!(paths.contains(&"options.maxAttempts") && paths.contains(&"options.timeoutMs") && paths.contains(&"options.retries"), "{paths:?}");
    assert_eq!(RetryPolicy::from_options(&json!(null)).unwrap(), RetryPolicy::default());
}

#[test]
fn the_api_key_is_in_the_body_and_in_no_error() {
    let (client, script, _) = client(vec![network(), network(), network(), network()]);
    let e = run(client.list_folders(&json!({}))).unwrap_err();
    assert_eq!(script.body(0)["Credentials"]["APIKey"], API_KEY);
    assert!(!e.to_json().contains(API_KEY));
    assert!(!format!("{e:?}").contains(API_KEY));
}

#[test]
fn invalid_params_fail_before_anything_is_sent() {
    let (client, script, _) = client(vec![]);
    let e = run(client.list_views(&json!({}))).unwrap_err();
    assert_eq!(e.code, "invalid_params");
    assert_eq!(e.issues[0].path, "folderId");
    let e = run(client.execute("noSuchAction", &json!({}))).unwrap_err();
    assert_eq!(e.code, "unknown_action");
    assert_eq!(script.sent_count(), 0);
}
