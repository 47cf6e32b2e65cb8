//! Bad input never panics: every field of every action gets a stream of odd values
//! (multi-byte text at the places parsers cut, huge numbers, nesting) and must answer with
//! issues or a request, nothing else.

use officeguy_make::catalog::catalog;
use officeguy_make::request::{build_request, parse_response, validate_params, Connection};
use serde_json::{json, Value};

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "0", "5", "9", "-", "+", ":", ".", ",", "T", "Z", "e", "E", " ", "2026-11-30", "T10:00", "+03:00", "€", "é", "ש", "👋",
    "\u{200F}", "\u{202E}", "@", "example.com", "(", ")", "/", "..", "%", "\\", "\"", "\u{0}", "972", "050", "1e400", "9223372036854775808",
];

fn odd_string(rng: &mut Rng) -> String {
    let n = rng.next() % 14;
    (0..n).map(|_| *rng.pick(PIECES)).collect()
}

fn odd_value(rng: &mut Rng, depth: u32) -> Value {
    match rng.next() % 10 {
        0 => Value::Null,
        1 => json!(rng.next() % 2 == 0),
        2 => json!(rng.next() as i64),
        3 => json!(f64::from_bits(rng.next() >> 2)),
        4 => json!(u64::MAX),
        5 if depth < 3 => Value::Array((0..rng.next() % 4).map(|_| odd_value(rng, depth + 1)).collect()),
        6 if depth < 3 => {
            let mut m = serde_json::Map::new();
            for _ in 0..rng.next() % 4 {
                m.insert(odd_string(rng), odd_value(rng, depth + 1));
            }
            Value::Object(m)
        }
        _ => Value::String(odd_string(rng)),
    }
}

#[test]
fn no_field_value_makes_anything_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let conn = Connection::new(1, "k");
    for action in &catalog().actions {
        for _ in 0..300 {
            let mut params = serde_json::Map::new();
            for f in &action.fields {
                if rng.next() % 3 != 0 {
                    params.insert(f.name.clone(), odd_value(&mut rng, 0));
                }
            }
            let params = Value::Object(params);
            let issues = validate_params(&action.key, &params);
            match build_request(&action.key, &params, &conn) {
                Ok(r) => {
                    assert!(issues.is_empty(), "{} {params}", action.key);
                    serde_json::from_str::<Value>(&r.body).expect("a built body is JSON");
                }
                Err(e) => assert_eq!(e.issues, issues, "{} {params}", action.key),
            }
        }
    }
}

#[test]
fn odd_answers_never_panic() {
    let mut rng = Rng(42);
    for _ in 0..2000 {
        let body = match rng.next() % 3 {
            0 => odd_string(&mut rng),
            1 => json!({"Status": odd_value(&mut rng, 0), "Data": odd_value(&mut rng, 0), "UserErrorMessage": odd_value(&mut rng, 1)}).to_string(),
            _ => odd_value(&mut rng, 0).to_string(),
        };
        let status = *rng.pick(&[0u16, 200, 204, 299, 300, 403, 500, 65535]);
        let _ = parse_response("createDocument", status, &body);
    }
}

#[test]
fn deep_nesting_is_refused_cleanly() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(parse_response("listFolders", 200, &deep).is_err());
    let mut v = json!("x");
    for _ in 0..100 {
        v = json!({"a": v});
    }
    let issues = validate_params("createCard", &json!({"folder": "1", "properties": {"deep": v}}));
    assert!(issues.is_empty(), "a deep property value passes through: {issues:?}");
}
