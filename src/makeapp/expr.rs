//! IML (app dialect) for reading one param the way the core's request builder reads it
//! (`src/request/reader.rs` and `src/validate/`): blank is "not given" and becomes `null`,
//! which the request leaves out; text is trimmed; numbers and ids from text are parsed;
//! booleans take `yes`/`1`/`true`; enum names, codes and aliases become the integer code;
//! phones lose their formatting; dates become `YYYY-MM-DD` in Israel's time. Each function
//! takes the IML of the value and returns IML, without the braces.

use crate::api::EnumTable;

/// Direction marks that copy-paste from Hebrew leaves around values (as the core strips).
/// The characters themselves, not `\u` escapes: IML string escapes differ between engines,
/// and none of these patterns needs a backslash.
pub const MARKS: &str = "/[\u{200E}\u{200F}\u{061C}\u{202A}-\u{202E}\u{2066}-\u{2069}]/g";

/// What the core removes from a phone number: spaces, no-break spaces, dashes, dots,
/// parentheses and slashes.
const PHONE_NOISE: &str = "/[ \u{00A0}\u{2010}-\u{2015}.()/-]/g";

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Whether `x` is blank: null, `""`, spaces or direction marks only.
pub fn blank(x: &str) -> String {
    format!("trim(replace({x}, \"{MARKS}\", \"\")) == \"\"")
}

/// `null` when `x` is blank (null, `""`, spaces), else `then`.
pub fn given(x: &str, then: &str) -> String {
    format!("if(trim(replace({x}, \"{MARKS}\", \"\")) == \"\", null, {then})")
}

pub fn text(x: &str) -> String {
    given(x, &format!("trim({x})"))
}

/// Multi-line text keeps its spaces and new lines.
pub fn multiline(x: &str) -> String {
    given(x, x)
}

pub fn email(x: &str) -> String {
    given(x, &format!("trim(replace({x}, \"{MARKS}\", \"\"))"))
}

/// Exact decimals and whole numbers from numbers or numeric text (`"1,234.50"`).
pub fn number(x: &str) -> String {
    given(x, &format!("parseNumber({x})"))
}

pub fn boolean(x: &str) -> String {
    format!(
        "switch(lower(trim({x})), \"true\", true, \"1\", true, \"yes\", true, \"false\", false, \"0\", false, \"no\", false, null)"
    )
}

/// A folder by id or name: the API takes it as text.
pub fn folder(x: &str) -> String {
    given(x, &format!("trim(toString({x}))"))
}

/// `YYYY-MM-DD`; a date and time with an offset is read as Israel's calendar day.
pub fn date(x: &str) -> String {
    given(x, &format!("if(length(trim({x})) == 10, trim({x}), formatDate({x}, \"YYYY-MM-DD\", \"Asia/Jerusalem\"))"))
}

/// A phone number without formatting: `00` and `972…` become `+…` (as the core does).
/// Arabic-Indic digits, which the core converts, pass through unchanged here.
pub fn phone(x: &str) -> String {
    let c = format!("replace(trim(replace(toString({x}), \"{MARKS}\", \"\")), \"{PHONE_NOISE}\", \"\")");
    let normalised = format!(
        "if(substring({c}, 0, 1) == \"+\", {c}, if(substring({c}, 0, 2) == \"00\", \"+\" + substring({c}, 2, length({c})), if(substring({c}, 0, 3) == \"972\" && length({c}) >= 11 && length({c}) <= 12, \"+\" + {c}, {c})))"
    );
    given(x, &normalised)
}

/// The enum member's integer code, from its name (any case, without spaces, `_`, `-`,
/// `/`, with or without the document's `" (n)"`), its code, or an alias.
pub fn enumeration(x: &str, table: &EnumTable) -> String {
    let folded = format!("replace(lower(replace(trim(toString({x})), \"/ [(]-?[0-9]+[)]$/\", \"\")), \"/[ _/-]/g\", \"\")");
    let mut cases = Vec::new();
    let fold = |s: &str| -> String {
        s.chars().filter(|c| !matches!(c, ' ' | '_' | '-' | '/')).flat_map(char::to_lowercase).collect()
    };
    for m in table.members {
        cases.push(format!("{}, {}", quote(&fold(m.name)), m.code));
        cases.push(format!("{}, {}", quote(&m.code.to_string()), m.code));
    }
    for (alias, code) in table.aliases {
        cases.push(format!("{}, {}", quote(&fold(alias)), code));
    }
    given(x, &format!("switch({folded}, {}, null)", cases.join(", ")))
}

/// The template of one JSON value: `{{expr}}`.
pub fn t(expr: &str) -> serde_json::Value {
    serde_json::Value::String(format!("{{{{{expr}}}}}"))
}
