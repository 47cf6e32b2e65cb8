//! The answer of every JSON endpoint: `{Status, UserErrorMessage, TechnicalErrorDetails, Data}`.
//! `Status` is an integer on the wire; the document writes it `"Success (0)"`, and some
//! clients see `"Success"`. Anything else is an error, never success.

use crate::error::{Error, Result};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseStatus {
    Success,
    BusinessError,
    TechnicalError,
}

impl ResponseStatus {
    pub fn code(self) -> i64 {
        match self {
            ResponseStatus::Success => 0,
            ResponseStatus::BusinessError => 1,
            ResponseStatus::TechnicalError => 2,
        }
    }

    fn from_code(code: i64) -> Option<Self> {
        match code {
            0 => Some(ResponseStatus::Success),
            1 => Some(ResponseStatus::BusinessError),
            2 => Some(ResponseStatus::TechnicalError),
            _ => None,
        }
    }

    /// `0`, `"0"`, `"Success"`, `"Success (0)"`; a name and code that disagree are refused.
    pub fn parse(value: &Value) -> Option<Self> {
        match value {
            Value::Number(n) => n.as_i64().and_then(Self::from_code),
            Value::String(s) => {
                let s = s.trim();
                if let Ok(code) = s.parse::<i64>() {
                    return Self::from_code(code);
                }
                let (name, code) = match s.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
                    Some((name, code)) => (name, Some(code.parse::<i64>().ok()?)),
                    None => (s, None),
                };
                let status = match name {
                    "Success" => ResponseStatus::Success,
                    "BusinessError" => ResponseStatus::BusinessError,
                    "TechnicalError" => ResponseStatus::TechnicalError,
                    _ => return None,
                };
                match code {
                    Some(c) if c != status.code() => None,
                    _ => Some(status),
                }
            }
            _ => None,
        }
    }
}

/// Reads an envelope and returns its `Data` (`{}` when the endpoint has none), or
/// `api_error` with `status` and `user_message`, or `invalid_response`.
pub fn parse_envelope(envelope: &Value) -> Result<Value> {
    let Some(obj) = envelope.as_object() else {
        return Err(Error::new("invalid_response", "the answer is not a JSON object with a Status"));
    };
    let Some(raw_status) = obj.get("Status") else {
        return Err(Error::new("invalid_response", "the answer has no Status"));
    };
    let Some(status) = ResponseStatus::parse(raw_status) else {
        return Err(Error::new("invalid_response", format!("the answer has an unknown Status {raw_status}")));
    };
    let text = |key: &str| obj.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    match status {
        ResponseStatus::Success => Ok(match obj.get("Data") {
            None | Some(Value::Null) => Value::Object(Default::default()),
            Some(data) => data.clone(),
        }),
        failed => {
            let user = text("UserErrorMessage");
            let kind = if failed == ResponseStatus::BusinessError { "business error" } else { "technical error" };
            let mut message = format!("OfficeGuy refused the request (Status {}, {kind})", failed.code());
            match (&user, text("TechnicalErrorDetails")) {
                (Some(u), _) => message.push_str(&format!(": {u}")),
                (None, Some(t)) => message.push_str(&format!(": {t}")),
                _ => {}
            }
            let mut e = Error::new("api_error", message);
            e.status = Some(failed.code());
            e.user_message = user;
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn status_in_every_written_form() {
        for s in [json!(0), json!("0"), json!("Success"), json!("Success (0)")] {
            assert_eq!(ResponseStatus::parse(&s), Some(ResponseStatus::Success), "{s}");
        }
        assert_eq!(ResponseStatus::parse(&json!("BusinessError (1)")), Some(ResponseStatus::BusinessError));
        for s in [json!(3), json!("Success (1)"), json!("OK"), json!(null), json!(true), json!(0.5)] {
            assert_eq!(ResponseStatus::parse(&s), None, "{s}");
        }
    }

    #[test]
    fn data_or_an_api_error() {
        let ok = parse_envelope(&json!({"Status": 0, "Data": {"EntityID": 9007199254740993u64}})).unwrap();
        assert_eq!(ok["EntityID"].as_u64(), Some(9007199254740993));
        assert_eq!(parse_envelope(&json!({"Status": "Success (0)"})).unwrap(), json!({}));
        let e = parse_envelope(&json!({"Status": 1, "UserErrorMessage": "חסר שם"})).unwrap_err();
        assert_eq!((e.code.as_str(), e.status, e.user_message.as_deref()), ("api_error", Some(1), Some("חסר שם")));
        let e = parse_envelope(&json!({"Status": "Weird", "Data": {}})).unwrap_err();
        assert_eq!(e.code, "invalid_response");
        assert_eq!(parse_envelope(&json!([])).unwrap_err().code, "invalid_response");
    }
}
