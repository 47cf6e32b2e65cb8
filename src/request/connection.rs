//! The connection a request is built for: company, key, base URL and answer language.
//! The key is never printed: `Debug` redacts it and no message quotes it.

use crate::api::DEFAULT_BASE_URL;
use crate::error::{Issue, Path};
use crate::validate::{self, is_blank};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct Connection {
    /// CompanyID, exact (a JSON number or numeric text).
    pub company_id: i64,
    pub api_key: String,
    /// Defaults to `https://api.sumit.co.il`.
    pub base_url: Option<String>,
    /// Sent as `Content-Language`: the language of `UserErrorMessage` (`he`, `en`, `es`, `ar`, `ru`).
    pub language: Option<String>,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("company_id", &self.company_id)
            .field("api_key", &"[redacted]")
            .field("base_url", &self.base_url)
            .field("language", &self.language)
            .finish()
    }
}

const LANGUAGES: [&str; 5] = ["he", "en", "es", "ar", "ru"];

impl Connection {
    pub fn new(company_id: i64, api_key: impl Into<String>) -> Self {
        Connection { company_id, api_key: api_key.into(), base_url: None, language: None }
    }

    /// The base URL without a trailing slash.
    pub fn base(&self) -> &str {
        self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL).trim_end_matches('/')
    }

    /// Reads `{companyId, apiKey, baseUrl?, language?}`; every problem is an issue under
    /// `connection.`. Messages never quote the key.
    pub fn from_value(v: &Value) -> Result<Connection, Vec<Issue>> {
        let root = Path::root().key("connection");
        let mut issues = Vec::new();
        let Some(map) = v.as_object() else {
            return Err(vec![Issue::new(root.as_str(), "invalid_type", "must be an object {companyId, apiKey, baseUrl?}")]);
        };
        let get = |k: &str| map.get(k).filter(|v| !is_blank(v));
        let company_id = match get("companyId") {
            None => {
                issues.push(Issue::new(root.key("companyId").as_str(), "required", "is required"));
                None
            }
            Some(v) => validate::id(v)
                .map_err(|e| issues.push(Issue::new(root.key("companyId").as_str(), e.code, e.message)))
                .ok(),
        };
        let api_key = match get("apiKey") {
            None => {
                issues.push(Issue::new(root.key("apiKey").as_str(), "required", "is required"));
                None
            }
            Some(Value::String(s)) if !s.trim().chars().any(|c| c.is_whitespace() || c.is_control()) => Some(s.trim().to_string()),
            Some(Value::String(_)) => {
                issues.push(Issue::new(root.key("apiKey").as_str(), "invalid_api_key", "must not contain spaces or control characters"));
                None
            }
            Some(_) => {
                issues.push(Issue::new(root.key("apiKey").as_str(), "invalid_type", "must be text"));
                None
            }
        };
        let base_url = match get("baseUrl") {
            None => None,
            Some(v) => match validate::url(v, Some(500)) {
                Ok(u) if !u.contains(['?', '#']) => Some(u),
                Ok(_) => {
                    issues.push(Issue::new(root.key("baseUrl").as_str(), "invalid_url", "must not have a query or fragment"));
                    None
                }
                Err(e) => {
                    issues.push(Issue::new(root.key("baseUrl").as_str(), e.code, e.message));
                    None
                }
            },
        };
        let language = match get("language") {
            None => None,
            Some(Value::String(s)) if LANGUAGES.contains(&s.trim().to_ascii_lowercase().as_str()) => Some(s.trim().to_ascii_lowercase()),
            Some(_) => {
                issues.push(Issue::new(root.key("language").as_str(), "invalid_enum", format!("must be one of {}", LANGUAGES.join(", "))));
                None
            }
        };
        match (company_id, api_key) {
            (Some(company_id), Some(api_key)) if issues.is_empty() => Ok(Connection { company_id, api_key, base_url, language }),
            _ => Err(issues),
        }
    }
}

impl<'de> Deserialize<'de> for Connection {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Connection::from_value(&v).map_err(|issues| {
            let text: Vec<String> = issues.iter().map(|i| format!("{}: {}", i.path, i.message)).collect();
            serde::de::Error::custom(text.join("; "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn company_id_is_exact_from_numbers_and_text() {
        let c = Connection::from_value(&json!({"companyId": "9007199254740993", "apiKey": "k"})).unwrap();
        assert_eq!(c.company_id, 9007199254740993);
        let c: Connection = serde_json::from_value(json!({"companyId": 123456, "apiKey": "k", "baseUrl": "http://127.0.0.1:9/", "language": "EN"})).unwrap();
        assert_eq!((c.company_id, c.base(), c.language.as_deref()), (123456, "http://127.0.0.1:9", Some("en")));
    }

    #[test]
    fn problems_are_issues_that_never_quote_the_key() {
        let secret = "s3cr3t value";
        let issues = Connection::from_value(&json!({"companyId": "12a", "apiKey": secret, "baseUrl": "ftp://x", "language": "fr"})).unwrap_err();
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["connection.companyId", "connection.apiKey", "connection.baseUrl", "connection.language"]);
        assert!(!format!("{issues:?}").contains("s3cr3t"));
        let missing = Connection::from_value(&json!({})).unwrap_err();
        assert_eq!(missing.iter().filter(|i| i.code == "required").count(), 2);
    }

    #[test]
    fn debug_redacts_the_key() {
        let c = Connection::new(1, "very-secret-key");
        let text = format!("{c:?}");
        assert!(!text.contains("very-secret-key") && text.contains("[redacted]"));
    }
}
