//! Catalogue fields as Make parameters (`expect`, `interface`), in one language. Options
//! read at run time become `rpc://` options served by the app's RPCs of the same name.

use super::text::Lang;
use crate::catalog::{FieldSpec, FieldType, Label, Spec};
use serde_json::{json, Map, Value};

fn pick(label: &Label, lang: Lang) -> &str {
    match lang {
        Lang::En => &label.en,
        Lang::He => &label.he,
    }
}

fn type_name(kind: FieldType) -> &'static str {
    match kind {
        FieldType::Text => "text",
        FieldType::Number => "number",
        FieldType::Integer => "integer",
        FieldType::Uinteger => "uinteger",
        FieldType::Boolean => "boolean",
        FieldType::Select => "select",
        FieldType::Date => "date",
        FieldType::Email => "email",
        FieldType::Url => "url",
        FieldType::Array => "array",
        FieldType::Collection => "collection",
        FieldType::Any => "any",
        FieldType::Password => "password",
    }
}

pub fn parameter(f: &FieldSpec, lang: Lang) -> Value {
    let mut p = Map::new();
    p.insert("name".into(), json!(f.name));
    p.insert("label".into(), json!(pick(&f.label, lang)));
    if let Some(h) = &f.help {
        if !pick(h, lang).is_empty() {
            p.insert("help".into(), json!(pick(h, lang)));
        }
    }
    let mut kind = type_name(f.kind);
    if let Some(d) = &f.dynamic_options {
        // a live dropdown that still takes a mapped value
        kind = "select";
        p.insert("options".into(), json!(format!("rpc://{}", d.operation)));
    } else if !f.options.is_empty() {
        let options: Vec<Value> = f
            .options
            .iter()
            .map(|o| {
                let mut opt = Map::new();
                opt.insert("label".into(), json!(pick(&o.label, lang)));
                opt.insert("value".into(), o.value.clone());
                if !o.nested.is_empty() {
                    opt.insert("nested".into(), parameters(&o.nested, lang));
                }
                Value::Object(opt)
            })
            .collect();
        p.insert("options".into(), Value::Array(options));
    }
    p.insert("type".into(), json!(kind));
    if f.required {
        p.insert("required".into(), json!(true));
    }
    if let Some(d) = &f.default {
        p.insert("default".into(), d.clone());
    }
    match &f.spec {
        Some(Spec::Fields(fields)) => {
            p.insert("spec".into(), parameters(fields, lang));
        }
        Some(Spec::Item(item)) => {
            p.insert("spec".into(), parameter(item, lang));
        }
        None => {}
    }
    if f.multiline {
        p.insert("multiline".into(), json!(true));
    }
    if f.advanced {
        p.insert("advanced".into(), json!(true));
    }
    if let Some(time) = f.time {
        p.insert("time".into(), json!(time));
    }
    if let Some(v) = &f.validate {
        let mut m = Map::new();
        if let Some(min) = v.min {
            m.insert("min".into(), json!(min));
        }
        if let Some(max) = v.max {
            m.insert("max".into(), json!(max));
        }
        if let Some(pattern) = &v.pattern {
            m.insert("pattern".into(), json!(pattern));
        }
        if !m.is_empty() {
            p.insert("validate".into(), Value::Object(m));
        }
    }
    Value::Object(p)
}

/// The fields as parameters. A field whose options depend on another field (the views of
/// a folder) is nested under that field's options, which is how Make reloads it when the
/// other changes; its value still arrives as `parameters.<name>`.
pub fn parameters(fields: &[FieldSpec], lang: Lang) -> Value {
    let depends = |f: &FieldSpec| f.dynamic_options.as_ref().and_then(|d| d.depends_on.first()).map(|(_, on)| on.clone());
    let mut out = Vec::new();
    for f in fields {
        if depends(f).is_some_and(|on| fields.iter().any(|g| g.name == on)) {
            continue;
        }
        let mut p = parameter(f, lang);
        let nested: Vec<Value> = fields.iter().filter(|g| depends(g).as_deref() == Some(f.name.as_str())).map(|g| parameter(g, lang)).collect();
        if !nested.is_empty() {
            let store = p.get("options").cloned().unwrap_or(Value::Null);
            p["options"] = json!({ "store": store, "nested": nested });
        }
        out.push(p);
    }
    Value::Array(out)
}
