//! createCustomer, and the customer of a document: find-or-create by `searchMode`.

use super::super::reader::{Ctx, Scope};
use super::super::Obj;
use crate::api::enums::CUSTOMER_SEARCH_MODE;

/// The param that each search mode looks up by.
fn search_key(mode: i64) -> Option<&'static str> {
    match mode {
        2 => Some("externalId"),
        3 => Some("name"),
        4 => Some("companyNumber"),
        5 => Some("phone"),
        6 => Some("email"),
        _ => None,
    }
}

const LOOKUP_KEYS: [&str; 5] = ["name", "externalId", "companyNumber", "phone", "email"];

/// `Accounting_Typed_Customer` from the customer params. With `allow_id` (documents) an
/// `id` alone picks an existing customer.
pub(super) fn details(s: &Scope, ctx: &mut Ctx, allow_id: bool) -> Obj {
    let mut o = Obj::new();
    let id = if allow_id { ctx.id(s, "id") } else { None };
    let mode = ctx.member(s, "searchMode", &CUSTOMER_SEARCH_MODE);
    o.opt("ID", id)
        .opt("Name", ctx.text(s, "name"))
        .opt("Phone", ctx.phone(s, "phone"))
        .opt("EmailAddress", ctx.email(s, "email"))
        .opt("City", ctx.text(s, "city"))
        .opt("Address", ctx.text(s, "address"))
        .opt("ZipCode", ctx.text(s, "zip"))
        .opt("CompanyNumber", ctx.text(s, "companyNumber"))
        .opt("ExternalIdentifier", ctx.text(s, "externalId"))
        .opt("NoVAT", ctx.boolean(s, "noVat"))
        .opt("SearchMode", mode.map(|m| m.code));
    let has_id = s.has("id") && allow_id;
    let mode_given = s.has("searchMode");
    if !has_id && (mode.is_some() || !mode_given) {
        match mode.map(|m| m.code) {
            // no search, or None: a new customer needs a name
            None | Some(1) => {
                if !s.has("name") {
                    let msg = if allow_id { "is required (or the customer's id, or a searchMode to find them)" } else { "is required to create a customer (or choose a searchMode to find one)" };
                    ctx.issue(&s.at("name"), "required", msg);
                }
            }
            Some(0) => {
                if !LOOKUP_KEYS.iter().any(|k| s.has(k)) {
                    ctx.issue(&s.at("name"), "required", "is required, or another detail to search by (externalId, companyNumber, phone, email)");
                }
            }
            Some(code) => {
                if let Some(key) = search_key(code) {
                    if !s.has(key) {
                        let name = mode.map_or("", |m| m.name);
                        ctx.issue(&s.at(key), "required", format!("is required to find the customer by {name}"));
                    }
                }
            }
        }
    }
    o
}

#[inline(never)]
pub(super) fn create(s: &Scope, ctx: &mut Ctx) -> Obj {
    let mut body = Obj::new();
    body.put("Details", details(s, ctx, false));
    body
}
