//! Evaluation of a parsed template against a context. Nothing here allocates without
//! charging the budget, so a hostile template stops with `iml_limit` in milliseconds.

use super::ast::{BinOp, Expr, Part, Seg, Template, UnOp};
use super::functions;
use super::limits::{Budget, Exceeded, Limits};
use super::value::{compare, strict_eq, Value};
use super::date_api::Zone;
use super::json::Json;
use std::borrow::Cow;

/// An evaluation error: which function and argument, when it is about one.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError {
    /// `iml_eval` or `iml_limit`.
    pub code: &'static str,
    pub message: String,
    pub function: Option<String>,
    /// 1-based argument number.
    pub argument: Option<usize>,
}

impl EvalError {
    pub fn new(message: impl Into<String>) -> Self {
        EvalError { code: "iml_eval", message: message.into(), function: None, argument: None }
    }
    pub fn arg(function: &str, argument: usize, message: impl Into<String>) -> Self {
        EvalError {
            code: "iml_eval",
            message: format!("{function}: argument {argument}: {}", message.into()),
            function: Some(function.to_string()),
            argument: Some(argument),
        }
    }
    pub fn func(function: &str, message: impl Into<String>) -> Self {
        EvalError {
            code: "iml_eval",
            message: format!("{function}: {}", message.into()),
            function: Some(function.to_string()),
            argument: None,
        }
    }
}

impl From<Exceeded> for EvalError {
    fn from(e: Exceeded) -> Self {
        let message = match e {
            Exceeded::Work => "the evaluation needs more work than the limit allows",
            Exceeded::Output => "the evaluation builds a value larger than the output limit",
        };
        EvalError { code: "iml_limit", message: message.into(), function: None, argument: None }
    }
}

pub type R<T> = Result<T, EvalError>;

/// What one evaluation sees: the context object, the clock, the time zone, the budget.
pub struct Env<'a> {
    pub root: &'a Json<'a>,
    pub now: i64,
    pub zone: &'a Zone,
    pub timezone: &'a str,
    pub budget: Budget,
}

impl<'a> Env<'a> {
    pub fn new(root: &'a Json<'a>, now: i64, zone: &'a Zone, timezone: &'a str, limits: &Limits) -> Self {
        Env { root, now, zone, timezone, budget: Budget::new(limits) }
    }
}

/// A template's value: the raw value for a single `{{expr}}`, otherwise text.
pub fn render<'a>(t: &'a Template, env: &Env<'a>) -> R<Value<'a>> {
    if let Some(e) = t.single() {
        return eval(e, env);
    }
    if let [Part::Text(s)] = t.parts.as_slice() {
        return Ok(Value::Text(Cow::Borrowed(s)));
    }
    let mut out = String::new();
    for p in &t.parts {
        match p {
            Part::Text(s) => out.push_str(s),
            Part::Expr(e) => {
                let v = eval(e, env)?;
                out.push_str(&v.to_text());
            }
        }
        env.budget.size(out.len())?;
    }
    Ok(Value::Text(Cow::Owned(out)))
}

pub fn eval<'a>(e: &'a Expr, env: &Env<'a>) -> R<Value<'a>> {
    env.budget.charge(1)?;
    Ok(match e {
        Expr::Null => Value::Null,
        Expr::Bool(b) => Value::Bool(*b),
        Expr::Number(x) => Value::Number(*x),
        Expr::Str(s) => Value::Text(Cow::Borrowed(s)),
        Expr::Var(name) => var(name, env),
        Expr::Member(base, seg) => {
            let b = eval(base, env)?;
            match seg {
                Seg::Key(k) => {
                    if let Some(n) = b.len_items() {
                        env.budget.charge(n as u64)?;
                    }
                    b.key(k)
                }
                Seg::Index(i) => {
                    let i = eval(i, env)?;
                    match i {
                        Value::Text(ref k) if b.is_object() => b.key(k),
                        i => b.index(i.to_number()),
                    }
                }
                Seg::All => b,
            }
        }
        Expr::Unary(UnOp::Not, x) => Value::Bool(!eval(x, env)?.truthy()),
        Expr::Unary(UnOp::Neg, x) => Value::Number(-eval(x, env)?.to_number()),
        Expr::Binary(BinOp::And, l, r) => {
            let a = eval(l, env)?;
            if !a.truthy() { a } else { eval(r, env)? }
        }
        Expr::Binary(BinOp::Or, l, r) => {
            let a = eval(l, env)?;
            if a.truthy() { a } else { eval(r, env)? }
        }
        Expr::Binary(op, l, r) => {
            let a = eval(l, env)?;
            let b = eval(r, env)?;
            binary(*op, a, b, env)?
        }
        Expr::Call(name, args) => call(name, args, env)?,
    })
}

fn var<'a>(name: &str, env: &Env<'a>) -> Value<'a> {
    if let Some(v) = env.root.get(name) {
        return Value::from_json(v);
    }
    match name {
        "now" => Value::Date(env.now),
        "timestamp" => Value::Number((env.now as f64 / 1000.0).floor()),
        "emptystring" => Value::Text(Cow::Borrowed("")),
        "emptyarray" => Value::Array(Vec::new()),
        "space" => Value::Text(Cow::Borrowed(" ")),
        "tab" => Value::Text(Cow::Borrowed("\t")),
        "newline" => Value::Text(Cow::Borrowed("\n")),
        "carriagereturn" => Value::Text(Cow::Borrowed("\r")),
        "nbsp" => Value::Text(Cow::Borrowed("\u{a0}")),
        "pi" => Value::Number(std::f64::consts::PI),
        "random" => Value::Number(functions::math::pseudo_random(env)),
        "uuid" => Value::Text(Cow::Owned(functions::text::pseudo_uuid(env))),
        _ => Value::Null,
    }
}

#[inline(never)]
fn binary<'a>(op: BinOp, a: Value<'a>, b: Value<'a>, env: &Env<'a>) -> R<Value<'a>> {
    use std::cmp::Ordering::*;
    Ok(match op {
        BinOp::Eq => Value::Bool(strict_eq(&a, &b)),
        BinOp::Ne => Value::Bool(!strict_eq(&a, &b)),
        BinOp::Lt => Value::Bool(compare(&a, &b) == Some(Less)),
        BinOp::Le => Value::Bool(matches!(compare(&a, &b), Some(Less | Equal))),
        BinOp::Gt => Value::Bool(compare(&a, &b) == Some(Greater)),
        BinOp::Ge => Value::Bool(matches!(compare(&a, &b), Some(Greater | Equal))),
        BinOp::Add => {
            let texty = |v: &Value| !matches!(v, Value::Number(_) | Value::Bool(_) | Value::Null | Value::Json(Json::Int(_) | Json::UInt(_)));
            if texty(&a) || texty(&b) {
                let (x, y) = (a.to_text(), b.to_text());
                env.budget.size(x.len() + y.len())?;
                Value::Text(Cow::Owned(format!("{x}{y}")))
            } else {
                Value::Number(a.to_number() + b.to_number())
            }
        }
        BinOp::Sub => Value::Number(a.to_number() - b.to_number()),
        BinOp::Mul => Value::Number(a.to_number() * b.to_number()),
        BinOp::Div => Value::Number(a.to_number() / b.to_number()),
        BinOp::Rem => Value::Number(a.to_number() % b.to_number()),
        BinOp::And | BinOp::Or => unreachable!("short-circuit operators are evaluated in eval"),
    })
}

/// Calls a function. `if`, `ifempty` and `switch` evaluate only the branch they return.
/// Kept out of `eval` (as is `binary`): wasm zeroes every local of a function on entry,
/// and `eval` recurses for every node.
#[inline(never)]
fn call<'a>(name: &str, args: &'a [Expr], env: &Env<'a>) -> R<Value<'a>> {
    match name {
        "if" => {
            if args.len() < 2 {
                return Err(EvalError::func("if", "expects a condition and one or two values"));
            }
            let c = eval(&args[0], env)?;
            if c.truthy() {
                eval(&args[1], env)
            } else {
                args.get(2).map(|e| eval(e, env)).unwrap_or(Ok(Value::Null))
            }
        }
        "ifempty" => {
            if args.is_empty() {
                return Err(EvalError::func("ifempty", "expects two values"));
            }
            let a = eval(&args[0], env)?;
            if a.is_empty() {
                args.get(1).map(|e| eval(e, env)).unwrap_or(Ok(Value::Null))
            } else {
                Ok(a)
            }
        }
        "switch" => {
            if args.is_empty() {
                return Err(EvalError::func("switch", "expects an expression, then pairs of value and result"));
            }
            let x = eval(&args[0], env)?;
            let rest = &args[1..];
            let mut i = 0;
            while i + 1 < rest.len() {
                let v = eval(&rest[i], env)?;
                if switch_eq(&x, &v) {
                    return eval(&rest[i + 1], env);
                }
                i += 2;
            }
            if rest.len() % 2 == 1 {
                eval(&rest[rest.len() - 1], env)
            } else {
                Ok(Value::Null)
            }
        }
        _ => {
            let mut vals = Vec::with_capacity(args.len());
            for a in args {
                vals.push(eval(a, env)?);
            }
            functions::call(name, vals, env)
        }
    }
}

/// `switch` compares the way Make's mapper does: its literal arguments are text, so a
/// number matches its own text (`switch(2; 1; a; 2; b)`).
fn switch_eq(a: &Value, b: &Value) -> bool {
    if strict_eq(a, b) {
        return true;
    }
    let scalar = |v: &Value| matches!(v, Value::Number(_) | Value::Text(_) | Value::Bool(_) | Value::Json(Json::Int(_) | Json::UInt(_)));
    scalar(a) && scalar(b) && a.to_text() == b.to_text()
}
