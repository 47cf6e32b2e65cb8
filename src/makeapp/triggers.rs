//! The catalogue's two triggers: `watchCards` (instant, through the `cardEvents` webhook,
//! whose parameters are the trigger's fields) and `pollCards` (polling `listentities`,
//! newest first). Both output the shape of the core's `normalizeWebhook` /
//! `normalizeEntity`: `folder`, `entityId`, `properties` as sent, and `fields`.

use super::base::CONNECTION_ID;
use super::functions::FIELDS_FN;
use super::layout::{Component, Kind, Section};
use super::params;
use super::text::{Lang, T};
use super::webhook::WEBHOOK_ID;
use crate::catalog::{TriggerKind, TriggerSpec};
use serde_json::{json, Value};

/// Cards per page of `listentities` (SUMIT allows 10 to 1000).
const PAGE: u32 = 100;

/// The polling trigger's fields that Make cannot honour: its dedupe remembers the last id
/// (or date) seen, so "new or changed" cards would need a modification date that SUMIT's
/// cards do not carry. Changes come through the instant trigger.
const NOT_IN_MAKE: [&str; 1] = ["watch"];

fn label(spec: &TriggerSpec, lang: Lang) -> (&str, &str) {
    match lang {
        Lang::En => (&spec.label.en, &spec.help.en),
        Lang::He => (&spec.label.he, &spec.help.he),
    }
}

/// A delivery as SUMIT sent it live for a new document (trimmed), normalised.
fn event_sample() -> Value {
    json!({
        "folder": 2375135516u64,
        "entityId": 2389921274u64,
        "type": "create",
        "properties": {
            "Accounting_Number": [10003],
            "Accounting_Date": ["2026-09-26T00:00:00+03:00"],
            "Accounting_DisplayCompanyValue": [3540],
            "Accounting_Customer": [{ "ID": 2389918411u64, "Name": "יזמות הגליל בע\"מ", "SchemaID": 2375133706u64 }]
        },
        "fields": {
            "Accounting_Number": 10003,
            "Accounting_Date": "2026-09-26T00:00:00+03:00",
            "Accounting_DisplayCompanyValue": 3540,
            "Accounting_Customer": { "id": 2389918411u64, "name": "יזמות הגליל בע\"מ", "schemaId": 2375133706u64 }
        }
    })
}

pub fn instant(spec: &TriggerSpec, lang: Lang) -> Component {
    let (name, help) = label(spec, lang);
    Component::new(Kind::Module, &spec.key)
        .meta("label", name)
        .meta("description", help)
        .meta("moduleType", "instant_trigger")
        .meta("webhook", WEBHOOK_ID)
        .meta("connection", CONNECTION_ID)
        .json(Section::StaticParams, json!([]))
        .json(Section::Interface, params::parameters(&spec.output, lang))
        .json(Section::Samples, event_sample())
}

pub fn polling(spec: &TriggerSpec, lang: Lang) -> Component {
    let (name, help) = label(spec, lang);
    let fields: Vec<_> = spec.fields.iter().filter(|f| !NOT_IN_MAKE.contains(&f.name.as_str())).cloned().collect();
    let properties = "ifempty(item.Properties, omit(item, \"ID\", \"EntityID\", \"Folder\", \"Properties\"))";
    // ordered by a date field the trigger remembers the last date; else the last id
    let order_by = "trim(parameters.orderBy)";
    let communication = json!({
        "url": "/crm/data/listentities/",
        "method": "POST",
        "body": {
            "Folder": "{{trim(toString(parameters.folder))}}",
            "LoadProperties": true,
            "Order": { "Property": format!("{{{{ifempty({order_by}, \"ID\")}}}}"), "Descending": true },
            "Paging": { "StartIndex": 0, "PageSize": PAGE }
        },
        "pagination": {
            "body": { "Paging": { "StartIndex": format!("{{{{(pagination.page - 1) * {PAGE}}}}}"), "PageSize": PAGE } },
            "condition": "{{body.Data.HasNextPage}}"
        },
        "response": {
            "iterate": "{{body.Data.Entities}}",
            "output": {
                "folder": "{{parseNumber(item.Folder)}}",
                "entityId": "{{item.ID}}",
                "properties": format!("{{{{{properties}}}}}"),
                "fields": format!("{{{{{FIELDS_FN}({properties})}}}}")
            },
            "trigger": {
                "type": format!("{{{{if({order_by} == \"\", \"id\", \"date\")}}}}"),
                "order": "desc",
                "id": "{{item.ID}}",
                "date": format!("{{{{if({order_by} == \"\", null, first(get(item, {order_by})))}}}}")
            },
            "limit": "{{ifempty(parameters.limit, 100)}}"
        }
    });
    // a card has no creation date of its own, so the panel lists cards by id
    let epoch = json!({
        "response": {
            "limit": 300,
            "output": { "label": T("Card {{item.ID}}", "כרטיס {{item.ID}}").get(lang), "date": null }
        }
    });
    let samples = json!({
        "folder": 2375135537u64,
        "entityId": 2389918621u64,
        "properties": { "Customers_FullName": ["דנה כהן"], "Customers_EmailAddress": ["dana@example.com"] },
        "fields": { "Customers_FullName": "דנה כהן", "Customers_EmailAddress": "dana@example.com" }
    });
    let interface: Vec<_> = spec.output.iter().filter(|f| f.name != "type").cloned().collect();
    Component::new(Kind::Module, &spec.key)
        .meta("label", name)
        .meta("description", help)
        .meta("moduleType", "trigger")
        .meta("connection", CONNECTION_ID)
        .json(Section::Communication, communication)
        .json(Section::StaticParams, params::parameters(&fields, lang))
        .json(Section::Epoch, epoch)
        .json(Section::Interface, params::parameters(&interface, lang))
        .json(Section::Samples, samples)
}

pub fn module(spec: &TriggerSpec, lang: Lang) -> Component {
    match spec.kind {
        TriggerKind::Instant => instant(spec, lang),
        TriggerKind::Polling => polling(spec, lang),
    }
}
