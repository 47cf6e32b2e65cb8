//! The request of each action as a description: the body SUMIT takes, with every value
//! saying which param it reads and how. `expand` turns it into the IML of the module's
//! communication with the converters of `expr`, which follow the core's reader
//! (`src/request/reader.rs`) rule for rule, so the app sends what `buildRequest` sends.
//!
//! A value `"@kind path [table]"` reads the param at `path` (`customer.name` inside a
//! collection): `text`, `email`, `phone`, `number`, `boolean`, `date`, `folder`, or `enum`
//! with the schema name of an enum table. A value `"@iml …"` is IML in which `{path}` is
//! the param itself, `{@kind path [table]}` a converted param, and `{@blank path}` whether
//! the param is empty. Keys whose value is `null` when the body is built are not sent.

use super::expr;
use crate::api::enums::{self, EnumTable};
use crate::catalog::FieldSpec;
use serde_json::{Map, Value};
use std::cell::RefCell;

/// The customer of createCustomer (at the root) and of createDocument (`customer.`, with
/// an `ID` that picks an existing customer).
const CUSTOMER: &str = r#"{
  "ID": "@number $Pid",
  "Name": "@text $Pname",
  "Phone": "@phone $Pphone",
  "EmailAddress": "@email $Pemail",
  "City": "@text $Pcity",
  "Address": "@text $Paddress",
  "ZipCode": "@text $Pzip",
  "CompanyNumber": "@text $PcompanyNumber",
  "ExternalIdentifier": "@text $PexternalId",
  "NoVAT": "@boolean $PnoVat",
  "SearchMode": "@enum $PsearchMode Accounting_Typed_CustomerSearchMode"
}"#;

const CREATE_DOCUMENT: &str = r#"{
  "Details": {
    "Type": "@enum type Accounting_Typed_DocumentType",
    "Customer": "$CUSTOMER",
    "IsDraft": "@boolean draft",
    "Date": "@date date",
    "SendByEmail": "@iml officeguyDocumentParts(\"sendByEmail\", {sendByEmail}, false)",
    "Language": "@enum language Accounting_Typed_Language",
    "Currency": "@enum currency Accounting_Typed_DocumentCurrency",
    "Description": "@text description",
    "ExternalReference": "@text externalReference",
    "DueDate": "@date dueDate"
  },
  "Items": "@iml officeguyDocumentParts(\"items\", {items}, $FOREIGN)",
  "Payments": "@iml officeguyDocumentParts(\"payments\", {payments}, $FOREIGN)",
  "VATIncluded": "@boolean vatIncluded",
  "VATRate": "@number vatRate",
  "OriginalDocumentID": "@number originalDocumentId"
}"#;

/// A non-ILS document puts prices in the DocumentCurrency_* fields.
const FOREIGN: &str = "ifempty({@enum currency Accounting_Typed_DocumentCurrency}, 0) != 0";

const SEND_SMS: &str = r#"{
  "Recipients": "@iml if(get(officeguyRecipients({to}), \"many\"), get(officeguyRecipients({to}), \"list\"), null)",
  "Recipient": "@iml if(get(officeguyRecipients({to}), \"many\"), null, first(get(officeguyRecipients({to}), \"list\")))",
  "Text": "@text text",
  "SaveDraft": "@boolean draft",
  "Sender": "@text sender"
}"#;

const SEND_DOCUMENT: &str = r#"{
  "EntityID": "@number documentId",
  "DocumentType": "@iml if({@blank documentId}, {@enum type Accounting_Typed_DocumentType}, null)",
  "DocumentNumber": "@iml if({@blank documentId}, {@number number}, null)",
  "EmailAddress": "@email email",
  "Original": "@boolean original",
  "Language": "@enum language Accounting_Typed_Language",
  "PersonalMessage": "@text personalMessage"
}"#;

/// The body description of an action, or `None` when the app has no module for it.
pub fn body(action: &str) -> Option<String> {
    let customer = |prefix: &str, with_id: bool| {
        let c = CUSTOMER.replace("$P", prefix);
        if with_id { c } else { c.replace("  \"ID\": \"@number id\",\n", "") }
    };
    Some(match action {
        "createCustomer" => format!("{{\"Details\": {}}}", customer("", false)),
        "createDocument" => CREATE_DOCUMENT
            .replace("\"$CUSTOMER\"", &customer("customer.", true))
            .replace("$FOREIGN", FOREIGN),
        "sendSms" => SEND_SMS.to_string(),
        "addToEmailList" => r#"{ "MailingListID": "@number listId", "EmailAddress": "@email email", "Name": "@text name" }"#.into(),
        "addToSmsList" => r#"{ "MailingListID": "@number listId", "PhoneNumber": "@phone phone", "Name": "@text name" }"#.into(),
        "createCard" => r#"{ "Entity": { "Folder": "@folder folder", "Properties": "@iml officeguyObject({properties}, \"properties\")" } }"#.into(),
        "updateCard" => r#"{
            "Entity": { "ID": "@number entityId", "Folder": "@folder folder", "Properties": "@iml officeguyObject({properties}, \"properties\")" },
            "RemoveExistingProperties": "@boolean removeExistingProperties"
        }"#.into(),
        "getCard" | "archiveCard" | "deleteCard" => r#"{ "EntityID": "@number entityId" }"#.into(),
        "sendDocument" => SEND_DOCUMENT.to_string(),
        "apiCall" => r#"{ "{{...}}": "@iml officeguyObject({body}, \"body\")" }"#.into(),
        _ => return None,
    })
}

/// Expands descriptions against an action's fields, remembering every param read.
pub struct Expander<'a> {
    pub fields: &'a [FieldSpec],
    pub read: RefCell<Vec<String>>,
}

fn table(schema: &str) -> Option<EnumTable> {
    enums::all_tables().into_iter().find(|t| t.schema == schema)
}

impl<'a> Expander<'a> {
    pub fn new(fields: &'a [FieldSpec]) -> Self {
        Expander { fields, read: RefCell::new(Vec::new()) }
    }

    /// The field at a dotted path, and `parameters.<path>`.
    fn param(&self, path: &str) -> (Option<&'a FieldSpec>, String) {
        let mut fields = self.fields;
        let mut found = None;
        for part in path.split('.') {
            found = fields.iter().find(|f| f.name == part);
            fields = found.map(FieldSpec::nested_fields).unwrap_or(&[]);
        }
        self.read.borrow_mut().push(if found.is_some() { path.to_string() } else { format!("!unknown {path}") });
        (found, format!("parameters.{path}"))
    }

    /// `kind path [table]` as IML.
    fn convert(&self, spec: &str) -> String {
        let mut words = spec.split_whitespace();
        let (kind, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let (field, x) = self.param(path);
        match kind {
            "text" if field.is_some_and(|f| f.multiline) => expr::multiline(&x),
            "text" => expr::text(&x),
            "email" => expr::email(&x),
            "phone" => expr::phone(&x),
            "number" => expr::number(&x),
            "boolean" => expr::boolean(&x),
            "date" => expr::date(&x),
            "folder" => expr::folder(&x),
            "blank" => expr::blank(&x),
            "enum" => match words.next().and_then(table) {
                Some(t) => expr::enumeration(&x, &t),
                None => "null".into(),
            },
            _ => "null".into(),
        }
    }

    /// An `@iml` text with its `{…}` references filled in.
    fn iml(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { break };
            out.push_str(&rest[..open]);
            let inner = &rest[open + 1..open + close];
            if let Some(spec) = inner.strip_prefix('@') {
                out.push_str(&self.convert(spec));
            } else {
                out.push_str(&self.param(inner).1);
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// One value of a description as its template.
    fn value(&self, v: &Value) -> Value {
        match v {
            Value::String(s) => {
                if let Some(spec) = s.strip_prefix("@iml ") {
                    expr::t(&self.iml(spec))
                } else if let Some(spec) = s.strip_prefix('@') {
                    expr::t(&self.convert(spec))
                } else {
                    v.clone()
                }
            }
            Value::Object(m) => Value::Object(m.iter().map(|(k, x)| (k.clone(), self.value(x))).collect::<Map<_, _>>()),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.value(x)).collect()),
            other => other.clone(),
        }
    }

    pub fn expand(&self, description: &str) -> Value {
        self.value(&serde_json::from_str(description).unwrap_or(Value::Null))
    }

    pub fn expand_iml(&self, text: &str) -> String {
        self.iml(text)
    }
}
