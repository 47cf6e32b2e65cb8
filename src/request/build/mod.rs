//! One builder per action: params (already checked for unknown keys) to a body without
//! credentials. Builders read through `Ctx`, so every problem is noted and reading goes on.
//! Each builder is kept out of line (`#[inline(never)]`): inlined, they made one 51 KB
//! function that the first call of any action had to compile whole (V8 compiles a wasm
//! function on its first call, and its baseline compiler is slow on very large ones).

mod crm;
mod customer;
mod document;
mod general;
mod messaging;

use super::reader::{Ctx, Scope};
use super::{Built, Obj};
use crate::catalog::ActionSpec;

pub(super) fn dispatch(spec: &ActionSpec, s: &Scope, ctx: &mut Ctx) -> Built {
    let endpoint = spec.endpoint.clone().unwrap_or_default();
    let body = match spec.key.as_str() {
        "createCustomer" => customer::create(s, ctx),
        "createDocument" => document::create(s, ctx),
        "sendSms" => return messaging::send_sms(spec, s, ctx),
        "addToEmailList" => messaging::add_to_email_list(s, ctx),
        "addToSmsList" => messaging::add_to_sms_list(s, ctx),
        "createCard" => crm::create_card(s, ctx),
        "updateCard" => crm::update_card(s, ctx),
        "getCard" | "getEntity" | "archiveCard" | "deleteCard" => crm::entity_id(s, ctx),
        "listFolders" => crm::list_folders(s, ctx),
        "getFolder" => crm::get_folder(s, ctx),
        "listViews" => crm::list_views(s, ctx),
        "listEntities" => crm::list_entities(s, ctx),
        "sendDocument" => document::send(s, ctx),
        "subscribeTrigger" => general::subscribe(s, ctx),
        "unsubscribeTrigger" => general::unsubscribe(s, ctx),
        "apiCall" => return general::api_call(s, ctx),
        // getCompanyDetails, listEmailLists, listSmsLists, listSmsSenders: credentials only
        _ => Obj::new(),
    };
    Built { endpoint, body }
}
