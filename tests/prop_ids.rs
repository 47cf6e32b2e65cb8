//! Ids at the 64-bit edges, in every way they arrive (JSON number, decimal text, a
//! webhook as JSON or as a `json=` form, an IML context) and leave (a request body, an
//! event for JS, IML output): exact, as numbers up to 2^53 − 1 and as decimal text above,
//! never through a float. Ids are SUMIT's int64: 0 and anything past 2^63 − 1 are refused.
#![cfg(not(target_arch = "wasm32"))]

use officeguy_make::iml::{self, json::JsonFor, Dialect, Options};
use officeguy_make::request::build_request_json;
use officeguy_make::trigger::normalize::normalize_webhook_json;
use officeguy_make::trigger::Body;
use proptest::prelude::*;
use serde_json::{json, Value};

const MAX_SAFE: u64 = (1 << 53) - 1;
const EDGES: [u64; 6] = [1, MAX_SAFE, MAX_SAFE + 1, MAX_SAFE + 2, i64::MAX as u64 - 1, i64::MAX as u64];
const REFUSED: [u64; 3] = [0, i64::MAX as u64 + 1, u64::MAX];

fn id() -> impl Strategy<Value = u64> {
    prop_oneof![prop::sample::select(EDGES.to_vec()), 1..=i64::MAX as u64, (MAX_SAFE - 3)..=(MAX_SAFE + 3)]
}

fn form(s: &str) -> String {
    let mut out = String::from("json=");
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// How an id must reach JS: a number when exact there, else its digits as text.
fn for_js(id: u64) -> Value {
    if id <= MAX_SAFE { json!(id) } else { json!(id.to_string()) }
}

fn event(content_type: &str, body: &str) -> Result<Value, officeguy_make::Error> {
    normalize_webhook_json(Body::Raw { content_type: Some(content_type), bytes: body.as_bytes() })
        .map(|t| serde_json::from_str(&t).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn webhook_ids_reach_js_exactly(entity in id(), folder in id(), as_text in any::<bool>(), as_form in any::<bool>()) {
        let (e, f) = if as_text { (json!(entity.to_string()), json!(folder.to_string())) } else { (json!(entity), json!(folder)) };
        let text = json!({"Folder": f, "EntityID": e, "Type": "Update", "Properties": {"Ref": [{"ID": entity, "Name": "n"}]}}).to_string();
        let out = if as_form { event("application/x-www-form-urlencoded", &form(&text)) } else { event("application/json", &text) }.unwrap();
        prop_assert_eq!(&out["entityId"], &for_js(entity));
        prop_assert_eq!(&out["folder"], &for_js(folder));
        prop_assert_eq!(&out["properties"]["Ref"][0]["ID"], &for_js(entity));
    }

    #[test]
    fn request_bodies_carry_ids_exactly(entity in id(), company in id(), as_text in any::<bool>()) {
        let v = |n: u64| if as_text { json!(n.to_string()) } else { json!(n) };
        let r = build_request_json("getEntity", &json!({"entityId": v(entity)}), &json!({"companyId": v(company), "apiKey": "k"})).unwrap();
        prop_assert_eq!(r.body, format!(r#"{{"Credentials":{{"CompanyID":{company},"APIKey":"k"}},"EntityID":{entity}}}"#));
    }

    #[test]
    fn iml_passes_ids_through_exactly(entity in id()) {
        let mut o = Options::new(Dialect::Scenario);
        o.now = Some(0);
        let c = iml::compile("{{1.id}}", &o).unwrap();
        let context = format!(r#"{{"1":{{"id":{entity}}}}}"#);
        prop_assert_eq!(c.evaluate_text(&context, 0, JsonFor::Text).unwrap(), entity.to_string());
        let text = iml::compile("id {{1.id}}", &o).unwrap().evaluate_text(&context, 0, JsonFor::Text).unwrap();
        prop_assert_eq!(text, format!("\"id {entity}\""));
    }
}

#[test]
fn ids_outside_int64_are_refused_with_their_path() {
    for bad in REFUSED {
        for v in [json!(bad), json!(bad.to_string())] {
            let text = json!({"Folder": 10, "EntityID": v, "Type": "Update"}).to_string();
            let e = event("application/json", &text).unwrap_err();
            assert_eq!((e.code.as_str(), e.path.as_deref()), ("invalid_id", Some("EntityID")), "{text}");
            let e = build_request_json("getEntity", &json!({"entityId": v}), &json!({"companyId": 1, "apiKey": "k"})).unwrap_err();
            assert_eq!(e.issues[0].path, "entityId", "{v}");
        }
    }
    // a float that is not exact is refused, not rounded to a neighbouring id
    let e = event("application/json", r#"{"Folder":10,"EntityID":9007199254740993.0,"Type":"Update"}"#).unwrap_err();
    assert_eq!(e.code, "invalid_id");
}
