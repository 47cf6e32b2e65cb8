//! Bad input gets one issue per problem, at its path, with a stable code: a test per rule.

mod actions_common;

use actions_common::*;
use officeguy_make::request::{build_request, build_request_json, validate_params};
use serde_json::{json, Value};

fn doc(extra: Value) -> Value {
    let mut p = json!({"type": "Invoice", "customer": {"id": 5}, "items": [{"name": "x", "unitPrice": 1}]});
    for (k, v) in extra.as_object().unwrap() {
        p[k] = v.clone();
    }
    p
}

#[test]
fn valid_params_have_no_issues() {
    assert_eq!(issues("createDocument", doc(json!({}))), vec![]);
    assert_eq!(issues("listFolders", json!(null)), vec![]);
}

#[test]
fn required_fields_at_every_level() {
    assert_issue("sendSms", json!({"to": "0501234567"}), "text", "required");
    assert_issue("addToEmailList", json!({"email": "a@example.com"}), "listId", "required");
    assert_issue("createDocument", doc(json!({"type": ""})), "type", "required");
    assert_issue("createDocument", doc(json!({"items": [{"name": "x"}]})), "items[0].unitPrice", "required");
    assert_issue("createDocument", doc(json!({"items": [{"unitPrice": 5}]})), "items[0].name", "required");
    assert_issue("createDocument", json!({"type": "Receipt", "customer": {"id": 1}, "payments": [{"method": "cash"}]}), "payments[0].amount", "required");
    assert_issue("createDocument", json!({"type": "Receipt", "customer": {"id": 1}, "payments": [{"amount": 1}]}), "payments[0].method", "required");
    assert_issue("listEntities", json!({"folder": "1", "order": {"descending": true}}), "order.property", "required");
    assert_issue("apiCall", json!({}), "path", "required");
}

#[test]
fn a_customer_needs_a_name_an_id_or_a_search_key() {
    assert_issue("createCustomer", json!({"email": "a@example.com"}), "name", "required");
    assert_issue("createCustomer", json!({"searchMode": "Phone", "name": "Dana"}), "phone", "required");
    assert_issue("createCustomer", json!({"searchMode": "EmailAddress"}), "email", "required");
    assert_issue("createCustomer", json!({"searchMode": "Automatic"}), "name", "required");
    assert_eq!(issues("createCustomer", json!({"searchMode": "Automatic", "companyNumber": "514000123"})), vec![]);
    assert_issue("createDocument", doc(json!({"customer": {"email": "a@example.com"}})), "customer.name", "required");
    assert_issue("createDocument", doc(json!({"customer": {"searchMode": 2}})), "customer.externalId", "required");
    assert_issue("createDocument", doc(json!({"customer": ""})), "customer", "required");
}

#[test]
fn types_are_checked() {
    assert_issue("createCustomer", json!({"name": true}), "name", "invalid_type");
    assert_issue("createDocument", doc(json!({"items": {"name": "x"}})), "items", "invalid_type");
    assert_issue("createDocument", doc(json!({"items": ["x"]})), "items[0]", "invalid_type");
    assert_issue("createDocument", doc(json!({"customer": 5})), "customer", "invalid_type");
    assert_issue("createDocument", doc(json!({"sendByEmail": "sometimes"})), "sendByEmail", "invalid_type");
    assert_issue("sendSms", json!({"to": {"n": 1}, "text": "x"}), "to", "invalid_type");
    assert_eq!(issues("listFolders", json!([1])), vec![("".to_string(), "invalid_type".to_string())]);
}

#[test]
fn length_limits() {
    assert_issue("createCustomer", json!({"name": "א".repeat(251)}), "name", "too_long");
    assert_eq!(issues("createCustomer", json!({"name": "א".repeat(250)})), vec![]);
    assert_issue("sendSms", json!({"to": "0501234567", "text": "x".repeat(1001)}), "text", "too_long");
    assert_issue("createCard", json!({"folder": "1", "properties": {"x".repeat(251): 1}}), &format!("properties.{}", "x".repeat(251)), "too_long");
}

#[test]
fn email_syntax() {
    assert_issue("addToEmailList", json!({"listId": 1, "email": "dana@"}), "email", "invalid_email");
    assert_issue("createDocument", doc(json!({"sendByEmail": {"email": "not an email"}})), "sendByEmail.email", "invalid_email");
    assert_eq!(issues("addToEmailList", json!({"listId": 1, "email": "\u{200F}dana@example.co.il "})), vec![]);
}

#[test]
fn phone_plausibility() {
    assert_issue("addToSmsList", json!({"listId": 1, "phone": "12345"}), "phone", "invalid_phone");
    assert_issue("sendSms", json!({"to": ["0501234567", "nope"], "text": "x"}), "to[1]", "invalid_phone");
    assert_issue("sendSms", json!({"to": "0501234567, 12", "text": "x"}), "to[1]", "invalid_phone");
    assert_issue("createCustomer", json!({"name": "a", "phone": "+972 050 123 4567"}), "phone", "invalid_phone");
}

#[test]
fn too_many_sms_recipients() {
    let many: Vec<String> = (0..1001).map(|i| format!("05{:08}", i)).collect();
    assert_issue("sendSms", json!({"to": many, "text": "x"}), "to", "too_many");
}

#[test]
fn amounts_are_exact_decimals() {
    assert_issue("createDocument", doc(json!({"items": [{"name": "x", "unitPrice": "12,34"}]})), "items[0].unitPrice", "invalid_number");
    assert_issue("createDocument", doc(json!({"items": [{"name": "x", "unitPrice": 0.1 + 0.2}]})), "items[0].unitPrice", "imprecise_number");
    assert_issue("createDocument", doc(json!({"items": [{"name": "x", "unitPrice": 1, "quantity": "0"}]})), "items[0].quantity", "not_positive");
    assert_issue("createDocument", json!({"type": 2, "customer": {"id": 1}, "payments": [{"amount": "0.00", "method": "cash"}]}), "payments[0].amount", "zero_amount");
}

#[test]
fn vat_rate_is_a_percentage() {
    assert_issue("createDocument", doc(json!({"vatRate": 0.17})), "vatRate", "ambiguous_vat_rate");
    assert_issue("createDocument", doc(json!({"vatRate": "117"})), "vatRate", "out_of_range");
    assert_eq!(issues("createDocument", doc(json!({"vatRate": "0"}))), vec![]);
    assert_eq!(issues("createDocument", doc(json!({"vatRate": 18}))), vec![]);
}

#[test]
fn ids_are_64_bit_and_exact() {
    assert_issue("getCard", json!({"entityId": "12a"}), "entityId", "invalid_id");
    assert_issue("getCard", json!({"entityId": -1}), "entityId", "invalid_id");
    assert_issue("getCard", json!({"entityId": "99999999999999999999"}), "entityId", "out_of_range");
    assert_issue("getCard", json!({"entityId": 1e17}), "entityId", "imprecise_number");
    assert_issue("createDocument", doc(json!({"customer": {"id": 1.5}})), "customer.id", "invalid_id");
}

#[test]
fn integers_booleans_dates_urls() {
    assert_issue("listEntities", json!({"folder": "1", "paging": {"pageSize": 5}}), "paging.pageSize", "out_of_range");
    assert_issue("listEntities", json!({"folder": "1", "paging": {"pageSize": "many"}}), "paging.pageSize", "invalid_integer");
    assert_issue("createDocument", doc(json!({"draft": "maybe"})), "draft", "invalid_boolean");
    assert_issue("createDocument", doc(json!({"date": "30/11/2026"})), "date", "invalid_date");
    assert_issue("subscribeTrigger", json!({"url": "hook.example.com", "folder": "1", "view": 2}), "url", "invalid_url");
    assert_issue(
        "createDocument",
        json!({"type": "Receipt", "customer": {"id": 1}, "payments": [{"amount": 5, "method": "creditCard", "last4Digits": "42"}]}),
        "payments[0].last4Digits",
        "invalid_last4",
    );
}

#[test]
fn enums_list_the_valid_members() {
    let found = validate_params("createDocument", &doc(json!({"type": "Bill"})));
    assert_eq!((found[0].path.as_str(), found[0].code.as_str()), ("type", "invalid_enum"));
    assert!(found[0].message.contains("Invoice (0)") && found[0].message.contains("SupplierPayment (22)"), "{}", found[0].message);
    let found = validate_params("createDocument", &doc(json!({"currency": "XYZ"})));
    assert_eq!(found[0].code, "invalid_enum");
    assert!(found[0].message.contains("ILS (0)") && found[0].message.contains("PLN (985)"));
    assert_issue("createDocument", doc(json!({"language": "French"})), "language", "invalid_enum");
    assert_issue("createCustomer", json!({"name": "a", "searchMode": 9}), "searchMode", "invalid_enum");
    assert_issue("createDocument", json!({"type": 2, "customer": {"id": 1}, "payments": [{"amount": 5, "method": "barter"}]}), "payments[0].method", "invalid_enum");
    assert_issue("createDocument", json!({"type": 2, "customer": {"id": 1}, "payments": [{"amount": 5, "method": "Automatic"}]}), "payments[0].method", "invalid_enum");
    let found = validate_params("subscribeTrigger", &json!({"url": "https://h.example.com/", "folder": "1", "view": 2, "type": "Created"}));
    assert_eq!(found[0].code, "invalid_enum");
    assert!(found[0].message.contains("createOrUpdate"));
}

#[test]
fn document_types_ask_for_items_and_payments() {
    assert_issue("createDocument", json!({"type": "Invoice", "customer": {"id": 1}}), "items", "items_required");
    assert_issue("createDocument", json!({"type": "Invoice", "customer": {"id": 1}, "items": []}), "items", "items_required");
    assert_issue("createDocument", json!({"type": "Receipt", "customer": {"id": 1}}), "payments", "payments_required");
    let both = issues("createDocument", json!({"type": "InvoiceAndReceipt", "customer": {"id": 1}}));
    assert_eq!(both, vec![("items".into(), "items_required".into()), ("payments".into(), "payments_required".into())]);
    assert_issue("createDocument", doc(json!({"payments": [{"amount": 1, "method": "cash"}]})), "payments", "payments_not_allowed");
    assert_issue(
        "createDocument",
        json!({"type": "Receipt", "customer": {"id": 1}, "payments": [{"amount": 1, "method": "cash"}], "items": [{"name": "x", "unitPrice": 1}]}),
        "items",
        "items_not_allowed",
    );
    assert_issue("createDocument", doc(json!({"type": "ExpenseInvoice"})), "type", "unsupported_document_type");
}

#[test]
fn unknown_fields_are_refused_not_dropped() {
    assert_issue("createDocument", doc(json!({"vatincluded": true})), "vatincluded", "unknown_field");
    assert_issue("createDocument", doc(json!({"items": [{"name": "x", "unitPrice": 1, "price": 2}]})), "items[0].price", "unknown_field");
    assert_issue("createDocument", doc(json!({"customer": {"id": 1, "mail": "a@example.com"}})), "customer.mail", "unknown_field");
}

#[test]
fn send_document_needs_an_id_or_type_and_number() {
    assert_issue("sendDocument", json!({"email": "a@example.com"}), "documentId", "required");
    assert_issue("sendDocument", json!({"type": "Receipt"}), "number", "required");
}

#[test]
fn card_properties() {
    assert_issue("createCard", json!({"folder": "1"}), "properties", "required");
    assert_issue("createCard", json!({"folder": "1", "properties": {"A": ""}}), "properties", "required");
    assert_issue("createCard", json!({"folder": "1", "properties": "{not json"}), "properties", "invalid_json");
    assert_issue("createCard", json!({"folder": "1", "properties": [{"value": 1}]}), "properties[0]", "invalid_type");
    assert_issue("createCard", json!({"folder": "1", "properties": {" ": 1, "B": 2}}), "properties. ", "invalid_property_name");
    assert_issue("createCard", json!({"properties": {"A": 1}}), "folder", "required");
}

#[test]
fn api_call_paths_stay_on_the_api() {
    assert_issue("apiCall", json!({"path": "https://evil.example.com/x/y/z/"}), "path", "absolute_url");
    assert_issue("apiCall", json!({"path": "//evil.example.com/x/y/"}), "path", "absolute_url");
    for bad in ["/accounting/../x/", "/a/b/c/?x=1", "/only/", "/a/b%2F/c/", "/a/b/c/d/e/"] {
        assert_issue("apiCall", json!({"path": bad}), "path", "invalid_path");
    }
    assert_issue("apiCall", json!({"path": "/a/b/c/", "body": "{oops"}), "body", "invalid_json");
    assert_issue("apiCall", json!({"path": "/a/b/c/", "body": [1]}), "body", "invalid_type");
}

#[test]
fn every_issue_at_once() {
    let found = issues(
        "createDocument",
        json!({"type": "InvoiceAndReceipt", "customer": {"email": "bad"}, "currency": "XXX",
               "items": [{"name": "ok", "unitPrice": 1}, {"unitPrice": "x"}, {"name": "y", "unitPrice": 2, "quantity": -1}],
               "payments": [{"amount": "1..2", "method": "cash"}], "date": "never", "bogus": 1}),
    );
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    for p in ["bogus", "currency", "customer.email", "customer.name", "items[1].unitPrice", "items[1].name", "items[2].quantity", "payments[0].amount", "date"] {
        assert!(paths.contains(&p), "{p} missing from {found:?}");
    }
    let e = build_request("createDocument", &json!({"type": 1, "items": "x"}), &conn()).unwrap_err();
    assert_eq!(e.code, "invalid_params");
    assert!(e.issues.len() >= 3, "{:?}", e.issues);
}

#[test]
fn unknown_actions_name_the_known_ones() {
    let found = validate_params("createInvoice", &json!({}));
    assert_eq!(found[0].code, "unknown_action");
    assert!(found[0].message.contains("createDocument"));
    assert_eq!(build_request("createInvoice", &json!({}), &conn()).unwrap_err().code, "unknown_action");
}

#[test]
fn the_api_key_never_appears_in_issues_or_errors() {
    let key = "SUPER-secret-KEY-1234";
    // a key mapped into params by mistake, a bad connection, a bad body: none echo it
    let e = build_request_json(
        "apiCall",
        &json!({"path": key, "body": key, "apiKey": key}),
        &json!({"companyId": key, "apiKey": format!("{key} with space"), "baseUrl": key}),
    )
    .unwrap_err();
    let text = format!("{e:?} {} {}", e, e.to_json());
    assert!(!text.contains(key), "{text}");
    let e = build_request_json("sendSms", &json!({"to": key, "text": "x", "sender": key.repeat(3)}), &json!({"companyId": 1, "apiKey": key})).unwrap_err();
    assert!(!format!("{e:?}").contains(key));
}

#[test]
fn connection_problems() {
    let e = build_request_json("listFolders", &json!({}), &json!({"companyId": "abc"})).unwrap_err();
    assert_eq!(e.code, "invalid_connection");
    let paths: Vec<&str> = e.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["connection.companyId", "connection.apiKey"]);
    let e = build_request_json("sendSms", &json!({}), &json!(null)).unwrap_err();
    assert_eq!(e.code, "invalid_params");
    assert!(e.issues.iter().any(|i| i.path == "connection") && e.issues.iter().any(|i| i.path == "to"));
}
