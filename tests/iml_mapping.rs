//! Scenario mappers to action parameters.
// host only: these read files and clocks; the wasm build is checked through Node
#![cfg(not(target_arch = "wasm32"))]

use officeguy_make::iml::mapping::{apply_mapping, compile_mapping};
use officeguy_make::iml::{Dialect, Options};
use serde_json::{json, Value};

fn opts() -> Options {
    let mut o = Options::new(Dialect::Scenario);
    o.now = Some(1_700_000_000_000);
    o
}

#[test]
fn maps_nested_objects_arrays_and_constants() {
    let mapper = json!({
        "Customer": { "Name": "{{1.billing.first_name}} {{1.billing.last_name}}", "EmailAddress": "{{ifempty(1.billing.email; 2.email)}}" },
        "Items": [{ "Quantity": "{{1.line_items[1].quantity}}", "UnitPrice": "{{1.line_items[1].price}}" }],
        "Type": 1,
        "Comments": "Order {{1.id}}",
        "SendByEmail": true,
        "Plain": "no template here"
    });
    let bundles: Value = serde_json::from_str(r#"{
        "1": {"id": 9007199254740993, "billing": {"first_name": "דנה", "last_name": "כהן", "email": ""},
              "line_items": [{"quantity": 2, "price": "10.50"}]},
        "2": {"email": "dana@example.com"}
    }"#).unwrap();
    let out = apply_mapping(&mapper, &bundles, &opts()).unwrap();
    assert_eq!(out["Customer"]["Name"], "דנה כהן");
    assert_eq!(out["Customer"]["EmailAddress"], "dana@example.com");
    assert_eq!(out["Items"][0]["Quantity"], 2);
    assert_eq!(out["Items"][0]["UnitPrice"], "10.50");
    assert_eq!(out["Type"], 1);
    assert_eq!(out["Comments"], "Order 9007199254740993");
    assert_eq!(out["Plain"], "no template here");
    assert_eq!(out["SendByEmail"], true);
}

#[test]
fn an_id_that_is_only_copied_stays_exact() {
    let bundles: Value = serde_json::from_str(r#"{"1": {"id": 9007199254740993}}"#).unwrap();
    let out = apply_mapping(&json!({"EntityID": "{{1.id}}"}), &bundles, &opts()).unwrap();
    assert_eq!(serde_json::to_string(&out).unwrap(), r#"{"EntityID":9007199254740993}"#);
}

#[test]
fn compiled_mappings_apply_many_times() {
    let m = compile_mapping(&json!({"n": "{{1.n * 2}}"}), &opts()).unwrap();
    for i in 0..5 {
        assert_eq!(m.apply(&json!({"1": {"n": i}})).unwrap(), json!({"n": i * 2}));
    }
}

#[test]
fn syntax_errors_list_every_bad_field_with_its_path() {
    let e = compile_mapping(&json!({"a": "{{1.x +}}", "b": ["ok", "{{upper(}}"]}), &opts()).unwrap_err();
    assert_eq!(e.code, "iml_syntax");
    let paths: Vec<&str> = e.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["a@7", "b[1]@8"], "{e:?}");
}

#[test]
fn evaluation_errors_carry_the_field_path() {
    let e = apply_mapping(&json!({"items": [{"price": "{{formatNumber(1.p; 2)}}"}]}), &json!({"1": {"p": "abc"}}), &opts()).unwrap_err();
    assert_eq!(e.code, "iml_eval");
    assert_eq!(e.path.as_deref(), Some("items[0].price"));
    assert!(e.message.contains("formatNumber: argument 1"), "{}", e.message);
}

#[test]
fn plain_paths_read_like_the_evaluator() {
    // the mapping reads plain paths straight from the JSON; each must agree with the
    // evaluator, which a `{{...}}` with text around it always uses
    let bundles: Value = serde_json::from_str(r#"{
        "1": {"a": {"b": [10, {"c": "x"}, 9007199254740993]}, "items": [{"n": 1}, {"n": 2}], "f": 1.5, "o": {"2": "two"}},
        "2": [1, 2, 3]
    }"#).unwrap();
    for path in ["1.a.b[1]", "1.a.b[2].c", "1.a.b[-1]", "1.a.b[3]", "1.a.b[9]", "1.items.n", "1.f", "1.missing", "1.missing.deeper",
                 "9.x", "now", "1.a.b[1].c", "2[2]", "1.o[2]", "1.a"] {
        let m = compile_mapping(&json!({"v": format!("{{{{{path}}}}}"), "t": format!("<{{{{{path}}}}}>"), "u": format!("<{{{{{path}}}}}{{{{upper(\"\")}}}}>")}), &opts()).unwrap();
        let out = m.apply(&bundles).unwrap();
        let via_text = out["t"].as_str().unwrap().trim_start_matches('<').trim_end_matches('>').to_string();
        let fast = &out["v"];
        let fast_text = match fast {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            Value::Array(a) => a.iter().map(|x| match x { Value::String(s) => s.clone(), Value::Null => String::new(), o => o.to_string() }).collect::<Vec<_>>().join(", "),
            other => other.to_string(),
        };
        assert_eq!(fast_text, via_text, "{path}: {fast}");
        // `u` has a call, so the evaluator builds it: the text fast path must agree
        assert_eq!(out["t"], out["u"], "{path}");
    }
}

#[test]
fn bundles_given_as_text_are_read_only_as_far_as_the_mapping_needs() {
    use officeguy_make::iml::json::JsonFor;
    // the mapping reads a few fields; the rest (escapes, deep nesting, big numbers, odd
    // keys) is skipped while reading, and must not change the result
    let text = r#"{"1": {"noise": {"deep": [[[{"x": "a\"b\\c\u05d3\ud83d\ude00"}]]], "n": -1.5e-300, "big": 18446744073709551615, "t": true, "f": false, "z": null},
        "a\u0062": "escaped key", "lines": [{"n": 1, "skip": {"q": [1, 2]}}, [{"n": "inner"}], {"n": 3}], "o": {"2": "two", "x": {"y": 1}},
        "dup": 1, "dup": 2, "id": 9007199254740993, "shipping": {"city": "חיפה"}},
        "2": {"never": ["read", {"at": "all"}]}}"#;
    let mapper = json!({
        "ab": "{{1.ab}}", "n": "{{1.lines.n}}", "first": "{{1.lines[1].n}}", "last": "{{1.lines[-1].n}}", "two": "{{1.o[2]}}",
        "dup": "{{1.dup}}", "id": "{{1.id}}", "text": "#{{1.id}} {{1.o.x.y}}", "len": "{{length(1.lines)}}", "x": "{{1.o.x}}"
    });
    let m = compile_mapping(&mapper, &opts()).unwrap();
    let via_text: Value = serde_json::from_str(&m.apply_text(text, 0, JsonFor::Text).unwrap()).unwrap();
    let via_value = m.apply(&serde_json::from_str(text).unwrap()).unwrap();
    assert_eq!(via_text, via_value);
    assert_eq!(via_text, json!({"ab": "escaped key", "n": [1, [ "inner" ], 3], "first": 1, "last": 3, "two": "two", "dup": 2,
        "id": 9007199254740993u64, "text": "#9007199254740993 1", "len": 3, "x": {"y": 1}}));
}

#[test]
fn bad_json_in_a_part_the_mapping_skips_is_still_an_error() {
    use officeguy_make::iml::json::JsonFor;
    let m = compile_mapping(&json!({"id": "{{1.id}}"}), &opts()).unwrap();
    let all = compile_mapping(&json!({"all": "{{toString(1)}}"}), &opts()).unwrap();
    let deep = format!(r#"{{"1": {{"id": 1, "x": {}1{}}}}}"#, "[".repeat(600), "]".repeat(600));
    for bad in [r#"{"1": {"id": 1, "x": [1, 2,]}}"#, r#"{"1": {"id": 1, "x": "a\qb"}}"#, r#"{"1": {"id": 1, "x": 01}}"#,
                r#"{"1": {"id": 1, "x": {"k" 1}}}"#, r#"{"1": {"id": 1, "x": tru}}"#, r#"{"1": {"id": 1, "x": "\u12"}}"#, &deep] {
        let e = m.apply_text(bad, 0, JsonFor::Text).unwrap_err();
        // nesting past the limit is the limit's error (`too_deep`), as documented
        assert_eq!(e.code, if bad == deep { "too_deep" } else { "invalid_argument" }, "{bad}");
        // the same message, at the same offset, as when everything is read
        assert_eq!(e.message, all.apply_text(bad, 0, JsonFor::Text).unwrap_err().message, "{bad}");
    }
}
