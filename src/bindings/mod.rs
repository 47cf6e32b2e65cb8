//! The wasm exports. No logic here: each export takes JSON text, calls the core and
//! returns JSON text; an error becomes the JSON of `Error`, which `pkg/lib/core.js`
//! turns into `OfficeGuyError`. JSON text crosses the boundary because it keeps 64-bit
//! ids and decimal amounts exact, and measured faster than object conversion for our
//! payloads (see bench/).

use crate::error::Error;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "actions")]
mod actions;
#[cfg(feature = "client")]
mod client;
#[cfg(feature = "iml")]
mod iml;
#[cfg(feature = "makeapp")]
mod makeapp;
#[cfg(feature = "trigger")]
mod trigger;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Parses the JSON text that the shim sent for argument `name`. (The iml module alone
/// reads its arguments itself.)
#[cfg_attr(not(any(feature = "actions", feature = "trigger", feature = "client", feature = "makeapp")), allow(dead_code))]
pub(crate) fn arg<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, JsValue> {
    serde_json::from_str(text).map_err(|e| {
        fail(if crate::error::json_too_deep(&e) {
            crate::error::too_deep_at(name)
        } else {
            Error::new("invalid_argument", format!("{name}: not valid JSON ({e})"))
        })
    })
}

/// The error as the value the shim rethrows as `OfficeGuyError`.
pub(crate) fn fail(e: Error) -> JsValue {
    JsValue::from_str(&e.to_json())
}

/// Serialises a core result for the shim. (The iml module writes its results itself.)
#[cfg_attr(not(any(feature = "actions", feature = "trigger", feature = "client", feature = "makeapp")), allow(dead_code))]
pub(crate) fn reply<T: Serialize>(r: crate::Result<T>) -> Result<String, JsValue> {
    match r {
        Ok(v) => serde_json::to_string(&v)
            .map_err(|e| fail(Error::new("internal", format!("result could not be serialised: {e}")))),
        Err(e) => Err(fail(e)),
    }
}
