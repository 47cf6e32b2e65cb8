//! The two triggers: "Watch cards" (instant, through the `cardEvents` webhook) and "Watch
//! new cards in a folder" (polling `listentities`, newest first).

use super::base::CONNECTION_ID;
use super::layout::{Component, Kind, Section};
use super::rpcs;
use super::text::{Lang, T};
use super::webhook::WEBHOOK_ID;
use serde_json::{json, Value};

pub const INSTANT_ID: &str = "watchCards";
pub const POLLING_ID: &str = "watchNewCards";

/// Cards per page of `listentities` (SUMIT allows 10 to 1000).
const PAGE: u32 = 100;

fn event_interface(lang: Lang) -> Value {
    json!([
        { "name": "folder", "type": "uinteger", "label": T("Folder ID", "מזהה תיקייה").get(lang) },
        { "name": "entityId", "type": "uinteger", "label": T("Card ID", "מזהה כרטיס").get(lang) },
        { "name": "type", "type": "text", "label": T("Change type", "סוג השינוי").get(lang) },
        { "name": "fields", "type": "collection", "label": T("Fields", "שדות").get(lang),
          "help": T("The view's columns: one value each, a reference as {id, name, schemaId}, an empty column as null.",
                    "עמודות התצוגה: ערך אחד לכל עמודה, הפניה ככרטיס {id, name, schemaId}, ועמודה ריקה כ-null.").get(lang) },
        { "name": "properties", "type": "collection", "label": T("Properties as sent", "המאפיינים כפי שנשלחו").get(lang) }
    ])
}

/// A delivery as SUMIT sent it live for a new document (trimmed), normalised.
fn event_sample() -> Value {
    json!({
        "folder": 2375135516u64,
        "entityId": 2389921274u64,
        "type": "Create",
        "fields": {
            "Accounting_Number": 10003,
            "Accounting_Date": "2026-09-26T00:00:00+03:00",
            "Accounting_DisplayCompanyValue": 3540,
            "Accounting_Customer": { "id": 2389918411u64, "name": "יזמות הגליל בע\"מ", "schemaId": 2375133706u64 }
        },
        "properties": {
            "Accounting_Number": [10003],
            "Accounting_Date": ["2026-09-26T00:00:00+03:00"],
            "Accounting_DisplayCompanyValue": [3540],
            "Accounting_Customer": [{ "ID": 2389918411u64, "Name": "יזמות הגליל בע\"מ", "SchemaID": 2375133706u64 }]
        }
    })
}

pub fn instant(lang: Lang) -> Component {
    Component::new(Kind::Module, INSTANT_ID)
        .meta("label", T("Watch cards", "מעקב אחר כרטיסים").get(lang))
        .meta("description", T(
            "Triggers when a card in a chosen folder and view is created, updated, archived or deleted.",
            "מופעל כאשר כרטיס בתיקייה ובתצוגה שנבחרו נוצר, מתעדכן, מועבר לארכיון או נמחק.").get(lang))
        .meta("moduleType", "instant_trigger")
        .meta("webhook", WEBHOOK_ID)
        .meta("connection", CONNECTION_ID)
        .json(Section::StaticParams, json!([]))
        .json(Section::Interface, event_interface(lang))
        .json(Section::Samples, event_sample())
}

fn card_output() -> Value {
    json!({
        "id": "{{item.ID}}",
        "folder": "{{item.Folder}}",
        "card": "{{item}}"
    })
}

pub fn polling(lang: Lang) -> Component {
    let params = json!([
        {
            "name": "folder",
            "type": "select",
            "label": T("Folder", "תיקייה").get(lang),
            "required": true,
            "options": format!("rpc://{}", rpcs::FOLDERS)
        },
        {
            "name": "limit",
            "type": "uinteger",
            "label": T("Limit", "מגבלה").get(lang),
            "help": T("The most cards to return in one cycle.", "המספר המרבי של כרטיסים בכל מחזור.").get(lang),
            "required": true,
            "default": 10,
            "validate": { "min": 1, "max": 1000 }
        }
    ]);
    let communication = json!({
        "url": "/crm/data/listentities/",
        "method": "POST",
        "body": {
            "Folder": "{{toString(parameters.folder)}}",
            "LoadProperties": true,
            "Order": { "Property": "ID", "Descending": true },
            "Paging": { "StartIndex": 0, "PageSize": PAGE }
        },
        "pagination": {
            "body": { "Paging": { "StartIndex": format!("{{{{(pagination.page - 1) * {PAGE}}}}}"), "PageSize": PAGE } },
            "condition": "{{body.Data.HasNextPage}}"
        },
        "response": {
            "iterate": "{{body.Data.Entities}}",
            "output": card_output(),
            "trigger": { "type": "id", "order": "desc", "id": "{{item.ID}}" },
            "limit": "{{parameters.limit}}"
        }
    });
    // A card from listentities has no creation date (only ID, Folder and its properties),
    // so the panel lists cards by id; with an `id` trigger Make needs no date.
    let epoch = json!({
        "response": {
            "limit": 300,
            "output": { "label": T("Card {{item.ID}}", "כרטיס {{item.ID}}").get(lang), "date": null }
        }
    });
    let interface = json!([
        { "name": "id", "type": "uinteger", "label": T("Card ID", "מזהה כרטיס").get(lang) },
        { "name": "folder", "type": "text", "label": T("Folder ID", "מזהה תיקייה").get(lang) },
        { "name": "card", "type": "collection", "label": T("Card", "כרטיס").get(lang),
          "help": T("The card as listentities returns it: every property is a list of values.",
                    "הכרטיס כפי ש-listentities מחזיר אותו: כל מאפיין הוא רשימת ערכים.").get(lang) }
    ]);
    let samples = json!({
        "id": 2389918621u64,
        "folder": "2375135537",
        "card": { "ID": 2389918621u64, "Folder": "2375135537", "Customers_FullName": ["דנה כהן"], "Customers_EmailAddress": ["dana@example.com"] }
    });
    Component::new(Kind::Module, POLLING_ID)
        .meta("label", T("Watch new cards in a folder", "מעקב אחר כרטיסים חדשים בתיקייה").get(lang))
        .meta("description", T(
            "Checks a folder at each run and returns the cards added since the last run, oldest first.",
            "בודק תיקייה בכל הרצה ומחזיר את הכרטיסים שנוספו מאז ההרצה הקודמת, מהישן לחדש.").get(lang))
        .meta("moduleType", "trigger")
        .meta("connection", CONNECTION_ID)
        .json(Section::Communication, communication)
        .json(Section::StaticParams, params)
        .json(Section::Epoch, epoch)
        .json(Section::Interface, interface)
        .json(Section::Samples, samples)
}
