//! What each fuzz target asserts, as plain functions over bytes. The fuzz targets call
//! them, and so does `tests/fuzz_regressions.rs` (it includes this file by path), so a
//! committed crasher is replayed by `cargo test` through exactly the checks that found it.
//!
//! Every check holds for *any* input: the core may refuse an input, but only with a
//! stable error code (and a path where the input has one), never a panic, a hang, a
//! secret in a message, or an answer that disagrees with another path to the same answer.

use officeguy_make::iml::{self, parser, printer, Dialect, Limits, Options};
use officeguy_make::request;
use officeguy_make::trigger::body::decode_raw;
use officeguy_make::trigger::normalize::normalize_webhook_json;
use officeguy_make::trigger::state::{restore_listing, save_listing};
use officeguy_make::trigger::{normalize_webhook, parse_subscriptions, Body, Fired, Matcher};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Largest integer a JS number holds exactly; ids above it must leave as text.
const MAX_SAFE: u64 = (1 << 53) - 1;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn split_nul(data: &[u8]) -> Option<(&[u8], &[u8])> {
    data.iter().position(|b| *b == 0).map(|i| (&data[..i], &data[i + 1..]))
}

// ---------------------------------------------------------------- IML

const ZONES: [&str; 4] = ["UTC", "Asia/Jerusalem", "America/New_York", "Australia/Lord_Howe"];

/// The fuzz run's budget: a twentieth of the default work and a sixteenth of the output,
/// so that a slow input costs milliseconds, and a function that builds or scans without
/// charging its work stands out as time far beyond what the budget allows.
pub fn iml_limits() -> Limits {
    Limits { work: 1_000_000, output_bytes: 256 * 1024, ..Limits::default() }
}

/// The most one evaluation under `iml_limits()` may take, sanitizer and a busy machine
/// included. At the measured rate (20 million units in well under a second, release
/// build) the budget is tens of milliseconds; only work the budget does not see can
/// reach this.
pub const IML_TIME_BOUND: Duration = Duration::from_secs(3);

fn default_context() -> Value {
    json!({
        "1": {"id": 1001, "total": "118.50", "name": "דנה לוי", "email": "dana@example.com",
              "items": [{"sku": "A-1", "qty": 2, "price": 9.99}, {"sku": "B", "qty": 1, "price": 100}],
              "big": 9007199254740993u64, "when": "2026-09-26T00:00:00+03:00", "empty": "", "none": null},
        "2": {"text": "a;b,c", "n": -0.5, "flags": [true, false], "nested": {"deep": {"x": [1, [2, [3]]]}}},
        "parameters": {"x": "x", "amount": 12.5, "list": ["a", "b", "a"]},
        "item": {"s": "aaaaaaaab", "a": [3, 1, 2]},
        "body": {"Folder": 10, "EntityID": 77, "Properties": {"Name": ["n"]}},
        "connection": {"companyId": 123456},
        "temp": {}
    })
}

/// IML: parse and evaluate any text, in either dialect, under the limits; whatever
/// parses prints back to the same tree; a scenario template that converts to the app
/// dialect converts back to the same tree.
///
/// Input: one control byte (bit 0 the dialect, bits 1-2 the time zone), the template,
/// then optionally NUL and the context as JSON (a fixed context otherwise).
pub fn iml(data: &[u8]) {
    let Some((&ctrl, rest)) = data.split_first() else { return };
    let dialect = if ctrl & 1 == 0 { Dialect::Scenario } else { Dialect::App };
    let (src, context) = match split_nul(rest) {
        Some((t, c)) => (text(t), serde_json::from_slice::<Value>(c).unwrap_or_else(|_| default_context())),
        None => (text(rest), default_context()),
    };
    let mut options = Options::new(dialect);
    options.timezone = Some(ZONES[(ctrl as usize >> 1) & 3].to_string());
    options.now = Some(1_790_000_000_000);
    options.limits = iml_limits();

    let compiled = match iml::compile(&src, &options) {
        Ok(c) => c,
        Err(e) => {
            assert!(matches!(e.code.as_str(), "iml_syntax" | "iml_limit"), "compile: unexpected code {e:?}");
            assert!(!e.issues.is_empty(), "compile error without issues: {e:?}");
            return;
        }
    };

    let t0 = Instant::now();
    let result = compiled.evaluate_at(&context, 0);
    let took = t0.elapsed();
    assert!(took < IML_TIME_BOUND, "evaluation took {took:?}, beyond what its work budget allows: {src:?}");
    match &result {
        Ok(v) => {
            // the text path writes the same value as valid JSON
            let text_out = compiled
                .evaluate_text(&context.to_string(), 0, iml::json::JsonFor::Text)
                .expect("evaluate_text failed where evaluate succeeded");
            // read back with the core's reader: serde_json's default one can be an ulp off
            // for 17-digit numbers, the core's reads to the nearest double as JS does
            let back = iml::json::Json::parse(&text_out)
                .unwrap_or_else(|e| panic!("evaluate_text wrote invalid JSON ({e}): {text_out:?}"))
                .to_serde();
            same_json(v, &back, &src);
        }
        Err(e) => assert!(matches!(e.code.as_str(), "iml_eval" | "iml_limit"), "evaluate: unexpected code {e:?}"),
    }

    // printing: what parsed prints back, in its own dialect, to the same tree
    let printed = printer::print(&compiled.template, dialect)
        .unwrap_or_else(|e| panic!("a parsed template does not print in its own dialect: {src:?}: {e:?}"));
    let reparsed = parser::parse(&printed, dialect, &Limits::default())
        .unwrap_or_else(|e| panic!("printed template does not parse: {src:?} printed as {printed:?}: {e:?}"));
    assert_eq!(reparsed, compiled.template, "print/parse changed the tree: {src:?} printed as {printed:?}");

    if dialect == Dialect::Scenario {
        if let Ok(app) = iml::convert_dialect(&src, Dialect::Scenario, Dialect::App) {
            let back = iml::convert_dialect(&app, Dialect::App, Dialect::Scenario)
                .unwrap_or_else(|e| panic!("scenario -> app does not convert back: {src:?} -> {app:?}: {e:?}"));
            let tree = parser::parse(&back, Dialect::Scenario, &Limits::default())
                .unwrap_or_else(|e| panic!("converted text does not parse: {back:?}: {e:?}"));
            assert_eq!(tree, compiled.template, "conversion changed the tree: {src:?} -> {app:?} -> {back:?}");
        }
    }
}

/// Values equal as JSON, numbers compared by value (the text path writes JS number text).
fn same_json(a: &Value, b: &Value, src: &str) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let same = x == y || x.as_f64().map(f64::to_bits) == y.as_f64().map(f64::to_bits);
            assert!(same, "evaluate and evaluate_text disagree on a number ({x} vs {y}): {src:?}");
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "arrays differ in length: {src:?}");
            x.iter().zip(y).for_each(|(a, b)| same_json(a, b, src));
        }
        (Value::Object(x), Value::Object(y)) => {
            assert_eq!(x.len(), y.len(), "collections differ in size: {src:?}");
            for (k, v) in x {
                same_json(v, y.get(k).unwrap_or_else(|| panic!("key {k:?} lost by evaluate_text: {src:?}")), src);
            }
        }
        _ => assert_eq!(a, b, "evaluate and evaluate_text disagree: {src:?}"),
    }
}

// ---------------------------------------------------------------- webhooks

fn subscriptions() -> Value {
    json!([
        {"id": "any", "folder": 10, "view": 1, "types": ["createOrUpdate"]},
        {"id": "new", "folder": 10, "view": 1, "types": ["create"]},
        {"id": "gone", "folder": 2375135516u64, "view": 1, "types": ["archive", "delete"]},
        {"id": "big", "folder": 10, "view": 1, "types": ["update"],
         "filters": [{"Property": "Amount", "Value": [100, "200"]}, {"property": "City", "value": "חיפה", "negative": true}]}
    ])
}

fn matcher() -> Matcher {
    Matcher::new(parse_subscriptions(&subscriptions()).expect("fuzz subscriptions"), None, None).expect("matcher")
}

/// Every integer in a value bound for JS is exact there: nothing above 2^53 − 1.
fn js_safe(v: &Value, at: &str) {
    match v {
        Value::Number(n) if n.is_u64() => assert!(n.as_u64().unwrap() <= MAX_SAFE, "{at}: integer {n} leaves as a number"),
        Value::Number(n) if n.is_i64() => assert!(n.as_i64().unwrap().unsigned_abs() <= MAX_SAFE, "{at}: integer {n} leaves as a number"),
        Value::Array(a) => a.iter().for_each(|x| js_safe(x, at)),
        Value::Object(m) => m.iter().for_each(|(k, x)| js_safe(x, &format!("{at}.{k}"))),
        _ => {}
    }
}

fn id_of(v: &Value) -> u64 {
    match v {
        Value::Number(n) => n.as_u64().expect("id number"),
        Value::String(s) => {
            let id: u64 = s.parse().unwrap_or_else(|_| panic!("id text {s:?} is not digits"));
            assert!(id > MAX_SAFE, "id {id} is safe as a number but left as text");
            id
        }
        other => panic!("id is {other}"),
    }
}

/// `normalizeWebhook` on any bytes and content type: the event, or an error with a
/// stable code and a path. The JSON writer and the value path agree; ids stay exact and
/// JS-safe. The matcher's three ways in (streaming digest of the text, the parsed value,
/// the normalised card) fire the same subscriptions for the delivery and its retry.
///
/// Input: content type, NUL, body; or the body alone (no content type).
pub fn webhook(data: &[u8]) {
    let (ct, body) = match split_nul(data) {
        Some((ct, body)) => (Some(text(ct)), body),
        None => (None, data),
    };
    let raw = || Body::Raw { content_type: ct.as_deref(), bytes: body };
    let as_json = normalize_webhook_json(raw());
    let as_event = normalize_webhook(raw());
    match (&as_json, &as_event) {
        (Ok(text), Ok(event)) => {
            let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("event JSON is invalid ({e}): {text:?}"));
            js_safe(&v, "event");
            assert_eq!(id_of(&v["entityId"]), event.card.entity_id);
            assert_eq!(v["folder"].is_null(), event.card.folder.is_none());
            if let Some(f) = event.card.folder {
                assert_eq!(id_of(&v["folder"]), f);
            }
            assert_eq!(v["type"].as_str(), event.trigger_type.map(|t| t.key()));
            assert_eq!(v["properties"].as_object().map(|m| m.len()), Some(event.card.properties.len()));
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.code, b.code, "the two normalise paths refuse differently");
            assert!(!a.code.is_empty() && !a.message.is_empty());
            assert!(a.issues.iter().all(|i| !i.path.is_empty()), "an issue without a path: {a:?}");
        }
        _ => panic!("the two normalise paths disagree: {as_json:?} vs {as_event:?}"),
    }

    // The matcher's paths take no content type (they sniff), so compare them on the
    // body alone, twice: the second delivery is a retry.
    let Ok(body_text) = std::str::from_utf8(body) else { return };
    let (mut by_text, mut by_value, mut by_card) = (matcher(), matcher(), matcher());
    let decoded = decode_raw(None, body.as_ref());
    for round in 0..2 {
        let a = by_text.accept_text(body_text, None);
        let b = match &decoded {
            Ok(v) => by_value.accept_value(v, None),
            Err(e) => Err(e.clone()),
        };
        let c = decoded
            .clone()
            .and_then(|v| officeguy_make::trigger::event_from_value(v))
            .map(|e| by_card.accept(&e.card, e.trigger_type, None));
        let key = |r: &Result<Vec<Fired>, officeguy_make::Error>| r.as_ref().map(|f| f.clone()).map_err(|e| e.code.clone());
        assert_eq!(key(&a), key(&b), "round {round}: streaming and value paths disagree on {body_text:?}");
        assert_eq!(key(&b), key(&c), "round {round}: value and card paths disagree on {body_text:?}");
    }
    assert_eq!(by_text.save_state(), by_value.save_state(), "streaming and value paths remember differently");
    assert_eq!(by_value.save_state(), by_card.save_state(), "value and card paths remember differently");
}

// ---------------------------------------------------------------- buildRequest

const KEY: &str = "fuzz-key-5b0e2c9d41";

/// `buildRequest` on any JSON params for any action (the first byte picks it): the exact
/// request, or `invalid_params` whose issues are exactly `validateParams`'s. The key is
/// in the body's `Credentials` once and in no error.
pub fn build_request(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else { return };
    let keys = officeguy_make::catalog::action_keys();
    let action = keys[pick as usize % keys.len()];
    let Ok(params) = serde_json::from_slice::<Value>(rest) else { return };
    let connection = json!({"companyId": "9007199254740993", "apiKey": KEY});
    let issues = request::validate_params(action, &params);
    match request::build_request_json(action, &params, &connection) {
        Ok(r) => {
            assert!(issues.is_empty(), "{action}: built a request that validateParams refuses: {issues:?}");
            assert_eq!(r.method, "POST");
            assert!(r.url.starts_with("https://api.sumit.co.il/") && r.url.ends_with('/'), "{action}: url {}", r.url);
            let body: Value = serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{action}: body is not JSON ({e}): {}", r.body));
            assert_eq!(body["Credentials"]["APIKey"], KEY);
            assert!(r.body.contains(r#""CompanyID":9007199254740993"#), "{action}: company id not exact");
            let given = String::from_utf8_lossy(rest).matches(KEY).count();
            assert!(r.body.matches(KEY).count() <= 1 + given, "{action}: the key is copied into the body");
        }
        Err(e) => {
            assert_eq!(e.code, "invalid_params", "{action}: unexpected code {e:?}");
            assert_eq!(e.issues, issues, "{action}: buildRequest and validateParams disagree");
            assert!(!issues.is_empty(), "{action}: refused without an issue");
            let shown = format!("{e:?}{}", e.to_json());
            assert!(!shown.contains(KEY), "{action}: the API key leaks into an error");
            for i in &issues {
                assert!(!i.code.is_empty() && !i.message.is_empty(), "{action}: empty issue {i:?}");
            }
        }
    }
}

// ---------------------------------------------------------------- saved states

/// A restored state saves to text that restores to the same state: for the matcher
/// (at the default bound and at a small one, which drops the least recently seen) and
/// for `diffListing`'s listing. A refused state is refused as `state` with a stable code.
pub fn state(data: &[u8]) {
    let s = text(data);
    for cap in [None, Some(3)] {
        match Matcher::new(Vec::new(), Some(&s), cap) {
            Ok(m) => {
                let saved = m.save_state();
                let again = Matcher::new(Vec::new(), Some(&saved), cap)
                    .unwrap_or_else(|e| panic!("a saved state is refused ({e:?}): {saved:?} from {s:?}"));
                assert_eq!(again.save_state(), saved, "restore/save is not stable for {s:?}");
                assert_eq!(again.remembered(), m.remembered());
                assert!(m.remembered().0 <= m.remembered().1, "more cards than the bound");
            }
            Err(e) => refused(&e),
        }
    }
    match restore_listing(s.trim()) {
        Ok(cards) => {
            assert!(cards.windows(2).all(|w| w[0].id < w[1].id), "listing not sorted by id");
            let saved = save_listing(&cards);
            let back = restore_listing(&saved).unwrap_or_else(|e| panic!("a saved listing is refused ({e:?}): {saved:?}"));
            assert_eq!(back, cards, "listing save/restore changed the cards");
        }
        Err(e) => refused(&e),
    }
}

fn refused(e: &officeguy_make::Error) {
    assert!(
        matches!(e.code.as_str(), "invalid_state" | "unsupported_state_version" | "too_large"),
        "state refused with an unexpected code: {e:?}"
    );
    assert_eq!(e.path.as_deref(), Some("state"));
}
