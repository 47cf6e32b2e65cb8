//! Answers become Data, or errors with the codes a caller branches on.

use officeguy_make::request::{parse_response, safe_to_retry};

#[test]
fn success_gives_data_with_exact_ids() {
    let data = parse_response(
        "createDocument",
        200,
        r#"{"Status":0,"UserErrorMessage":null,"TechnicalErrorDetails":null,"Data":{"DocumentID":9007199254740993,"DocumentNumber":10003,"CustomerID":2389918411,"DocumentDownloadURL":"https://x/y","DocumentPaymentURL":null}}"#,
    )
    .unwrap();
    assert_eq!(data["DocumentID"].as_u64(), Some(9_007_199_254_740_993));
    assert_eq!(data["DocumentNumber"], 10003);
}

#[test]
fn status_as_the_spec_writes_it() {
    for status in ["\"Success\"", "\"Success (0)\"", "0"] {
        let body = format!(r#"{{"Status":{status},"Data":{{"EntityID":5}}}}"#);
        assert_eq!(parse_response("createCard", 200, &body).unwrap()["EntityID"], 5, "{status}");
    }
}

#[test]
fn empty_envelopes_give_an_empty_object() {
    let data = parse_response("sendDocument", 200, r#"{"Status":0,"UserErrorMessage":null,"TechnicalErrorDetails":null}"#).unwrap();
    assert_eq!(data, serde_json::json!({}));
}

#[test]
fn business_and_technical_errors_are_api_errors() {
    let e = parse_response("createDocument", 200, r#"{"Status":1,"UserErrorMessage":"המערכת מגבילה הפקת מסמכים בתאריך עבר","Data":null}"#).unwrap_err();
    assert_eq!(e.code, "api_error");
    assert_eq!(e.status, Some(1));
    assert_eq!(e.user_message.as_deref(), Some("המערכת מגבילה הפקת מסמכים בתאריך עבר"));
    assert!(e.message.contains("Status 1"));
    let e = parse_response("listFolders", 200, r#"{"Status":"TechnicalError (2)","TechnicalErrorDetails":"NullReference"}"#).unwrap_err();
    assert_eq!((e.code.as_str(), e.status), ("api_error", Some(2)));
    assert!(e.user_message.is_none() && e.message.contains("NullReference"));
}

#[test]
fn unknown_status_is_never_success() {
    for body in [r#"{"Status":3,"Data":{}}"#, r#"{"Status":"OK","Data":{}}"#, r#"{"Data":{}}"#, r#"{"Status":null}"#, "[]", "\"Success\""] {
        assert_eq!(parse_response("listFolders", 200, body).unwrap_err().code, "invalid_response", "{body}");
    }
}

#[test]
fn transport_failures() {
    let e = parse_response("listFolders", 403, "").unwrap_err();
    assert_eq!((e.code.as_str(), e.http_status), ("http_error", Some(403)));
    let e = parse_response("listFolders", 502, "<html>Bad gateway</html>").unwrap_err();
    assert_eq!((e.code.as_str(), e.http_status), ("http_error", Some(502)));
    assert_eq!(parse_response("listFolders", 200, "%PDF-1.7").unwrap_err().code, "invalid_response");
    assert_eq!(parse_response("listFolders", 200, "").unwrap_err().code, "invalid_response");
    assert_eq!(parse_response("nope", 200, "{}").unwrap_err().code, "unknown_action");
}

#[test]
fn reads_are_safe_to_retry_and_writes_are_not() {
    for read in ["getCard", "getCompanyDetails", "listFolders", "getFolder", "listViews", "listEntities", "getEntity", "listEmailLists", "listSmsLists", "listSmsSenders"] {
        assert!(safe_to_retry(read), "{read}");
    }
    for write in ["createCustomer", "createDocument", "sendSms", "addToEmailList", "addToSmsList", "createCard", "apiCall", "updateCard", "sendDocument", "archiveCard", "deleteCard", "subscribeTrigger", "unsubscribeTrigger", "nope"] {
        assert!(!safe_to_retry(write), "{write}");
    }
}
