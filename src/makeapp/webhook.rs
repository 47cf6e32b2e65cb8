//! The dedicated, attached webhook behind "Watch cards". `attach` subscribes Make's URL
//! for the chosen folder, view and change type; `detach` unsubscribes by URL (SUMIT has no
//! list call, so the URL is the handle). Deliveries come as JSON or as a form with one
//! field `json=`; the webhook answers 200 at once (SUMIT retries what is not answered in
//! 10 s) and outputs one bundle per delivery.

use super::base::CONNECTION_ID;
use super::functions::FIELDS_FN;
use super::layout::{Component, Kind, Section};
use super::expr;
use super::params;
use super::text::{template_with, Lang, T};
use crate::api::TriggerType;
use crate::catalog::TriggerSpec;

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
const ATTACH: &str = r#"{
  "url": "$SUBSCRIBE",
  "method": "POST",
  "body": { "URL": "{{webhook.url}}", "Folder": "{{$FOLDER}}", "View": "{{$VIEW}}", "TriggerType": "{{$TYPE}}" },
  "response": { "data": { "url": "{{webhook.url}}" } }
}"#;

const DETACH: &str = r#"{ "url": "$UNSUBSCRIBE", "method": "POST", "body": { "URL": "{{webhook.url}}" } }"#;

const COMMUNICATION: &str = r#"{
  "respond": { "type": "json", "status": 200, "body": { "ok": true } },
  "output": {
    "folder": "{{$EVENT_FOLDER}}",
    "entityId": "{{$EVENT_ID}}",
    "type": "{{$EVENT_TYPE}}",
    "fields": "{{$FIELDS_FN($EVENT_PROPERTIES)}}",
    "properties": "{{$EVENT_PROPERTIES}}"
  }
}"#;

/// The webhook of the instant trigger `trigger`: its parameters are the trigger's fields
/// (folder, view, change type), which Make asks for when the user adds the webhook.
pub fn webhook(trigger: &TriggerSpec, lang: Lang) -> Component {
    let subs = [
        ("$SUBSCRIBE", super::endpoint("subscribeTrigger")),
        ("$UNSUBSCRIBE", super::endpoint("unsubscribeTrigger")),
        ("$FOLDER", expr::folder("parameters.folder")),
        ("$VIEW", expr::number("parameters.view")),
        ("$TYPE", trigger_type("parameters.type", TriggerType::wire_name, false, "\"CreateOrUpdate\"")),
        ("$EVENT_FOLDER", event_field("Folder")),
        ("$EVENT_ID", event_field("EntityID")),
        ("$EVENT_TYPE", trigger_type(&event_field("Type"), TriggerType::key, true, "null")),
        ("$EVENT_PROPERTIES", event_field("Properties")),
        ("$FIELDS_FN", FIELDS_FN.to_string()),
    ];
    Component::new(Kind::Webhook, WEBHOOK_ID)
        .meta("label", T("Card events", "אירועי כרטיסים").get(lang))
        .meta("webhookType", "web")
        .meta("connection", CONNECTION_ID)
        .json(Section::Communication, template_with(COMMUNICATION, lang, &subs))
        .json(Section::Params, params::parameters(&trigger.fields, lang))
        .json(Section::Attach, template_with(ATTACH, lang, &subs))
        .json(Section::Detach, template_with(DETACH, lang, &subs))
}
