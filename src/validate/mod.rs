//! Field validators shared by the actions: text, e-mail, phone, money, ids, booleans, dates,
//! URLs. Each takes one JSON value (as Make or a JS caller sends it: numbers often arrive as
//! text, booleans as `"true"`) and returns the normalised value or an `Invalid` with a
//! stable code and an English message. Paths are added by the caller.

mod date;
mod number;
mod phone;
mod text;

pub use date::date;
pub use number::{boolean, decimal, id, integer};
pub use phone::phone;
pub use text::{email, is_blank_text, strip_direction_marks, text, url};

/// Why a value was refused: `code` is stable (`invalid_email`), `message` English and
/// never quotes secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub code: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Invalid { code, message: message.into() }
    }
}

pub type Checked<T> = Result<T, Invalid>;

/// A JSON value's kind in words, for messages.
pub fn kind_of(v: &serde_json::Value) -> &'static str {
    use serde_json::Value::*;
    match v {
        Null => "null",
        Bool(_) => "a boolean",
        Number(_) => "a number",
        String(_) => "text",
        Array(_) => "a list",
        Object(_) => "an object",
    }
}

/// Empty optional values mean "not given": null, `""` and text of only spaces (Make sends
/// unmapped fields as empty strings).
pub fn is_blank(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => is_blank_text(s),
        _ => false,
    }
}
