//! The Make custom app, generated from the catalogue: the files of Make's local-development
//! layout (`makecomapp.json`, `general/base.iml.json`, connections, webhooks, modules, RPCs,
//! `modules/groups.json`, `README.md`), in English or Hebrew. Make cannot run the wasm core,
//! so everything the core does for a module is expressed here as IML.

mod actions;
mod base;
mod expr;
mod functions;
mod layout;
mod mapping;
mod params;
mod readme;
mod rpcs;
mod text;
mod triggers;
mod webhook;

pub use functions::{sources as function_sources, MAX_SOURCE as MAX_FUNCTION_SOURCE};
pub use text::Lang;

use crate::catalog::{self, TriggerKind};

use crate::error::Result;
use layout::{pretty, Component};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

/// The path of a catalogue operation (`listFolders` → `/crm/schema/listfolders/`), so that
/// every endpoint of the app is the catalogue's.
fn endpoint(operation: &str) -> String {
    catalog::action(operation).and_then(|a| a.endpoint.clone()).unwrap_or_default()
}

/// The generated app: path inside `make-app/<lang>/` → file text.
#[derive(Debug, Clone, Serialize)]
pub struct MakeApp {
    pub files: BTreeMap<String, String>,
}

/// Module ids in the order of the app's groups: (group label, ids).
fn groups(components: &[Component], lang: Lang) -> serde_json::Value {
    let module_type = |c: &Component| c.meta.get("moduleType").and_then(|v| v.as_str()).unwrap_or("").to_string();
    let ids = |kinds: &[&str]| -> Vec<String> {
        components
            .iter()
            .filter(|c| c.kind == layout::Kind::Module && kinds.contains(&module_type(c).as_str()))
            .map(|c| c.id.clone())
            .collect()
    };
    json!([
        { "label": text::T("Triggers", "טריגרים").get(lang), "modules": ids(&["instant_trigger", "trigger"]) },
        { "label": text::T("Actions", "פעולות").get(lang), "modules": ids(&["action", "search"]) },
        { "label": text::T("Other", "אחר").get(lang), "modules": ids(&["universal"]) },
    ])
}

fn components(lang: Lang) -> Vec<Component> {
    let cat = catalog::catalog();
    let mut components = vec![base::connection(lang)];
    for t in &cat.triggers {
        if t.kind == TriggerKind::Instant {
            components.push(webhook::webhook(t, lang));
        }
        components.push(triggers::module(t, lang));
    }
    for a in cat.user_actions() {
        if let Some((module, _)) = actions::module(a, lang) {
            components.push(module);
        }
    }
    let document_types: Vec<(i64, &str, &str)> =
        crate::api::enums::DOCUMENT_TYPE.members.iter().map(|m| (m.code, m.en, m.he)).collect();
    components.extend(rpcs::all(lang, &document_types));
    components.extend(functions::components());
    components
}

pub fn make_app(lang: Lang) -> Result<MakeApp> {
    let components = components(lang);
    let mut files = BTreeMap::new();
    layout::write(&components, &mut files);
    files.insert(layout::BASE_FILE.into(), pretty(&base::base(lang)));
    files.insert(layout::COMMON_FILE.into(), pretty(&json!({})));
    files.insert(layout::GROUPS_FILE.into(), pretty(&groups(&components, lang)));
    files.insert(layout::README_FILE.into(), readme::readme(lang, &components));
    Ok(MakeApp { files })
}

/// The catalogue fields (paths such as `customer.name`) that an action's module reads, or
/// `None` when the app has no module for it. `!unknown …` marks a read of a name the
/// catalogue does not have.
pub fn fields_read(action: &str) -> Option<Vec<String>> {
    let spec = catalog::action(action)?;
    actions::module(spec, Lang::En).map(|(_, used)| used)
}

/// Parses the `{lang}` option of `makeApp`.
pub fn make_app_for(lang: &str) -> Result<MakeApp> {
    make_app(Lang::parse(lang)?)
}

/// The trigger modules of the app: (module name, instant?).
pub fn trigger_modules() -> Vec<(&'static str, bool)> {
    catalog::catalog().triggers.iter().map(|t| (t.key.as_str(), t.kind == TriggerKind::Instant)).collect()
}

/// The action modules of the app, by module name (the catalogue key).
pub fn action_modules() -> Vec<&'static str> {
    // every user action has a module (a test checks it)
    catalog::catalog().user_actions().map(|a| a.key.as_str()).collect()
}
