//! `replace` and `split` with `/pattern/flags` arguments: JavaScript's semantics, as Node
//! gives them (each expected value is what V8 returns for the same call; the Node suite
//! tests/node/iml-regex.test.mjs compares many more against V8 itself).
// host only: the wasm build is checked through Node
#![cfg(not(target_arch = "wasm32"))]

use officeguy_make::iml::{self, Dialect, Options};
use serde_json::{json, Value};

fn eval(template: &str, context: Value) -> Result<Value, officeguy_make::Error> {
    let mut o = Options::new(Dialect::App);
    o.now = Some(0);
    iml::evaluate(template, &context, &o)
}

/// (function, text, /pattern/flags, replacement or null for split, expected)
fn table() -> Vec<(&'static str, &'static str, &'static str, Option<&'static str>, Value)> {
    vec![
        ("replace", "Phone number 777111222", "/number (\\d+)/", Some("number: +420$1"), json!("Phone number: +420777111222")),
        ("replace", "a@b c@d", "/(\\w+)@(\\w+)/g", Some("$2 at $1"), json!("b at a d at c")),
        ("replace", "2024-03-10", "/(?<y>\\d+)-(?<m>\\d+)-(?<d>\\d+)/", Some("$<d>/$<m>/$<y>"), json!("10/03/2024")),
        ("replace", "1234567.891", "/\\B(?=(\\d{3})+(?!\\d))/g", Some(","), json!("1,234,567.891")),
        ("replace", "cost $12.50 or $7", "/(?<=\\$)\\d+(\\.\\d+)?/g", Some("#"), json!("cost $# or $#")),
        ("replace", "price 10 USD, 20 EUR", "/\\d+(?! USD)/g", Some("N"), json!("price N0 USD, N EUR")),
        ("replace", "mississippi", "/(\\w)\\1/g", Some("[$1$1]"), json!("mi[ss]i[ss]i[pp]i")),
        ("replace", "abc", "/x*/g", Some("-"), json!("-a-b-c-")),
        ("replace", "abc", "/$/", Some("!"), json!("abc!")),
        ("replace", "aaa", "/a*?/g", Some("-"), json!("-a-a-a-")),
        ("replace", "abc", "/b/", Some("[$`|$&|$']"), json!("a[a|b|c]c")),
        ("replace", "abc", "/(b)/", Some("$$1 $2 $01 $10 $<x>"), json!("a$1 $2 b b0 $<x>c")),
        ("replace", "line1\nline2", "/^/gm", Some("> "), json!("> line1\n> line2")),
        ("replace", "a\nb", "/a.b/s", Some("X"), json!("X")),
        ("replace", "שלום עולם", "/(\\S+) (\\S+)/", Some("$2 $1"), json!("עולם שלום")),
        ("replace", "ÉCOLE école", "/école/gi", Some("x"), json!("x x")),
        ("replace", "ΣΊΣΥΦΟΣ σίσυφος", "/σίσυφος/gi", Some("x"), json!("x x")),
        ("replace", "a\u{a0}b\u{3000}c", "/\\s/g", Some("_"), json!("a_b_c")),
        ("replace", "aaa", "/a/y", Some("b"), json!("baa")),
        ("replace", "baa", "/a/y", Some("b"), json!("baa")),
        ("replace", "aab", "/a/gy", Some("x"), json!("xxb")),
        ("replace", "b", "/(a*)*/", Some("[$1]"), json!("[]b")),
        ("replace", "ab", "/(?:(a)|b)+/", Some("[$1]"), json!("[]")),
        ("replace", "a{b}", "/{b}/", Some("c"), json!("ac")),
        ("replace", "x]y", "/]/", Some("-"), json!("x-y")),
        ("replace", "abc", "/\\141/", Some("A"), json!("Abc")),
        ("split", "a1b2c3", "/\\d/", None, json!(["a", "b", "c", ""])),
        ("split", "a1b2c3", "/(\\d)/", None, json!(["a", "1", "b", "2", "c", "3", ""])),
        ("split", "a-b+c", "/(-)|(\\+)/", None, json!(["a", "-", null, "b", null, "+", "c"])),
        ("split", "abc", "//", None, json!(["a", "b", "c"])),
        ("split", "abc", "/(?:)/", None, json!(["a", "b", "c"])),
        ("split", "", "/x/", None, json!([""])),
        ("split", "", "/x*/", None, json!([])),
        ("split", "axxb", "/x*/", None, json!(["a", "b"])),
        ("split", "John, George,Paul", "/\\s*,\\s*/", None, json!(["John", "George", "Paul"])),
        ("split", "one  two\tthree", "/\\s+/", None, json!(["one", "two", "three"])),
        ("split", "שלום, עולם", "/,\\s*/", None, json!(["שלום", "עולם"])),
        ("split", "a1b", "/(?=b)/", None, json!(["a1", "b"])),
        ("split", "ab", "/(?<=a)/", None, json!(["a", "b"])),
    ]
}

#[test]
fn replace_and_split_give_what_javascript_gives() {
    let mut wrong = Vec::new();
    for (f, s, p, r, want) in table() {
        let t = if f == "replace" { "{{replace(item.s, item.p, item.r)}}" } else { "{{split(item.s, item.p)}}" };
        let got = eval(t, json!({"item": {"s": s, "p": p, "r": r}}));
        if got.as_ref().ok() != Some(&want) {
            wrong.push(format!("{f}({s:?}, {p}, {r:?}): want {want}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn split_gives_null_for_a_group_that_did_not_take_part() {
    // JS gives undefined there; null is IML's nearest value
    let got = eval("{{split(item.s, item.p)}}", json!({"item": {"s": "a-b", "p": "/(-)|(\\+)/"}})).unwrap();
    assert_eq!(got, json!(["a", "-", null, "b"]));
}

#[test]
fn an_unknown_flag_makes_the_argument_plain_text() {
    // /x/z is not a regex in JS (no flag z): Make replaces the text itself
    let got = eval("{{replace(item.s, item.p, \"y\")}}", json!({"item": {"s": "a/x/z b", "p": "/x/z"}})).unwrap();
    assert_eq!(got, json!("ay b"));
    let got = eval("{{replace(item.s, item.p, \"y\")}}", json!({"item": {"s": "xx", "p": "/x/dgimsuy"}})).unwrap();
    assert_eq!(got, json!("yy"));
    // nor is a flag given twice (JS throws): plain text again
    let got = eval("{{replace(item.s, item.p, \"y\")}}", json!({"item": {"s": "x/x/gg", "p": "/x/gg"}})).unwrap();
    assert_eq!(got, json!("xy"));
}

#[test]
fn a_pattern_javascript_rejects_is_an_error_naming_the_argument() {
    for p in ["/a**/", "/(/", "/[z-a]/", "/\\p{L}/u", "/(?<a>x)(?<a>y)/", "/\\k<nope>(?<a>x)/"] {
        let e = eval("{{split(item.s, item.p)}}", json!({"item": {"s": "a", "p": p}})).unwrap_err();
        assert_eq!(e.code, "iml_eval", "{p}");
        assert!(e.message.starts_with("split: argument 2: is not a regular expression: "), "{p}: {}", e.message);
    }
    let e = eval("{{split(item.s, item.p)}}", json!({"item": {"s": "a", "p": format!("/{}a{}/", "(".repeat(70), ")".repeat(70))}})).unwrap_err();
    assert_eq!(e.code, "iml_limit", "{}", e.message);
}

#[test]
fn look_behind_with_a_quantified_back_reference_inside_a_long_text() {
    // a look-behind matches backwards, captures included; the memo is off (a back-reference)
    // but the text is long and the answer must still come, under the work limit
    let s = format!("{}x=1;y=22;", "ab".repeat(20_000));
    let got = eval("{{replace(item.s, item.p, \"<$1$&>\")}}", json!({"item": {"s": s, "p": "/(?<=(\\w)=)(\\d)\\2*/g"}})).unwrap();
    let got = got.as_str().unwrap();
    assert!(got.ends_with("abx=<x1>;y=<y22>;") && got.len() == s.len() + 6, "{}", &got[got.len().saturating_sub(40)..]);
}

