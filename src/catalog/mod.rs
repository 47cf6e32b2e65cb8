//! The catalogue: every action, read and trigger as data (labels in English and Hebrew,
//! endpoint, Make parameter specs for input and output). The Make app generator, the page
//! and request validation all read it, so a field is written once, here.
//!
//! JSON shape (camelCase): `{actions: [ActionSpec], triggers: [TriggerSpec]}`. Every entry
//! of `actions` has a `group`: `"action"` (a Make action module a user picks), `"read"`
//! (lookups used by the client, the page and the app's RPCs) or `"subscription"` (the
//! trigger subscribe/unsubscribe calls). UIs that list user-facing actions filter on
//! `group == "action"`.

mod actions;
pub mod fields;
mod reads;
mod triggers;

use serde::Serialize;
use serde_json::Value;
use std::sync::OnceLock;

pub use fields::{field, option};

/// A text in both languages of the product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub en: String,
    pub he: String,
}

impl Label {
    #[cfg(feature = "labels")]
    pub fn new(en: &str, he: &str) -> Self {
        Label { en: en.to_string(), he: he.to_string() }
    }

    /// Without the `labels` feature (a wasm module that builds requests but never shows the
    /// catalogue) labels are empty, and their texts are left out of the module.
    #[cfg(not(feature = "labels"))]
    #[inline(always)]
    pub fn new(_en: &str, _he: &str) -> Self {
        Label { en: String::new(), he: String::new() }
    }
}

/// Make's parameter types that the catalogue uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Text,
    Number,
    Integer,
    Uinteger,
    Boolean,
    Select,
    Date,
    Email,
    Url,
    Array,
    Collection,
    Any,
    Password,
}

/// One choice of a select; `nested` are the fields shown when it is chosen (Make's
/// `options[].nested`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelectOption {
    pub label: Label,
    pub value: Value,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nested: Vec<FieldSpec>,
}

/// The nested spec of a collection (its fields) or of an array (a list of fields when the
/// items are collections, one field when they are plain values), as in Make.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Spec {
    Fields(Vec<FieldSpec>),
    Item(Box<FieldSpec>),
}

/// Options that come from a read operation at run time (Make's RPC). Not a Make keyword:
/// the app generator turns it into an RPC, the page into a live select.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DynamicOptions {
    /// The read operation to call (a `group: "read"` key, e.g. `listFolders`).
    pub operation: String,
    /// Where the list is in its `Data` (`Folders`).
    pub list: String,
    /// Item keys for the option's label and value (`Name`, `ID`).
    pub label: String,
    pub value: String,
    /// Params of the operation taken from sibling fields: `[(operationParam, field)]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<(String, String)>,
}

/// Make's `validate` keyword: bounds for numbers and lengths, and a pattern for text.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Validate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
}

/// A Make parameter spec with labels in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldSpec {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    pub label: Label,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Label>,
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<SelectOption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<Spec>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub multiline: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub advanced: bool,
    /// For dates: whether a time of day is asked for (Make's `time`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validate: Option<Validate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamic_options: Option<DynamicOptions>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// A module a user picks in Make.
    Action,
    /// A lookup for the client, the page and the app's RPCs.
    Read,
    /// Trigger subscribe and unsubscribe.
    Subscription,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionSpec {
    pub key: String,
    pub group: Group,
    pub label: Label,
    pub help: Label,
    /// The path the request goes to; `None` for `apiCall`, whose path is a parameter.
    pub endpoint: Option<String>,
    /// Other paths the same action may use (`sendSms` to several recipients).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_endpoints: Vec<String>,
    pub fields: Vec<FieldSpec>,
    /// The interface of the `Data` that a successful answer carries.
    pub output: Vec<FieldSpec>,
    /// True when repeating the request after an unknown outcome cannot duplicate an effect.
    pub safe_to_retry: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TriggerKind {
    Instant,
    Polling,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TriggerSpec {
    pub key: String,
    pub label: Label,
    pub help: Label,
    pub kind: TriggerKind,
    pub fields: Vec<FieldSpec>,
    pub output: Vec<FieldSpec>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Catalog {
    pub actions: Vec<ActionSpec>,
    pub triggers: Vec<TriggerSpec>,
}

impl Catalog {
    pub fn action(&self, key: &str) -> Option<&ActionSpec> {
        self.actions.iter().find(|a| a.key == key)
    }
    pub fn trigger(&self, key: &str) -> Option<&TriggerSpec> {
        self.triggers.iter().find(|t| t.key == key)
    }
    /// The user-facing actions (`group == "action"`), in catalogue order.
    pub fn user_actions(&self) -> impl Iterator<Item = &ActionSpec> {
        self.actions.iter().filter(|a| a.group == Group::Action)
    }
}

/// The whole catalogue. Built once and shared.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut actions = actions::all();
        actions.extend(reads::all());
        Catalog { actions, triggers: triggers::all() }
    })
}

/// The action, read or subscription with this key.
pub fn action(key: &str) -> Option<&'static ActionSpec> {
    catalog().action(key)
}

pub fn trigger(key: &str) -> Option<&'static TriggerSpec> {
    catalog().trigger(key)
}

/// Every key that `buildRequest` accepts, for messages.
pub fn action_keys() -> Vec<&'static str> {
    catalog().actions.iter().map(|a| a.key.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk<'a>(fields: &'a [FieldSpec], out: &mut Vec<&'a FieldSpec>) {
        for f in fields {
            out.push(f);
            for o in &f.options {
                walk(&o.nested, out);
            }
            match &f.spec {
                Some(Spec::Fields(fs)) => walk(fs, out),
                Some(Spec::Item(one)) => walk(std::slice::from_ref(one), out),
                None => {}
            }
        }
    }

    #[test]
    #[cfg(feature = "labels")]
    fn every_label_and_help_has_both_languages() {
        let c = catalog();
        let mut all = Vec::new();
        for a in &c.actions {
            assert!(!a.label.en.is_empty() && !a.label.he.is_empty(), "{}", a.key);
            assert!(!a.help.en.is_empty() && !a.help.he.is_empty(), "{}", a.key);
            walk(&a.fields, &mut all);
            walk(&a.output, &mut all);
        }
        for t in &c.triggers {
            assert!(!t.label.he.is_empty() && !t.help.he.is_empty(), "{}", t.key);
            walk(&t.fields, &mut all);
            walk(&t.output, &mut all);
        }
        for f in all {
            assert!(!f.label.en.is_empty() && !f.label.he.is_empty(), "field {}", f.name);
            if let Some(h) = &f.help {
                assert!(!h.en.is_empty() && !h.he.is_empty(), "help of {}", f.name);
            }
            for o in &f.options {
                assert!(!o.label.en.is_empty() && !o.label.he.is_empty(), "option of {}", f.name);
            }
        }
    }

    #[test]
    fn keys_are_unique_and_found() {
        let keys = action_keys();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), keys.len());
        for k in ["createCustomer", "createDocument", "sendSms", "addToEmailList", "addToSmsList", "createCard", "apiCall"] {
            assert_eq!(action(k).unwrap().group, Group::Action, "{k}");
        }
        assert_eq!(action("listFolders").unwrap().group, Group::Read);
        assert!(action("listFolders").unwrap().safe_to_retry);
        assert!(!action("createDocument").unwrap().safe_to_retry);
        assert_eq!(action("subscribeTrigger").unwrap().group, Group::Subscription);
        assert!(action("nope").is_none());
    }

    #[test]
    fn serialises_as_make_parameters_in_camel_case() {
        let json = serde_json::to_value(action("createDocument").unwrap()).unwrap();
        assert_eq!(json["endpoint"], "/accounting/documents/create/");
        assert_eq!(json["safeToRetry"], false);
        let items = json["fields"].as_array().unwrap().iter().find(|f| f["name"] == "items").unwrap();
        assert_eq!(items["type"], "array");
        assert!(items["spec"].as_array().unwrap().iter().any(|f| f["name"] == "unitPrice" && f["required"] == true));
    }

    #[test]
    fn create_document_offers_no_type_it_would_refuse() {
        let doc = action("createDocument").unwrap();
        let ty = doc.fields.iter().find(|f| f.name == "type").unwrap();
        let offered: Vec<String> = ty.options.iter().map(|o| o.value.as_str().unwrap().to_string()).collect();
        assert!(offered.contains(&"InvoiceAndReceipt".to_string()));
        for expense in ["ExpenseInvoice", "ExpenseReceipt", "SupplierPayment"] {
            assert!(!offered.contains(&expense.to_string()), "{expense} is offered");
        }
    }
}
