//! TEMPORARY: the signatures of `crate::request` (branch `actions`) until it lands.
//! Deleted when `actions` is merged; nothing here is meant to stay.

use crate::error::{Error, Result};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Clone)]
pub struct Connection {
    pub company_id: i64,
    pub api_key: String,
    pub base_url: Option<String>,
    pub language: Option<String>,
}

impl Connection {
    pub fn base(&self) -> &str {
        self.base_url.as_deref().unwrap_or("https://api.sumit.co.il").trim_end_matches('/')
    }

    pub fn from_value(v: &Value) -> std::result::Result<Connection, Vec<crate::Issue>> {
        let company_id = match &v["companyId"] {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
        .ok_or_else(|| vec![crate::Issue::new("connection.companyId", "required", "is required")])?;
        let api_key = v["apiKey"].as_str().ok_or_else(|| vec![crate::Issue::new("connection.apiKey", "required", "is required")])?;
        let base_url = v["baseUrl"].as_str().map(String::from);
        Ok(Connection { company_id, api_key: api_key.into(), base_url, language: None })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

fn endpoint(action: &str) -> Option<&'static str> {
    Some(match action {
        "listFolders" => "/crm/schema/listfolders/",
        "getFolder" => "/crm/schema/getfolder/",
        "listViews" => "/crm/views/listviews/",
        "listEntities" => "/crm/data/listentities/",
        "getEntity" => "/crm/data/getentity/",
        "subscribeTrigger" => "/triggers/triggers/subscribe/",
        "unsubscribeTrigger" => "/triggers/triggers/unsubscribe/",
        "createCustomer" => "/accounting/customers/create/",
        "createDocument" => "/accounting/documents/create/",
        _ => return None,
    })
}

fn pascal(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let mut c = k.chars();
                    let mut key: String = c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default();
                    if key.ends_with("Id") {
                        key = format!("{}ID", &key[..key.len() - 2]);
                    }
                    (key, pascal(v))
                })
                .collect::<Map<_, _>>(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(pascal).collect()),
        _ => v.clone(),
    }
}

pub fn build_request(action: &str, params: &Value, conn: &Connection) -> Result<HttpRequest> {
    let path = endpoint(action).ok_or_else(|| Error::new("unknown_action", format!("unknown action {action}")))?;
    let mut body = pascal(params);
    if !body.is_object() {
        body = Value::Object(Map::new());
    }
    body["Credentials"] = serde_json::json!({"CompanyID": conn.company_id, "APIKey": conn.api_key});
    let mut headers = BTreeMap::new();
    headers.insert("Content-Type".into(), "application/json".into());
    Ok(HttpRequest { method: "POST".into(), url: format!("{}{}", conn.base(), path), headers, body: body.to_string() })
}

pub fn parse_response(_action: &str, http_status: u16, body: &str) -> Result<Value> {
    if http_status != 200 {
        let mut e = Error::new("http_error", format!("OfficeGuy answered HTTP {http_status}"));
        e.http_status = Some(http_status);
        return Err(e);
    }
    let v: Value = serde_json::from_str(body).map_err(|e| Error::new("invalid_response", e.to_string()))?;
    match v["Status"].as_i64() {
        Some(0) => Ok(v.get("Data").cloned().unwrap_or(Value::Null)),
        status => {
            let user_message = v["UserErrorMessage"].as_str().map(String::from);
            let mut e = Error::new("api_error", format!("OfficeGuy refused the call: {}", user_message.clone().unwrap_or_default()));
            e.status = status;
            e.user_message = user_message;
            Err(e)
        }
    }
}

pub fn safe_to_retry(action: &str) -> bool {
    matches!(action, "getCompanyDetails" | "listFolders" | "getFolder" | "listViews" | "listEntities" | "getEntity")
}
