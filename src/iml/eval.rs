//! Evaluation of a parsed template against a context. Nothing here allocates without
//! charging the budget, so a hostile template stops with `iml_limit` in milliseconds.

use super::ast::{BinOp, Expr, Part, Seg, Template, UnOp};
use super::functions;
use super::limits::{Budget, Exceeded, Limits};
use super::value::{compare, strict_eq, walk_index, walk_key, Value, Walk};
use super::date_api::Zone;
use super::json::Json;
use std::borrow::Cow;

/// An evaluation error: which function and argument, when it is about one. Boxed, so
/// that every `R<Value>` the evaluator returns stays the size of a value: results are
/// moved at every node, errors are rare.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError(Box<EvalFailure>);

#[derive(Debug, Clone, PartialEq)]
pub struct EvalFailure {
    /// `iml_eval` or `iml_limit`.
    pub code: &'static str,
    pub message: String,
    pub function: Option<String>,
    /// 1-based argument number.
    pub argument: Option<usize>,
}

impl std::ops::Deref for EvalError {
    type Target = EvalFailure;
    fn deref(&self) -> &EvalFailure {
        &self.0
    }
}

impl EvalError {
    pub fn of(f: EvalFailure) -> Self {
        EvalError(Box::new(f))
    }
    /// The same failure under another code (e.g. a function's own error that is a limit).
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.0.code = code;
        self
    }
    pub fn new(message: impl Into<String>) -> Self {
        EvalError::of(EvalFailure { code: "iml_eval", message: message.into(), function: None, argument: None })
    }
    pub fn arg(function: &str, argument: usize, message: impl Into<String>) -> Self {
        EvalError::of(EvalFailure {
            code: "iml_eval",
            message: format!("{function}: argument {argument}: {}", message.into()),
            function: Some(function.to_string()),
            argument: Some(argument),
        })
    }
    pub fn func(function: &str, message: impl Into<String>) -> Self {
        EvalError::of(EvalFailure {
            code: "iml_eval",
            message: format!("{function}: {}", message.into()),
            function: Some(function.to_string()),
            argument: None,
        })
    }
    pub fn into_failure(self) -> EvalFailure {
        *self.0
    }
}

impl From<Exceeded> for EvalError {
    fn from(e: Exceeded) -> Self {
        let message = match e {
            Exceeded::Work => "the evaluation needs more work than the limit allows",
            Exceeded::Output => "the evaluation builds a value larger than the output limit",
        };
        EvalError::of(EvalFailure { code: "iml_limit", message: message.into(), function: None, argument: None })
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
    /// Argument lists of finished calls, emptied, for the next calls to fill: a mapping
    /// makes many small calls (`upper(1.sku)`), and each used to allocate its own.
    spare_args: std::cell::RefCell<Vec<Vec<Value<'a>>>>,
}

impl<'a> Env<'a> {
    pub fn new(root: &'a Json<'a>, now: i64, zone: &'a Zone, timezone: &'a str, limits: &Limits) -> Self {
        Env { root, now, zone, timezone, budget: Budget::new(limits), spare_args: Default::default() }
    }

    /// An empty argument list, reused when one is spare.
    pub fn args_list(&self) -> Vec<Value<'a>> {
        self.spare_args.borrow_mut().pop().unwrap_or_default()
    }

    /// Gives an argument list back for reuse (a few are kept, none large).
    pub fn spare(&self, mut v: Vec<Value<'a>>) {
        v.clear();
        let mut spare = self.spare_args.borrow_mut();
        if spare.len() < 8 && v.capacity() <= 16 {
            spare.push(v);
        }
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
            if let Some(v) = plain_member(e, env) {
                return v;
            }
            member(eval(base, env)?, seg, env)?
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

/// One step of a path by the general rules: a key read on an array is read from each
/// item; `[n]` on a collection reads the key "n".
fn member<'a>(b: Value<'a>, seg: &'a Seg, env: &Env<'a>) -> R<Value<'a>> {
    Ok(match seg {
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
    })
}

/// `1.a.b[2].c` (constant steps from a name of the context) read straight through the
/// JSON: no recursion and no value per step, for what templates evaluate most. None
/// when a step needs the general rules; then nothing has been charged. Charges what
/// evaluating the chain node by node would, less the node `eval` charged already.
fn plain_member<'a>(e: &'a Expr, env: &Env<'a>) -> Option<R<Value<'a>>> {
    const MAX: usize = 16;
    let mut segs: [Option<&Seg>; MAX] = [None; MAX];
    let (mut n, mut numbers) = (0, 0);
    let mut cur = e;
    while let Expr::Member(base, seg) = cur {
        match seg {
            Seg::Key(_) => {}
            Seg::Index(i) if matches!(**i, Expr::Number(_)) => numbers += 1,
            _ => return None,
        }
        if n == MAX {
            return None;
        }
        segs[n] = Some(seg);
        n += 1;
        cur = base;
    }
    let Expr::Var(name) = cur else { return None };
    // a name missing from the context may be a built-in (`now`)
    let mut j = env.root.get(name)?;
    let mut found = true;
    for seg in segs[..n].iter().rev().flatten() {
        let walk = match seg {
            Seg::Key(k) => walk_key(j, k),
            Seg::Index(i) => match **i {
                Expr::Number(x) => walk_index(j, x),
                _ => return None,
            },
            Seg::All => return None,
        };
        match walk {
            Walk::To(v) => j = v,
            Walk::Missing => {
                found = false;
                break;
            }
            Walk::Evaluator => return None,
        }
    }
    // the Var, the other Member nodes and the index numbers
    Some(env.budget.charge((n + numbers) as u64).map_err(EvalError::from).map(|_| if found { Value::from_json(j) } else { Value::Null }))
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
            let mut vals = env.args_list();
            for a in args {
                match eval(a, env) {
                    Ok(v) => vals.push(v),
                    Err(e) => {
                        env.spare(vals);
                        return Err(e);
                    }
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iml::{parser, Dialect, Limits, Setting, Options};

    /// A path evaluated node by node by the general rules, as before the fast path.
    fn slow<'a>(e: &'a Expr, env: &Env<'a>) -> R<Value<'a>> {
        match e {
            Expr::Member(base, seg) => {
                env.budget.charge(1)?;
                let b = slow(base, env)?;
                member(b, seg, env)
            }
            other => eval(other, env),
        }
    }

    #[test]
    fn plain_paths_read_as_the_general_rules_do() {
        let ctx = Json::parse(r#"{"1": {"a": {"b": [10, {"c": "x"}, 9007199254740993]}, "items": [{"n": 1}, {"n": 2}],
            "o": {"2": "two", "-1": "minus"}, "s": "text", "n": null}, "2": [1, [2, 3]]}"#).unwrap();
        let setting = Setting::new(&Options::new(Dialect::Scenario)).unwrap();
        for path in ["1.a.b[1]", "1.a.b[2].c", "1.a.b[-1]", "1.a.b[-3]", "1.a.b[-4]", "1.a.b[0]", "1.a.b[1.5]", "1.a.b[9]", "1.items.n",
                     "1.items[2].n", "1.o[2]", "1.o[-1]", "1.s.x", "1.s[1]", "1.n.x", "1.missing.x", "2[2][1]", "2[2].x", "9.x", "now",
                     "1.a.b[1].c", "1.a", "1"] {
            let t = parser::parse(&format!("{{{{{path}}}}}"), Dialect::Scenario, &Limits::default()).unwrap();
            let e = t.single().unwrap();
            let (fast_env, slow_env) = (setting.env(&ctx, 0), setting.env(&ctx, 0));
            let fast = eval(e, &fast_env).unwrap();
            let reference = slow(e, &slow_env).unwrap();
            assert_eq!(fast.json_text(), reference.json_text(), "{path}");
            assert_eq!(fast_env.budget.used(), slow_env.budget.used(), "{path}: work charged");
        }
    }
}
