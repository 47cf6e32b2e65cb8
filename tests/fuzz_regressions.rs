//! Every input the fuzzers found a bug with (fuzz/regressions/<target>/), replayed
//! through the same checks the fuzz targets run (fuzz/src/checks.rs), plus each bug's
//! fix stated as a plain test.
// host only: reads files
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;

use officeguy_make::iml::{self, Dialect, Options};
use serde_json::json;
use std::fs;
use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new("fuzz/regressions").join(target);
    let Ok(entries) = fs::read_dir(&dir) else { return 0 };
    let mut n = 0;
    for e in entries {
        let path = e.unwrap().path();
        let data = fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{} fails its checks again", path.display());
        n += 1;
    }
    n
}

#[test]
fn committed_crashers_pass_their_targets_checks() {
    let n = replay("iml", checks::iml)
        + replay("webhook", checks::webhook)
        + replay("build_request", checks::build_request)
        + replay("state", checks::state);
    assert!(n >= 1, "the committed crashers were not found (run from the crate root)");
}

fn eval(template: &str) -> serde_json::Value {
    let mut o = Options::new(Dialect::Scenario);
    o.now = Some(0);
    iml::evaluate(template, &json!({}), &o).unwrap()
}

/// Found by the iml target: a number literal with more digits than a double holds (or a
/// far exponent) was read 1 ulp off, so it printed as another number and its text did
/// not read back to it. JavaScript's `Number(text)` rounds to the nearest double.
#[test]
fn long_number_literals_round_to_the_nearest_double() {
    for text in [
        "4".repeat(103),
        "0.30000000000000004".into(),
        "123456789012345678901234567890".into(),
        "2.2250738585072011e-308".into(),
        "9007199254740993".into(),
        "1.7976931348623157e308".into(),
        "7.038531e-26".into(),
        "8.98846567431158e307".into(),
    ] {
        let want: f64 = text.parse().unwrap();
        let got = eval(&format!("{{{{{text}}}}}"));
        assert_eq!(got.as_f64(), Some(want), "{text}");
    }
    // and a context value read by the evaluator's JSON reader
    let mut o = Options::new(Dialect::App);
    o.now = Some(0);
    let v = iml::compile("{{item.x}}", &o).unwrap()
        .evaluate_text(r#"{"item":{"x":0.30000000000000004e0}}"#, 0, iml::json::JsonFor::Text).unwrap();
    assert_eq!(v, "0.30000000000000004");
}

/// Found by the webhook target: a number out of a double's range under a key that the
/// matcher's streaming pass skips (`{"Other": 1e999, ...}`) passed that pass, while the
/// full path (and `normalizeWebhook`) refused the body as invalid JSON. Both refuse now.
#[test]
fn the_streaming_matcher_refuses_what_the_full_path_refuses() {
    use officeguy_make::trigger::{parse_subscriptions, Matcher};
    let subs = parse_subscriptions(&json!([{"id": "s", "folder": 10, "view": 1, "types": ["createOrUpdate"]}])).unwrap();
    for body in [
        r#"{"Folder":10,"EntityID":1,"Type":"CreateOrUpdate","Other":2389E918411,"Properties":{"A":[1]}}"#,
        r#"{"Folder":10,"EntityID":1,"Type":"CreateOrUpdate","Other":[{"x":"\ud800"}],"Properties":{"A":[1]}}"#,
    ] {
        let mut m = Matcher::new(subs.clone(), None, None).unwrap();
        let fast = m.accept_text(body, None).map_err(|e| e.code);
        let full = officeguy_make::trigger::body::decode_raw(None, body.as_bytes()).map(|_| ()).map_err(|e| e.code);
        assert_eq!(fast.as_ref().err(), full.as_ref().err(), "{body}");
    }
    // and the plain body still fires
    let mut m = Matcher::new(subs, None, None).unwrap();
    let body = r#"{"Folder":10,"EntityID":1,"Type":"CreateOrUpdate","Other":1e300,"Properties":{"A":[1]}}"#;
    assert_eq!(m.accept_text(body, None).unwrap().len(), 1);
}

/// Found by the iml target: the scenario dialect read a backticked word (`` {{`x`}} ``)
/// as a variable, which it has no way to print (the app dialect's `x`), so a parsed
/// template failed to print back. A scenario names modules by number: a quoted module id
/// is still a module, a quoted word is an unknown name, as it is unquoted.
#[test]
fn a_scenario_root_is_a_module_id_quoted_or_not() {
    let o = Options::new(Dialect::Scenario);
    let e = iml::compile("{{`x`.a}}", &o).unwrap_err();
    assert_eq!(e.code, "iml_syntax");
    assert!(e.message.contains("unknown name `x`"), "{}", e.message);
    let c = iml::compile("{{`1`.a}}", &o).unwrap();
    assert_eq!(c.print(Dialect::Scenario).unwrap(), "{{1.a}}");
    // as an argument that is no expression, it is unquoted text, as Make reads it
    assert_eq!(eval("{{lower(`X`)}}"), json!("`x`"));
}

/// Found by the iml target: `!x` counted one level of nesting and `not(x)` two, and the
/// scenario printer writes `!` as `not(...)`, so 55 `!`s parsed but printed into a
/// template past the depth limit. `not(x)` now nests exactly as deep as `!x`.
#[test]
fn not_and_bang_nest_equally_deep() {
    use officeguy_make::iml::{parser::parse, Limits};
    let limits = Limits::default();
    for n in [40, 62] {
        let bang = format!("{{{{{}1.id}}}}", "!".repeat(n));
        let tree = parse(&bang, Dialect::Scenario, &limits).unwrap();
        let printed = officeguy_make::iml::printer::print(&tree, Dialect::Scenario).unwrap();
        assert!(printed.starts_with("{{not(not("), "{printed}");
        assert_eq!(parse(&printed, Dialect::Scenario, &limits).unwrap(), tree, "{n}");
    }
    let too_deep = format!("{{{{{}1.id{}}}}}", "not(".repeat(70), ")".repeat(70));
    assert_eq!(parse(&too_deep, Dialect::Scenario, &limits).unwrap_err()[0].fatal, true);
}

/// Found by the build_request target: an unknown param whose name starts with
/// `connection` (`connectiont{pe`, or `connection` itself) made the error
/// `invalid_connection`, as if only the connection were wrong. The code now follows from
/// where the issues came from, not from their paths.
#[test]
fn a_param_named_like_the_connection_is_a_param_issue() {
    use officeguy_make::request::build_request_json;
    let good = json!({"companyId": 1, "apiKey": "k"});
    for key in ["connectiont{pe", "connection", "connection.apiKey"] {
        let e = build_request_json("listSmsLists", &json!({key: 1}), &good).unwrap_err();
        assert_eq!((e.code.as_str(), e.issues[0].path.as_str()), ("invalid_params", key));
    }
    let e = build_request_json("listSmsLists", &json!({}), &json!({"companyId": 1})).unwrap_err();
    assert_eq!((e.code.as_str(), e.issues[0].path.as_str()), ("invalid_connection", "connection.apiKey"));
    let e = build_request_json("listSmsLists", &json!({"connection": 1}), &json!({"companyId": 1})).unwrap_err();
    assert_eq!(e.code, "invalid_params", "params and connection both wrong");
    assert_eq!(e.issues.len(), 2);
}

/// Found by the iml target (a panic, so in wasm an opaque `RuntimeError`): `decodeURL`
/// sliced the text after a `%` at a byte that was inside a character. A `%` not followed
/// by two hex digits stays as written, as the function documents; `%+F` is not hex.
#[test]
fn decode_url_keeps_a_percent_before_any_non_hex() {
    assert_eq!(eval("{{decodeURL(a%שb)}}"), json!("a%שb"));
    assert_eq!(eval("{{decodeURL(%😀)}}"), json!("%😀"));
    assert_eq!(eval("{{decodeURL(x%+Fy)}}"), json!("x%+Fy"));
    assert_eq!(eval("{{decodeURL(%D7%A9%20ok%)}}"), json!("ש ok%"));
}

/// Found by the iml target: a literal past a double's range (`1234E6789`) reads as
/// Infinity, which printed as `(Infinity)`: text in a scenario argument, a variable in the
/// app dialect. It prints as `1e999` now, which reads back as Infinity in both.
#[test]
fn an_infinite_literal_prints_back_as_itself() {
    use officeguy_make::iml::{parser::parse, printer::print, Limits};
    for d in [Dialect::Scenario, Dialect::App] {
        let tree = parse("{{1234E6789 > 1}}", d, &Limits::default()).unwrap();
        let printed = print(&tree, d).unwrap();
        assert_eq!(printed, "{{1e999 > 1}}");
        assert_eq!(parse(&printed, d, &Limits::default()).unwrap(), tree);
    }
    assert_eq!(eval("{{1e999 > 1}}"), json!(true));
}

/// Found by the iml target: `--x` printed as `-(-x)`, whose parentheses nest one level
/// more per sign, so a long run of minus signs parsed but printed past the depth limit.
/// It prints as `- -x` now.
#[test]
fn a_run_of_minus_signs_prints_without_parentheses() {
    use officeguy_make::iml::{parser::parse, printer::print, Limits};
    let src = format!("{{{{!{}item.x == 200}}}}", "-".repeat(33));
    let tree = parse(&src, Dialect::App, &Limits::default()).unwrap();
    let printed = print(&tree, Dialect::App).unwrap();
    assert!(printed.starts_with("{{!- - -"), "{printed}");
    assert_eq!(parse(&printed, Dialect::App, &Limits::default()).unwrap(), tree);
    assert_eq!(eval("{{- -2}}"), json!(2));
}

/// Found by the iml target (an overflow panic in a debug build, a silently wrapped day in
/// release): `setDay` with a day far beyond any date subtracted without a check. It is
/// an `iml_eval` "out of range" error now, like the other setters.
#[test]
fn set_day_far_out_of_range_is_an_error() {
    let mut o = Options::new(Dialect::App);
    o.now = Some(0);
    for day in ["-1e300", "-9223372036854775808", "1e300"] {
        let e = iml::evaluate(&format!("{{{{setDay(\"2018-06-01\", {day})}}}}"), &json!({}), &o).unwrap_err();
        assert_eq!(e.code, "iml_eval", "{day}: {}", e.message);
    }
    assert_eq!(iml::evaluate("{{setDay(\"2018-06-01\", 7)}}", &json!({}), &o).unwrap(), json!("2018-06-03T00:00:00.000Z"));
}

/// Found by the iml target: a quoted module id alone (`` {{1 - `0100`}} ``) printed
/// unquoted, and `0100` alone reads as the number 100. Alone it prints quoted now; before
/// a member it stays `1.a`.
#[test]
fn a_module_id_alone_prints_quoted() {
    use officeguy_make::iml::{parser::parse, printer::print, Limits};
    let l = Limits::default();
    for (src, want) in [("{{1-`0100`}}", "{{1 - `0100`}}"), ("{{`1`.a}}", "{{1.a}}"), ("{{length(`2`)}}", "{{length(`2`)}}")] {
        let tree = parse(src, Dialect::Scenario, &l).unwrap();
        let printed = print(&tree, Dialect::Scenario).unwrap();
        assert_eq!(printed, want);
        assert_eq!(parse(&printed, Dialect::Scenario, &l).unwrap(), tree);
    }
}
