//! The limits on action params, in one place so that the errors and the README quote
//! the same numbers. OfficeGuy documents none; these are far above any real document
//! or card, and low enough that a hostile payload is refused in milliseconds instead of
//! being walked field by field.

use crate::error::{json_too_deep, Error, Issue, MAX_JSON_DEPTH};
use serde_json::Value;

/// Largest params payload, as JSON text. Equal to IML's output limit, so whatever a
/// mapping may produce is accepted here.
pub const MAX_PARAMS_BYTES: usize = 4 << 20;

/// Most entries in one list of params (document lines, payments, listing filters). Card
/// properties have their own limit, `api::MAX_CARD_PROPERTIES`, shared with the trigger engine.
pub const MAX_LIST_ITEMS: usize = 10_000;

/// Why params given as JSON text were not read.
pub enum Refused {
    /// Over a limit: reported as an issue at the root (`too_large`, `too_deep`).
    Limit(Issue),
    /// Not JSON at all: the caller's bug, thrown as `invalid_argument`.
    Invalid(Error),
}

/// Params from their JSON text, refusing an oversized or over-nested payload before
/// (or instead of) parsing it.
pub fn parse_params(text: &str) -> Result<Value, Refused> {
    if text.len() > MAX_PARAMS_BYTES {
        return Err(Refused::Limit(Issue::new(
            "",
            "too_large",
            format!("params are {} bytes as JSON; the limit is {MAX_PARAMS_BYTES} bytes", text.len()),
        )));
    }
    serde_json::from_str(text).map_err(|e| {
        if json_too_deep(&e) {
            Refused::Limit(Issue::new("", "too_deep", format!("params are nested deeper than {MAX_JSON_DEPTH} levels")))
        } else {
            Refused::Invalid(Error::new("invalid_argument", format!("params: not valid JSON ({e})")))
        }
    })
}
