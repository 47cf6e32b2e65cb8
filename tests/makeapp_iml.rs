//! The generated app's IML: every template parses in the app dialect, every field of every
//! action reaches its request, and the bodies that need no custom function evaluate (with
//! the core's IML engine) to exactly the body `build_request` makes from the same params.

use officeguy_make::catalog;
use officeguy_make::iml::{self, Dialect, Options};
use officeguy_make::makeapp::{self, Lang};
use officeguy_make::request::build_request_json;
use serde_json::{json, Map, Value};

fn app(lang: Lang) -> std::collections::BTreeMap<String, String> {
    makeapp::make_app(lang).expect("the app builds").files
}

fn templates<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) if s.contains("{{") => out.push(s),
        Value::Array(a) => a.iter().for_each(|x| templates(x, out)),
        Value::Object(m) => m.iter().for_each(|(k, x)| {
            // `{{...}}` is Make's spread key (merge this object here), not an expression
            if k.contains("{{") && k != "{{...}}" {
                out.push(k);
            }
            templates(x, out)
        }),
        _ => {}
    }
}

#[test]
fn every_template_parses_in_the_app_dialect() {
    for lang in Lang::ALL {
        let mut count = 0;
        for (path, text) in app(lang) {
            if !path.ends_with(".iml.json") {
                continue;
            }
            let value: Value = serde_json::from_str(&text).expect(&path);
            let mut found = Vec::new();
            templates(&value, &mut found);
            for t in found {
                count += 1;
                let issues = iml::check(t, Dialect::App);
                assert!(issues.is_empty(), "{path}: {t}\n{issues:?}");
            }
        }
        assert!(count > 100, "only {count} templates");
    }
}

#[test]
fn every_field_of_every_action_reaches_its_request() {
    for spec in catalog::catalog().user_actions() {
        let read = makeapp::fields_read(&spec.key).unwrap_or_else(|| panic!("{} has no module", spec.key));
        assert!(!read.iter().any(|r| r.starts_with('!')), "{}: {read:?}", spec.key);
        for f in &spec.fields {
            let prefix = format!("{}.", f.name);
            assert!(read.iter().any(|r| r == &f.name || r.starts_with(&prefix)), "{}: field {} is not sent", spec.key, f.name);
            if f.name == "customer" {
                for inner in f.nested_fields() {
                    let path = format!("customer.{}", inner.name);
                    assert!(read.contains(&path), "{}: field {path} is not sent", spec.key);
                }
            }
        }
    }
}

/// The body of the action's module for `params`, evaluated as Make would, with `null`
/// (an empty optional) left out as the core leaves it out.
fn app_body(files: &std::collections::BTreeMap<String, String>, action: &str, params: &Value) -> (String, Value) {
    let comm: Value = serde_json::from_str(&files[&format!("modules/{action}/{action}.communication.iml.json")]).unwrap();
    let ctx = json!({ "parameters": params });
    let eval = |t: &str| iml::evaluate(t, &ctx, &Options::new(Dialect::App)).unwrap_or_else(|e| panic!("{action}: {t}: {e}"));
    fn walk(v: &Value, eval: &dyn Fn(&str) -> Value) -> Value {
        match v {
            Value::String(s) if s.contains("{{") => eval(s),
            Value::Object(m) => {
                let mut out = Map::new();
                for (k, x) in m {
                    let y = walk(x, eval);
                    if !y.is_null() {
                        out.insert(k.clone(), y);
                    }
                }
                Value::Object(out)
            }
            other => other.clone(),
        }
    }
    let url = match walk(&comm["url"], &eval) {
        Value::String(s) => s,
        other => panic!("{action}: url {other}"),
    };
    (url, walk(&comm["body"], &eval))
}

fn core_body(action: &str, params: &Value) -> (String, Value) {
    let r = build_request_json(action, params, &json!({ "companyId": 1, "apiKey": "k" }))
        .unwrap_or_else(|e| panic!("{action} {params}: {e}"));
    let mut body: Value = serde_json::from_str(&r.body).unwrap();
    body.as_object_mut().unwrap().remove("Credentials");
    (r.url.trim_start_matches("https://api.sumit.co.il").to_string(), body)
}

#[test]
fn bodies_without_custom_functions_equal_build_request() {
    let files = app(Lang::En);
    let cases = [
        ("createCustomer", json!({ "name": "  דנה כהן ", "email": "\u{200F}dana@example.com ", "phone": "050-123 4567", "city": "חיפה",
            "companyNumber": 514000000, "externalId": "c-17", "noVat": "yes", "searchMode": "email" })),
        ("createCustomer", json!({ "name": "Acme", "phone": "+44 20 7946 0958", "zip": "", "searchMode": "ExternalIdentifier (2)", "externalId": "x" })),
        ("createCustomer", json!({ "name": "Old", "phone": "00972-50-1234567", "noVat": false, "searchMode": 3 })),
        ("createCustomer", json!({ "name": "Dial", "phone": "972501234567", "address": "  הרצל 1 ", "searchMode": "Name" })),
        ("addToEmailList", json!({ "listId": "42", "email": "a@b.co", "name": " Dana " })),
        ("addToSmsList", json!({ "listId": 7, "phone": "(03) 123-4567" })),
        ("getCard", json!({ "entityId": "2389921274" })),
        ("archiveCard", json!({ "entityId": 2389921274u64 })),
        ("deleteCard", json!({ "entityId": 5 })),
        ("sendDocument", json!({ "documentId": 99, "type": "Invoice", "email": "x@y.com", "original": "true", "language": "en", "personalMessage": " hi\n" })),
        ("sendDocument", json!({ "type": "invoice_and_receipt", "number": "1002", "language": "English" })),
    ];
    for (action, params) in cases {
        let (core_url, core) = core_body(action, &params);
        let (url, body) = app_body(&files, action, &params);
        assert_eq!(url, core_url, "{action}");
        assert!(core.as_object().is_some_and(|m| !m.is_empty()), "{action}: the core sent nothing");
        assert_eq!(body, core, "{action} {params}");
    }
}

#[test]
fn no_template_marker_is_left_in_the_files() {
    for lang in Lang::ALL {
        for (path, text) in app(lang) {
            assert!(!text.contains('‖'), "{path}: a bilingual text was not split");
            let placeholder = text.match_indices('$').any(|(i, _)| text[i + 1..].starts_with(|c: char| c.is_ascii_uppercase()));
            assert!(!placeholder, "{path}: a $PLACEHOLDER was not filled");
            assert!(!text.contains("\"@") || path.ends_with(".md"), "{path}: a mapping description was not expanded");
            assert!(!text.contains("parameters.!unknown"), "{path}");
        }
    }
}
