//! Make's documented examples, one table per family in tests/iml_cases/*.json, run
//! through the native engine. tests/node/iml_cases.test.mjs runs the same tables through
//! the JS package.
//!
//! A row: `doc` (the page it came from), `template`, `expected` (JSON: the raw value of a
//! single `{{...}}`, else text) or `error` (an error code), and optionally `context`,
//! `dialect` (default scenario), `timezone`, `now` (ISO-8601), `note`.
// host only: these read files and clocks; the wasm build is checked through Node
#![cfg(not(target_arch = "wasm32"))]

use officeguy_make::iml::json::JsonFor;
use officeguy_make::iml::mapping::compile_mapping;
use officeguy_make::iml::{self, Dialect, Options};
use serde_json::Value as J;
use std::fs;

fn ms(iso: &str) -> i64 {
    // the tables' `now` is always UTC: `YYYY-MM-DDTHH:mm:ss.sssZ`
    let n = |a: usize, b: usize| iso[a..b].parse::<i64>().unwrap();
    let (y, m, d) = (n(0, 4), n(5, 7), n(8, 10));
    let (y2, mp) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + (153 * mp + 2) / 5 + d - 1;
    let days = era * 146097 + doe - 719468;
    days * 86_400_000 + n(11, 13) * 3_600_000 + n(14, 16) * 60_000 + n(17, 19) * 1000 + n(20, 23)
}

fn same(a: &J, b: &J) -> bool {
    match (a, b) {
        (J::Number(x), J::Number(y)) => x.as_f64() == y.as_f64(),
        (J::Array(x), J::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (J::Object(x), J::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

#[test]
fn make_documented_examples() {
    let mut dir: Vec<_> = fs::read_dir("tests/iml_cases").unwrap().map(|e| e.unwrap().path()).collect();
    dir.sort();
    let (mut passed, mut failed) = (0, Vec::new());
    for path in dir {
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let table: J = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let defaults = table.get("defaults").cloned().unwrap_or(J::Null);
        for row in table["cases"].as_array().unwrap() {
            let field = |k: &str| row.get(k).or_else(|| defaults.get(k)).cloned();
            assert!(row.get("doc").or(defaults.get("doc")).is_some(), "{}: a row without its documentation page: {row}", path.display());
            let template = row["template"].as_str().unwrap();
            let dialect = Dialect::parse(field("dialect").and_then(|d| d.as_str().map(String::from)).as_deref().unwrap_or("scenario")).unwrap();
            let mut o = Options::new(dialect);
            o.timezone = field("timezone").and_then(|t| t.as_str().map(String::from));
            o.now = Some(field("now").and_then(|n| n.as_str().map(ms)).unwrap_or(1_700_000_000_000));
            let context = field("context").unwrap_or(J::Object(Default::default()));
            let got = iml::evaluate(template, &context, &o);
            let ok = match (row.get("expected"), row.get("error"), &got) {
                (Some(want), _, Ok(v)) => same(want, v),
                (_, Some(code), Err(e)) => code.as_str() == Some(e.code.as_str()),
                _ => false,
            };
            // given as text, the context is read only as far as the template needs it:
            // the result must be the same, through a template and through a mapping
            let text = context.to_string();
            let via_text = iml::compile(template, &o).and_then(|c| c.evaluate_text(&text, 0, JsonFor::Text));
            let as_value = |r: &Result<String, officeguy_make::error::Error>| r.as_ref().map(|t| serde_json::from_str::<J>(t).unwrap()).map_err(|e| e.code.clone());
            assert_eq!(as_value(&via_text).map_err(|_| ()), got.as_ref().map(|v| v.clone()).map_err(|_| ()), "{template}: text context");
            if let (Ok(a), Ok(b)) = (as_value(&via_text), &got) {
                assert!(same(&a, b), "{template}: text context gave {a}, not {b}");
            }
            if dialect == Dialect::Scenario {
                let mapped = compile_mapping(&serde_json::json!({ "v": template }), &o).and_then(|m| m.apply_text(&text, 0, JsonFor::Text));
                match (as_value(&mapped), &got) {
                    (Ok(m), Ok(v)) => assert!(same(&m["v"], v), "{template}: mapping gave {m}, not {v}"),
                    (Err(a), Err(b)) => assert_eq!(&a, &b.code, "{template}"),
                    (m, g) => panic!("{template}: mapping gave {m:?}, evaluate {g:?}"),
                }
            }
            if ok {
                passed += 1;

            } else {
                failed.push(format!("{}: {template}\n   want {}\n   got  {:?}", path.file_name().unwrap().to_string_lossy(), row.get("expected").or(row.get("error")).unwrap(), got));
            }
        }
    }
    assert!(failed.is_empty(), "{} of {} rows failed:\n{}", failed.len(), passed + failed.len(), failed.join("\n"));
    assert!(passed > 100, "only {passed} rows ran");
}
