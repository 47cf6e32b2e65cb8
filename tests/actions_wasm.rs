//! Request building inside wasm (Node), where 64-bit ids, decimals and UTF-8 could behave
//! differently from the native build.
#![cfg(target_arch = "wasm32")]

use officeguy_make::request::{build_request, parse_response, Connection};
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn ids_amounts_and_hebrew_are_exact_in_wasm() {
    let conn = Connection::new(9_223_372_036_854_775_807, "k");
    let r = build_request(
        "createDocument",
        &json!({"type": "Invoice", "customer": {"id": "9007199254740993", "name": "דנה 👋"},
                "items": [{"name": "x", "unitPrice": "12345678901234567.89", "quantity": 0.1}], "date": "2026-11-30T22:30:00Z"}),
        &conn,
    )
    .unwrap();
    assert!(r.body.starts_with("{\"Credentials\":{\"CompanyID\":9223372036854775807,"), "{}", r.body);
    assert!(r.body.contains("\"Customer\":{\"ID\":9007199254740993,\"Name\":\"דנה 👋\"}"), "{}", r.body);
    assert!(r.body.contains("\"Quantity\":0.1,\"UnitPrice\":12345678901234567.89"), "{}", r.body);
    assert!(r.body.contains("\"Date\":\"2026-12-01\""), "{}", r.body);
}

#[wasm_bindgen_test]
fn answers_parse_in_wasm() {
    let data = parse_response("createCard", 200, r#"{"Status":"Success (0)","Data":{"EntityID":9007199254740993}}"#).unwrap();
    assert_eq!(data["EntityID"].as_u64(), Some(9_007_199_254_740_993));
    assert_eq!(parse_response("createCard", 200, r#"{"Status":1,"UserErrorMessage":"שגיאה"}"#).unwrap_err().status, Some(1));
}
