//! Exports for the action catalogue, validation, request building and answers.

use super::{arg, reply};
use crate::request;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// A probe export so that the build pipeline can be checked end to end.
#[wasm_bindgen(js_name = "coreVersion")]
pub fn core_version() -> Result<String, JsValue> {
    reply(Ok(env!("CARGO_PKG_VERSION")))
}

#[wasm_bindgen(js_name = "validateParams")]
pub fn validate_params(action: &str, params: &str) -> Result<String, JsValue> {
    reply(request::validate_params_text(action, params))
}

#[wasm_bindgen(js_name = "buildRequest")]
pub fn build_request(action: &str, params: &str, connection: &str) -> Result<String, JsValue> {
    let params = request::params_from_text(params).map_err(super::fail)?;
    let connection: Value = arg("connection", connection)?;
    reply(request::build_request_json(action, &params, &connection))
}

#[wasm_bindgen(js_name = "parseResponse")]
pub fn parse_response(action: &str, http_status: u16, body: &str) -> Result<String, JsValue> {
    reply(request::parse_response(action, http_status, body))
}

#[wasm_bindgen(js_name = "safeToRetry")]
pub fn safe_to_retry(action: &str) -> Result<String, JsValue> {
    reply(Ok(request::safe_to_retry(action)))
}

/// The API enums as the core has them (`[{schema, members: [{name, code, en, he}]}]`), so
/// that a test can hold them against openapi.json and UIs can label codes.
#[wasm_bindgen(js_name = "enumTables")]
pub fn enum_tables() -> Result<String, JsValue> {
    let tables: Vec<Value> = crate::api::enums::all_tables()
        .iter()
        .map(|t| serde_json::json!({"schema": t.schema, "members": t.members}))
        .collect();
    reply(Ok(tables))
}
