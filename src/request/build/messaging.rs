//! sendSms and the mailing lists.

use super::super::reader::{Ctx, Scope};
use super::super::{Built, Json, Obj};
use crate::catalog::ActionSpec;
use crate::validate::{self, kind_of};
use serde_json::Value;

/// At most this many recipients in one `sendmultiple`.
pub const MAX_RECIPIENTS: usize = 1000;

/// The recipients of `to`: one number, a list, or numbers separated by `,` `;` or new lines.
/// Each is checked and normalised; repeats of a number are sent once.
fn recipients(s: &Scope, ctx: &mut Ctx) -> (Vec<String>, bool) {
    let Some(v) = s.given("to") else {
        ctx.required(s, "to");
        return (Vec::new(), false);
    };
    let base = s.at("to");
    let (parts, many): (Vec<(crate::error::Path, Value)>, bool) = match v {
        Value::Array(list) => (list.iter().enumerate().map(|(i, v)| (base.index(i), v.clone())).collect(), true),
        Value::String(text) => {
            let pieces: Vec<&str> = text.split([',', ';', '\n']).map(str::trim).filter(|p| !p.is_empty()).collect();
            if pieces.len() > 1 {
                (pieces.iter().enumerate().map(|(i, p)| (base.index(i), Value::String(p.to_string()))).collect(), true)
            } else {
                (vec![(base.clone(), v.clone())], false)
            }
        }
        Value::Number(_) => (vec![(base.clone(), v.clone())], false),
        other => {
            ctx.issue(&base, "invalid_type", format!("must be a phone number or a list of them, not {}", kind_of(other)));
            return (Vec::new(), false);
        }
    };
    if parts.is_empty() {
        ctx.required(s, "to");
    }
    if parts.len() > MAX_RECIPIENTS {
        // one issue for the list: checking each of a huge list would only bury it
        ctx.issue(&base, "too_many", format!("has {} recipients; the limit is {MAX_RECIPIENTS} per message", parts.len()));
        return (Vec::new(), many);
    }
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (path, v) in parts {
        match validate::phone(&v) {
            Ok(p) => {
                if seen.insert(p.clone()) {
                    out.push(p);
                }
            }
            Err(e) => ctx.invalid(&path, e),
        }
    }
    (out, many)
}

#[inline(never)]
pub(super) fn send_sms(spec: &ActionSpec, s: &Scope, ctx: &mut Ctx) -> Built {
    let (to, many) = recipients(s, ctx);
    let mut body = Obj::new();
    let endpoint = if many {
        body.put("Recipients", to.into_iter().map(Json::Str).collect::<Vec<_>>());
        spec.other_endpoints.first().cloned().unwrap_or_default()
    } else {
        if let Some(one) = to.into_iter().next() {
            body.put("Recipient", one);
        }
        spec.endpoint.clone().unwrap_or_default()
    };
    body.opt("Text", ctx.text(s, "text"))
        .opt("SaveDraft", ctx.boolean(s, "draft"))
        .opt("Sender", ctx.text(s, "sender"));
    Built { endpoint, body }
}

#[inline(never)]
pub(super) fn add_to_email_list(s: &Scope, ctx: &mut Ctx) -> Obj {
    let mut body = Obj::new();
    body.opt("MailingListID", ctx.id(s, "listId"))
        .opt("EmailAddress", ctx.email(s, "email"))
        .opt("Name", ctx.text(s, "name"));
    body
}

#[inline(never)]
pub(super) fn add_to_sms_list(s: &Scope, ctx: &mut Ctx) -> Obj {
    let mut body = Obj::new();
    body.opt("MailingListID", ctx.id(s, "listId"))
        .opt("PhoneNumber", ctx.phone(s, "phone"))
        .opt("Name", ctx.text(s, "name"));
    body
}
