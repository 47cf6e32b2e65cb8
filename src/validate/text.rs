//! Text, e-mail addresses and URLs.

use super::{kind_of, Checked, Invalid};
use serde_json::Value;

/// Direction marks and embeddings that copy-paste from Hebrew text leaves around values.
pub(super) fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

pub fn strip_direction_marks(s: &str) -> String {
    if s.chars().any(is_direction_mark) {
        s.chars().filter(|c| !is_direction_mark(*c)).collect()
    } else {
        s.to_string()
    }
}

/// Only spaces and direction marks.
pub fn is_blank_text(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_direction_mark(c))
}

/// Text up to `max` characters. Numbers are taken as their text (a ZIP code mapped as a
/// number); booleans, lists and objects are refused. Single-line text is trimmed.
pub fn text(v: &Value, max: Option<usize>, multiline: bool) -> Checked<String> {
    let s = match v {
        Value::String(s) => {
            if multiline {
                s.clone()
            } else {
                s.trim().to_string()
            }
        }
        Value::Number(n) => n.to_string(),
        other => return Err(Invalid::new("invalid_type", format!("must be text, not {}", kind_of(other)))),
    };
    if let Some(max) = max {
        let len = s.chars().count();
        if len > max {
            return Err(Invalid::new("too_long", format!("is {len} characters long; the limit is {max}")));
        }
    }
    Ok(s)
}

fn label_ok(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// An e-mail address, `local@domain.tld`; direction marks and surrounding spaces removed.
pub fn email(v: &Value) -> Checked<String> {
    let raw = match v {
        Value::String(s) => strip_direction_marks(s).trim().to_string(),
        other => return Err(Invalid::new("invalid_type", format!("must be an e-mail address, not {}", kind_of(other)))),
    };
    let bad = || Invalid::new("invalid_email", "is not a valid e-mail address (expected name@example.com)");
    if raw.len() > 254 {
        return Err(Invalid::new("too_long", "is longer than the 254 characters an e-mail address may have"));
    }
    let (local, domain) = raw.rsplit_once('@').ok_or_else(bad)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, '!' | '#' | '$' | '%' | '&' | '\'' | '*' | '+' | '-' | '/' | '=' | '?' | '^' | '_' | '`' | '{' | '|' | '}' | '~' | '.')
        });
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| label_ok(l))
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit()));
    if local_ok && domain_ok {
        Ok(raw)
    } else {
        Err(bad())
    }
}

/// An absolute `http` or `https` URL without spaces.
pub fn url(v: &Value, max: Option<usize>) -> Checked<String> {
    let s = text(v, max, false)?;
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| Invalid::new("invalid_url", "must be an absolute http:// or https:// URL"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Invalid::new("invalid_url", "must be an absolute URL with a host and no spaces"));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_trims_counts_characters_and_refuses_other_kinds() {
        assert_eq!(text(&json!("  דנה לוי  "), Some(7), false).unwrap(), "דנה לוי");
        assert_eq!(text(&json!(12345), None, false).unwrap(), "12345");
        assert_eq!(text(&json!(" a\nb "), None, true).unwrap(), " a\nb ");
        assert_eq!(text(&json!("😀😀😀"), Some(3), false).unwrap(), "😀😀😀");
        assert_eq!(text(&json!("abcd"), Some(3), false).unwrap_err().code, "too_long");
        assert_eq!(text(&json!(true), None, false).unwrap_err().code, "invalid_type");
        assert_eq!(text(&json!({"a": 1}), None, false).unwrap_err().code, "invalid_type");
    }

    #[test]
    fn emails() {
        for ok in ["danny@example.com", " a.b+tag@sub.example.co.il ", "\u{200F}dana@example.com", "user@דוגמה.ישראל"] {
            assert!(email(&json!(ok)).is_ok(), "{ok}");
        }
        assert_eq!(email(&json!("\u{200E}dana@example.com\u{200F}")).unwrap(), "dana@example.com");
        for bad in ["", "danny", "danny@", "@example.com", "a@b", "a b@example.com", "a@@example.com", "a..b@example.com", "a@example..com", "a@-x.com", "a@example.c", "a@1.2.3.4", "a,b@example.com"] {
            assert_eq!(email(&json!(bad)).unwrap_err().code, "invalid_email", "{bad}");
        }
        assert_eq!(email(&json!(5)).unwrap_err().code, "invalid_type");
    }

    #[test]
    fn urls() {
        assert!(url(&json!("https://hook.example.com/x?y=1"), None).is_ok());
        assert!(url(&json!("http://127.0.0.1:8080/hook"), None).is_ok());
        for bad in ["ftp://x.com", "example.com/hook", "https://", "https://a b.com", "https:///path"] {
            assert_eq!(url(&json!(bad), None).unwrap_err().code, "invalid_url", "{bad}");
        }
    }
}
