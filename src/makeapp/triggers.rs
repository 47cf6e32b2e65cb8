//! The catalogue's two triggers: `watchCards` (instant, through the `cardEvents` webhook,
//! whose parameters are the trigger's fields) and `pollCards` (polling `listentities`,
//! newest first). Both output the shape of the core's `normalizeWebhook` /
//! `normalizeEntity`: `folder`, `entityId`, `properties` as sent, and `fields`.

use super::base::CONNECTION_ID;
use super::functions::FIELDS_FN;
use super::layout::{Component, Kind, Section};
use super::params;
use super::text::{template, template_with, Lang};
use super::webhook::WEBHOOK_ID;
use crate::catalog::{TriggerKind, TriggerSpec};
use serde_json::json;

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
const EVENT_SAMPLE: &str = r#"{
  "folder": 2375135516, "entityId": 2389921274, "type": "create",
  "properties": {
    "Accounting_Number": [10003], "Accounting_Date": ["2026-09-26T00:00:00+03:00"], "Accounting_DisplayCompanyValue": [3540],
    "Accounting_Customer": [{ "ID": 2389918411, "Name": "יזמות הגליל בע\"מ", "SchemaID": 2375133706 }]
  },
  "fields": {
    "Accounting_Number": 10003, "Accounting_Date": "2026-09-26T00:00:00+03:00", "Accounting_DisplayCompanyValue": 3540,
    "Accounting_Customer": { "id": 2389918411, "name": "יזמות הגליל בע\"מ", "schemaId": 2375133706 }
  }
}"#;

/// listentities. Ordered by a date field (newest first), the trigger remembers the last
/// date; else SUMIT lists a folder oldest first (ID is not a property it sorts by), and the
/// trigger remembers the last id.
const POLL: &str = r#"{
  "url": "$ENDPOINT",
  "method": "POST",
  "body": {
    "Folder": "{{trim(toString(parameters.folder))}}",
    "LoadProperties": true,
    "Order": { "Property": "{{if($BLANK_ORDER, null, trim(parameters.orderBy))}}", "Descending": "{{if($BLANK_ORDER, null, true)}}" },
    "Paging": { "StartIndex": 0, "PageSize": 100 }
  },
  "pagination": {
    "body": { "Paging": { "StartIndex": "{{(pagination.page - 1) * 100}}", "PageSize": 100 } },
    "condition": "{{body.Data.HasNextPage}}"
  },
  "response": {
    "iterate": "{{body.Data.Entities}}",
    "output": {
      "folder": "{{parseNumber(item.Folder)}}",
      "entityId": "{{item.ID}}",
      "properties": "{{$PROPERTIES}}",
      "fields": "{{$FIELDS_FN($PROPERTIES)}}"
    },
    "trigger": {
      "type": "{{if($BLANK_ORDER, \"id\", \"date\")}}",
      "order": "{{if($BLANK_ORDER, \"asc\", \"desc\")}}",
      "id": "{{item.ID}}",
      "date": "{{if($BLANK_ORDER, null, first(get(item, trim(parameters.orderBy))))}}"
    },
    "limit": "{{ifempty(parameters.limit, $LIMIT)}}"
  }
}"#;

/// A card has no creation date of its own, so the panel lists cards by id.
const EPOCH: &str = r#"{ "response": { "limit": 300, "output": { "label": "Card {{item.ID}}‖כרטיס {{item.ID}}", "date": null } } }"#;

const POLL_SAMPLE: &str = r#"{
  "folder": 2375135537, "entityId": 2389918621,
  "properties": { "Customers_FullName": ["דנה כהן"], "Customers_EmailAddress": ["dana@example.com"] },
  "fields": { "Customers_FullName": "דנה כהן", "Customers_EmailAddress": "dana@example.com" }
}"#;

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
        .json(Section::Samples, template(EVENT_SAMPLE, lang))
}

pub fn polling(spec: &TriggerSpec, lang: Lang) -> Component {
    // the catalogue's label and help promise changed cards too, which Make's dedupe (the
    // last id or date seen) cannot see; the module says what it does in Make
    let name = super::text::T("Watch new cards in a folder", "מעקב אחר כרטיסים חדשים בתיקייה").get(lang);
    let instant = crate::catalog::catalog().triggers.iter().find(|t| t.kind == TriggerKind::Instant).map(|t| label(t, lang).0).unwrap_or("");
    let help = match lang {
        Lang::En => format!("Checks a folder on a schedule and returns the cards added since the last run (changes come through \"{instant}\")."),
        Lang::He => format!("בודק תיקייה לפי תזמון ומחזיר את הכרטיסים שנוספו מאז ההרצה הקודמת (שינויים מגיעים דרך \"{instant}\")."),
    };
    let fields: Vec<_> = spec.fields.iter().filter(|f| !NOT_IN_MAKE.contains(&f.name.as_str())).cloned().collect();
    let subs = [
        ("$PROPERTIES", "ifempty(item.Properties, omit(item, \"ID\", \"EntityID\", \"Folder\", \"Properties\"))".to_string()),
        ("$FIELDS_FN", FIELDS_FN.to_string()),
        ("$ENDPOINT", super::endpoint("listEntities")),
        ("$BLANK_ORDER", "trim(parameters.orderBy) == \"\"".to_string()),
        ("$LIMIT", spec.fields.iter().find(|f| f.name == "limit").and_then(|f| f.default.clone()).unwrap_or(json!(100)).to_string()),
    ];
    let communication = template_with(POLL, lang, &subs);
    let epoch = template(EPOCH, lang);
    let samples = template(POLL_SAMPLE, lang);
    let interface: Vec<_> = spec.output.iter().filter(|f| f.name != "type").cloned().collect();
    Component::new(Kind::Module, &spec.key)
        .meta("label", name)
        .meta("description", help.as_str())
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
