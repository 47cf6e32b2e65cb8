//! Exports for the action catalogue and request building.

use super::reply;
use wasm_bindgen::prelude::*;

/// A probe export so that the build pipeline can be checked end to end.
#[wasm_bindgen(js_name = "coreVersion")]
pub fn core_version() -> Result<String, JsValue> {
    reply(Ok(env!("CARGO_PKG_VERSION")))
}
