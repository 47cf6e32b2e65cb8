//! The Base (inherited by every module, RPC and webhook attach/detach) and the connection.
//! SUMIT takes the credentials in the JSON body, so the Base merges them into every body;
//! it answers HTTP 200 even for failures, so validity is read from the `Status` envelope:
//! 0 is success, 1 a business error the user can fix (SUMIT's own message, in the language
//! the app asks for, as a DataError), 2 a technical error. A 403 with an empty body is what
//! SUMIT gives under rapid calls.

use super::layout::{Component, Kind, Section};
use super::text::{template, Lang};
use serde_json::Value;

pub const API_BASE: &str = "https://api.sumit.co.il";
pub const CONNECTION_ID: &str = "officeguy";

const BASE: &str = r#"{
  "baseUrl": "https://api.sumit.co.il",
  "headers": { "Content-Language": "en‖he" },
  "body": { "Credentials": { "CompanyID": "{{connection.companyId}}", "APIKey": "{{connection.apiKey}}" } },
  "type": "json",
  "response": {
    "valid": "{{body.Status == 0}}",
    "error": {
      "message": "{{ifempty(body.UserErrorMessage, ifempty(body.TechnicalErrorDetails, \"OfficeGuy answered HTTP \" + statusCode))}}",
      "type": "{{if(body.Status == 1, \"DataError\", \"RuntimeError\")}}",
      "403": { "message": "OfficeGuy refused the call (HTTP 403); this happens when calls come too fast. Wait and retry.", "type": "RateLimitError" }
    }
  },
  "log": { "sanitize": ["request.body.Credentials.APIKey"] }
}"#;

const CONNECTION_PARAMS: &str = r#"[
  {
    "name": "companyId", "type": "uinteger", "required": true,
    "label": "Organisation ID (Company ID)‖מזהה הארגון (Company ID)",
    "help": "The numeric company ID shown in OfficeGuy under Settings > API.‖מספר החברה כפי שהוא מופיע ב-OfficeGuy תחת הגדרות > API."
  },
  {
    "name": "apiKey", "type": "password", "required": true,
    "label": "API key‖מפתח API",
    "help": "A private API key of the organisation (OfficeGuy > Settings > API keys). It is shown in full only once, when created.‖מפתח API פרטי של הארגון (OfficeGuy > הגדרות > מפתחות API). הוא מוצג במלואו פעם אחת בלבד, ביצירתו."
  }
]"#;

pub fn base(lang: Lang) -> Value {
    template(BASE, lang)
}

/// The connection checks the key with `/website/companies/getdetails/` and names itself
/// after the company. It cannot use the Base, so it carries the same checks itself.
pub fn connection(lang: Lang) -> Component {
    let base = base(lang);
    let mut communication = base.clone();
    if let Value::Object(m) = &mut communication {
        m.remove("baseUrl");
        m.insert("url".into(), Value::String(format!("{API_BASE}{}", super::endpoint("getCompanyDetails"))));
        m.insert("method".into(), Value::String("POST".into()));
        let creds = m["body"]["Credentials"].as_object_mut();
        if let Some(c) = creds {
            c.insert("CompanyID".into(), "{{parameters.companyId}}".into());
            c.insert("APIKey".into(), "{{parameters.apiKey}}".into());
        }
        m["response"]["metadata"] = serde_json::json!({ "type": "text", "value": "{{body.Data.Company.Name}}" });
    }
    Component::new(Kind::Connection, CONNECTION_ID)
        .meta("label", "OfficeGuy (SUMIT)")
        .meta("connectionType", "basic")
        .json(Section::Communication, communication)
        .json(Section::Params, template(CONNECTION_PARAMS, lang))
}
