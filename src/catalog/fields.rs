//! Builders that keep the catalogue tables short: `text("name", "Name", "שם").required()`.

use super::{DynamicOptions, FieldSpec, FieldType, Label, SelectOption, Spec, Validate};
use crate::api::EnumTable;
use serde_json::Value;

pub fn field(name: &str, kind: FieldType, en: &str, he: &str) -> FieldSpec {
    FieldSpec {
        name: name.to_string(),
        kind,
        label: Label::new(en, he),
        help: None,
        required: false,
        default: None,
        options: Vec::new(),
        spec: None,
        multiline: false,
        advanced: false,
        time: None,
        validate: None,
        dynamic_options: None,
    }
}

pub fn text(name: &str, en: &str, he: &str) -> FieldSpec {
    field(name, FieldType::Text, en, he)
}
pub fn number(name: &str, en: &str, he: &str) -> FieldSpec {
    field(name, FieldType::Number, en, he)
}
pub fn integer(name: &str, en: &str, he: &str) -> FieldSpec {
    field(name, FieldType::Integer, en, he)
}
pub fn uinteger(name: &str, en: &str, he: &str) -> FieldSpec {
    field(name, FieldType::Uinteger, en, he)
}
pub fn boolean(name: &str, en: &str, he: &str) -> FieldSpec {
    field(name, FieldType::Boolean, en, he)
}
pub fn email(name: &str, en: &str, he: &str) -> FieldSpec {
    field(name, FieldType::Email, en, he)
}
pub fn url(name: &str, en: &str, he: &str) -> FieldSpec {
    field(name, FieldType::Url, en, he)
}
pub fn date(name: &str, en: &str, he: &str) -> FieldSpec {
    let mut f = field(name, FieldType::Date, en, he);
    f.time = Some(false);
    f
}
pub fn any(name: &str, en: &str, he: &str) -> FieldSpec {
    field(name, FieldType::Any, en, he)
}
pub fn collection(name: &str, en: &str, he: &str, fields: Vec<FieldSpec>) -> FieldSpec {
    let mut f = field(name, FieldType::Collection, en, he);
    f.spec = Some(Spec::Fields(fields));
    f
}
/// An array whose items are collections of `fields`.
pub fn array_of(name: &str, en: &str, he: &str, fields: Vec<FieldSpec>) -> FieldSpec {
    let mut f = field(name, FieldType::Array, en, he);
    f.spec = Some(Spec::Fields(fields));
    f
}
/// An array of plain values described by `item`.
pub fn array_of_values(name: &str, en: &str, he: &str, item: FieldSpec) -> FieldSpec {
    let mut f = field(name, FieldType::Array, en, he);
    f.spec = Some(Spec::Item(Box::new(item)));
    f
}
pub fn select(name: &str, en: &str, he: &str, options: Vec<SelectOption>) -> FieldSpec {
    let mut f = field(name, FieldType::Select, en, he);
    f.options = options;
    f
}
/// A select over an API enum; the option values are the member names.
pub fn select_enum(name: &str, en: &str, he: &str, table: &EnumTable) -> FieldSpec {
    select(
        name,
        en,
        he,
        table.members.iter().map(|m| option(m.name, m.en, m.he)).collect(),
    )
}
pub fn option(value: &str, en: &str, he: &str) -> SelectOption {
    SelectOption { label: Label::new(en, he), value: Value::String(value.to_string()), nested: Vec::new() }
}

impl SelectOption {
    pub fn nested(mut self, fields: Vec<FieldSpec>) -> Self {
        self.nested = fields;
        self
    }
}

impl FieldSpec {
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub fn help(mut self, en: &str, he: &str) -> Self {
        self.help = Some(Label::new(en, he));
        self
    }
    pub fn default(mut self, value: Value) -> Self {
        self.default = Some(value);
        self
    }
    pub fn multiline(mut self) -> Self {
        self.multiline = true;
        self
    }
    pub fn advanced(mut self) -> Self {
        self.advanced = true;
        self
    }
    /// Longest accepted text, in characters (Make's `validate.max` on text).
    pub fn max_len(mut self, max: i64) -> Self {
        self.validate.get_or_insert_with(Validate::default).max = Some(max);
        self
    }
    pub fn range(mut self, min: i64, max: i64) -> Self {
        let v = self.validate.get_or_insert_with(Validate::default);
        v.min = Some(min);
        v.max = Some(max);
        self
    }
    pub fn dynamic(mut self, operation: &str, list: &str, label: &str, value: &str) -> Self {
        self.dynamic_options = Some(DynamicOptions {
            operation: operation.to_string(),
            list: list.to_string(),
            label: label.to_string(),
            value: value.to_string(),
            depends_on: Vec::new(),
        });
        self
    }
    pub fn depends_on(mut self, param: &str, field: &str) -> Self {
        if let Some(d) = self.dynamic_options.as_mut() {
            d.depends_on.push((param.to_string(), field.to_string()));
        }
        self
    }
    /// The longest text accepted, if the spec sets one.
    pub fn max_length(&self) -> Option<usize> {
        if matches!(self.kind, FieldType::Text | FieldType::Email | FieldType::Url | FieldType::Password) {
            self.validate.as_ref().and_then(|v| v.max).map(|m| m as usize)
        } else {
            None
        }
    }
    /// The nested fields of a collection or of an array of collections.
    pub fn nested_fields(&self) -> &[FieldSpec] {
        match &self.spec {
            Some(Spec::Fields(f)) => f,
            _ => &[],
        }
    }
}
