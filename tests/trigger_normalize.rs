//! normalizeWebhook and normalizeEntity over every delivery shape seen in practice.

use officeguy_make::api::TriggerType;
use officeguy_make::error::Path;
use officeguy_make::trigger::{normalize_entity, normalize_webhook, Body, Event};
use serde_json::{json, Value};

/// The live capture of NOTES.md §6.2.
const CAPTURED: &str = r#"{"Folder":2375135516,"EntityID":2389921274,"Type":"Create",
 "Properties":{"Accounting_Number":[10003],
   "Accounting_Date":["2026-09-26T00:00:00+03:00"],
   "Accounting_DisplayCompanyValue":[3540.0000],
   "Accounting_Flags":[2],
   "Accounting_Customer":[{"ID":2389918411,"Name":"יזמות הגליל בע\"מ","SchemaID":2375133706}],
   "Property_M-5":[13]}}"#;

fn raw(content_type: &str, body: &str) -> Result<Event, officeguy_make::Error> {
    normalize_webhook(Body::Raw { content_type: Some(content_type), bytes: body.as_bytes() })
}

fn form_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn to_js(e: &Event) -> Value {
    serde_json::from_str(&serde_json::to_string(e).unwrap()).unwrap()
}

#[test]
fn the_captured_delivery_normalises_to_mappable_fields() {
    let e = raw("application/json", CAPTURED).unwrap();
    assert_eq!(e.card.folder, Some(2375135516));
    assert_eq!(e.card.entity_id, 2389921274);
    assert_eq!(e.trigger_type, Some(TriggerType::Create));
    let out = to_js(&e);
    assert_eq!(out["type"], "create");
    assert_eq!(out["entityId"], json!(2389921274u64));
    assert_eq!(out["fields"]["Accounting_Number"], json!(10003));
    assert_eq!(out["fields"]["Accounting_Date"], "2026-09-26T00:00:00+03:00");
    assert_eq!(out["fields"]["Accounting_DisplayCompanyValue"].as_f64(), Some(3540.0));
    assert_eq!(
        out["fields"]["Accounting_Customer"],
        json!({"id": 2389918411u64, "name": "יזמות הגליל בע\"מ", "schemaId": 2375133706u64})
    );
    assert_eq!(out["fields"]["Property_M-5"], json!(13));
    // properties keep SUMIT's arrays; raw is the delivery
    assert_eq!(out["properties"]["Accounting_Number"], json!([10003]));
    assert_eq!(out["raw"]["EntityID"], json!(2389921274u64));
}

#[test]
fn a_form_body_with_one_json_field_gives_the_same_event() {
    let json_event = raw("application/json", CAPTURED).unwrap();
    let form = format!("json={}", form_encode(CAPTURED));
    let form_event = raw("application/x-www-form-urlencoded", &form).unwrap();
    assert_eq!(form_event.card, json_event.card);
    assert_eq!(form_event.trigger_type, json_event.trigger_type);
    // mislabelled bodies are still read: the body is sniffed
    assert_eq!(raw("text/plain", &form).unwrap().card, json_event.card);
    assert_eq!(raw("application/x-www-form-urlencoded", CAPTURED).unwrap().card, json_event.card);
    // other form fields around it do not matter
    let with_more = format!("source=sumit&json={}&x=1", form_encode(CAPTURED));
    assert_eq!(raw("application/x-www-form-urlencoded", &with_more).unwrap().card, json_event.card);
}

#[test]
fn an_already_parsed_body_gives_the_same_event() {
    let expected = raw("application/json", CAPTURED).unwrap();
    let parsed: Value = serde_json::from_str(CAPTURED).unwrap();
    assert_eq!(normalize_webhook(Body::Parsed(parsed)).unwrap().card, expected.card);
    // Make parses a form into {json: "<text>"}
    let as_form = json!({"json": CAPTURED});
    assert_eq!(normalize_webhook(Body::Parsed(as_form)).unwrap().card, expected.card);
    // a JSON string value holding the body
    assert_eq!(normalize_webhook(Body::Parsed(Value::String(CAPTURED.into()))).unwrap().card, expected.card);
}

#[test]
fn ids_as_strings_and_scalar_properties_are_accepted() {
    let e = raw(
        "application/json",
        r#"{"Folder":"2375135516","EntityID":"2389921274","Type":"CreateOrUpdate",
            "Properties":{"Customers_FullName":"דנה לוי","Customers_City":["חיפה"],"Tags":["a","b"],"Empty":[],"Blank":""}}"#,
    )
    .unwrap();
    assert_eq!(e.card.folder, Some(2375135516));
    assert_eq!(e.card.entity_id, 2389921274);
    assert_eq!(e.trigger_type, Some(TriggerType::CreateOrUpdate));
    let f = &e.card.fields;
    assert_eq!(f["Customers_FullName"], "דנה לוי");
    assert_eq!(f["Customers_City"], "חיפה");
    assert_eq!(f["Tags"], json!(["a", "b"]));
    assert_eq!(f["Empty"], Value::Null);
    assert_eq!(f["Blank"], Value::Null);
    assert_eq!(e.card.properties["Empty"], json!([]));
}

#[test]
fn archive_and_delete_without_properties() {
    for (body, t) in [
        (r#"{"Folder":1,"EntityID":7,"Type":"Archive"}"#, TriggerType::Archive),
        (r#"{"Folder":1,"EntityID":7,"Type":"Delete","Properties":null}"#, TriggerType::Delete),
        (r#"{"EntityID":7,"Type":"Deleted","Properties":{}}"#, TriggerType::Delete),
    ] {
        let e = raw("application/json", body).unwrap();
        assert_eq!(e.trigger_type, Some(t), "{body}");
        assert!(e.card.properties.is_empty());
        assert!(e.card.fields.is_empty());
    }
    let e = raw("application/json", r#"{"EntityID":7,"Type":"Delete"}"#).unwrap();
    assert_eq!(e.card.folder, None);
    assert_eq!(to_js(&e)["folder"], Value::Null);
}

#[test]
fn ids_beyond_two_to_the_53_stay_exact_and_go_out_as_text() {
    let e = raw(
        "application/json",
        r#"{"Folder":9007199254740993,"EntityID":"9223372036854775807","Type":"Update",
            "Properties":{"Ref":[{"ID":9007199254740995,"Name":"x","SchemaID":3}],"Big":[12345678901234567890]}}"#,
    )
    .unwrap();
    assert_eq!(e.card.entity_id, 9223372036854775807);
    assert_eq!(e.card.folder, Some(9007199254740993));
    let out = to_js(&e);
    assert_eq!(out["entityId"], "9223372036854775807");
    assert_eq!(out["folder"], "9007199254740993");
    assert_eq!(out["fields"]["Ref"]["id"], "9007199254740995");
    assert_eq!(out["fields"]["Ref"]["schemaId"], 3);
    assert_eq!(out["properties"]["Big"][0], "12345678901234567890");
    assert_eq!(out["raw"]["Folder"], "9007199254740993");
}

#[test]
fn references_drop_version_and_status_and_keep_hebrew_rtl_and_emoji() {
    let e = raw(
        "application/json",
        "{\"EntityID\":5,\"Type\":\"Update\",\"Properties\":{\"Billing_Customer\":[{\"Version\":1,\"Status\":0,\"SchemaID\":9,\"ID\":44,\"Name\":\"\u{200f}שלום 👋\"}]}}",
    )
    .unwrap();
    assert_eq!(e.card.fields["Billing_Customer"], json!({"id": 44, "name": "\u{200f}שלום 👋", "schemaId": 9}));
}

#[test]
fn the_positional_shape_and_a_normalised_event_are_read_too() {
    let e = raw("application/json", r#"[12, 34, "Update", {"A": [1]}]"#).unwrap();
    assert_eq!((e.card.folder, e.card.entity_id, e.trigger_type), (Some(12), 34, Some(TriggerType::Update)));
    let back = to_js(&raw("application/json", CAPTURED).unwrap());
    let again = normalize_webhook(Body::Parsed(back)).unwrap();
    assert_eq!(again.card, raw("application/json", CAPTURED).unwrap().card);
    assert_eq!(again.trigger_type, Some(TriggerType::Create));
}

fn err(content_type: &str, body: &str) -> (String, String) {
    let e = raw(content_type, body).expect_err(body);
    (e.code, e.path.unwrap_or_default())
}

#[test]
fn bad_deliveries_are_errors_with_code_and_path() {
    assert_eq!(err("application/json", "{not json"), ("invalid_json".into(), "body".into()));
    assert_eq!(err("application/json", ""), ("empty_body".into(), "body".into()));
    assert_eq!(err("application/json", r#"{"Folder":1,"Type":"Create"}"#), ("missing_entity_id".into(), "EntityID".into()));
    assert_eq!(err("application/json", r#"{"EntityID":null}"#), ("missing_entity_id".into(), "EntityID".into()));
    assert_eq!(err("application/json", r#"{"EntityID":"12a"}"#), ("invalid_id".into(), "EntityID".into()));
    assert_eq!(err("application/json", r#"{"EntityID":-4}"#), ("invalid_id".into(), "EntityID".into()));
    assert_eq!(err("application/json", r#"{"EntityID":1.5}"#), ("invalid_id".into(), "EntityID".into()));
    assert_eq!(err("application/json", r#"{"EntityID":99999999999999999999}"#), ("invalid_id".into(), "EntityID".into()));
    assert_eq!(err("application/json", r#"{"EntityID":1,"Folder":true}"#), ("invalid_id".into(), "Folder".into()));
    assert_eq!(err("application/json", r#"{"EntityID":1,"Type":5}"#), ("invalid_type".into(), "Type".into()));
    assert_eq!(err("application/json", r#"{"EntityID":1,"Type":"Moved"}"#), ("unknown_trigger_type".into(), "Type".into()));
    assert_eq!(err("application/json", r#"{"EntityID":1,"Properties":[1]}"#), ("invalid_type".into(), "Properties".into()));
    assert_eq!(err("application/json", "42"), ("invalid_type".into(), "body".into()));
    assert_eq!(err("application/x-www-form-urlencoded", "a=1&b=2"), ("invalid_body".into(), "body".into()));
    assert_eq!(err("application/x-www-form-urlencoded", "json=%7Bnope"), ("invalid_json".into(), "body.json".into()));
    let e = normalize_webhook(Body::Raw { content_type: None, bytes: &[0x7b, 0xff, 0x7d] }).unwrap_err();
    assert_eq!(e.code, "invalid_encoding");
}

#[test]
fn hostile_input_is_refused_quickly_and_never_panics() {
    let big = format!(r#"{{"EntityID":1,"Properties":{{"A":["{}"]}}}}"#, "x".repeat(1 << 20));
    assert_eq!(err("application/json", &big).0, "too_large");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(err("application/json", &deep).0, "too_deep");
    let many: String = (0..2001).map(|i| format!("\"p{i}\":[1]")).collect::<Vec<_>>().join(",");
    let e = raw("application/json", &format!(r#"{{"EntityID":1,"Properties":{{{many}}}}}"#)).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_deref()), ("too_large", Some("Properties")));
    for body in ["json=", "json", "%", "json=%", "json=%E0%A4%A", "[[[[", "{\"EntityID\":{}}", "\u{feff}   "] {
        let _ = raw("application/x-www-form-urlencoded", body);
        let _ = raw("application/json", body);
    }
}

#[test]
fn entities_from_the_api_map_with_the_same_names_as_deliveries() {
    let delivery = raw("application/json", CAPTURED).unwrap();
    let flat = json!({"ID": 2389921274u64, "Folder": "2375135516",
        "Accounting_Number":[10003], "Accounting_Date":["2026-09-26T00:00:00+03:00"],
        "Accounting_DisplayCompanyValue":[3540.0000], "Accounting_Flags":[2],
        "Accounting_Customer":[{"ID":2389918411u64,"Name":"יזמות הגליל בע\"מ","SchemaID":2375133706u64,"Version":3}],
        "Property_M-5":[13]});
    let card = normalize_entity(&flat, &Path::root()).unwrap();
    assert_eq!(card.entity_id, 2389921274);
    assert_eq!(card.folder, Some(2375135516));
    assert_eq!(card.fields, delivery.card.fields);
    let nested = json!({"ID": "2389921274", "Folder": 2375135516u64, "Properties": delivery.card.properties.clone()});
    assert_eq!(normalize_entity(&nested, &Path::root()).unwrap(), delivery.card);
    let e = normalize_entity(&json!({"Folder": 1}), &Path::root().key("entities").index(3)).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_deref()), ("missing_entity_id", Some("entities[3].ID")));
    let out: Value = serde_json::to_value(&card).unwrap();
    assert_eq!(out.as_object().unwrap().keys().collect::<Vec<_>>(), ["folder", "entityId", "properties", "fields"]);
}

#[test]
fn the_direct_json_writer_gives_the_same_event_as_serialising_it() {
    use officeguy_make::trigger::normalize::normalize_webhook_json;
    for body in [
        CAPTURED,
        r#"{"EntityID":"9223372036854775807","Type":"Delete"}"#,
        r#"[12, 34, "Update", {"A": [1], "B": [12345678901234567890]}]"#,
        r#"{"entityId":5,"folder":"10","type":"createOrUpdate","properties":{"A":[""]},"extra":true}"#,
    ] {
        let direct = normalize_webhook_json(Body::Raw { content_type: None, bytes: body.as_bytes() }).unwrap();
        let via = serde_json::to_string(&raw("application/json", body).unwrap()).unwrap();
        assert_eq!(direct, via, "{body}");
    }
    let e = normalize_webhook_json(Body::Raw { content_type: None, bytes: b"{}" }).unwrap_err();
    assert_eq!(e.code, "missing_entity_id");
}
