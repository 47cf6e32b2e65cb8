//! The triggers: OfficeGuy pushes card changes of a view (instant), or the app lists a
//! folder and reports what is new or changed (polling). Both output the shape of
//! `normalizeWebhook` / `normalizeEntity`.

use super::actions::{folder_field, id_out, limits::*};
use super::fields::*;
use super::reads::trigger_type_field;
use super::{FieldSpec, Label, TriggerKind, TriggerSpec};
use serde_json::json;

fn event_output() -> Vec<FieldSpec> {
    vec![
        id_out("folder", "Folder ID", "מזהה תיקייה"),
        id_out("entityId", "Card ID", "מזהה כרטיס"),
        text("type", "Change", "סוג שינוי"),
        any("properties", "Fields (as sent: lists of values)", "שדות (כפי שנשלחו: רשימות ערכים)"),
        any("fields", "Fields (first value of each)", "שדות (הערך הראשון של כל שדה)"),
    ]
}

#[inline(never)]
pub(super) fn all() -> Vec<TriggerSpec> {
    vec![
        TriggerSpec {
            key: "watchCards".to_string(),
            label: Label::new("Watch cards in a view", "מעקב אחר כרטיסים בתצוגה"),
            help: Label::new(
                "Starts when a card of the chosen view is created, updated, archived or deleted. The view must hold at least one card for a sample.",
                "מופעל כאשר כרטיס בתצוגה שנבחרה נוצר, מתעדכן, מועבר לארכיון או נמחק. התצוגה צריכה להכיל לפחות כרטיס אחד לדוגמה.",
            ),
            kind: TriggerKind::Instant,
            fields: vec![
                folder_field("folder").required(),
                id_out("view", "View", "תצוגה").required()
                    .dynamic("listViews", "Views", "Name", "ID").depends_on("folderId", "folder"),
                trigger_type_field().required().default(json!("createOrUpdate")),
            ],
            output: event_output(),
        },
        TriggerSpec {
            key: "pollCards".to_string(),
            label: Label::new("New or changed cards in a folder", "כרטיסים חדשים או שהשתנו בתיקייה"),
            help: Label::new(
                "Checks a folder on a schedule and returns the cards that are new or changed since the last run.",
                "בודק תיקייה לפי תזמון ומחזיר את הכרטיסים החדשים או שהשתנו מאז ההרצה הקודמת.",
            ),
            kind: TriggerKind::Polling,
            fields: vec![
                folder_field("folder").required(),
                select("watch", "Watch for", "לעקוב אחר", vec![
                    option("new", "New cards", "כרטיסים חדשים"),
                    option("newOrChanged", "New or changed cards", "כרטיסים חדשים או שהשתנו"),
                ]).required().default(json!("new")),
                uinteger("limit", "Maximum cards per run", "מספר כרטיסים מרבי בהרצה").range(1, 1000).default(json!(100)),
                text("orderBy", "Order by field", "מיון לפי שדה").max_len(NAME).advanced(),
            ],
            output: event_output(),
        },
    ]
}
