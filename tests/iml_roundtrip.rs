//! Property tests: printing a parsed template and parsing it again gives the same tree,
//! in both dialects; and converting scenario -> app -> scenario gives the same tree.
//! Trees come from a small seeded generator, so failures reproduce.
// host only: these read files and clocks; the wasm build is checked through Node
#![cfg(not(target_arch = "wasm32"))]

use officeguy_make::iml::ast::{BinOp, Expr, Part, Seg, Template, UnOp};
use officeguy_make::iml::functions::NAMES;
use officeguy_make::iml::parser::parse;
use officeguy_make::iml::printer::print;
use officeguy_make::iml::{convert_dialect, Dialect, Limits};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const WORDS: &[&str] = &["a", "id", "First Name", "שם", "x_1", "0", "😀", "", "a;b", "a,b", "}}", "\"q\"", "back\\slash", "tab\there", "line\nbreak", "$ref"];
const NUMBERS: &[f64] = &[0.0, 1.0, 2.5, 42.0, 0.1, 1e21, 1e-7, 123456789.0, 9007199254740992.0];
const OPS: &[BinOp] = &[BinOp::Or, BinOp::And, BinOp::Eq, BinOp::Ne, BinOp::Lt, BinOp::Le, BinOp::Gt, BinOp::Ge, BinOp::Add, BinOp::Sub, BinOp::Mul, BinOp::Div, BinOp::Rem];

/// A tree that both dialects can write: module ids and `now` as roots.
fn expr(r: &mut Rng, depth: usize, app_vars: bool) -> Expr {
    let leaf = depth == 0 || r.below(3) == 0;
    if leaf {
        return match r.below(7) {
            0 => Expr::Null,
            1 => Expr::Bool(r.below(2) == 0),
            2 => Expr::Number(*r.pick(NUMBERS)),
            3 => Expr::Str(r.pick(WORDS).to_string()),
            4 if app_vars => Expr::Var(r.pick(&["parameters", "body", "item", "temp", "`odd`", "שדה"]).trim_matches('`').to_string()),
            4 => Expr::Var("now".into()),
            _ => Expr::Member(Box::new(Expr::Var((1 + r.below(20)).to_string())), Seg::Key(r.pick(WORDS).to_string())),
        };
    }
    let d = depth - 1;
    match r.below(5) {
        0 => Expr::Unary(if r.below(2) == 0 { UnOp::Not } else { UnOp::Neg }, Box::new(expr(r, d, app_vars))),
        1 => Expr::Binary(*r.pick(OPS), Box::new(expr(r, d, app_vars)), Box::new(expr(r, d, app_vars))),
        2 => {
            let name = loop {
                let n = *r.pick(NAMES);
                if n != "not" {
                    break n;
                }
            };
            let args = (0..r.below(4)).map(|_| expr(r, d, app_vars)).collect();
            Expr::Call(name.to_string(), args)
        }
        _ => {
            let seg = match r.below(3) {
                0 => Seg::Key(r.pick(WORDS).to_string()),
                1 => Seg::Index(Box::new(expr(r, d, app_vars))),
                _ => Seg::All,
            };
            Expr::Member(Box::new(expr(r, d, app_vars)), seg)
        }
    }
}

fn template(r: &mut Rng, app_vars: bool) -> Template {
    let mut parts = Vec::new();
    let mut last_text = false;
    for _ in 0..1 + r.below(4) {
        if !last_text && r.below(3) == 0 {
            parts.push(Part::Text(r.pick(&["Order ", " שלום ", "a;b,c", "}", " 😀\n"]).to_string()));
            last_text = true;
        } else {
            parts.push(Part::Expr(expr(r, 4, app_vars)));
            last_text = false;
        }
    }
    Template { parts }
}

#[test]
fn print_then_parse_gives_the_same_tree() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let limits = Limits::default();
    for i in 0..3000 {
        let app_vars = i % 2 == 1;
        let t = template(&mut r, app_vars);
        let dialects: &[Dialect] = if app_vars { &[Dialect::App] } else { &[Dialect::Scenario, Dialect::App] };
        for &d in dialects {
            let text = print(&t, d).unwrap_or_else(|e| panic!("case {i}: cannot print {t:?}: {e:?}"));
            let back = parse(&text, d, &limits).unwrap_or_else(|e| panic!("case {i} ({d:?}): {text}\n{e:?}"));
            assert_eq!(back, t, "case {i} ({d:?}): {text}");
        }
    }
}

#[test]
fn dialect_conversion_round_trips() {
    let mut r = Rng(0xD1B5_4A32_D192_ED03);
    let limits = Limits::default();
    for i in 0..2000 {
        let t = template(&mut r, false);
        let scenario = print(&t, Dialect::Scenario).unwrap();
        let app = convert_dialect(&scenario, Dialect::Scenario, Dialect::App).unwrap_or_else(|e| panic!("case {i}: {scenario}\n{e}"));
        let again = convert_dialect(&app, Dialect::App, Dialect::Scenario).unwrap_or_else(|e| panic!("case {i}: {app}\n{e}"));
        assert_eq!(parse(&again, Dialect::Scenario, &limits).unwrap(), t, "case {i}: {scenario} -> {app} -> {again}");
    }
}

#[test]
fn conversion_examples() {
    assert_eq!(convert_dialect("{{ifempty(1.email; 2.email)}}", Dialect::Scenario, Dialect::App).unwrap(), "{{ifempty(`1`.email, `2`.email)}}");
    assert_eq!(convert_dialect("{{if(1.a = 1 and not(1.b); yes; no)}}", Dialect::Scenario, Dialect::App).unwrap(), "{{if(`1`.a == 1 && !`1`.b, \"yes\", \"no\")}}");
    assert_eq!(convert_dialect("{{formatNumber(1.total; 2; .; ,)}}", Dialect::Scenario, Dialect::App).unwrap(), "{{formatNumber(`1`.total, 2, \".\", \",\")}}");
    let e = convert_dialect("{{parameters.x}}", Dialect::App, Dialect::Scenario).unwrap_err();
    assert_eq!(e.code, "iml_not_convertible");
}

