//! Hostile templates fail fast with a clear error: nothing hangs, nothing exhausts
//! memory. Each case must finish well under a second in a debug build.
// host only: these read files and clocks; the wasm build is checked through Node
#![cfg(not(target_arch = "wasm32"))]

use officeguy_make::iml::{self, Dialect, Limits, Options};
use serde_json::json;
use std::time::{Duration, Instant};

fn run(template: &str, context: serde_json::Value, dialect: Dialect) -> (Result<serde_json::Value, officeguy_make::Error>, Duration) {
    let mut o = Options::new(dialect);
    o.now = Some(0);
    let t = Instant::now();
    let r = iml::evaluate(template, &context, &o);
    (r, t.elapsed())
}

fn fails_fast(template: &str, context: serde_json::Value, code: &str) {
    let (r, took) = run(template, context, Dialect::App);
    let e = r.expect_err(&format!("{} should fail", &template[..template.len().min(60)]));
    assert_eq!(e.code, code, "{}", e.message);
    // a hang guard for a debug build on a busy machine, not a speed check (that is bench/)
    assert!(took < Duration::from_secs(15), "took {took:?}");
}

#[test]
fn a_long_template_is_refused() {
    let long = "x".repeat(Limits::default().template_bytes + 1);
    fails_fast(&long, json!({}), "iml_limit");
}

#[test]
fn deep_nesting_is_refused() {
    fails_fast(&format!("{{{{{}1{}}}}}", "(".repeat(10_000), ")".repeat(10_000)), json!({}), "iml_limit");
    fails_fast(&format!("{{{{{}1{}}}}}", "upper(".repeat(10_000), ")".repeat(10_000)), json!({}), "iml_limit");
    fails_fast(&format!("{{{{{}1}}}}", "!".repeat(10_000)), json!({}), "iml_limit");
}

#[test]
fn exponential_text_growth_stops_at_the_output_limit() {
    // each replace doubles the text: a gigabyte if nothing stopped it
    let t = format!("{{{{replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(item.s, \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\"), \"a\", \"aa\")}}}}");
    fails_fast(&t, json!({"item": {"s": "aaaaaaaa"}}), "iml_limit");
}

#[test]
fn a_pathological_regex_runs_in_linear_time() {
    let (r, took) = run("{{replace(item.s, \"/(a+)+$/\", \"x\")}}", json!({"item": {"s": format!("{}b", "a".repeat(50_000))}}), Dialect::App);
    assert!(r.is_ok(), "{r:?}");
    assert!(took < Duration::from_secs(15), "took {took:?}");
}

#[test]
fn work_per_evaluation_is_bounded() {
    // a big array walked by many functions
    let big: Vec<u32> = (0..100_000).collect();
    let mut e = "item.a".to_string();
    for _ in 0..300 {
        e = format!("reverse({e})");
    }
    fails_fast(&format!("{{{{length({e})}}}}"), json!({"item": {"a": big}}), "iml_limit");
}

#[test]
fn syntax_errors_carry_position_and_expectation() {
    let issues = iml::check("Hi {{1.name + }} and {{upper(1.a; }}", Dialect::Scenario);
    assert_eq!(issues.len(), 2, "{issues:?}");
    assert_eq!(issues[0].offset, 14);
    assert!(issues[0].message.contains("expected an expression"), "{}", issues[0].message);
    // offsets count UTF-16 units, as the page's editor does
    let issues = iml::check("שלום 😀 {{(}}", Dialect::App);
    assert_eq!(issues[0].offset, "שלום 😀 {{(".encode_utf16().count());
}

#[test]
fn evaluation_errors_name_function_and_argument() {
    let (r, _) = run("{{formatNumber(item.x, 2)}}", json!({"item": {"x": "abc"}}), Dialect::App);
    let e = r.unwrap_err();
    assert_eq!(e.code, "iml_eval");
    assert!(e.message.starts_with("formatNumber: argument 1:"), "{}", e.message);
}

#[test]
fn nested_array_doubling_stops() {
    // `emptyarray` + the same subtree twice per level: the array doubles at each level
    let mut t = "item.a".to_string();
    for _ in 0..30 {
        t = format!("flatten(add(emptyarray, {t}, {t}))");
        if t.len() > 30_000 {
            break;
        }
    }
    let (r, took) = run(&format!("{{{{length({t})}}}}"), json!({"item": {"a": [1, 2, 3, 4, 5, 6, 7, 8]}}), Dialect::App);
    assert!(took < Duration::from_secs(15), "took {took:?}");
    let _ = r;
}

#[test]
fn parse_json_of_over_nested_text_is_a_limit() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    fails_fast("{{parseJSON(item.s)}}", json!({"item": {"s": deep(513)}}), "iml_limit");
    let (r, _) = run("{{length(parseJSON(item.s))}}", json!({"item": {"s": deep(512)}}), Dialect::App);
    assert_eq!(r.unwrap(), json!(1));
}

#[test]
fn a_regex_over_its_compiled_size_is_a_limit_and_a_bad_one_an_error() {
    fails_fast("{{replace(item.s, \"/((a{1000}){1000}){1000}/\", \"x\")}}", json!({"item": {"s": "a"}}), "iml_limit");
    // JS rejects both (nothing to repeat, an unterminated group)
    for bad in ["/a**/", "/(/", "/a{1000}{1000}/"] {
        let (r, _) = run(&format!("{{{{replace(item.s, \"{bad}\", \"x\")}}}}"), json!({"item": {"s": "a"}}), Dialect::App);
        let e = r.unwrap_err();
        assert_eq!(e.code, "iml_eval", "{bad}");
        assert!(e.message.starts_with("replace: argument 2: is not a regular expression"), "{}", e.message);
    }
    // look-around is JS syntax, so it is accepted now
    let (r, _) = run("{{replace(item.s, \"/(?=a)/\", \"x\")}}", json!({"item": {"s": "a"}}), Dialect::App);
    assert_eq!(r.unwrap(), json!("xa"));
}

#[test]
fn a_back_reference_blow_up_stops_at_the_work_limit() {
    // back-references turn the memo off: exponential, so the work budget must stop it
    fails_fast("{{replace(item.s, \"/(a*)*\\\\1b/\", \"x\")}}", json!({"item": {"s": "a".repeat(40)}}), "iml_limit");
}
