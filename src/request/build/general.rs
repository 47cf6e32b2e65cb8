//! Trigger subscriptions and `apiCall`.

use super::super::reader::{Ctx, Scope};
use super::super::{Built, Json, Obj};
use crate::api::TriggerType;
use crate::validate::{self, kind_of, Invalid};
use serde_json::Value;

#[inline(never)]
pub(super) fn subscribe(s: &Scope, ctx: &mut Ctx) -> Obj {
    let kind = match s.given("type") {
        None => Some(TriggerType::CreateOrUpdate),
        Some(_) => ctx.read(s, "type", |v, _| {
            v.as_str()
                .and_then(TriggerType::parse)
                .ok_or_else(|| Invalid::new("invalid_enum", format!("must be one of {}", TriggerType::valid_names())))
        }),
    };
    let mut body = Obj::new();
    body.opt("URL", ctx.url(s, "url"))
        .opt("Folder", ctx.folder(s, "folder"))
        .opt("View", ctx.id(s, "view"))
        .opt("TriggerType", kind.map(TriggerType::wire_name));
    body
}

#[inline(never)]
pub(super) fn unsubscribe(s: &Scope, ctx: &mut Ctx) -> Obj {
    let mut body = Obj::new();
    body.opt("URL", ctx.url(s, "url"));
    body
}

/// `/area/controller/action/`, lower-case, with the slashes added; absolute URLs and
/// anything that could leave the API host (`//`, `..`, `?`, `%`) are refused.
fn api_path(v: &Value, max: Option<usize>) -> Result<String, Invalid> {
    let text = validate::text(v, max, false)?;
    if text.contains("://") || text.starts_with("//") {
        return Err(Invalid::new("absolute_url", "must be a path such as /accounting/documents/getdetails/, not a URL; requests go to the connection's base URL"));
    }
    let segments: Vec<&str> = text.trim_matches('/').split('/').collect();
    let ok = (2..=4).contains(&segments.len())
        && segments.iter().all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'));
    if !ok {
        return Err(Invalid::new("invalid_path", "must look like /area/controller/action/ (letters and digits only)"));
    }
    Ok(format!("/{}/", segments.join("/").to_ascii_lowercase()))
}

#[inline(never)]
pub(super) fn api_call(s: &Scope, ctx: &mut Ctx) -> Built {
    let endpoint = ctx.read(s, "path", |v, f| api_path(v, f.and_then(|f| f.max_length()))).unwrap_or_default();
    let mut body = Obj::new();
    let parsed;
    let given = match s.given("body") {
        Some(Value::String(text)) => match serde_json::from_str::<Value>(text) {
            Ok(v) => {
                parsed = v;
                Some(&parsed)
            }
            Err(_) => {
                ctx.issue(&s.at("body"), "invalid_json", "is text that is not valid JSON");
                None
            }
        },
        other => other,
    };
    match given {
        None => {}
        Some(Value::Object(map)) => {
            for (k, v) in map {
                // credentials come from the connection and cannot be replaced
                if !k.eq_ignore_ascii_case("credentials") {
                    body.put_named(k.clone(), Json::Raw(v.clone()));
                }
            }
        }
        Some(other) => ctx.issue(&s.at("body"), "invalid_type", format!("must be a JSON object, not {}", kind_of(other))),
    }
    Built { endpoint, body }
}
