//! The local-development layout of Make's app editor (the `integromat/vscode-apps-sdk`
//! extension): `makecomapp.json` names every component and the file of each of its code
//! sections, `{kind}s/{id}/{id}.{section}.iml.json`.

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The kinds of component, as `makecomapp.json` spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Connection,
    Webhook,
    Module,
    Rpc,
    Function,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Connection => "connection",
            Kind::Webhook => "webhook",
            Kind::Module => "module",
            Kind::Rpc => "rpc",
            Kind::Function => "function",
        }
    }
}

/// A code section: its key in `codeFiles` and the middle part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Communication,
    Params,
    StaticParams,
    MappableParams,
    Interface,
    Samples,
    Epoch,
    Attach,
    Detach,
    Code,
    Test,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Communication => "communication",
            Section::Params => "params",
            Section::StaticParams => "staticParams",
            Section::MappableParams => "mappableParams",
            Section::Interface => "interface",
            Section::Samples => "samples",
            Section::Epoch => "epoch",
            Section::Attach => "attach",
            Section::Detach => "detach",
            Section::Code => "code",
            Section::Test => "test",
        }
    }

    fn file_part(self) -> &'static str {
        match self {
            Section::StaticParams => "static-params",
            Section::MappableParams => "mappable-params",
            other => other.key(),
        }
    }
}

/// The content of a code section: IML JSON, or the source of a custom IML function.
#[derive(Debug, Clone)]
pub enum Code {
    Json(Value),
    Js(String),
}

/// One component: its metadata in `makecomapp.json` and its code sections.
#[derive(Debug, Clone)]
pub struct Component {
    pub kind: Kind,
    pub id: String,
    pub meta: Map<String, Value>,
    pub code: Vec<(Section, Code)>,
}

impl Component {
    pub fn new(kind: Kind, id: &str) -> Self {
        Component { kind, id: id.to_string(), meta: Map::new(), code: Vec::new() }
    }

    pub fn meta(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.meta.insert(key.to_string(), value.into());
        self
    }

    pub fn json(mut self, section: Section, value: Value) -> Self {
        self.code.push((section, Code::Json(value)));
        self
    }

    pub fn js(mut self, section: Section, source: String) -> Self {
        self.code.push((section, Code::Js(source)));
        self
    }

    pub fn path(&self, section: Section) -> String {
        let ext = if matches!(section, Section::Code | Section::Test) { "js" } else { "iml.json" };
        format!("{}s/{id}/{id}.{}.{ext}", self.kind.key(), section.file_part(), id = self.id)
    }
}

/// JSON as the files hold it: two-space indent, a final newline, UTF-8 as is.
pub fn pretty(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

pub const BASE_FILE: &str = "general/base.iml.json";
pub const COMMON_FILE: &str = "general/common.json";
pub const GROUPS_FILE: &str = "modules/groups.json";
pub const README_FILE: &str = "README.md";

/// Writes every component's files and `makecomapp.json` into `files`.
pub fn write(components: &[Component], files: &mut BTreeMap<String, String>) {
    let mut by_kind: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for k in ["connection", "webhook", "module", "rpc", "function", "endpoint"] {
        by_kind.insert(k, Map::new());
    }
    for c in components {
        let mut code_files = Map::new();
        for (section, code) in &c.code {
            let path = c.path(*section);
            let text = match code {
                Code::Json(v) => pretty(v),
                Code::Js(s) => s.clone(),
            };
            files.insert(path.clone(), text);
            code_files.insert(section.key().to_string(), Value::String(path));
        }
        let mut meta = c.meta.clone();
        meta.insert("codeFiles".into(), Value::Object(code_files));
        if let Some(kind) = by_kind.get_mut(c.kind.key()) {
            kind.insert(c.id.clone(), Value::Object(meta));
        }
    }
    let components: Map<String, Value> = by_kind.into_iter().map(|(k, v)| (k.to_string(), Value::Object(v))).collect();
    let app = json!({
        "fileVersion": 1,
        "generalCodeFiles": {
            "base": BASE_FILE,
            "common": COMMON_FILE,
            "readme": README_FILE,
            "groups": GROUPS_FILE,
        },
        "components": components,
        // The app id and API key file are the integrator's: Make gives the id when the app
        // is created, and the key file stays out of git (the extension adds it to .gitignore).
        "origins": [{
            "label": "Make",
            "baseUrl": "https://eu1.make.com/api",
            "appId": "officeguy",
            "appVersion": 1,
            "apikeyFile": ".secrets/apikey",
        }],
    });
    files.insert("makecomapp.json".into(), pretty(&app));
}
