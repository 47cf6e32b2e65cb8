//! The Base (inherited by every module, RPC and webhook attach/detach) and the connection.
//! SUMIT takes the credentials in the JSON body, so the Base merges them into every body;
//! it answers HTTP 200 even for failures, so validity is read from the `Status` envelope.

use super::layout::{Component, Kind, Section};
use super::text::{Lang, T};
use serde_json::{json, Value};

pub const API_BASE: &str = "https://api.sumit.co.il";
pub const CONNECTION_ID: &str = "officeguy";

/// Where the API key is in a logged request; Make blanks it in logs.
pub const SANITIZE: &str = "request.body.Credentials.APIKey";

/// `Status` 0 is success; 1 is a business error that the user can fix (SUMIT's message is
/// shown as is, in the language the app asked for), 2 a technical error. A 403 with an empty
/// body is what SUMIT gives under rapid calls.
fn response_checks() -> Value {
    json!({
        "valid": "{{body.Status == 0}}",
        "error": {
            "message": "{{ifempty(body.UserErrorMessage, ifempty(body.TechnicalErrorDetails, \"OfficeGuy answered HTTP \" + statusCode))}}",
            "type": "{{if(body.Status == 1, \"DataError\", \"RuntimeError\")}}",
            "403": {
                "message": "OfficeGuy refused the call (HTTP 403); this happens when calls come too fast. Wait and retry.",
                "type": "RateLimitError"
            }
        }
    })
}

fn credentials(from: &str) -> Value {
    json!({
        "Credentials": {
            "CompanyID": format!("{{{{{from}.companyId}}}}"),
            "APIKey": format!("{{{{{from}.apiKey}}}}"),
        }
    })
}

pub fn base(lang: Lang) -> Value {
    json!({
        "baseUrl": API_BASE,
        "headers": { "Content-Language": lang.code() },
        "body": credentials("connection"),
        "type": "json",
        "response": response_checks(),
        "log": { "sanitize": [SANITIZE] }
    })
}

pub fn connection(lang: Lang) -> Component {
    let params = json!([
        {
            "name": "companyId",
            "type": "uinteger",
            "label": T("Organisation ID (Company ID)", "מזהה הארגון (Company ID)").get(lang),
            "help": T(
                "The numeric company ID shown in OfficeGuy under Settings > API.",
                "מספר החברה כפי שהוא מופיע ב-OfficeGuy תחת הגדרות > API."
            ).get(lang),
            "required": true
        },
        {
            "name": "apiKey",
            "type": "password",
            "label": T("API key", "מפתח API").get(lang),
            "help": T(
                "A private API key of the organisation (OfficeGuy > Settings > API keys). It is shown in full only once, when created.",
                "מפתח API פרטי של הארגון (OfficeGuy > הגדרות > מפתחות API). הוא מוצג במלואו פעם אחת בלבד, ביצירתו."
            ).get(lang),
            "required": true
        }
    ]);
    let body = credentials("parameters");
    let mut response = response_checks();
    response["metadata"] = json!({ "type": "text", "value": "{{body.Data.Company.Name}}" });
    let communication = json!({
        "url": format!("{API_BASE}/website/companies/getdetails/"),
        "method": "POST",
        "headers": { "Content-Language": lang.code() },
        "body": body,
        "type": "json",
        "response": response,
        "log": { "sanitize": [SANITIZE] }
    });
    Component::new(Kind::Connection, CONNECTION_ID)
        .meta("label", T("OfficeGuy (SUMIT)", "OfficeGuy (SUMIT)").get(lang))
        .meta("connectionType", "basic")
        .json(Section::Communication, communication)
        .json(Section::Params, params)
}
