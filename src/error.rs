//! The one error type of the core. It crosses the JS boundary as `OfficeGuyError`
//! (see `pkg/lib/errors.js`), so its fields are the JS contract: `code` is stable,
//! `message` is English, `issues` lists every problem of a batch with its path.

use serde::Serialize;
use std::fmt;

/// One problem found in the input, at a path such as `items[2].unitPrice`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub path: String,
    pub code: String,
    pub message: String,
}

impl Issue {
    pub fn new(path: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        Issue { path: path.into(), code: code.into(), message: message.into() }
    }
}

/// Every failure of the core. `status` and `user_message` are set for answers of the
/// OfficeGuy API (`Status` 1 or 2); `http_status` for transport-level failures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Error {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How deep serde_json lets JSON nest: its recursion limit of 128 refuses the 128th level.
pub const MAX_JSON_DEPTH: usize = 127;

/// True when serde_json refused the text for nesting deeper than `MAX_JSON_DEPTH`: a
/// limit (`too_deep`), not a syntax error.
pub fn json_too_deep(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("recursion limit exceeded")
}

/// The `too_deep` error for a JSON text at `path` that nests past `MAX_JSON_DEPTH`.
pub fn too_deep_at(path: &str) -> Error {
    Error::at(path, "too_deep", format!("is nested deeper than {MAX_JSON_DEPTH} levels"))
}

/// Why serde_json refused the JSON text at `path`: `too_deep` (a limit) or `invalid_json`.
pub fn json_refusal(path: &str, e: &serde_json::Error) -> Error {
    if json_too_deep(e) {
        too_deep_at(path)
    } else {
        Error::at(path, "invalid_json", format!("is not valid JSON ({e})"))
    }
}

impl Error {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            code: code.into(),
            message: message.into(),
            issues: Vec::new(),
            status: None,
            user_message: None,
            http_status: None,
            path: None,
        }
    }

    /// An error about one place in the input.
    pub fn at(path: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        let path = path.into();
        let code = code.into();
        let message = message.into();
        let mut e = Error::new(code.clone(), format!("{path}: {message}"));
        e.issues.push(Issue { path: path.clone(), code, message });
        e.path = Some(path);
        e
    }

    /// `invalid_params` with every issue found; the message names how many and the first.
    pub fn invalid_params(issues: Vec<Issue>) -> Self {
        let message = match issues.as_slice() {
            [] => "invalid parameters".to_string(),
            [one] => format!("invalid parameters: {}: {}", one.path, one.message),
            [first, rest @ ..] => format!(
                "invalid parameters: {}: {} (and {} more)",
                first.path,
                first.message,
                rest.len()
            ),
        };
        let mut e = Error::new("invalid_params", message);
        e.issues = issues;
        e
    }

    /// The error with every occurrence of `secret` masked, in every text it carries: an
    /// API or a proxy that quotes the request back must not carry the key into an error.
    pub fn redacted(mut self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        let mask = |s: &mut String| {
            if s.contains(secret) {
                *s = s.replace(secret, "********");
            }
        };
        mask(&mut self.message);
        if let Some(m) = self.user_message.as_mut() {
            mask(m);
        }
        if let Some(p) = self.path.as_mut() {
            mask(p);
        }
        for i in &mut self.issues {
            mask(&mut i.message);
            mask(&mut i.path);
        }
        self
    }

    pub fn with_issues(mut self, issues: Vec<Issue>) -> Self {
        self.issues = issues;
        self
    }

    /// The error as the JSON object that the JS shim turns into `OfficeGuyError`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| {
            r#"{"code":"internal","message":"error could not be serialised"}"#.to_string()
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for Error {}

/// Builds a path such as `items[2].unitPrice` from its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(String);

impl Path {
    pub fn root() -> Self {
        Path(String::new())
    }
    pub fn key(&self, key: &str) -> Self {
        if self.0.is_empty() {
            Path(key.to_string())
        } else {
            Path(format!("{}.{}", self.0, key))
        }
    }
    /// Zero-based index, printed as such (`items[0]`), like JS.
    pub fn index(&self, i: usize) -> Self {
        Path(format!("{}[{}]", self.0, i))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_like_js() {
        let p = Path::root().key("items").index(2).key("unitPrice");
        assert_eq!(p.as_str(), "items[2].unitPrice");
    }

    #[test]
    fn redacted_masks_the_secret_everywhere() {
        let mut e = Error::at("Credentials.k-123", "api_error", "the key k-123 was refused");
        e.user_message = Some("המפתח k-123 אינו תקין".into());
        let e = e.redacted("k-123");
        assert!(!format!("{e:?}").contains("k-123"), "{e:?}");
        assert_eq!(e.user_message.as_deref(), Some("המפתח ******** אינו תקין"));
    }

    #[test]
    fn invalid_params_counts_the_rest() {
        let e = Error::invalid_params(vec![
            Issue::new("a", "required", "is required"),
            Issue::new("b", "required", "is required"),
        ]);
        assert_eq!(e.code, "invalid_params");
        assert!(e.message.contains("and 1 more"));
        assert!(e.to_json().contains("\"issues\""));
    }
}
