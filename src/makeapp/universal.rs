//! "Make an API call": any SUMIT endpoint with the app's connection. The path must be
//! relative (Make's rule: an absolute URL would send the credentials elsewhere); the Base
//! adds the credentials to the body the user gives.

use super::base::CONNECTION_ID;
use super::layout::{Component, Kind, Section};
use super::text::{Lang, T};
use serde_json::json;

pub const UNIVERSAL_ID: &str = "apiCall";

pub fn universal(lang: Lang) -> Component {
    let params = json!([
        {
            "name": "url",
            "type": "text",
            "label": T("URL", "כתובת").get(lang),
            "help": T(
                "A path relative to https://api.sumit.co.il, for example /accounting/documents/getdetails/. Credentials are added to the body for you.",
                "נתיב יחסי ל-https://api.sumit.co.il, למשל /accounting/documents/getdetails/. פרטי ההתחברות מתווספים לגוף הבקשה אוטומטית."
            ).get(lang),
            "required": true,
            "validate": { "pattern": "^/[^/]" }
        },
        {
            "name": "body",
            "type": "any",
            "label": T("Body", "גוף הבקשה").get(lang),
            "help": T("The body as a collection (map a JSON object, e.g. from Parse JSON), without Credentials: they are added for you.", "גוף הבקשה כאוסף (מפו אובייקט JSON, למשל מ-Parse JSON), ללא Credentials: הם מתווספים אוטומטית.").get(lang)
        }
    ]);
    let communication = json!({
        "url": "{{parameters.url}}",
        "method": "POST",
        "body": { "{{...}}": "{{parameters.body}}" },
        "response": {
            "output": {
                "status": "{{statusCode}}",
                "body": "{{body}}"
            }
        }
    });
    let interface = json!([
        { "name": "status", "type": "number", "label": T("Status code", "קוד סטטוס").get(lang) },
        { "name": "body", "type": "any", "label": T("Body", "גוף התשובה").get(lang) }
    ]);
    Component::new(Kind::Module, UNIVERSAL_ID)
        .meta("label", T("Make an API call", "ביצוע קריאת API").get(lang))
        .meta("description", T(
            "Calls any OfficeGuy API endpoint with this connection.",
            "קורא לכל נקודת קצה של OfficeGuy API עם החיבור הזה.").get(lang))
        .meta("moduleType", "universal")
        .meta("connection", CONNECTION_ID)
        .json(Section::Communication, communication)
        .json(Section::MappableParams, params)
        .json(Section::Interface, interface)
}
