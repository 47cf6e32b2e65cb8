//! Scenario mappers to action parameters. A mapper is a JSON tree whose strings are
//! scenario-dialect templates (or constants); bundles map module ids ("1") to their
//! output. Compiling parses every template once; applying writes the params straight
//! to JSON text, without building an intermediate tree.

use super::ast::{Expr, Part, Seg, Template};
use super::value::{walk_index, walk_key, Value, Walk};
use super::eval::{render, Env};
use super::json::{self, JsonFor, Json};
use super::limits::Exceeded;
use super::need::Need;
use super::{eval_error, parse_needed, parser, syntax_error, Dialect, Options, Setting};
use crate::error::{Error, Issue, Path};
use serde_json::Value as J;

/// A constant piece of output, written once at compile time for each reader.
#[derive(Debug, Clone)]
struct Rendered {
    text: String,
    shim: String,
    shim_wide: String,
}

impl Rendered {
    fn new(write: impl Fn(JsonFor, &mut String)) -> Rendered {
        let render = |mode| {
            let mut s = String::new();
            write(mode, &mut s);
            s
        };
        Rendered { text: render(JsonFor::Text), shim: render(JsonFor::Shim), shim_wide: render(JsonFor::ShimWide) }
    }

    fn get(&self, mode: JsonFor) -> &str {
        match mode {
            JsonFor::Text => &self.text,
            JsonFor::Shim => &self.shim,
            JsonFor::ShimWide => &self.shim_wide,
        }
    }
}

#[derive(Debug, Clone)]
enum Node {
    Const(Rendered),
    /// `{{1.a.b[2].c}}`: a plain path, read straight from the bundle's JSON (most
    /// mapper fields are this); the template is kept for the cases the fast read leaves
    /// to the evaluator.
    Path(Vec<Step>, Template),
    /// `Order {{1.number}}`: text and plain paths only, joined without the evaluator
    /// unless a path needs it.
    Text(Vec<Piece>, Template),
    Template(Template),
    Array(Vec<Node>),
    /// Each member: its key, the key written as `"key":`, its value.
    Object(Vec<(String, Rendered, Node)>),
}

#[derive(Debug, Clone)]
pub struct CompiledMapping {
    root: Node,
    setting: Setting,
    /// What the templates read of the bundles: reading bundles given as text builds
    /// only that.
    need: Need,
}

/// Parses every template of the mapper; all syntax errors come back at once, each
/// issue's path being the mapper key and `@offset`.
pub fn compile_mapping(mapper: &J, options: &Options) -> Result<CompiledMapping, Error> {
    compile_mapping_json(&Json::from_serde(mapper), options)
}

pub fn compile_mapping_json(mapper: &Json<'_>, options: &Options) -> Result<CompiledMapping, Error> {
    let mut issues = Vec::new();
    let opts = Options { dialect: Dialect::Scenario, ..options.clone() };
    let root = node(mapper, &Path::root(), &opts, &mut issues, 0)?;
    if !issues.is_empty() {
        let first: &Issue = &issues[0];
        let more = if issues.len() > 1 { format!(" (and {} more)", issues.len() - 1) } else { String::new() };
        let mut e = Error::new(first.code.clone(), format!("{}: {}{more}", first.path, first.message));
        e.issues = issues;
        return Err(e);
    }
    let mut templates = Vec::new();
    root.templates(&mut templates);
    let need = Need::of_templates(templates);
    Ok(CompiledMapping { root, setting: Setting::new(&opts)?, need })
}

fn node(j: &Json<'_>, path: &Path, o: &Options, issues: &mut Vec<Issue>, depth: usize) -> Result<Node, Error> {
    if depth > 64 {
        return Err(Error::at(path.as_str(), "iml_limit", "the mapper is nested deeper than 64 levels"));
    }
    Ok(match j {
        Json::Str(s) if s.contains("{{") => match parser::parse(s, Dialect::Scenario, &o.limits) {
            Ok(t) => match t.single().and_then(plain_path) {
                Some(steps) => Node::Path(steps, t),
                None => match text_pieces(&t) {
                    Some(pieces) => Node::Text(pieces, t),
                    None => Node::Template(t),
                },
            },
            Err(errors) => {
                issues.extend(syntax_error(s, &errors, path.as_str()).issues);
                Node::Const(Rendered::new(|_, out| out.push_str("null")))
            }
        },
        Json::Array(a) => Node::Array(a.iter().enumerate().map(|(i, x)| node(x, &path.index(i), o, issues, depth + 1)).collect::<Result<_, _>>()?),
        Json::Object(m) => Node::Object(
            m.iter()
                .map(|(k, x)| {
                    let key = Rendered::new(|mode, out| {
                        json::write_str_for(k, mode, out);
                        out.push(':');
                    });
                    Ok((k.to_string(), key, node(x, &path.key(k), o, issues, depth + 1)?))
                })
                .collect::<Result<_, Error>>()?,
        ),
        other => Node::Const(Rendered::new(|mode, out| json::write(other, mode, out))),
    })
}

impl Node {
    fn templates<'n>(&'n self, out: &mut Vec<&'n Template>) {
        match self {
            Node::Const(_) => {}
            Node::Path(_, t) | Node::Text(_, t) | Node::Template(t) => out.push(t),
            Node::Array(a) => a.iter().for_each(|n| n.templates(out)),
            Node::Object(m) => m.iter().for_each(|(_, _, n)| n.templates(out)),
        }
    }
}

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Path(Vec<Step>),
}

fn text_pieces(t: &Template) -> Option<Vec<Piece>> {
    t.parts
        .iter()
        .map(|p| match p {
            Part::Text(s) => Some(Piece::Text(s.clone())),
            Part::Expr(e) => plain_path(e).map(Piece::Path),
        })
        .collect()
}

/// The pieces joined as text, or None when a path needs the evaluator.
fn join_text(pieces: &[Piece], root: &Json) -> Option<String> {
    let mut s = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => s.push_str(t),
            Piece::Path(steps) => match read(root, steps) {
                Ok(Some(j)) => s.push_str(&Value::from_json(j).to_text()),
                Ok(None) => {}
                Err(()) => return None,
            },
        }
    }
    Some(s)
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(i64),
}

/// The steps of `root.key[n].key`, root first (as a key of the bundles), when the
/// expression is nothing but such a path.
fn plain_path(e: &Expr) -> Option<Vec<Step>> {
    match e {
        Expr::Var(name) => Some(vec![Step::Key(name.clone())]),
        Expr::Member(base, seg) => {
            let mut steps = plain_path(base)?;
            steps.push(match seg {
                Seg::Key(k) => Step::Key(k.clone()),
                Seg::Index(i) => match **i {
                    Expr::Number(n) if n.fract() == 0.0 && n != 0.0 && n.abs() < 1e15 => Step::Index(n as i64),
                    _ => return None,
                },
                Seg::All => return None,
            });
            Some(steps)
        }
        _ => None,
    }
}

/// Follows the steps through the JSON. `Err(())` when a step needs the evaluator's
/// rules (a key read across an array, a missing root that may be a built-in such as
/// `now`); `Ok(None)` for a missing value.
fn read<'j>(root: &'j Json<'j>, steps: &[Step]) -> Result<Option<&'j Json<'j>>, ()> {
    let mut cur = root;
    for (i, step) in steps.iter().enumerate() {
        let walk = match step {
            Step::Key(k) => walk_key(cur, k),
            Step::Index(n) => walk_index(cur, *n as f64),
        };
        cur = match walk {
            Walk::To(v) => v,
            // a missing root may be a built-in such as `now`
            Walk::Missing if i == 0 => return Err(()),
            Walk::Missing => return Ok(None),
            Walk::Evaluator => return Err(()),
        };
    }
    Ok(Some(cur))
}

/// Where a node sits, built only when an error needs it.
enum At<'p> {
    Root,
    Key(&'p At<'p>, &'p str),
    Index(&'p At<'p>, usize),
}

impl At<'_> {
    fn path(&self) -> Path {
        match self {
            At::Root => Path::root(),
            At::Key(p, k) => p.path().key(k),
            At::Index(p, i) => p.path().index(*i),
        }
    }
}

impl CompiledMapping {
    /// The action parameters for these bundles (`{"1": {...}, "2": {...}}`).
    pub fn apply(&self, bundles: &J) -> Result<J, Error> {
        self.apply_at(bundles, super::default_now())
    }

    /// As `apply`, with the current time given (the wasm build has no clock of its own).
    pub fn apply_at(&self, bundles: &J, clock: i64) -> Result<J, Error> {
        let b = Json::from_serde(bundles);
        let mut out = String::new();
        self.write(&b, clock, JsonFor::Text, &mut out)?;
        serde_json::from_str(&out).map_err(|e| Error::new("internal", format!("mapping output is not JSON: {e}")))
    }

    /// The fast path of the bindings: bundles as JSON text in, params as JSON text out.
    pub fn apply_text(&self, bundles: &str, clock: i64, mode: JsonFor) -> Result<String, Error> {
        let mut out = String::with_capacity(bundles.len());
        self.apply_into(bundles, clock, mode, &mut out)?;
        Ok(out)
    }

    /// As `apply_text`, appending to `out` (which the bindings reuse from call to call).
    pub fn apply_into(&self, bundles: &str, clock: i64, mode: JsonFor, out: &mut String) -> Result<(), Error> {
        let b = parse_needed("bundles", bundles, &self.need)?;
        self.write(&b, clock, mode, out)
    }

    fn write<'b>(&'b self, bundles: &'b Json<'b>, clock: i64, mode: JsonFor, out: &mut String) -> Result<(), Error> {
        let env = self.setting.env(bundles, clock);
        write(&self.root, &env, &At::Root, mode, out)
    }
}

fn write<'a>(n: &'a Node, env: &Env<'a>, at: &At, mode: JsonFor, out: &mut String) -> Result<(), Error> {
    match n {
        Node::Const(c) => json::push_small(out, c.get(mode)),
        Node::Path(steps, t) => match read(env.root, steps) {
            Ok(Some(j)) => json::write(j, mode, out),
            Ok(None) => json::push_small(out, "null"),
            Err(()) => write_rendered(t, env, at, mode, out)?,
        },
        Node::Text(pieces, t) => write_text(pieces, t, env, at, mode, out)?,
        Node::Template(t) => write_rendered(t, env, at, mode, out)?,
        Node::Array(a) => {
            json::push_ascii(out, b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    json::push_ascii(out, b',');
                }
                write(x, env, &At::Index(at, i), mode, out)?;
            }
            json::push_ascii(out, b']');
        }
        Node::Object(m) => {
            json::push_ascii(out, b'{');
            for (i, (k, key, x)) in m.iter().enumerate() {
                if i > 0 {
                    json::push_ascii(out, b',');
                }
                json::push_small(out, key.get(mode));
                write(x, env, &At::Key(at, k), mode, out)?;
            }
            json::push_ascii(out, b'}');
        }
    }
    match env.budget.size(out.len()) {
        Ok(()) => Ok(()),
        Err(e) => Err(exceeded(e, at)),
    }
}

// The helpers below are kept out of `write`, which runs for every node: wasm sets up
// every local of a function on each call, so a small `write` is a fast one.

/// A template through the evaluator.
#[inline(never)]
fn write_rendered<'a>(t: &'a Template, env: &Env<'a>, at: &At, mode: JsonFor, out: &mut String) -> Result<(), Error> {
    render(t, env).map_err(|e| eval_error(e, at.path().as_str()))?.write_json(mode, out);
    Ok(())
}

/// Text and plain paths, joined without the evaluator unless a path needs it.
#[inline(never)]
fn write_text<'a>(pieces: &'a [Piece], t: &'a Template, env: &Env<'a>, at: &At, mode: JsonFor, out: &mut String) -> Result<(), Error> {
    match join_text(pieces, env.root) {
        Some(s) => json::write_str_for(&s, mode, out),
        None => write_rendered(t, env, at, mode, out)?,
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn exceeded(e: Exceeded, at: &At) -> Error {
    eval_error(e.into(), at.path().as_str())
}

pub fn apply_mapping(mapper: &J, bundles: &J, options: &Options) -> Result<J, Error> {
    compile_mapping(mapper, options)?.apply(bundles)
}
