//! The two languages of the generated app, and texts written in both.

use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    He,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::He];

    pub fn parse(code: &str) -> Result<Lang, Error> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "" => Ok(Lang::En),
            "he" | "iw" => Ok(Lang::He),
            other => Err(Error::at("lang", "unknown_language", format!("`{other}` is not a language of the app; use en or he"))),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::He => "he",
        }
    }
}

/// A text of the app in English and Hebrew.
#[derive(Debug, Clone, Copy)]
pub struct T(pub &'static str, pub &'static str);

impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.0,
            Lang::He => self.1,
        }
    }
}

/// Separates the English and the Hebrew side of a text inside a JSON template.
const SIDES: char = '‖';

/// A JSON template of the app, written as text: static trees cost far less in the wasm as
/// text than as code. A string `"English‖עברית"` becomes the side of `lang`.
pub fn template(text: &str, lang: Lang) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
    pick_sides(&mut v, lang);
    v
}

/// A template whose strings may hold `$NAME` placeholders for computed IML.
pub fn template_with(text: &str, lang: Lang, subs: &[(&str, String)]) -> serde_json::Value {
    let mut filled = text.to_string();
    for (name, value) in subs {
        // the value goes inside a JSON string
        let escaped = serde_json::to_string(value).unwrap_or_default();
        filled = filled.replace(name, &escaped[1..escaped.len() - 1]);
    }
    template(&filled, lang)
}

fn pick_sides(v: &mut serde_json::Value, lang: Lang) {
    match v {
        serde_json::Value::String(s) => {
            if let Some((en, he)) = s.split_once(SIDES) {
                *s = match lang {
                    Lang::En => en.to_string(),
                    Lang::He => he.to_string(),
                };
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| pick_sides(x, lang)),
        serde_json::Value::Object(m) => m.values_mut().for_each(|x| pick_sides(x, lang)),
        _ => {}
    }
}
