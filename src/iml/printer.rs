//! Trees back to template text, in either dialect. Parsing what this prints gives the
//! same tree (a property test checks it), which is what makes dialect conversion safe.

use super::ast::{BinOp, Expr, Part, Seg, Template, UnOp};
use super::lexer::{is_ident_char, is_ident_start};
use super::number::to_js_string;
use super::parser::SCENARIO_KEYWORDS;
use super::Dialect;

/// Why a tree cannot be written in a dialect (an app variable has no scenario form).
#[derive(Debug, Clone, PartialEq)]
pub struct PrintError {
    pub message: String,
}

pub fn print(t: &Template, d: Dialect) -> Result<String, PrintError> {
    let mut out = String::new();
    for part in &t.parts {
        match part {
            Part::Text(s) => out.push_str(s),
            Part::Expr(e) => {
                out.push_str("{{");
                expr(e, d, &mut out)?;
                out.push_str("}}");
            }
        }
    }
    Ok(out)
}

pub fn print_expr(e: &Expr, d: Dialect) -> Result<String, PrintError> {
    let mut out = String::new();
    expr(e, d, &mut out)?;
    Ok(out)
}

fn op_text(op: BinOp, d: Dialect) -> &'static str {
    let scenario = d == Dialect::Scenario;
    match op {
        BinOp::Or => if scenario { " or " } else { " || " },
        BinOp::And => if scenario { " and " } else { " && " },
        BinOp::Eq => if scenario { " = " } else { " == " },
        BinOp::Ne => " != ",
        BinOp::Lt => " < ",
        BinOp::Le => " <= ",
        BinOp::Gt => " > ",
        BinOp::Ge => " >= ",
        BinOp::Add => " + ",
        BinOp::Sub => " - ",
        BinOp::Mul => " * ",
        BinOp::Div => " / ",
        BinOp::Rem => if scenario { " mod " } else { " % " },
    }
}

fn is_plain_name(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if is_ident_start(c)) && cs.all(is_ident_char)
}

pub fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn expr(e: &Expr, d: Dialect, out: &mut String) -> Result<(), PrintError> {
    match e {
        Expr::Null => out.push_str("null"),
        Expr::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        // a literal too large for a double (`1e999`) reads as Infinity, which has no
        // literal of its own: write one that reads back the same (found by fuzzing)
        Expr::Number(x) if *x == f64::INFINITY => out.push_str("1e999"),
        Expr::Number(x) => {
            if !x.is_finite() || *x < 0.0 {
                out.push('(');
                out.push_str(&to_js_string(*x));
                out.push(')');
            } else {
                out.push_str(&to_js_string(*x));
            }
        }
        Expr::Str(s) => quote(s, out),
        // a module id alone reads as a number (`1`); quoted it stays module 1 (found by fuzzing)
        Expr::Var(name) if d == Dialect::Scenario && !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) => {
            out.push('`');
            out.push_str(name);
            out.push('`');
        }
        Expr::Var(name) => var(name, d, out)?,
        Expr::Member(base, seg) => {
            let wrap = matches!(**base, Expr::Binary(..) | Expr::Unary(..) | Expr::Number(_));
            if wrap {
                out.push('(');
            }
            match &**base {
                // before a member, `1.a`: the module id needs no quotes
                Expr::Var(name) => var(name, d, out)?,
                base => expr(base, d, out)?,
            }
            if wrap {
                out.push(')');
            }
            match seg {
                Seg::Key(k) => {
                    out.push('.');
                    // after a module id a digit key would read as a decimal: `8.0`
                    let module_base = matches!(&**base, Expr::Var(v) if v.chars().all(|c| c.is_ascii_digit()));
                    let digit_first = k.starts_with(|c: char| c.is_ascii_digit());
                    if k.chars().all(is_ident_char) && !k.is_empty() && !(module_base && digit_first) {
                        out.push_str(k);
                    } else {
                        if k.contains('`') {
                            return Err(PrintError { message: format!("the key {k:?} contains a backtick, which IML cannot write") });
                        }
                        out.push('`');
                        out.push_str(k);
                        out.push('`');
                    }
                }
                Seg::Index(i) => {
                    out.push('[');
                    expr(i, d, out)?;
                    out.push(']');
                }
                Seg::All => out.push_str("[]"),
            }
        }
        Expr::Call(name, args) => {
            out.push_str(name);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(if d == Dialect::Scenario { "; " } else { ", " });
                }
                expr(a, d, out)?;
            }
            out.push(')');
        }
        Expr::Unary(op, inner) => {
            if *op == UnOp::Not && d == Dialect::Scenario {
                out.push_str("not(");
                expr(inner, d, out)?;
                out.push(')');
            } else {
                out.push(if *op == UnOp::Not { '!' } else { '-' });
                // `- -x`, not `-(-x)`: parentheses would nest deeper than the text that
                // parsed, past the limit for a long run of minus signs (found by fuzzing)
                if *op == UnOp::Neg && matches!(**inner, Expr::Unary(UnOp::Neg, _)) {
                    out.push(' ');
                }
                let wrap = matches!(**inner, Expr::Binary(..));
                if wrap {
                    out.push('(');
                }
                expr(inner, d, out)?;
                if wrap {
                    out.push(')');
                }
            }
        }
        Expr::Binary(op, l, r) => {
            let p = op.precedence();
            let wl = matches!(**l, Expr::Binary(o, ..) if o.precedence() < p);
            let wr = matches!(**r, Expr::Binary(o, ..) if o.precedence() <= p);
            if wl {
                out.push('(');
            }
            expr(l, d, out)?;
            if wl {
                out.push(')');
            }
            out.push_str(op_text(*op, d));
            if wr {
                out.push('(');
            }
            expr(r, d, out)?;
            if wr {
                out.push(')');
            }
        }
    }
    Ok(())
}

fn var(name: &str, d: Dialect, out: &mut String) -> Result<(), PrintError> {
    let module = !name.is_empty() && name.chars().all(|c| c.is_ascii_digit());
    match d {
        Dialect::Scenario => {
            if module || SCENARIO_KEYWORDS.contains(&name) {
                out.push_str(name);
                Ok(())
            } else {
                Err(PrintError { message: format!("the variable `{name}` has no equivalent in the scenario dialect") })
            }
        }
        Dialect::App => {
            if is_plain_name(name) && !matches!(name, "true" | "false" | "null" | "undefined") {
                out.push_str(name);
            } else {
                if name.contains('`') {
                    return Err(PrintError { message: format!("the name {name:?} contains a backtick, which IML cannot write") });
                }
                out.push('`');
                out.push_str(name);
                out.push('`');
            }
            Ok(())
        }
    }
}
