//! One module per user-facing action of the catalogue: its fields as Make's mappable
//! parameters, its output as the interface, and a communication whose IML builds the very
//! body the core's `buildRequest` builds for the same params (the runner's two-paths test
//! compares them). Each param is read with the converter of `expr` that matches the core's
//! reader for it; what IML cannot do (change each element of a list) is done by the
//! functions of `functions`.

use super::base::CONNECTION_ID;
use super::expr::{self, t};
use super::functions::{DOCUMENT_FN, OBJECT_FN, RECIPIENTS_FN};
use super::layout::{Component, Kind, Section};
use super::params;
use super::rpcs;
use super::text::Lang;
use crate::api::enums::{self, EnumTable, CUSTOMER_SEARCH_MODE, DOCUMENT_TYPE, LANGUAGE};
use crate::catalog::{ActionSpec, FieldSpec, FieldType, Spec};
use serde_json::{json, Map, Value};
use std::cell::RefCell;

/// Reads params of one action (or of one collection inside it) and remembers which, so a
/// test can check that every field of the catalogue reaches the request.
struct Reader<'a> {
    prefix: String,
    fields: &'a [FieldSpec],
    used: &'a RefCell<Vec<String>>,
}

impl<'a> Reader<'a> {
    fn at(&self, name: &str) -> String {
        // a name unknown to the catalogue is a generator bug: it reads nothing
        let known = self.fields.iter().any(|f| f.name == name);
        let path = format!("{}.{}", self.prefix, name);
        if known {
            self.used.borrow_mut().push(path.trim_start_matches("parameters.").to_string());
        } else {
            self.used.borrow_mut().push(format!("!unknown {path}"));
        }
        path
    }
    fn nested(&self, name: &str) -> Reader<'a> {
        let fields = self
            .fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.nested_fields())
            .unwrap_or(&[]);
        Reader { prefix: self.at(name), fields, used: self.used }
    }
    fn text(&self, n: &str) -> Value {
        let multiline = self.fields.iter().any(|f| f.name == n && f.multiline);
        let x = self.at(n);
        t(&if multiline { expr::multiline(&x) } else { expr::text(&x) })
    }
    fn email(&self, n: &str) -> Value {
        t(&expr::email(&self.at(n)))
    }
    fn phone(&self, n: &str) -> Value {
        t(&expr::phone(&self.at(n)))
    }
    fn number(&self, n: &str) -> Value {
        t(&expr::number(&self.at(n)))
    }
    fn boolean(&self, n: &str) -> Value {
        t(&expr::boolean(&self.at(n)))
    }
    fn date(&self, n: &str) -> Value {
        t(&expr::date(&self.at(n)))
    }
    fn folder(&self, n: &str) -> Value {
        t(&expr::folder(&self.at(n)))
    }
    fn member(&self, n: &str, table: &EnumTable) -> Value {
        t(&expr::enumeration(&self.at(n), table))
    }
    fn raw(&self, n: &str) -> String {
        self.at(n)
    }
}

/// What an action's communication sends: the URL (IML allowed) and the body.
struct Request {
    url: String,
    body: Value,
}

fn customer(r: &Reader, with_id: bool) -> Value {
    let mut o = Map::new();
    if with_id {
        o.insert("ID".into(), r.number("id"));
    }
    for (k, v) in [
        ("Name", r.text("name")),
        ("Phone", r.phone("phone")),
        ("EmailAddress", r.email("email")),
        ("City", r.text("city")),
        ("Address", r.text("address")),
        ("ZipCode", r.text("zip")),
        ("CompanyNumber", r.text("companyNumber")),
        ("ExternalIdentifier", r.text("externalId")),
        ("NoVAT", r.boolean("noVat")),
        ("SearchMode", r.member("searchMode", &CUSTOMER_SEARCH_MODE)),
    ] {
        o.insert(k.into(), v);
    }
    Value::Object(o)
}

fn request(spec: &ActionSpec, r: &Reader) -> Option<Request> {
    let endpoint = spec.endpoint.clone().unwrap_or_default();
    let plain = |body: Value| Some(Request { url: endpoint.clone(), body });
    match spec.key.as_str() {
        "createCustomer" => plain(json!({ "Details": customer(r, false) })),
        "createDocument" => {
            let currency_table = enums::document_currency();
            let currency = r.raw("currency");
            let foreign = format!("ifempty({}, 0) != 0", expr::enumeration(&currency, &currency_table));
            let c = r.nested("customer");
            plain(json!({
                "Details": {
                    "Type": r.member("type", &DOCUMENT_TYPE),
                    "Customer": customer(&c, true),
                    "IsDraft": r.boolean("draft"),
                    "Date": r.date("date"),
                    "SendByEmail": t(&format!("{DOCUMENT_FN}(\"sendByEmail\", {}, false)", r.raw("sendByEmail"))),
                    "Language": r.member("language", &LANGUAGE),
                    "Currency": r.member("currency", &currency_table),
                    "Description": r.text("description"),
                    "ExternalReference": r.text("externalReference"),
                    "DueDate": r.date("dueDate")
                },
                "Items": t(&format!("{DOCUMENT_FN}(\"items\", {}, {foreign})", r.raw("items"))),
                "Payments": t(&format!("{DOCUMENT_FN}(\"payments\", {}, {foreign})", r.raw("payments"))),
                "VATIncluded": r.boolean("vatIncluded"),
                "VATRate": r.number("vatRate"),
                "OriginalDocumentID": r.number("originalDocumentId")
            }))
        }
        "sendSms" => {
            let to = format!("{RECIPIENTS_FN}({})", r.raw("to"));
            let many = format!("get({to}, \"many\")");
            let one = spec.endpoint.clone().unwrap_or_default();
            let several = spec.other_endpoints.first().cloned().unwrap_or_default();
            // the URL starts with `/` as written, so it is read as relative to the base
            let head = one.chars().zip(several.chars()).take_while(|(a, b)| a == b).count();
            let tail = one[head..].chars().rev().zip(several[head..].chars().rev()).take_while(|(a, b)| a == b).count();
            let (a, b) = (&one[head..one.len() - tail], &several[head..several.len() - tail]);
            Some(Request {
                url: format!("{}{{{{if({many}, \"{b}\", \"{a}\")}}}}{}", &one[..head], &one[one.len() - tail..]),
                body: json!({
                    "Recipients": t(&format!("if({many}, get({to}, \"list\"), null)")),
                    "Recipient": t(&format!("if({many}, null, first(get({to}, \"list\")))")),
                    "Text": r.text("text"),
                    "SaveDraft": r.boolean("draft"),
                    "Sender": r.text("sender")
                }),
            })
        }
        "addToEmailList" => plain(json!({
            "MailingListID": r.number("listId"),
            "EmailAddress": r.email("email"),
            "Name": r.text("name")
        })),
        "addToSmsList" => plain(json!({
            "MailingListID": r.number("listId"),
            "PhoneNumber": r.phone("phone"),
            "Name": r.text("name")
        })),
        "createCard" => plain(json!({
            "Entity": {
                "Folder": r.folder("folder"),
                "Properties": t(&format!("{OBJECT_FN}({}, \"properties\")", r.raw("properties")))
            }
        })),
        "updateCard" => plain(json!({
            "Entity": {
                "ID": r.number("entityId"),
                "Folder": r.folder("folder"),
                "Properties": t(&format!("{OBJECT_FN}({}, \"properties\")", r.raw("properties")))
            },
            "RemoveExistingProperties": r.boolean("removeExistingProperties")
        })),
        "getCard" | "archiveCard" | "deleteCard" => plain(json!({ "EntityID": r.number("entityId") })),
        "sendDocument" => {
            // by id, or else by type and number (the core's order)
            let id = r.raw("documentId");
            let unless_id = |then: String| t(&expr::unless_given(&id, &then));
            plain(json!({
                "EntityID": r.number("documentId"),
                "DocumentType": unless_id(expr::enumeration(&r.raw("type"), &DOCUMENT_TYPE)),
                "DocumentNumber": unless_id(expr::number(&r.raw("number"))),
                "EmailAddress": r.email("email"),
                "Original": r.boolean("original"),
                "Language": r.member("language", &LANGUAGE),
                "PersonalMessage": r.text("personalMessage")
            }))
        }
        "apiCall" => Some(Request {
            url: format!("/{{{{lower(replace(trim({}), \"/^/+|/+$/g\", \"\"))}}}}/", r.raw("path")),
            body: json!({ "{{...}}": t(&format!("{OBJECT_FN}({}, \"body\")", r.raw("body"))) }),
        }),
        _ => None,
    }
}

/// The expect of a module: the catalogue's fields, with a card's fields loaded from its
/// folder (dynamic fields) where the action writes a card.
fn expect(spec: &ActionSpec, lang: Lang) -> Value {
    let mut out = Vec::new();
    for f in &spec.fields {
        let mut p = params::parameter(f, lang);
        if f.name == "properties" && matches!(spec.key.as_str(), "createCard" | "updateCard") {
            p["type"] = json!("collection");
            p["spec"] = json!([format!("rpc://{}", rpcs::FOLDER_FIELDS)]);
        }
        out.push(p);
    }
    Value::Array(out)
}

fn crud(spec: &ActionSpec) -> Option<&'static str> {
    let k = spec.key.as_str();
    if k.starts_with("create") || k.starts_with("add") || k.starts_with("send") {
        Some("create")
    } else if k.starts_with("update") || k.starts_with("archive") {
        Some("update")
    } else if k.starts_with("get") {
        Some("read")
    } else if k.starts_with("delete") {
        Some("delete")
    } else {
        None
    }
}

/// A sample output from the interface, so that mapping works before the first run.
fn sample(fields: &[FieldSpec]) -> Value {
    let mut o = Map::new();
    for f in fields {
        let v = match f.kind {
            FieldType::Uinteger | FieldType::Integer => json!(1234567),
            FieldType::Number => json!(100.5),
            FieldType::Boolean => json!(true),
            FieldType::Url => json!("https://app.sumit.co.il/"),
            FieldType::Array => match &f.spec {
                Some(Spec::Fields(inner)) => json!([sample(inner)]),
                _ => json!([]),
            },
            FieldType::Collection => sample(f.nested_fields()),
            FieldType::Any => json!({}),
            _ => json!(""),
        };
        o.insert(f.name.clone(), v);
    }
    Value::Object(o)
}

/// The module of `spec`, and the fields it read (for the coverage test).
pub fn module(spec: &ActionSpec, lang: Lang) -> Option<(Component, Vec<String>)> {
    let used = RefCell::new(Vec::new());
    let reader = Reader { prefix: "parameters".into(), fields: &spec.fields, used: &used };
    let req = request(spec, &reader)?;
    let communication = json!({
        "url": req.url,
        "method": "POST",
        "body": req.body,
        "response": { "output": "{{body.Data}}" }
    });
    let label = match lang { Lang::En => &spec.label.en, Lang::He => &spec.label.he };
    let help = match lang { Lang::En => &spec.help.en, Lang::He => &spec.help.he };
    let universal = spec.endpoint.is_none();
    let mut c = Component::new(Kind::Module, &spec.key)
        .meta("label", label.as_str())
        .meta("description", help.as_str())
        .meta("moduleType", if universal { "universal" } else { "action" });
    if let Some(crud) = crud(spec) {
        c = c.meta("actionCrud", crud);
    }
    c = c
        .meta("connection", CONNECTION_ID)
        .json(Section::Communication, communication)
        .json(Section::MappableParams, expect(spec, lang));
    if !spec.output.is_empty() {
        c = c
            .json(Section::Interface, params::parameters(&spec.output, lang))
            .json(Section::Samples, sample(&spec.output));
    }
    Some((c, used.into_inner()))
}
