//! One module per user-facing action of the catalogue: its fields as Make's mappable
//! parameters, its output as the interface, and a communication whose IML builds the very
//! body the core's `buildRequest` builds for the same params (the runner's two-paths test
//! compares them). Each param is read with the converter of `expr` that matches the core's
//! reader for it; what IML cannot do (change each element of a list) is done by the
//! functions of `functions`.

use super::base::CONNECTION_ID;
use super::layout::{Component, Kind, Section};
use super::mapping::{self, Expander};
use super::params;
use super::rpcs;
use super::text::Lang;
use crate::catalog::{ActionSpec, FieldSpec, FieldType, Spec};
use serde_json::{json, Map, Value};

/// What an action's communication sends: the URL (IML allowed) and the body.
struct Request {
    url: String,
    body: Value,
}

fn request(spec: &ActionSpec, x: &Expander) -> Option<Request> {
    let body = x.expand(&mapping::body(&spec.key)?);
    let endpoint = spec.endpoint.clone().unwrap_or_default();
    let url = match spec.key.as_str() {
        "sendSms" => {
            // one number or several: the URL starts with `/` as written, so it is read as
            // relative to the base, and the endpoint is chosen inside it
            let several = spec.other_endpoints.first().cloned().unwrap_or_default();
            let head = endpoint.chars().zip(several.chars()).take_while(|(a, b)| a == b).count();
            let tail = endpoint[head..].chars().rev().zip(several[head..].chars().rev()).take_while(|(a, b)| a == b).count();
            let (a, b) = (&endpoint[head..endpoint.len() - tail], &several[head..several.len() - tail]);
            let many = x.expand_iml("get(officeguyRecipients({to}), \"many\")");
            format!("{}{{{{if({many}, \"{b}\", \"{a}\")}}}}{}", &endpoint[..head], &endpoint[endpoint.len() - tail..])
        }
        // the core's path rule: lower case, one slash at each end
        "apiCall" => format!("/{{{{{}}}}}/", x.expand_iml("lower(replace(trim({path}), \"/^/+|/+$/g\", \"\"))")),
        _ => endpoint,
    };
    Some(Request { url, body })
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
    let expander = Expander::new(&spec.fields);
    let req = request(spec, &expander)?;
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
    Some((c, expander.read.into_inner()))
}
