//! Make scenario blueprints: a trigger module and action modules of the custom app, with
//! each action's `mapper` in the scenario dialect (function arguments separated by `;`).
//! The connection (`__IMTCONN__`) and the webhook (`__IMTHOOK__`) are account-specific, so
//! they are left `null`: Make asks for them when the blueprint is imported.

use crate::error::{Error, Issue, Path, Result};
use crate::iml::{self, Dialect};
use crate::makeapp;
use serde::Deserialize;
use serde_json::{json, Map, Value};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    pub app_id: String,
    #[serde(default = "one")]
    pub app_version: u32,
    #[serde(default)]
    pub zone: Option<String>,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The module name; `module` is read too, as a blueprint's own word for it.
    #[serde(alias = "module")]
    pub key: String,
    #[serde(default, alias = "parameters")]
    pub params: Map<String, Value>,
    #[serde(default)]
    pub mapper: Map<String, Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub name: Option<String>,
    pub trigger: Step,
    #[serde(default)]
    pub actions: Vec<Step>,
}

/// Keys that would carry a secret; a blueprint never holds one.
const SECRET_KEYS: [&str; 3] = ["apikey", "credentials", "__imtconn__"];

fn check_secrets(path: &Path, value: &Value, issues: &mut Vec<Issue>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = path.key(k);
                if SECRET_KEYS.contains(&k.to_ascii_lowercase().as_str()) {
                    issues.push(Issue::new(p.as_str(), "secret_in_blueprint", "credentials belong to the connection, never to a blueprint"));
                } else {
                    check_secrets(&p, v, issues);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_secrets(&path.index(i), v, issues);
            }
        }
        _ => {}
    }
}

/// Every template of a mapper must parse in the scenario dialect (`;` between arguments),
/// since that is what Make reads when the blueprint is imported.
fn check_templates(path: &Path, value: &Value, issues: &mut Vec<Issue>) {
    match value {
        Value::String(s) if s.contains("{{") => {
            if let Some(first) = iml::check(s, Dialect::Scenario).into_iter().next() {
                issues.push(Issue::new(path.as_str(), "invalid_iml", format!("is not a scenario mapping: {} (at {})", first.message, first.offset)));
            }
        }
        Value::Object(map) => map.iter().for_each(|(k, v)| check_templates(&path.key(k), v, issues)),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| check_templates(&path.index(i), v, issues)),
        _ => {}
    }
}

fn valid_app_id(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() >= 3
        && b[0].is_ascii_lowercase()
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[b.len() - 1] != b'-'
}

/// The blueprint of `scenario` for the custom app `app#<appId>`, version `appVersion`.
pub fn blueprint(scenario: &Scenario, options: &Options) -> Result<Value> {
    let mut issues = Vec::new();
    if !valid_app_id(&options.app_id) {
        issues.push(Issue::new("appId", "invalid_app_id", "an app id is lower-case letters, digits and dashes, starting with a letter (as Make gives it)"));
    }
    if options.app_version == 0 {
        issues.push(Issue::new("appVersion", "invalid_app_version", "the app's major version starts at 1"));
    }
    let triggers = makeapp::trigger_modules();
    let actions = makeapp::action_modules();
    let root = Path::root();
    let tp = root.key("trigger");
    let instant = match triggers.iter().find(|(k, _)| *k == scenario.trigger.key) {
        Some((_, instant)) => *instant,
        None => {
            issues.push(Issue::new(tp.key("key").as_str(), "unknown_trigger", format!("`{}` is not a trigger of the app; use one of {}", scenario.trigger.key, triggers.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", "))));
            false
        }
    };
    check_secrets(&tp, &Value::Object(scenario.trigger.params.clone()), &mut issues);
    for (i, step) in scenario.actions.iter().enumerate() {
        let p = root.key("actions").index(i);
        if !actions.iter().any(|k| *k == step.key) {
            issues.push(Issue::new(p.key("key").as_str(), "unknown_action", format!("`{}` is not an action of the app; use one of {}", step.key, actions.join(", "))));
        }
        check_secrets(&p.key("params"), &Value::Object(step.params.clone()), &mut issues);
        check_secrets(&p.key("mapper"), &Value::Object(step.mapper.clone()), &mut issues);
        check_templates(&p.key("mapper"), &Value::Object(step.mapper.clone()), &mut issues);
    }
    if !issues.is_empty() {
        return Err(Error::invalid_params(issues));
    }

    let module = |key: &str| format!("app#{}:{}", options.app_id, key);
    let mut flow = Vec::new();
    let mut trigger_params = Map::new();
    trigger_params.insert(if instant { "__IMTHOOK__" } else { "__IMTCONN__" }.into(), Value::Null);
    trigger_params.extend(scenario.trigger.params.clone());
    flow.push(json!({
        "id": 1,
        "module": module(&scenario.trigger.key),
        "version": options.app_version,
        "parameters": trigger_params,
        "mapper": {},
        "metadata": { "designer": { "x": 0, "y": 0 } }
    }));
    for (i, step) in scenario.actions.iter().enumerate() {
        let mut params = Map::new();
        params.insert("__IMTCONN__".into(), Value::Null);
        params.extend(step.params.clone());
        flow.push(json!({
            "id": i + 2,
            "module": module(&step.key),
            "version": options.app_version,
            "parameters": params,
            "mapper": step.mapper,
            "metadata": { "designer": { "x": 300 * (i + 1), "y": 0 } }
        }));
    }
    Ok(json!({
        "name": scenario.name.clone().unwrap_or_else(|| "OfficeGuy scenario".to_string()),
        "flow": flow,
        "metadata": {
            "instant": instant,
            "version": 1,
            "scenario": {
                "roundtrips": 1,
                "maxErrors": 3,
                "autoCommit": true,
                "autoCommitTriggerLast": true,
                "sequential": false,
                "confidential": false,
                "dataloss": false,
                "dlq": false,
                "freshVariables": false
            },
            "designer": { "orphans": [] },
            "zone": options.zone.clone().unwrap_or_else(|| "eu1.make.com".to_string())
        }
    }))
}
