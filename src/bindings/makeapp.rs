//! Exports for the generated Make app and scenario blueprints.

use super::{arg, reply};
use crate::blueprint::{self, Options, Scenario};
use crate::makeapp;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MakeAppOptions {
    #[serde(default)]
    lang: Option<String>,
}

/// The catalogue with its labels: here rather than in the actions module, which leaves
/// the label texts out (see `Label::new`).
#[wasm_bindgen(js_name = "catalog")]
pub fn catalog_json() -> Result<String, JsValue> {
    reply(Ok(crate::catalog::catalog()))
}

#[wasm_bindgen(js_name = "makeApp")]
pub fn make_app(options: &str) -> Result<String, JsValue> {
    let o: Option<MakeAppOptions> = arg("options", options)?;
    let lang = o.unwrap_or_default().lang.unwrap_or_else(|| "en".into());
    reply(makeapp::make_app_for(&lang))
}

#[wasm_bindgen(js_name = "blueprint")]
pub fn blueprint(scenario: &str, options: &str) -> Result<String, JsValue> {
    let s: Scenario = arg("scenario", scenario)?;
    let o: Options = arg("options", options)?;
    reply(blueprint::blueprint(&s, &o))
}
