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
