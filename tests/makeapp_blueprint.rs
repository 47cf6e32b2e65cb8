//! Scenario blueprints: the app's modules as `app#<appId>:<module>`, the mapper carried in
//! the scenario dialect, the connection and webhook left for Make to ask, no secrets.

use officeguy_make::blueprint::{blueprint, Options, Scenario};
use serde_json::{json, Value};

fn scenario(v: Value) -> Scenario {
    serde_json::from_value(v).expect("a scenario")
}

fn options(app_id: &str) -> Options {
    serde_json::from_value(json!({ "appId": app_id, "appVersion": 2 })).unwrap()
}

#[test]
fn an_instant_trigger_then_a_document() {
    let s = scenario(json!({
        "name": "Invoice on new deal",
        "trigger": { "key": "watchCards" },
        "actions": [{
            "key": "createDocument",
            "mapper": {
                "type": "InvoiceAndReceipt",
                "customer": { "name": "{{1.fields.Customers_FullName}}", "email": "{{ifempty(1.fields.Customers_EmailAddress; \"none@example.com\")}}" },
                "items": [{ "name": "ייעוץ", "unitPrice": "{{1.fields.Amount}}" }]
            }
        }]
    }));
    let b = blueprint(&s, &options("officeguy-x1y2z3")).unwrap();
    assert_eq!(b["name"], "Invoice on new deal");
    assert_eq!(b["metadata"]["instant"], true);
    let flow = b["flow"].as_array().unwrap();
    assert_eq!(flow.len(), 2);
    assert_eq!(flow[0]["module"], "app#officeguy-x1y2z3:watchCards");
    assert_eq!(flow[0]["version"], 2);
    assert!(flow[0]["parameters"].as_object().unwrap().contains_key("__IMTHOOK__"));
    assert_eq!(flow[0]["parameters"]["__IMTHOOK__"], Value::Null);
    assert_eq!(flow[1]["id"], 2);
    assert_eq!(flow[1]["module"], "app#officeguy-x1y2z3:createDocument");
    assert_eq!(flow[1]["parameters"]["__IMTCONN__"], Value::Null);
    assert_eq!(flow[1]["mapper"]["customer"]["email"], "{{ifempty(1.fields.Customers_EmailAddress; \"none@example.com\")}}");
    assert_eq!(flow[1]["mapper"]["items"][0]["name"], "ייעוץ");
}

#[test]
fn a_polling_trigger_keeps_its_static_parameters() {
    let s = scenario(json!({ "trigger": { "key": "pollCards", "params": { "folder": "1076", "limit": 10 } }, "actions": [] }));
    let b = blueprint(&s, &options("officeguy")).unwrap();
    assert_eq!(b["metadata"]["instant"], false);
    assert_eq!(b["flow"][0]["parameters"], json!({ "__IMTCONN__": null, "folder": "1076", "limit": 10 }));
    assert_eq!(b["flow"][0]["version"], 2);
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let s = scenario(json!({
        "trigger": { "key": "watchEverything" },
        "actions": [
            { "key": "createInvoice" },
            { "key": "sendSms", "mapper": { "to": "{{1.phone}}", "text": "{{ifempty(1.a; \"x\"}}", "apiKey": "secret" } }
        ]
    }));
    let e = blueprint(&s, &options("Bad_Id")).unwrap_err();
    assert_eq!(e.code, "invalid_params");
    let at: Vec<(&str, &str)> = e.issues.iter().map(|i| (i.path.as_str(), i.code.as_str())).collect();
    assert!(at.contains(&("appId", "invalid_app_id")), "{at:?}");
    assert!(at.contains(&("trigger.key", "unknown_trigger")), "{at:?}");
    assert!(at.contains(&("actions[0].key", "unknown_action")), "{at:?}");
    assert!(at.contains(&("actions[1].mapper.apiKey", "secret_in_blueprint")), "{at:?}");
    assert!(at.contains(&("actions[1].mapper.text", "invalid_iml")), "an unclosed call is refused: {at:?}");
    assert!(!e.to_json().contains("secret\""), "the secret's value is not echoed");
}

#[test]
fn steps_may_say_module_and_parameters_as_a_blueprint_does() {
    let s = scenario(json!({
        "trigger": { "module": "watchCards", "parameters": { "folder": "1076", "view": 5, "type": "create" } },
        "actions": [{ "module": "sendSms", "mapper": { "to": "{{1.fields.Customers_Phone}}", "text": "שלום" } }]
    }));
    let b = blueprint(&s, &options("officeguy")).unwrap();
    assert_eq!(b["flow"][0]["module"], "app#officeguy:watchCards");
    assert_eq!(b["flow"][0]["parameters"]["view"], 5);
    assert_eq!(b["flow"][1]["module"], "app#officeguy:sendSms");
    assert_eq!(b["flow"][1]["mapper"]["text"], "שלום");
}
