//! Remote procedures: the live dropdowns and dynamic fields of the modules. Each posts to
//! SUMIT through the Base (so it carries the credentials) and turns the answer into Make
//! options `{label, value}` or, for a folder's fields, into parameter specs.

use super::base::CONNECTION_ID;
use super::layout::{Component, Kind, Section};
use super::text::{Lang, T};
use serde_json::{json, Value};

pub const FOLDERS: &str = "listFolders";
pub const VIEWS: &str = "listViews";
pub const FOLDER_FIELDS: &str = "listFolderFields";
pub const EMAIL_LISTS: &str = "listEmailLists";
pub const SMS_LISTS: &str = "listSmsLists";
pub const SMS_SENDERS: &str = "listSmsSenders";
pub const DOCUMENT_TYPES: &str = "listDocumentTypes";

/// An RPC named after the catalogue's read operation it calls.
fn options_rpc(id: &str, label: T, lang: Lang, body: Value, list: &str, label_of: &str, value_of: &str) -> Component {
    let communication = json!({
        "url": super::endpoint(id),
        "method": "POST",
        "body": body,
        "response": {
            "iterate": format!("{{{{body.Data.{list}}}}}"),
            "output": { "label": label_of, "value": value_of }
        }
    });
    // the catalogue's label of the read operation, when it has one
    let name = crate::catalog::action(id).map(|a| match lang { Lang::En => a.label.en.clone(), Lang::He => a.label.he.clone() });
    Component::new(Kind::Rpc, id)
        .meta("label", name.unwrap_or_else(|| label.get(lang).to_string()))
        .meta("connection", CONNECTION_ID)
        .json(Section::Communication, communication)
}

/// The document types, a table of the core; no call is needed.
fn document_types(lang: Lang, types: &[(i64, &str, &str)]) -> Component {
    let options: Vec<Value> = types
        .iter()
        .map(|(code, en, he)| json!({ "label": match lang { Lang::En => *en, Lang::He => *he }, "value": code }))
        .collect();
    Component::new(Kind::Rpc, DOCUMENT_TYPES)
        .meta("label", T("List document types", "רשימת סוגי מסמכים").get(lang))
        .meta("connection", CONNECTION_ID)
        // request-less: the options sit in `temp` and are iterated like an answer's list;
        // `valid` overrides the Base's check of an answer that never comes
        .json(Section::Communication, json!({ "response": {
            "valid": true,
            "temp": { "options": options },
            "iterate": "{{temp.options}}",
            "output": { "label": "{{item.label}}", "value": "{{item.value}}" }
        } }))
}

pub fn all(lang: Lang, document_type_table: &[(i64, &str, &str)]) -> Vec<Component> {
    let fields = json!({
        "url": super::endpoint("getFolder"),
        "method": "POST",
        "body": { "Folder": "{{toString(parameters.folder)}}", "IncludeProperties": true },
        "response": {
            "iterate": "{{body.Data.Properties}}",
            "output": {
                "name": "{{item.APIName}}",
                "label": "{{ifempty(item.Name, item.APIName)}}",
                "help": "{{item.Description}}",
                "type": "text",
                "required": "{{item.Required}}"
            }
        }
    });
    vec![
        options_rpc(FOLDERS, T("List folders", "רשימת תיקיות"), lang, json!({}),
            "Folders", "{{item.Name}}", "{{item.ID}}"),
        options_rpc(VIEWS, T("List views of a folder", "רשימת תצוגות של תיקייה"), lang,
            json!({ "FolderID": "{{parameters.folder}}" }), "Views", "{{item.Name}}", "{{item.ID}}"),
        Component::new(Kind::Rpc, FOLDER_FIELDS)
            .meta("label", T("Fields of a folder", "שדות של תיקייה").get(lang))
            .meta("connection", CONNECTION_ID)
            .json(Section::Communication, fields),
        options_rpc(EMAIL_LISTS, T("List e-mail mailing lists", "רשימת רשימות תפוצה בדואר אלקטרוני"), lang,
            json!({}), "MailingLists", "{{item.Name}}", "{{item.ID}}"),
        options_rpc(SMS_LISTS, T("List SMS mailing lists", "רשימת רשימות תפוצה ב-SMS"), lang,
            json!({}), "MailingLists", "{{item.Name}}", "{{item.ID}}"),
        options_rpc(SMS_SENDERS, T("List SMS senders", "רשימת שולחי SMS"), lang,
            json!({}), "Senders", "{{item}}", "{{item}}"),
        document_types(lang, document_type_table),
    ]
}
