//! Turning a delivery body into JSON. SUMIT sends either `application/json` or a form
//! with one field `json=<url-encoded JSON>` (NOTES.md §6.2), and receivers such as Make
//! may hand the body over already parsed, as the object itself or as `{json: "<text>"}`.
//! The content type is a hint only: the body is sniffed, because proxies and test tools
//! relabel bodies and a wrong label must not drop a card.

use super::limits::MAX_DELIVERY_BYTES;
use crate::error::Error;
use serde_json::Value;

/// The JSON value of a delivery received as bytes (or text) with its content type.
pub fn decode_raw(content_type: Option<&str>, body: &[u8]) -> Result<Value, Error> {
    check_size(body.len())?;
    let text = std::str::from_utf8(body)
        .map_err(|e| Error::at("body", "invalid_encoding", format!("is not UTF-8 text ({e})")))?;
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.is_empty() {
        return Err(Error::at("body", "empty_body", "is empty; a delivery holds one card as JSON"));
    }
    let says_form = content_type.is_some_and(|t| t.to_ascii_lowercase().contains("x-www-form-urlencoded"));
    if trimmed.starts_with('{') || trimmed.starts_with('[') || (!says_form && !looks_like_form(trimmed)) {
        return parse_json(trimmed, "body");
    }
    let json = form_field(trimmed, "json")?
        .ok_or_else(|| Error::at("body", "invalid_body", "is a form without a `json` field; SUMIT sends json=<card as JSON>"))?;
    parse_json(&json, "body.json")
}

/// The delivery inside a body that the receiver already parsed.
pub fn decode_parsed(value: Value) -> Result<Value, Error> {
    match value {
        Value::String(text) => decode_raw(None, text.as_bytes()),
        Value::Object(mut map) if map.len() == 1 && map.contains_key("json") => match map.remove("json") {
            Some(Value::String(text)) => {
                check_size(text.len())?;
                parse_json(&text, "body.json")
            }
            Some(inner @ Value::Object(_)) => Ok(inner),
            _ => Err(Error::at("body.json", "invalid_type", "must be the card as JSON text or an object")),
        },
        other => Ok(other),
    }
}

fn check_size(len: usize) -> Result<(), Error> {
    if len > MAX_DELIVERY_BYTES {
        Err(Error::at(
            "body",
            "too_large",
            format!("is {len} bytes; the limit for one delivery is {MAX_DELIVERY_BYTES} bytes"),
        ))
    } else {
        Ok(())
    }
}

fn parse_json(text: &str, path: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| crate::error::json_refusal(path, &e))
}

fn looks_like_form(text: &str) -> bool {
    text.split('&').any(|pair| pair.split('=').next().is_some_and(|k| k.trim() == "json"))
}

/// The decoded value of the first form field named `name`.
fn form_field(text: &str, name: &str) -> Result<Option<String>, Error> {
    for pair in text.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if percent_decode(key.trim())? == name {
            return percent_decode(value).map(Some);
        }
    }
    Ok(None)
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XY` a byte. A `%`
/// not followed by two hex digits is kept as it is, as browsers do.
fn percent_decode(s: &str) -> Result<String, Error> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b))) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| Error::at("body.json", "invalid_encoding", "decodes to bytes that are not UTF-8"))
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}
