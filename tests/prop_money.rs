//! Money is exact from params to request body: amounts given as decimal text keep every
//! significant digit (the body writes them normalised: 12.50 as 12.5, never with an
//! exponent), amounts given as JSON numbers keep their value, and sums over the body
//! equal sums over the params, in decimal arithmetic.
#![cfg(not(target_arch = "wasm32"))]

use officeguy_make::request::{build_request, Connection};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

/// Canonical decimal text: no leading zeros, up to 13 integer and 6 fraction digits.
fn amount_text(positive: bool) -> impl Strategy<Value = String> {
    (0u64..10_000_000_000_000, 0u32..7, 0u64..1_000_000, any::<bool>()).prop_map(move |(int, scale, frac, neg)| {
        let mut t = int.to_string();
        if scale > 0 {
            let f = frac % 10u64.pow(scale);
            t = format!("{t}.{f:0width$}", width = scale as usize);
        }
        if neg && !positive && t.trim_start_matches(['0', '.']).len() > 0 {
            t = format!("-{t}");
        }
        t
    })
}

fn non_zero(t: &String) -> bool {
    Decimal::from_str(t).unwrap() != Decimal::ZERO
}

/// The number texts that follow `"key":` in a JSON body, in order.
fn numbers_after(body: &str, key: &str) -> Vec<String> {
    let needle = format!("\"{key}\":");
    body.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &body[i + needle.len()..];
            rest[..rest.find([',', '}', ']']).unwrap()].to_string()
        })
        .collect()
}

fn request(params: Value) -> Result<String, officeguy_make::Error> {
    build_request("createDocument", &params, &Connection::new(1, "k")).map(|r| r.body)
}

fn dec(t: &str) -> Decimal {
    Decimal::from_str(t).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn amounts_as_text_keep_every_digit_and_sums_are_exact(
        lines in prop::collection::vec((amount_text(true).prop_filter("> 0", non_zero), amount_text(false)), 1..6),
        paid in prop::collection::vec(amount_text(false).prop_filter("!= 0", non_zero), 1..4),
    ) {
        let items: Vec<Value> = lines.iter().map(|(q, p)| json!({"name": "x", "quantity": q, "unitPrice": p})).collect();
        let payments: Vec<Value> = paid.iter().map(|a| json!({"amount": a, "method": "cash"})).collect();
        let body = request(json!({"type": "InvoiceAndReceipt", "customer": {"name": "n"}, "items": items, "payments": payments})).unwrap();

        let quantities = numbers_after(&body, "Quantity");
        let prices = numbers_after(&body, "UnitPrice");
        let amounts = numbers_after(&body, "Amount");
        let normal = |t: &str| dec(t).normalize().to_string();
        let given_q: Vec<String> = lines.iter().map(|(q, _)| normal(q)).collect();
        let given_p: Vec<String> = lines.iter().map(|(_, p)| normal(p)).collect();
        let given_a: Vec<String> = paid.iter().map(|a| normal(a)).collect();
        prop_assert_eq!(&quantities, &given_q);
        prop_assert_eq!(&prices, &given_p);
        prop_assert_eq!(&amounts, &given_a);

        let total = |q: &[String], p: &[String]| q.iter().zip(p).map(|(q, p)| dec(q) * dec(p)).sum::<Decimal>();
        let given_total: Decimal = lines.iter().map(|(q, p)| dec(q) * dec(p)).sum();
        prop_assert_eq!(total(&quantities, &prices), given_total);
        prop_assert_eq!(amounts.iter().map(|a| dec(a)).sum::<Decimal>(), paid.iter().map(|a| dec(a)).sum::<Decimal>());
    }

    /// A JSON number with up to 15 significant digits (all a double keeps) arrives as
    /// the same decimal.
    #[test]
    fn amounts_as_numbers_keep_their_value(digits in "[1-9][0-9]{0,14}", point in 0usize..16) {
        let point = point.min(digits.len());
        let text = if point == 0 { digits.clone() } else { format!("{}.{}", &digits[..digits.len() - point], &digits[digits.len() - point..]) };
        let text = if text.starts_with('.') { format!("0{text}") } else { text };
        let body = request(serde_json::from_str(&format!(
            r#"{{"type": "Receipt", "customer": {{"name": "n"}}, "payments": [{{"amount": {text}, "method": "cash"}}]}}"#
        )).unwrap()).unwrap();
        prop_assert_eq!(dec(&numbers_after(&body, "Amount")[0]), dec(&text));
    }

    /// A double whose shortest text (JavaScript's `String(x)`) needs more than 15
    /// significant digits is refused rather than sent rounded; any other is sent as that
    /// text's value.
    #[test]
    fn numbers_a_double_cannot_carry_are_refused(x in 0.001f64..1e12) {
        let shown = format!("{x}");
        let significant = shown.replace('.', "").trim_start_matches('0').trim_end_matches('0').len();
        let params = json!({"type": "Receipt", "customer": {"name": "n"}, "payments": [{"amount": x, "method": "cash"}]});
        match request(params) {
            Ok(body) => {
                prop_assert!(significant <= 15, "{} was sent", shown);
                prop_assert_eq!(dec(&numbers_after(&body, "Amount")[0]), dec(&shown));
            }
            Err(e) => {
                prop_assert!(significant > 15, "{} refused: {:?}", shown, e);
                prop_assert_eq!(&e.issues[0].path, "payments[0].amount");
                prop_assert_eq!(&e.issues[0].code, "imprecise_number");
            }
        }
    }
}
