//! The dedicated, attached webhook behind "Watch cards". `attach` subscribes Make's URL
//! for the chosen folder, view and change type; `detach` unsubscribes by URL (SUMIT has no
//! list call, so the URL is the handle). Deliveries come as JSON or as a form with one
//! field `json=`; the webhook answers 200 at once (SUMIT retries what is not answered in
//! 10 s) and outputs one bundle per delivery.

use super::base::CONNECTION_ID;
use super::functions::FIELDS_FN;
use super::layout::{Component, Kind, Section};
use super::expr::{self, t};
use super::params;
use super::text::{Lang, T};
use crate::api::TriggerType;
use crate::catalog::TriggerSpec;
use serde_json::json;

pub const WEBHOOK_ID: &str = "cardEvents";

/// The delivery as an object, whichever way it was encoded.
const EVENT: &str = "if(body.json, parseJSON(body.json), body)";

pub fn event_field(key: &str) -> String {
    format!("get({EVENT}, \"{key}\")")
}

/// A trigger type in any spelling the core reads (`createOrUpdate`, `Create_Or_Update`,
/// and for deliveries the past tense `Deleted`), as `pick` gives it; `default` otherwise.
fn trigger_type(x: &str, pick: fn(TriggerType) -> &'static str, past_tense: bool, default: &str) -> String {
    let folded = format!("replace(lower(trim(toString({x}))), \"/[ _-]/g\", \"\")");
    let mut cases = Vec::new();
    for t in TriggerType::ALL {
        let wire = t.wire_name().to_ascii_lowercase();
        cases.push(format!("\"{wire}\", \"{}\"", pick(t)));
        if past_tense {
            cases.push(format!("\"{wire}d\", \"{}\"", pick(t)));
        }
    }
    format!("switch({folded}, {}, {default})", cases.join(", "))
}

/// The webhook of the instant trigger `trigger`: its parameters are the trigger's fields
/// (folder, view, change type), which Make asks for when the user adds the webhook.
pub fn webhook(trigger: &TriggerSpec, lang: Lang) -> Component {
    let attach = json!({
        "url": "/triggers/triggers/subscribe/",
        "method": "POST",
        "body": {
            "URL": "{{webhook.url}}",
            "Folder": t(&expr::folder("parameters.folder")),
            "View": t(&expr::number("parameters.view")),
            "TriggerType": t(&trigger_type("parameters.type", TriggerType::wire_name, false, "\"CreateOrUpdate\""))
        },
        "response": {
            "data": { "url": "{{webhook.url}}" }
        }
    });
    let detach = json!({
        "url": "/triggers/triggers/unsubscribe/",
        "method": "POST",
        "body": { "URL": "{{webhook.url}}" }
    });
    let communication = json!({
        "respond": { "type": "json", "status": 200, "body": { "ok": true } },
        "output": {
            "folder": format!("{{{{{}}}}}", event_field("Folder")),
            "entityId": format!("{{{{{}}}}}", event_field("EntityID")),
            "type": t(&trigger_type(&event_field("Type"), TriggerType::key, true, "null")),
            "fields": format!("{{{{{FIELDS_FN}({})}}}}", event_field("Properties")),
            "properties": format!("{{{{{}}}}}", event_field("Properties"))
        }
    });
    Component::new(Kind::Webhook, WEBHOOK_ID)
        .meta("label", T("Card events", "אירועי כרטיסים").get(lang))
        .meta("webhookType", "web")
        .meta("connection", CONNECTION_ID)
        .json(Section::Communication, communication)
        .json(Section::Params, params::parameters(&trigger.fields, lang))
        .json(Section::Attach, attach)
        .json(Section::Detach, detach)
}
