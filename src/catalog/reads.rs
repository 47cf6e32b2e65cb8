//! Reads (`group: "read"`) for the client, the page and the app's RPCs, and the trigger
//! subscription calls (`group: "subscription"`).

use super::actions::{action, folder_field, id_out, limits::*};
use super::fields::*;
use super::{ActionSpec, FieldSpec, Group};
use crate::api::TriggerType;
use serde_json::json;

fn id_name_list(list: &str, en: &str, he: &str) -> FieldSpec {
    array_of(list, en, he, vec![id_out("ID", "ID", "מזהה"), text("Name", "Name", "שם")])
}

pub(super) fn trigger_type_field() -> FieldSpec {
    select(
        "type",
        "Trigger on",
        "הפעלה כאשר",
        TriggerType::ALL.iter().map(|t| option(t.key(), t.label_en(), t.label_he())).collect(),
    )
}

fn subscribe() -> ActionSpec {
    action("subscribeTrigger", Group::Subscription, "Subscribe a webhook", "רישום Webhook", Some("/triggers/triggers/subscribe/"))
        .help(
            "Asks OfficeGuy to POST every change of the cards in a view to a URL.",
            "מבקש מ-OfficeGuy לשלוח ב-POST כל שינוי בכרטיסים של תצוגה לכתובת URL.",
        )
        .fields(vec![
            url("url", "Webhook URL", "כתובת ה-Webhook").required().max_len(URL),
            folder_field("folder").required(),
            id_out("view", "View", "תצוגה").required()
                .dynamic("listViews", "Views", "Name", "ID").depends_on("folderId", "folder"),
            trigger_type_field().default(json!("createOrUpdate")),
        ])
}

fn unsubscribe() -> ActionSpec {
    action("unsubscribeTrigger", Group::Subscription, "Unsubscribe a webhook", "ביטול רישום Webhook", Some("/triggers/triggers/unsubscribe/"))
        .help("Stops the deliveries to a webhook URL.", "מפסיק את השליחות לכתובת ה-Webhook.")
        .fields(vec![url("url", "Webhook URL", "כתובת ה-Webhook").required().max_len(URL)])
}

#[inline(never)]
pub(super) fn all() -> Vec<ActionSpec> {
    vec![
        action("getCompanyDetails", Group::Read, "Company details", "פרטי העסק", Some("/website/companies/getdetails/"))
            .help("Reads the company's details; also checks a connection.", "קורא את פרטי העסק; משמש גם לבדיקת חיבור.")
            .output(vec![any("Company", "Company", "עסק")]),
        action("listFolders", Group::Read, "List folders", "רשימת תיקיות", Some("/crm/schema/listfolders/"))
            .help("Lists the CRM folders.", "מציג את תיקיות ה-CRM.")
            .fields(vec![text("nameFilter", "Name contains", "השם מכיל").max_len(FOLDER)])
            .output(vec![id_name_list("Folders", "Folders", "תיקיות")]),
        action("getFolder", Group::Read, "Get a folder", "פרטי תיקייה", Some("/crm/schema/getfolder/"))
            .help("Reads a folder and, if asked, its fields.", "קורא תיקייה, ואם התבקש גם את שדותיה.")
            .fields(vec![folder_field("folder").required(), boolean("includeProperties", "Include fields", "כולל שדות")])
            .output(vec![
                any("Folder", "Folder", "תיקייה"),
                array_of("Properties", "Fields", "שדות", vec![
                    id_out("ID", "ID", "מזהה"),
                    text("Name", "Name", "שם"),
                    text("APIName", "API name", "שם API"),
                    text("ValueType", "Value type", "סוג ערך"),
                    boolean("Required", "Required", "חובה"),
                ]),
            ]),
        action("listViews", Group::Read, "List views", "רשימת תצוגות", Some("/crm/views/listviews/"))
            .help("Lists the views of a folder.", "מציג את התצוגות של תיקייה.")
            .fields(vec![id_out("folderId", "Folder ID", "מזהה תיקייה").required()])
            .output(vec![id_name_list("Views", "Views", "תצוגות")]),
        action("listEntities", Group::Read, "List cards", "רשימת כרטיסים", Some("/crm/data/listentities/"))
            .help("Lists the cards of a folder, filtered, sorted and paged.", "מציג כרטיסים של תיקייה, מסוננים, ממוינים ובעמודים.")
            .fields(vec![
                folder_field("folder").required(),
                array_of("filters", "Filters", "מסננים", vec![
                    text("property", "Field", "שדה").required().max_len(NAME),
                    any("value", "Value", "ערך"),
                    date("from", "From date", "מתאריך"),
                    date("to", "To date", "עד תאריך"),
                    boolean("negative", "Exclude matches", "החרגת התאמות"),
                ]),
                collection("order", "Sort", "מיון", vec![
                    text("property", "Field", "שדה").required().max_len(NAME),
                    boolean("descending", "Descending", "בסדר יורד"),
                ]),
                collection("paging", "Paging", "עימוד", vec![
                    uinteger("startIndex", "Start index", "אינדקס התחלה").help("0-based offset.", "היסט מאפס."),
                    uinteger("pageSize", "Page size", "גודל עמוד").range(10, 1000),
                ]),
                boolean("loadProperties", "Load fields", "טעינת שדות"),
                boolean("includeInheritedFolders", "Include sub-folders", "כולל תיקיות יורשות"),
            ])
            .output(vec![any("Entities", "Cards", "כרטיסים"), boolean("HasNextPage", "More pages", "יש עמודים נוספים")]),
        action("getEntity", Group::Read, "Get a card", "שליפת כרטיס", Some("/crm/data/getentity/"))
            .help("Reads a card with all its fields.", "קורא כרטיס על כל שדותיו.")
            .fields(vec![id_out("entityId", "Card ID", "מזהה כרטיס").required()])
            .output(vec![any("Entity", "Card", "כרטיס")]),
        action("listEmailLists", Group::Read, "List e-mail lists", "רשימות דיוור", Some("/emailsubscriptions/mailinglists/list/"))
            .help("Lists the e-mail mailing lists.", "מציג את רשימות הדיוור בדוא\"ל.")
            .output(vec![id_name_list("MailingLists", "Mailing lists", "רשימות דיוור")]),
        action("listSmsLists", Group::Read, "List SMS lists", "רשימות SMS", Some("/sms/mailinglists/list/"))
            .help("Lists the SMS mailing lists.", "מציג את רשימות התפוצה של SMS.")
            .output(vec![id_name_list("MailingLists", "Mailing lists", "רשימות תפוצה")]),
        action("listSmsSenders", Group::Read, "List SMS senders", "שולחי SMS", Some("/sms/sms/listsenders/"))
            .help("Lists the verified SMS sender numbers.", "מציג את מספרי השולח המאומתים.")
            .output(vec![array_of_values("Senders", "Senders", "שולחים", text("value", "Sender", "שולח"))]),
        subscribe(),
        unsubscribe(),
    ]
}
