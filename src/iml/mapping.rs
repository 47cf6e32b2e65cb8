//! Scenario mappers to action parameters. A mapper is a JSON tree whose strings are
//! scenario-dialect templates (or constants); bundles map module ids ("1") to their
//! output. Compiling parses every template once; constants are copied as they are.

use super::ast::Template;
use super::eval::render;
use super::{eval_error, parser, syntax_error, Dialect, Options, Setting};
use crate::error::{Error, Issue, Path};
use serde_json::{Map, Value as J};

#[derive(Debug, Clone)]
enum Node {
    Const(J),
    Template(Template),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

#[derive(Debug, Clone)]
pub struct CompiledMapping {
    root: Node,
    setting: Setting,
}

/// Parses every template of the mapper; all syntax errors come back at once, each
/// issue's path being the mapper key and `@offset`.
pub fn compile_mapping(mapper: &J, options: &Options) -> Result<CompiledMapping, Error> {
    let mut issues = Vec::new();
    let opts = Options { dialect: Dialect::Scenario, ..options.clone() };
    let root = node(mapper, &Path::root(), &opts, &mut issues, 0)?;
    if !issues.is_empty() {
        let first: &Issue = &issues[0];
        let mut e = Error::new(first.code.clone(), format!("{}: {}{}", first.path, first.message, if issues.len() > 1 { format!(" (and {} more)", issues.len() - 1) } else { String::new() }));
        e.issues = issues;
        return Err(e);
    }
    Ok(CompiledMapping { root, setting: Setting::new(&opts)? })
}

fn node(j: &J, path: &Path, o: &Options, issues: &mut Vec<Issue>, depth: usize) -> Result<Node, Error> {
    if depth > 64 {
        return Err(Error::at(path.as_str(), "iml_limit", "the mapper is nested deeper than 64 levels"));
    }
    Ok(match j {
        J::String(s) if s.contains("{{") => match parser::parse(s, Dialect::Scenario, &o.limits) {
            Ok(t) => Node::Template(t),
            Err(errors) => {
                issues.extend(syntax_error(s, &errors, path.as_str()).issues);
                Node::Const(J::Null)
            }
        },
        J::Array(a) => Node::Array(a.iter().enumerate().map(|(i, x)| node(x, &path.index(i), o, issues, depth + 1)).collect::<Result<_, _>>()?),
        J::Object(m) => Node::Object(m.iter().map(|(k, x)| Ok((k.clone(), node(x, &path.key(k), o, issues, depth + 1)?))).collect::<Result<_, Error>>()?),
        other => Node::Const(other.clone()),
    })
}

impl CompiledMapping {
    /// The action parameters for these bundles (`{"1": {...}, "2": {...}}`).
    pub fn apply(&self, bundles: &J) -> Result<J, Error> {
        self.apply_at(bundles, super::default_now())
    }

    /// As `apply`, with the current time given (the wasm build has no clock of its own).
    pub fn apply_at(&self, bundles: &J, clock: i64) -> Result<J, Error> {
        let env = self.setting.env(bundles, clock);
        apply(&self.root, &env, &Path::root())
    }
}

fn apply<'a>(n: &'a Node, env: &super::eval::Env<'a>, path: &Path) -> Result<J, Error> {
    Ok(match n {
        Node::Const(j) => j.clone(),
        Node::Template(t) => render(t, env).map_err(|e| eval_error(e, path.as_str()))?.to_json(),
        Node::Array(a) => J::Array(a.iter().enumerate().map(|(i, x)| apply(x, env, &path.index(i))).collect::<Result<_, _>>()?),
        Node::Object(m) => {
            let mut out = Map::with_capacity(m.len());
            for (k, x) in m {
                out.insert(k.clone(), apply(x, env, &path.key(k))?);
            }
            J::Object(out)
        }
    })
}

pub fn apply_mapping(mapper: &J, bundles: &J, options: &Options) -> Result<J, Error> {
    compile_mapping(mapper, options)?.apply(bundles)
}
