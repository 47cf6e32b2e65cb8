//! Action params to exact OfficeGuy requests, and answers back to `Data`.
//!
//! `build_request` checks every param against the catalogue and the rules of its action,
//! reports all problems at once (`invalid_params`), and writes the body text itself so that
//! ids and amounts reach the wire exactly as given. The API key goes into the body's
//! `Credentials` and nowhere else.

mod body;
mod build;
mod connection;
pub mod limits;
mod reader;

pub use body::{Json, Obj};
pub use connection::Connection;

use crate::api::parse_envelope;
use crate::catalog::{self, ActionSpec};
use crate::error::{Error, Issue, Path, Result};
use reader::{Ctx, Scope};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// What to send: always `POST` with a JSON body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: BTreeMap<String, String>,
    /// The exact JSON text to send.
    pub body: String,
}

/// A request body without credentials, and the path it goes to.
pub(crate) struct Built {
    pub endpoint: String,
    pub body: Obj,
}

fn find(action: &str) -> Result<&'static ActionSpec> {
    catalog::action(action).ok_or_else(|| {
        Error::new(
            "unknown_action",
            format!("unknown action {action:?}; the actions are {}", catalog::action_keys().join(", ")),
        )
    })
}

fn build_body(spec: &ActionSpec, params: &Value, ctx: &mut Ctx) -> Built {
    let empty = Map::new();
    let map = match params {
        Value::Object(m) => m,
        Value::Null => &empty,
        other => {
            ctx.issue(&Path::root(), "invalid_type", format!("params must be an object, not {}", crate::validate::kind_of(other)));
            &empty
        }
    };
    let root = Path::root();
    let s = Scope::new(map, &root, &spec.fields);
    ctx.unknown_keys(&s);
    build::dispatch(spec, &s, ctx)
}

/// Every problem of `params` for `action` (empty when they are valid).
pub fn validate_params(action: &str, params: &Value) -> Vec<Issue> {
    let spec = match find(action) {
        Ok(spec) => spec,
        Err(e) => return vec![Issue::new("", e.code, e.message)],
    };
    let mut ctx = Ctx::default();
    build_body(spec, params, &mut ctx);
    ctx.issues
}

/// `validate_params` for params given as JSON text: an oversized or over-nested payload
/// is one issue at the root; text that is not JSON is `invalid_argument`.
pub fn validate_params_text(action: &str, params: &str) -> Result<Vec<Issue>> {
    match limits::parse_params(params) {
        Ok(v) => Ok(validate_params(action, &v)),
        Err(limits::Refused::Limit(issue)) => {
            find(action)?;
            Ok(vec![issue])
        }
        Err(limits::Refused::Invalid(e)) => Err(e),
    }
}

/// Params given as JSON text, or the error that building from them throws
/// (`invalid_params` when over a limit).
pub fn params_from_text(params: &str) -> Result<Value> {
    limits::parse_params(params).map_err(|r| match r {
        limits::Refused::Limit(issue) => Error::invalid_params(vec![issue]),
        limits::Refused::Invalid(e) => e,
    })
}

/// The exact request for `action` with a connection given as JSON (as the JS API takes it),
/// or `invalid_params` with every issue of params and connection together (connection
/// issues have paths `connection.*`; `invalid_connection` when only the connection is wrong).
pub fn build_request_json(action: &str, params: &Value, connection: &Value) -> Result<HttpRequest> {
    let spec = find(action)?;
    let mut ctx = Ctx::default();
    let built = build_body(spec, params, &mut ctx);
    // decided before the connection's issues join: a param may be named `connection…`
    // too, so a path prefix cannot tell them apart (found by fuzzing)
    let params_valid = ctx.issues.is_empty();
    let conn = match Connection::from_value(connection) {
        Ok(c) => Some(c),
        Err(issues) => {
            ctx.issues.extend(issues);
            None
        }
    };
    match conn {
        Some(conn) if ctx.issues.is_empty() => Ok(request_for(&conn, built)),
        _ => {
            let mut e = Error::invalid_params(ctx.issues);
            if params_valid {
                e.code = "invalid_connection".to_string();
            }
            Err(e)
        }
    }
}

/// The exact request for `action`, or `invalid_params` with every issue.
pub fn build_request(action: &str, params: &Value, conn: &Connection) -> Result<HttpRequest> {
    let spec = find(action)?;
    let mut ctx = Ctx::default();
    let built = build_body(spec, params, &mut ctx);
    if ctx.issues.is_empty() {
        Ok(request_for(conn, built))
    } else {
        Err(Error::invalid_params(ctx.issues))
    }
}

fn request_for(conn: &Connection, built: Built) -> HttpRequest {
    let mut credentials = Obj::new();
    credentials.put("CompanyID", conn.company_id).put("APIKey", conn.api_key.as_str());
    let mut body = Obj::new();
    body.put("Credentials", credentials);
    body.0.extend(built.body.0);
    let mut headers = BTreeMap::new();
    headers.insert("Content-Type".to_string(), "application/json".to_string());
    headers.insert("Accept".to_string(), "application/json".to_string());
    if let Some(lang) = &conn.language {
        headers.insert("Content-Language".to_string(), lang.clone());
    }
    HttpRequest {
        method: "POST".to_string(),
        url: format!("{}{}", conn.base(), built.endpoint),
        headers,
        body: Json::Obj(body).to_text(),
    }
}

/// The `Data` of an answer, or `http_error` (non-2xx), `invalid_response` (not a JSON
/// envelope), `api_error` (Status 1 or 2, with `status` and `user_message`).
pub fn parse_response(action: &str, http_status: u16, body: &str) -> Result<Value> {
    find(action)?;
    if !(200..300).contains(&http_status) {
        let hint = match http_status {
            401 | 403 => " (a refused or rate-limited request; check the key and slow down)",
            429 => " (too many requests; retry later)",
            500..=599 => " (a server error; retry later)",
            _ => "",
        };
        let mut e = Error::new("http_error", format!("OfficeGuy answered HTTP {http_status}{hint}"));
        e.http_status = Some(http_status);
        return Err(e);
    }
    let value: Value = serde_json::from_str(body.trim_start_matches('\u{FEFF}'))
        .map_err(|_| Error::new("invalid_response", "the answer is not JSON (an endpoint that returns a file or HTML?)"))?;
    parse_envelope(&value)
}

/// True when the action may be repeated after an unknown outcome (reads); false for
/// creates, sends and updates, and for unknown actions.
pub fn safe_to_retry(action: &str) -> bool {
    catalog::action(action).is_some_and(|a| a.safe_to_retry)
}

