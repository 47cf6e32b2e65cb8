//! Amounts as exact decimals, 64-bit ids, bounded integers and booleans.
//!
//! Amounts: numeric text is read digit for digit. A JSON number is read from its shortest
//! decimal form (what JavaScript prints for it), never through float arithmetic; with more
//! than 15 significant digits that form may not be what the user typed, so such numbers
//! are refused with a hint to send text.

use super::{kind_of, Checked, Invalid};
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

fn significant_digits(text: &str) -> usize {
    let mantissa = text.split(['e', 'E']).next().unwrap_or("");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let trimmed = digits.trim_start_matches('0').trim_end_matches('0');
    trimmed.len()
}

fn parse_decimal_text(s: &str) -> Option<Decimal> {
    if s.is_empty() || s.len() > 60 {
        return None;
    }
    // thousands separators only in their usual places: 1,234,567.89
    let plain: String = if s.contains(',') {
        let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
        let digits = int.trim_start_matches(['-', '+']);
        let groups: Vec<&str> = digits.split(',').collect();
        let grouped = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !grouped {
            return None;
        }
        let mut p = int.replace(',', "");
        if let Some(f) = frac {
            p.push('.');
            p.push_str(f);
        }
        p
    } else {
        s.to_string()
    };
    let body = plain.trim_start_matches(['-', '+']);
    let well_formed = !body.is_empty()
        && !body.starts_with('.')
        && !body.ends_with('.')
        && body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+');
    if !well_formed || plain.starts_with("+-") || plain.starts_with("-+") {
        return None;
    }
    if body.contains(['e', 'E']) {
        Decimal::from_scientific(&plain).ok()
    } else {
        Decimal::from_str(&plain).ok()
    }
}

/// An exact decimal from a JSON number or numeric text (`"1,234.50"`, `" 12.5 "`).
pub fn decimal(v: &Value) -> Checked<Decimal> {
    let bad = || Invalid::new("invalid_number", "must be a number such as 12.50");
    match v {
        Value::Number(n) => {
            let text = n.to_string();
            if n.is_f64() && significant_digits(&text) > 15 {
                return Err(Invalid::new(
                    "imprecise_number",
                    "has more than 15 significant digits, more than a JSON number keeps exactly; send it as text",
                ));
            }
            parse_decimal_text(&text).ok_or_else(bad)
        }
        Value::String(s) => parse_decimal_text(s.trim()).ok_or_else(bad),
        other => Err(Invalid::new("invalid_type", format!("must be a number, not {}", kind_of(other)))),
    }
}

/// Any integer, exactly, from a JSON number or text; floats only when whole and within the
/// range a double holds exactly.
fn whole(v: &Value, what: &str) -> Checked<i64> {
    let bad = || Invalid::new(if what == "id" { "invalid_id" } else { "invalid_integer" }, format!("must be a whole number ({what})"));
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Ok(i)
            } else if n.is_u64() {
                Err(Invalid::new("out_of_range", "is larger than a 64-bit integer"))
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                if f.fract() == 0.0 && f.abs() <= MAX_SAFE_INTEGER {
                    Ok(f as i64)
                } else if f.fract() == 0.0 {
                    Err(Invalid::new("imprecise_number", "is too large to be exact as a JSON number; send it as text"))
                } else {
                    Err(bad())
                }
            }
        }
        Value::String(s) => {
            let t = s.trim();
            let digits = t.strip_prefix('-').unwrap_or(t);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            t.parse::<i64>().map_err(|_| Invalid::new("out_of_range", "is larger than a 64-bit integer"))
        }
        other => Err(Invalid::new("invalid_type", format!("must be a whole number, not {}", kind_of(other)))),
    }
}

/// A positive 64-bit identifier (CompanyID, EntityID, folder, view, list), kept exact.
pub fn id(v: &Value) -> Checked<i64> {
    let n = whole(v, "id")?;
    if n < 1 {
        return Err(Invalid::new("invalid_id", "must be a positive identifier"));
    }
    Ok(n)
}

/// A whole number within `min..=max`.
pub fn integer(v: &Value, min: i64, max: i64) -> Checked<i64> {
    let n = whole(v, "integer")?;
    if n < min || n > max {
        return Err(Invalid::new("out_of_range", format!("must be between {min} and {max}")));
    }
    Ok(n)
}

/// `true`/`false`, their text in any case, `1`/`0`, `yes`/`no`.
pub fn boolean(v: &Value) -> Checked<bool> {
    let bad = || Invalid::new("invalid_boolean", "must be true or false");
    match v {
        Value::Bool(b) => Ok(*b),
        Value::Number(n) => match n.as_i64() {
            Some(1) => Ok(true),
            Some(0) => Ok(false),
            _ => Err(bad()),
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Ok(true),
            "false" | "0" | "no" => Ok(false),
            _ => Err(bad()),
        },
        other => Err(Invalid::new("invalid_type", format!("must be true or false, not {}", kind_of(other)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn amounts_are_exact() {
        assert_eq!(decimal(&json!(0.1)).unwrap(), d("0.1"));
        assert_eq!(decimal(&json!("0.10")).unwrap(), d("0.10"));
        assert_eq!(decimal(&json!(" 1,234.56 ")).unwrap(), d("1234.56"));
        assert_eq!(decimal(&json!("-12.5")).unwrap(), d("-12.5"));
        assert_eq!(decimal(&json!(100)).unwrap(), d("100"));
        assert_eq!(decimal(&json!("12345678901234567890.12")).unwrap(), d("12345678901234567890.12"));
        assert_eq!(decimal(&json!(1e21)).unwrap(), d("1000000000000000000000"));
        // 0.1 + 0.2 in floats is 0.30000000000000004: refused rather than guessed
        assert_eq!(decimal(&json!(0.1 + 0.2)).unwrap_err().code, "imprecise_number");
        for bad in ["", "abc", "1.2.3", "1,23", "12,34.5", ".", "1.", "NaN", "Infinity", "₪5", "1 000", "+-1"] {
            assert_eq!(decimal(&json!(bad)).unwrap_err().code, "invalid_number", "{bad}");
        }
        assert_eq!(decimal(&json!(true)).unwrap_err().code, "invalid_type");
    }

    #[test]
    fn ids_keep_64_bits() {
        assert_eq!(id(&json!(9007199254740993u64)).unwrap(), 9007199254740993);
        assert_eq!(id(&json!("9223372036854775807")).unwrap(), i64::MAX);
        assert_eq!(id(&json!(" 42 ")).unwrap(), 42);
        assert_eq!(id(&json!(42.0)).unwrap(), 42);
        assert_eq!(id(&json!("9223372036854775808")).unwrap_err().code, "out_of_range");
        assert_eq!(id(&json!(18446744073709551615u64)).unwrap_err().code, "out_of_range");
        assert_eq!(id(&json!(1e17)).unwrap_err().code, "imprecise_number");
        assert_eq!(id(&json!(4.5)).unwrap_err().code, "invalid_id");
        assert_eq!(id(&json!("4.5")).unwrap_err().code, "invalid_id");
        assert_eq!(id(&json!("0x10")).unwrap_err().code, "invalid_id");
        assert_eq!(id(&json!(0)).unwrap_err().code, "invalid_id");
        assert_eq!(id(&json!(-3)).unwrap_err().code, "invalid_id");
    }

    #[test]
    fn integers_and_booleans() {
        assert_eq!(integer(&json!("10"), 10, 1000).unwrap(), 10);
        assert_eq!(integer(&json!(9), 10, 1000).unwrap_err().code, "out_of_range");
        assert_eq!(integer(&json!("ten"), 10, 1000).unwrap_err().code, "invalid_integer");
        for (v, b) in [(json!(true), true), (json!("FALSE"), false), (json!("1"), true), (json!(0), false), (json!(" yes "), true)] {
            assert_eq!(boolean(&v).unwrap(), b, "{v}");
        }
        assert_eq!(boolean(&json!("maybe")).unwrap_err().code, "invalid_boolean");
        assert_eq!(boolean(&json!(2)).unwrap_err().code, "invalid_boolean");
        assert_eq!(boolean(&json!([])).unwrap_err().code, "invalid_type");
    }
}
