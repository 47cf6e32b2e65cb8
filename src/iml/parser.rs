//! Templates to trees. Text outside `{{ }}` is literal; inside is an expression in the
//! chosen dialect. In the scenario dialect an argument that is not an expression is
//! unquoted text (`formatDate(now; YYYY-MM-DD)`), as Make's mapper writes it.

use super::ast::{BinOp, Expr, Part, Seg, Template, UnOp};
use super::lexer::{LexError, Lexer, Tok};
use super::limits::Limits;
use super::{functions, Dialect};

/// A syntax error: where (byte offset into the template) and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
    /// Limit errors are not recovered from by reading the argument as text.
    pub fatal: bool,
}

impl From<LexError> for SyntaxError {
    fn from(e: LexError) -> Self {
        SyntaxError { offset: e.offset, message: e.message, fatal: false }
    }
}

type R<T> = Result<T, SyntaxError>;

/// Names the scenario dialect knows besides module ids: Make's mapper keywords.
pub const SCENARIO_KEYWORDS: &[&str] = &[
    "now", "timestamp", "emptystring", "emptyarray", "space", "tab", "newline", "carriagereturn", "nbsp", "pi",
    "random", "uuid", "executionId",
];

/// Parses a template, recovering after an error at the next `}}` so that every error
/// of the template is reported.
pub fn parse(src: &str, dialect: Dialect, limits: &Limits) -> Result<Template, Vec<SyntaxError>> {
    if src.len() > limits.template_bytes {
        return Err(vec![SyntaxError {
            offset: limits.template_bytes,
            message: format!("the template is longer than the limit of {} bytes", limits.template_bytes),
            fatal: true,
        }]);
    }
    let mut parts = Vec::new();
    let mut errors = Vec::new();
    let mut pos = 0;
    while pos < src.len() {
        let Some(open) = src[pos..].find("{{").map(|i| pos + i) else {
            parts.push(Part::Text(src[pos..].to_string()));
            break;
        };
        if open > pos {
            parts.push(Part::Text(src[pos..open].to_string()));
        }
        let mut p = Parser { lx: Lexer::new(src, open + 2, dialect), depth: 0, max_depth: limits.depth };
        match p.whole() {
            Ok(e) => {
                parts.push(Part::Expr(e));
                pos = p.lx.pos;
            }
            Err(e) => {
                let resume = src[e.offset.min(src.len())..].find("}}").map(|i| e.offset + i + 2).unwrap_or(src.len());
                errors.push(e);
                pos = resume.max(open + 2);
            }
        }
    }
    if errors.is_empty() {
        Ok(Template { parts })
    } else {
        Err(errors)
    }
}

struct Parser<'s> {
    lx: Lexer<'s>,
    depth: usize,
    max_depth: usize,
}

impl<'s> Parser<'s> {
    fn err<T>(&self, offset: usize, message: impl Into<String>) -> R<T> {
        Err(SyntaxError { offset, message: message.into(), fatal: false })
    }

    fn whole(&mut self) -> R<Expr> {
        let (t, at) = self.lx.peek()?;
        if t == Tok::Close {
            return self.err(at, "expected an expression inside `{{ }}`");
        }
        let e = self.expr(0)?;
        let (t, at) = self.lx.next()?;
        if t != Tok::Close {
            return self.err(at, format!("expected `}}}}` or an operator, found {}", t.describe()));
        }
        Ok(e)
    }

    fn enter(&mut self, at: usize) -> R<()> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(SyntaxError { offset: at, message: format!("nesting deeper than the limit of {}", self.max_depth), fatal: true });
        }
        Ok(())
    }

    fn binop(t: &Tok) -> Option<BinOp> {
        Some(match t {
            Tok::Op("||") => BinOp::Or,
            Tok::Op("&&") => BinOp::And,
            Tok::Op("==") => BinOp::Eq,
            Tok::Op("!=") => BinOp::Ne,
            Tok::Op("<") => BinOp::Lt,
            Tok::Op("<=") => BinOp::Le,
            Tok::Op(">") => BinOp::Gt,
            Tok::Op(">=") => BinOp::Ge,
            Tok::Op("+") => BinOp::Add,
            Tok::Op("-") => BinOp::Sub,
            Tok::Op("*") => BinOp::Mul,
            Tok::Op("/") => BinOp::Div,
            Tok::Op("%") => BinOp::Rem,
            _ => return None,
        })
    }

    fn expr(&mut self, min: u8) -> R<Expr> {
        let (_, at) = self.lx.peek()?;
        self.enter(at)?;
        let mut lhs = self.unary()?;
        loop {
            let (t, at) = self.lx.peek()?;
            let Some(op) = Self::binop(&t) else { break };
            if op.precedence() < min {
                break;
            }
            self.lx.next()?;
            self.enter(at)?;
            let rhs = self.expr(op.precedence() + 1)?;
            self.depth -= 1;
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs));
        }
        self.depth -= 1;
        Ok(lhs)
    }

    fn unary(&mut self) -> R<Expr> {
        let (t, at) = self.lx.peek()?;
        let op = match t {
            Tok::Op("!") => UnOp::Not,
            Tok::Op("-") => UnOp::Neg,
            _ => return self.postfix(),
        };
        self.lx.next()?;
        self.enter(at)?;
        let e = self.unary()?;
        self.depth -= 1;
        Ok(Expr::Unary(op, Box::new(e)))
    }

    fn postfix(&mut self) -> R<Expr> {
        let mut e = self.primary()?;
        loop {
            // no white space before `.` or `[`: `1.a` is a path, `x .5` is not
            if self.lx.rest().starts_with('.') {
                self.lx.pos += 1;
                let key = self.lx.key()?;
                e = Expr::Member(Box::new(e), Seg::Key(key));
            } else if self.lx.rest().starts_with('[') {
                let at = self.lx.pos;
                self.lx.pos += 1;
                if let (Tok::RBracket, _) = self.lx.peek()? {
                    self.lx.next()?;
                    e = Expr::Member(Box::new(e), Seg::All);
                    continue;
                }
                self.enter(at)?;
                let i = self.expr(0)?;
                self.depth -= 1;
                let (t, at) = self.lx.next()?;
                if t != Tok::RBracket {
                    return self.err(at, format!("expected `]`, found {}", t.describe()));
                }
                e = Expr::Member(Box::new(e), Seg::Index(Box::new(i)));
            } else {
                break;
            }
        }
        Ok(e)
    }

    fn primary(&mut self) -> R<Expr> {
        let (t, at) = self.lx.next()?;
        let scenario = self.lx.dialect == Dialect::Scenario;
        match t {
            Tok::Num { value, int } => {
                // `1.field` and `1[2]`: a module id in the scenario dialect
                if scenario && int && (self.lx.rest().starts_with('.') || self.lx.rest().starts_with('[')) {
                    return Ok(Expr::Var(self.lx.src[at..self.lx.pos].to_string()));
                }
                Ok(Expr::Number(value))
            }
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::LParen => {
                let e = self.expr(0)?;
                let (t, at) = self.lx.next()?;
                if t != Tok::RParen {
                    return self.err(at, format!("expected `)`, found {}", t.describe()));
                }
                Ok(e)
            }
            Tok::Ident { name, quoted } => {
                if !quoted && self.lx.rest().starts_with('(') {
                    return self.call(name, at);
                }
                if !quoted {
                    match name.as_str() {
                        "true" => return Ok(Expr::Bool(true)),
                        "false" => return Ok(Expr::Bool(false)),
                        "null" | "undefined" => return Ok(Expr::Null),
                        _ => {}
                    }
                }
                // a scenario names modules by number; `` `1` `` quoted is still module 1, but a
                // quoted word is no variable there (nor could it be printed back)
                let module = quoted && !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit());
                if scenario && !module && !SCENARIO_KEYWORDS.contains(&name.as_str()) {
                    return self.err(at, format!("unknown name `{name}`: expected a module reference such as `1.field`, a function call or a literal"));
                }
                Ok(Expr::Var(name))
            }
            Tok::Close | Tok::End => self.err(at, format!("expected an expression, found {}", t.describe())),
            other => self.err(at, format!("expected an expression, found {}", other.describe())),
        }
    }

    fn call(&mut self, name: String, at: usize) -> R<Expr> {
        let scenario = self.lx.dialect == Dialect::Scenario;
        if scenario && !functions::exists(&name) {
            return self.err(at, format!("unknown function `{name}`"));
        }
        self.lx.pos += 1; // (
        // `not(x)` is `!x`, and nests as deep: the printer writes one for the other, so a
        // template that parsed must not exceed the limit once printed (found by fuzzing)
        let counted = name != "not";
        if counted {
            self.enter(at)?;
        }
        let mut args = Vec::new();
        if let Ok((Tok::RParen, _)) = self.lx.peek() {
            self.lx.next()?;
        } else {
            loop {
                let a = if scenario { self.scenario_arg()? } else { self.expr(0)? };
                args.push(a);
                let (t, at) = self.lx.next()?;
                match t {
                    Tok::Sep => continue,
                    Tok::RParen => break,
                    t => {
                        let sep = if scenario { "`;`" } else { "`,`" };
                        return self.err(at, format!("expected {sep} or `)` after an argument of `{name}`, found {}", t.describe()));
                    }
                }
            }
        }
        if counted {
            self.depth -= 1;
        }
        if name == "not" && args.len() == 1 {
            return Ok(Expr::Unary(UnOp::Not, Box::new(args.pop().unwrap_or(Expr::Null))));
        }
        Ok(Expr::Call(name, args))
    }

    /// An argument in the scenario dialect: an expression when it reads as one up to
    /// the next `;` or `)`, otherwise the unquoted text up to there.
    fn scenario_arg(&mut self) -> R<Expr> {
        self.lx.skip_ws();
        let start = self.lx.pos;
        let depth = self.depth;
        if let Ok((Tok::Sep | Tok::RParen, _)) = self.lx.peek() {
            return Ok(Expr::Str(String::new()));
        }
        if looks_like_date(self.lx.rest()) {
            return self.raw_text();
        }
        let attempt = self.expr(0).and_then(|e| match self.lx.peek()? {
            (Tok::Sep, _) | (Tok::RParen, _) => Ok(e),
            (t, at) => self.err(at, format!("unexpected {}", t.describe())),
        });
        match attempt {
            Ok(e) => Ok(e),
            Err(e) if e.fatal => Err(e),
            Err(_) => {
                self.depth = depth;
                self.lx.pos = start;
                self.raw_text()
            }
        }
    }

    fn raw_text(&mut self) -> R<Expr> {
        let start = self.lx.pos;
        let src = self.lx.src;
        let mut depth = 0usize;
        let mut end = None;
        for (i, c) in src[start..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth > 0 => depth -= 1,
                ')' | ';' if depth == 0 => {
                    end = Some(start + i);
                    break;
                }
                '}' if src[start + i..].starts_with("}}") => {
                    end = Some(start + i);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            return self.err(start, "expected `;` or `)` after an argument");
        };
        self.lx.pos = end;
        Ok(Expr::Str(src[start..end].trim().to_string()))
    }
}

/// `2016-12-28` or `16:03` typed as an argument is a date or a time, not arithmetic:
/// Make's mapper passes it to the function as text.
fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit);
    (digits(0, 4) && b.get(4) == Some(&b'-') && digits(5, 2) && b.get(7) == Some(&b'-') && digits(8, 2))
        || (digits(0, 2) && b.get(2) == Some(&b':') && digits(3, 2))
        || (digits(0, 1) && b.get(1) == Some(&b':') && digits(2, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, d: Dialect) -> Template {
        parse(s, d, &Limits::default()).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn scenario_paths_and_text_arguments() {
        let t = p("Order {{1.id}}", Dialect::Scenario);
        assert_eq!(t.parts[1], Part::Expr(Expr::Member(Box::new(Expr::Var("1".into())), Seg::Key("id".into()))));
        let t = p("{{formatNumber(1.total; 2; .; ,)}}", Dialect::Scenario);
        let Some(Expr::Call(n, a)) = t.single() else { panic!() };
        assert_eq!(n, "formatNumber");
        assert_eq!(a[2], Expr::Str(".".into()));
        assert_eq!(a[3], Expr::Str(",".into()));
        let t = p("{{formatDate(now; YYYY-MM-DD)}}", Dialect::Scenario);
        let Some(Expr::Call(_, a)) = t.single() else { panic!() };
        assert_eq!(a[1], Expr::Str("YYYY-MM-DD".into()));
    }

    #[test]
    fn errors_name_what_was_expected() {
        let e = parse("ab {{1.a + }} cd {{(1}}", Dialect::App, &Limits::default()).unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(e[0].message.contains("expected an expression"), "{:?}", e[0]);
        assert!(e[1].message.contains("expected `)`"), "{:?}", e[1]);
    }

    #[test]
    fn depth_is_limited() {
        let deep = format!("{{{{{}1{}}}}}", "(".repeat(500), ")".repeat(500));
        let e = parse(&deep, Dialect::App, &Limits::default()).unwrap_err();
        assert!(e[0].message.contains("nesting"));
    }
}
