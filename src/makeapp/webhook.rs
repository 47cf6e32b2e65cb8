//! The dedicated, attached webhook behind "Watch cards". `attach` subscribes Make's URL
//! for the chosen folder, view and change type; `detach` unsubscribes by URL (SUMIT has no
//! list call, so the URL is the handle). Deliveries come as JSON or as a form with one
//! field `json=`; the webhook answers 200 at once (SUMIT retries what is not answered in
//! 10 s) and outputs one bundle per delivery.

use super::base::CONNECTION_ID;
use super::functions::FIELDS_FN;
use super::layout::{Component, Kind, Section};
use super::rpcs;
use super::text::{Lang, T};
use crate::api::TriggerType;
use serde_json::{json, Value};

pub const WEBHOOK_ID: &str = "cardEvents";

/// The delivery as an object, whichever way it was encoded.
const EVENT: &str = "if(body.json, parseJSON(body.json), body)";

pub fn event_field(key: &str) -> String {
    format!("get({EVENT}, \"{key}\")")
}

/// The folder, view and change type of a subscription: the webhook's parameters, which
/// Make asks for when the user adds the webhook in "Watch cards".
pub fn params(lang: Lang) -> Value {
    let types: Vec<Value> = TriggerType::ALL
        .iter()
        .map(|t| json!({ "label": match lang { Lang::En => t.label_en(), Lang::He => t.label_he() }, "value": t.wire_name() }))
        .collect();
    json!([
        {
            "name": "folder",
            "type": "select",
            "label": T("Folder", "תיקייה").get(lang),
            "help": T("The OfficeGuy folder (card type) to watch.", "תיקיית OfficeGuy (סוג הכרטיס) למעקב.").get(lang),
            "required": true,
            "options": {
                "store": format!("rpc://{}", rpcs::FOLDERS),
                "nested": [{
                    "name": "view",
                    "type": "select",
                    "label": T("View", "תצוגה").get(lang),
                    "help": T(
                        "Only cards in this view fire the trigger, and the view's columns are the fields sent. It must hold at least one card for Make to show a sample.",
                        "רק כרטיסים בתצוגה זו מפעילים את הטריגר, ועמודות התצוגה הן השדות הנשלחים. כדי ש-Make יציג דוגמה, התצוגה צריכה לכלול לפחות כרטיס אחד."
                    ).get(lang),
                    "required": true,
                    "options": format!("rpc://{}", rpcs::VIEWS)
                }]
            }
        },
        {
            "name": "type",
            "type": "select",
            "label": T("When a card is", "כאשר כרטיס").get(lang),
            "required": true,
            "default": TriggerType::CreateOrUpdate.wire_name(),
            "options": types
        }
    ])
}

pub fn webhook(lang: Lang) -> Component {
    let attach = json!({
        "url": "/triggers/triggers/subscribe/",
        "method": "POST",
        "body": {
            "URL": "{{webhook.url}}",
            "Folder": "{{toString(parameters.folder)}}",
            "View": "{{parameters.view}}",
            "TriggerType": "{{parameters.type}}"
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
            "type": format!("{{{{{}}}}}", event_field("Type")),
            "fields": format!("{{{{{FIELDS_FN}({})}}}}", event_field("Properties")),
            "properties": format!("{{{{{}}}}}", event_field("Properties"))
        }
    });
    Component::new(Kind::Webhook, WEBHOOK_ID)
        .meta("label", T("Card events", "אירועי כרטיסים").get(lang))
        .meta("webhookType", "web")
        .meta("connection", CONNECTION_ID)
        .json(Section::Communication, communication)
        .json(Section::Params, params(lang))
        .json(Section::Attach, attach)
        .json(Section::Detach, detach)
}
