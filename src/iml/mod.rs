//! IML, Make's expression language: one engine for scenario mappings (`{{1.id}}`,
//! `;` between arguments) and for the app's own code (`{{parameters.x}}`, `,`).
//!
//! `compile` parses once; `Compiled::evaluate` runs the tree many times. A template
//! that is exactly one `{{expr}}` yields the raw value; anything else yields text.
//!
//! Choices where Make's documentation is silent (each is tested):
//! - Scenario arguments that do not read as an expression up to the next `;` or `)` are
//!   unquoted text, trimmed (`formatNumber(1.total; 2; .; ,)`); so are date and time
//!   literals (`2016-12-28`, `16:03`), which would otherwise be arithmetic. Names other
//!   than module ids, Make's keywords (`now`, `emptystring`, ...) and known functions are
//!   text there; in the app dialect every name is a variable.
//! - `=`/`==`/`===` are one strict equality (arrays and collections compare by
//!   content); `switch` also matches a number against its text. `and`, `or`, `mod` are
//!   the scenario spellings of `&&`, `||`, `%`; `not(x)` is `!x`.
//! - In text, numbers are JavaScript's `String(x)`, dates ISO-8601, arrays their items
//!   joined with ", ", collections JSON, binary data its UTF-8 text; as a raw value,
//!   binary data is base64 text. Lengths and positions count UTF-16 units, as JS does.
//! - A module reference `1.a` is `` `1`.a `` in the app dialect (a variable named "1").

pub mod ast;
pub mod date;
pub mod dialect;
pub mod eval;
pub mod functions;
pub mod json;
pub mod limits;
pub mod mapping;
pub mod need;
pub mod number;
pub mod parser;
pub mod printer;
pub mod regex;
pub mod utf;
pub mod value;

mod date_api;
mod lexer;
mod nearest;

use crate::error::{Error, Issue};
use ast::Template;
use date_api::Zone;
use eval::{Env, EvalError};
pub use limits::Limits;
use parser::SyntaxError;
use serde::{Deserialize, Serialize};
use serde_json::Value as J;
use json::{JsonFor, Json};
use need::Need;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// Scenario mappers: `{{ifempty(1.email; 2.email)}}`.
    Scenario,
    /// App code: `{{ifempty(parameters.email, connection.email)}}`.
    App,
}

impl Dialect {
    pub fn parse(name: &str) -> Result<Dialect, Error> {
        match name {
            "scenario" => Ok(Dialect::Scenario),
            "app" => Ok(Dialect::App),
            other => Err(Error::new("invalid_argument", format!("unknown IML dialect `{other}`: expected `scenario` or `app`"))),
        }
    }
}

/// How a template is evaluated. `now` (milliseconds since the epoch) and `timezone` can
/// be fixed, so that date results are testable.
#[derive(Debug, Clone)]
pub struct Options {
    pub dialect: Dialect,
    pub timezone: Option<String>,
    pub now: Option<i64>,
    pub limits: Limits,
}

impl Options {
    pub fn new(dialect: Dialect) -> Self {
        Options { dialect, timezone: None, now: None, limits: Limits::default() }
    }

    /// Options from JSON text `{dialect?, timezone?, now?}` (`now` in milliseconds), as
    /// the JS shim sends them; empty text is the defaults.
    pub fn from_json_text(text: &str, default: Dialect) -> Result<Options, Error> {
        let mut o = Options::new(default);
        if text.trim().is_empty() {
            return Ok(o);
        }
        let j = parse_input("options", text)?;
        if !matches!(j, Json::Object(_)) {
            return Err(Error::new("invalid_argument", "options: expected an object"));
        }
        match j.get("dialect") {
            None | Some(Json::Null) => {}
            Some(Json::Str(d)) => o.dialect = Dialect::parse(d)?,
            Some(_) => return Err(Error::new("invalid_argument", "options.dialect: expected `scenario` or `app`")),
        }
        match j.get("timezone") {
            None | Some(Json::Null) => {}
            Some(Json::Str(t)) => o.timezone = Some(t.to_string()),
            Some(_) => return Err(Error::new("invalid_argument", "options.timezone: expected a time zone name")),
        }
        match j.get("now") {
            None | Some(Json::Null) => {}
            Some(n) => match n.as_f64() {
                Some(ms) if ms.is_finite() && ms.abs() <= 8.64e15 => o.now = Some(ms as i64),
                _ => return Err(Error::new("invalid_argument", "options.now: expected milliseconds since the epoch")),
            },
        }
        Ok(o)
    }
}

/// One syntax problem, for an editor: `offset` and `length` count UTF-16 code units,
/// as JavaScript strings do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyntaxIssue {
    pub offset: usize,
    pub length: usize,
    pub code: &'static str,
    pub message: String,
}

fn utf16_offset(src: &str, byte: usize) -> usize {
    let b = byte.min(src.len());
    let b = (0..=b).rev().find(|i| src.is_char_boundary(*i)).unwrap_or(0);
    src[..b].encode_utf16().count()
}

fn issues_of(src: &str, errors: &[SyntaxError]) -> Vec<SyntaxIssue> {
    errors
        .iter()
        .map(|e| {
            let offset = utf16_offset(src, e.offset);
            let next = src.get(e.offset..).and_then(|r| r.chars().next()).map(|c| c.len_utf16()).unwrap_or(0);
            SyntaxIssue { offset, length: next, code: if e.fatal { "iml_limit" } else { "iml_syntax" }, message: e.message.clone() }
        })
        .collect()
}

/// The syntax errors of a template (empty when it parses), with positions.
pub fn check(src: &str, dialect: Dialect) -> Vec<SyntaxIssue> {
    match parser::parse(src, dialect, &Limits::default()) {
        Ok(_) => Vec::new(),
        Err(e) => issues_of(src, &e),
    }
}

/// The error for a template that does not parse; `path` says where it sits (a mapper
/// key), and each issue's path ends with `@offset`.
pub fn syntax_error(src: &str, errors: &[SyntaxError], path: &str) -> Error {
    let issues = issues_of(src, errors);
    let first = &issues[0];
    let code = first.code;
    let at = if path.is_empty() { String::new() } else { format!("{path}: ") };
    let more = if issues.len() > 1 { format!(" (and {} more)", issues.len() - 1) } else { String::new() };
    let mut e = Error::new(code, format!("{at}IML syntax error at offset {}: {}{more}", first.offset, first.message));
    e.issues = issues.iter().map(|i| Issue::new(format!("{path}@{}", i.offset), i.code, i.message.clone())).collect();
    if !path.is_empty() {
        e.path = Some(path.to_string());
    }
    e
}

pub fn eval_error(e: EvalError, path: &str) -> Error {
    let e = e.into_failure();
    let at = if path.is_empty() { String::new() } else { format!("{path}: ") };
    let mut err = Error::new(e.code, format!("{at}{}", e.message));
    if !path.is_empty() {
        err.path = Some(path.to_string());
        err.issues.push(Issue::new(path, e.code, e.message));
    }
    err
}

pub fn default_now() -> i64 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
    }
    #[cfg(target_arch = "wasm32")]
    {
        0 // the bindings always pass the clock in
    }
}

/// The resolved clock and zone of a compiled template or mapping.
#[derive(Debug, Clone)]
pub struct Setting {
    pub zone: Zone,
    pub timezone: String,
    pub now: Option<i64>,
    pub limits: Limits,
}

impl Setting {
    pub fn new(o: &Options) -> Result<Setting, Error> {
        let tz = o.timezone.clone().unwrap_or_else(|| "UTC".to_string());
        let zone = date_api::zone(&tz).map_err(|e| Error::new("invalid_timezone", e.message))?;
        Ok(Setting { zone, timezone: tz, now: o.now, limits: o.limits })
    }

    /// `clock` is the current time, used when the options did not fix `now`.
    pub fn env<'a>(&'a self, root: &'a Json<'a>, clock: i64) -> Env<'a> {
        Env::new(root, self.now.unwrap_or(clock), &self.zone, &self.timezone, &self.limits)
    }
}

/// A parsed template, ready to evaluate many times.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub template: Template,
    pub dialect: Dialect,
    setting: Setting,
    /// What the template reads of a context given as text.
    need: Need,
}

pub fn compile(src: &str, options: &Options) -> Result<Compiled, Error> {
    let template = parser::parse(src, options.dialect, &options.limits).map_err(|e| syntax_error(src, &e, ""))?;
    let need = Need::of_templates([&template]);
    Ok(Compiled { template, dialect: options.dialect, setting: Setting::new(options)?, need })
}

impl Compiled {
    /// The value for a context: in the app dialect its top-level keys are the
    /// variables; in the scenario dialect they are module ids (`{"1": bundle}`).
    pub fn evaluate(&self, context: &J) -> Result<J, Error> {
        self.evaluate_at(context, default_now())
    }

    /// As `evaluate`, with the current time given (the wasm build has no clock of its own).
    pub fn evaluate_at(&self, context: &J, clock: i64) -> Result<J, Error> {
        let ctx = Json::from_serde(context);
        let env = self.setting.env(&ctx, clock);
        let v = eval::render(&self.template, &env).map_err(|e| eval_error(e, ""))?;
        Ok(v.to_json())
    }

    /// The fast path of the bindings: context as JSON text in, the value as JSON text out.
    pub fn evaluate_text(&self, context: &str, clock: i64, mode: JsonFor) -> Result<String, Error> {
        let ctx = parse_needed("context", context, &self.need)?;
        let env = self.setting.env(&ctx, clock);
        let v = eval::render(&self.template, &env).map_err(|e| eval_error(e, ""))?;
        let mut out = String::new();
        v.write_json(mode, &mut out);
        Ok(out)
    }

    /// The template as text in a dialect.
    pub fn print(&self, dialect: Dialect) -> Result<String, Error> {
        printer::print(&self.template, dialect).map_err(|e| Error::new("iml_not_convertible", e.message))
    }
}

pub fn evaluate(src: &str, context: &J, options: &Options) -> Result<J, Error> {
    compile(src, options)?.evaluate(context)
}

/// Rewrites a template from one dialect into the other.
pub fn convert_dialect(src: &str, from: Dialect, to: Dialect) -> Result<String, Error> {
    dialect::convert(src, from, to, &Limits::default()).map_err(|e| match e {
        dialect::ConvertError::Syntax(errors) => syntax_error(src, &errors, ""),
        dialect::ConvertError::NotConvertible(p) => Error::new("iml_not_convertible", p.message),
    })
}

/// Parses JSON text given for an argument, with an error that names it.
pub fn parse_input<'t>(name: &str, text: &'t str) -> Result<Json<'t>, Error> {
    parse_needed(name, text, &Need::All)
}

/// As `parse_input`, building only the parts that `need` says are read.
pub fn parse_needed<'t>(name: &str, text: &'t str, need: &Need) -> Result<Json<'t>, Error> {
    Json::parse_needed(text, need).map_err(|e| {
        if e.starts_with(json::TOO_DEEP) {
            Error::at(name, "too_deep", format!("is nested deeper than {} levels", json::MAX_DEPTH))
        } else {
            Error::new("invalid_argument", format!("{name}: not valid JSON ({e})"))
        }
    })
}
