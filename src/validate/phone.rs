//! Phone numbers: Israeli local numbers (`050-1234567`, `02-6234567`, `1-800-123-456`) and
//! international ones (`+44 20 7946 0958`, `00972...`, `972...`). Formatting characters and
//! direction marks are removed; the result is digits, with a leading `+` for international
//! numbers. SUMIT documents no format, so this checks plausibility, not existence.

use super::text::strip_direction_marks;
use super::{kind_of, Checked, Invalid};
use serde_json::Value;

fn bad() -> Invalid {
    Invalid::new(
        "invalid_phone",
        "is not a plausible phone number (expected an Israeli number such as 050-1234567 or an international one such as +44 20 7946 0958)",
    )
}

pub fn phone(v: &Value) -> Checked<String> {
    let raw = match v {
        Value::String(s) => strip_direction_marks(s),
        Value::Number(n) if n.is_u64() => n.to_string(),
        other => return Err(Invalid::new("invalid_type", format!("must be a phone number as text, not {}", kind_of(other)))),
    };
    let mut cleaned = String::new();
    for c in raw.trim().chars() {
        match c {
            ' ' | '\u{00A0}' | '-' | '\u{2010}'..='\u{2015}' | '.' | '(' | ')' | '/' => {}
            '+' if cleaned.is_empty() => cleaned.push('+'),
            '0'..='9' => cleaned.push(c),
            // Arabic-Indic and extended digits a phone keyboard may produce
            _ if c.is_numeric() => match c.to_digit(10).or_else(|| arabic_digit(c)) {
                Some(d) => cleaned.push(char::from(b'0' + d as u8)),
                None => return Err(bad()),
            },
            _ => return Err(bad()),
        }
    }
    let international = if let Some(rest) = cleaned.strip_prefix('+') {
        Some(rest.to_string())
    } else if let Some(rest) = cleaned.strip_prefix("00") {
        Some(rest.to_string())
    } else if cleaned.starts_with("972") && (11..=12).contains(&cleaned.len()) {
        Some(cleaned.clone())
    } else {
        None
    };
    match international {
        Some(digits) => {
            if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
                return Err(bad());
            }
            if let Some(national) = digits.strip_prefix("972") {
                if !(8..=9).contains(&national.len()) || national.starts_with('0') {
                    return Err(bad());
                }
            }
            Ok(format!("+{digits}"))
        }
        None => {
            let local_ok = match cleaned.as_bytes() {
                // 0 + area or mobile prefix: 9 digits (02-6234567) or 10 (050-1234567, 077-...)
                [b'0', second, ..] => *second != b'0' && (9..=10).contains(&cleaned.len()),
                // 1-700 / 1-800 / 1-599 service numbers
                [b'1', ..] => cleaned.len() == 10 && ["1700", "1800", "1599", "1801", "1809"].iter().any(|p| cleaned.starts_with(p)),
                _ => false,
            };
            if local_ok {
                Ok(cleaned)
            } else {
                Err(bad())
            }
        }
    }
}

fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn israeli_and_international_forms() {
        let cases = [
            ("050-1234567", "0501234567"),
            ("(050) 123 4567", "0501234567"),
            ("\u{200F}050-123-4567\u{200E}", "0501234567"),
            ("02-6234567", "026234567"),
            ("077.123.4567", "0771234567"),
            ("1-800-123-456", "1800123456"),
            ("+972 50-123-4567", "+972501234567"),
            ("00972501234567", "+972501234567"),
            ("972501234567", "+972501234567"),
            ("+44 20 7946 0958", "+442079460958"),
            ("+1 (212) 555-0100", "+12125550100"),
            ("٠٥٠١٢٣٤٥٦٧", "0501234567"),
        ];
        for (input, out) in cases {
            assert_eq!(phone(&json!(input)).unwrap(), out, "{input}");
        }
    }

    #[test]
    fn implausible_numbers_are_refused() {
        for bad in ["", "12345", "050-12345", "050-12345678", "00-1234567", "+972 050 123 4567", "+0123456789", "+1234567", "+1234567890123456", "050-123456a", "050+1234567", "phone", "5012345678"] {
            assert_eq!(phone(&json!(bad)).unwrap_err().code, "invalid_phone", "{bad}");
        }
        assert_eq!(phone(&json!(true)).unwrap_err().code, "invalid_type");
    }
}
