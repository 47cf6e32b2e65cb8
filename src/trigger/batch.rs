//! The events of a batch given as one JSON array text. One parse for the whole array is
//! the fast path; when it fails (one event nested past the parser's limit, or one that is
//! not JSON), the array is split into its elements without parsing them and each is read
//! alone, so that one bad event is an error at its index and the others still count.

use crate::error::{json_refusal, Error};
use serde_json::Value;

/// Each event of the array, or the error that reading it gave.
pub fn parse_events(text: &str) -> Result<Vec<Result<Value, Error>>, Error> {
    match serde_json::from_str::<Vec<Value>>(text) {
        Ok(all) => Ok(all.into_iter().map(Ok).collect()),
        Err(_) => {
            let parts = split_array(text).ok_or_else(|| Error::new("invalid_argument", "events: not a JSON array"))?;
            Ok(parts.into_iter().map(parse_one).collect())
        }
    }
}

fn parse_one(text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| json_refusal("event", &e))
}

/// The element texts of a JSON array text, found by a flat scan (strings and escapes
/// tracked, brackets counted), so that no nesting depth can exhaust anything. None when
/// the text is not an array.
fn split_array(text: &str) -> Option<Vec<&str>> {
    let b = text.as_bytes();
    let open = text.find(|c: char| !c.is_ascii_whitespace())?;
    if b[open] != b'[' {
        return None;
    }
    let (mut depth, mut in_str, mut esc) = (0usize, false, false);
    let mut start = open + 1;
    let mut out = Vec::new();
    for (i, &c) in b.iter().enumerate().skip(open + 1) {
        if in_str {
            match c {
                _ if esc => esc = false,
                b'\\' => esc = true,
                b'"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            b'"' => in_str = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth > 0 => depth -= 1,
            b']' => {
                let last = text[start..i].trim();
                if !last.is_empty() {
                    out.push(last);
                }
                return Some(out);
            }
            b',' if depth == 0 => {
                out.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bad_event_is_an_error_at_its_index_and_the_others_are_read() {
        let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let text = format!(r#"[{{"a":"x,]"}}, {{"p":{deep}}}, {{"b":[1,{{"c":"\"]"}}]}}]"#);
        let out = parse_events(&text).unwrap();
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].as_ref().unwrap()["a"], "x,]");
        assert_eq!(out[1].as_ref().unwrap_err().code, "too_deep");
        assert_eq!(out[2].as_ref().unwrap()["b"][1]["c"], "\"]");
        assert!(parse_events("{}").is_err());
        assert_eq!(parse_events("[]").unwrap().len(), 0);
    }
}
