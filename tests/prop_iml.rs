//! Properties of IML, over generated trees and numbers (proptest: a failure shrinks to
//! a minimal case). tests/iml_roundtrip.rs holds the seeded hand-rolled generator over
//! Make's own vocabulary; these add arbitrary text, keys, names and numbers.
// host only: the wasm build is checked through Node
#![cfg(not(target_arch = "wasm32"))]

use officeguy_make::iml::ast::{BinOp, Expr, Part, Seg, Template, UnOp};
use officeguy_make::iml::functions::NAMES;
use officeguy_make::iml::parser::parse;
use officeguy_make::iml::printer::print;
use officeguy_make::iml::{self, Dialect, Limits, Options};
use proptest::prelude::*;
use serde_json::json;

const OPS: [BinOp; 13] = [BinOp::Or, BinOp::And, BinOp::Eq, BinOp::Ne, BinOp::Lt, BinOp::Le, BinOp::Gt, BinOp::Ge, BinOp::Add, BinOp::Sub, BinOp::Mul, BinOp::Div, BinOp::Rem];

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0u64..1_000_000).prop_map(|n| n as f64),
        (0u64..100_000, 0u32..6).prop_map(|(n, d)| n as f64 / 10f64.powi(d as i32)),
        any::<u64>().prop_map(|bits| f64::from_bits(bits >> 1)).prop_filter("finite", |x| x.is_finite()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    any::<String>().prop_map(|s| s.chars().take(12).collect())
}

/// A key or name: anything but a backtick, which IML has no way to write (the printer
/// refuses such a tree with a clear error instead).
fn name() -> impl Strategy<Value = String> {
    text().prop_map(|s| s.replace('`', ""))
}

fn leaf(app: bool) -> BoxedStrategy<Expr> {
    let root: BoxedStrategy<Expr> = if app {
        prop_oneof![
            "[a-zA-Z_][a-zA-Z0-9_]{0,6}".prop_map(Expr::Var),
            name().prop_filter("a name", |s| !s.is_empty()).prop_map(Expr::Var),
        ]
        .boxed()
    } else {
        // a module id stands only before a member (`1.a`); alone, `1` is a number
        prop_oneof![(1u32..300).prop_map(|n| Expr::Var(n.to_string())), Just(Expr::Var("now".into()))].boxed()
    };
    let bare = if app { root.clone() } else { Just(Expr::Var("now".into())).boxed() };
    prop_oneof![
        Just(Expr::Null),
        any::<bool>().prop_map(Expr::Bool),
        number().prop_map(Expr::Number),
        text().prop_map(Expr::Str),
        bare,
        (root, name()).prop_map(|(r, k)| Expr::Member(Box::new(r), Seg::Key(k))),
    ]
    .boxed()
}

fn expr(app: bool) -> impl Strategy<Value = Expr> {
    leaf(app).prop_recursive(4, 24, 3, |inner| {
        let names: Vec<&'static str> = NAMES.iter().copied().filter(|n| *n != "not").collect();
        prop_oneof![
            (any::<bool>(), inner.clone()).prop_map(|(not, e)| Expr::Unary(if not { UnOp::Not } else { UnOp::Neg }, Box::new(e))),
            (prop::sample::select(OPS.to_vec()), inner.clone(), inner.clone()).prop_map(|(op, a, b)| Expr::Binary(op, Box::new(a), Box::new(b))),
            (prop::sample::select(names), prop::collection::vec(inner.clone(), 0..4)).prop_map(|(n, args)| Expr::Call(n.to_string(), args)),
            (inner.clone(), name()).prop_map(|(e, k)| Expr::Member(Box::new(e), Seg::Key(k))),
            (inner.clone(), inner.clone()).prop_map(|(e, i)| Expr::Member(Box::new(e), Seg::Index(Box::new(i)))),
            inner.prop_map(|e| Expr::Member(Box::new(e), Seg::All)),
        ]
    })
}

/// Text between expressions: anything without `{`, which would start an expression.
fn template(app: bool) -> impl Strategy<Value = Template> {
    let part = prop_oneof![
        1 => "[^{]{1,8}".prop_map(Part::Text),
        3 => expr(app).prop_map(Part::Expr),
    ];
    prop::collection::vec(part, 1..4).prop_map(|parts| {
        // adjacent texts are one text
        let mut out: Vec<Part> = Vec::new();
        for p in parts {
            match (out.last_mut(), p) {
                (Some(Part::Text(a)), Part::Text(b)) => a.push_str(&b),
                (_, p) => out.push(p),
            }
        }
        Template { parts: out }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn scenario_templates_print_and_parse_back(t in template(false)) {
        for d in [Dialect::Scenario, Dialect::App] {
            let text = print(&t, d).unwrap();
            let back = parse(&text, d, &Limits::default());
            prop_assert_eq!(back.as_ref().ok(), Some(&t), "{:?} printed as {}: {:?}", d, text, back.as_ref().err());
        }
    }

    #[test]
    fn app_templates_print_and_parse_back(t in template(true)) {
        let text = print(&t, Dialect::App).unwrap();
        let back = parse(&text, Dialect::App, &Limits::default());
        prop_assert_eq!(back.as_ref().ok(), Some(&t), "printed as {}: {:?}", text, back.as_ref().err());
    }

    /// A number literal reads as JavaScript's `Number(text)` does: the nearest double.
    #[test]
    fn number_literals_read_to_the_nearest_double(int in "[1-9][0-9]{0,40}", frac in "[0-9]{0,30}", exp in -340i32..320) {
        let lit = if frac.is_empty() { format!("{int}e{exp}") } else { format!("{int}.{frac}e{exp}") };
        let want: f64 = lit.parse().unwrap();
        let mut o = Options::new(Dialect::App);
        o.now = Some(0);
        let got = iml::evaluate(&format!("{{{{{lit}}}}}"), &json!({}), &o).unwrap();
        if want.is_finite() {
            prop_assert_eq!(got.as_f64().map(f64::to_bits), Some(want.to_bits()), "{}", lit);
        } else {
            prop_assert!(got.is_null() || got.as_f64().is_none(), "{} gave {}", lit, got);
        }
    }
}
