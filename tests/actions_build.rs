//! Valid params of every action become the exact request a user expects.

mod actions_common;

use actions_common::*;
use officeguy_make::request::{build_request, Connection};
use serde_json::json;

#[test]
fn every_request_is_a_post_with_json_headers_and_credentials_first() {
    let r = request("listFolders", json!({}));
    assert_eq!(r.method, "POST");
    assert_eq!(r.url, "https://api.sumit.co.il/crm/schema/listfolders/");
    assert_eq!(r.headers["Content-Type"], "application/json");
    assert!(!r.headers.contains_key("Content-Language"));
    assert_eq!(r.body, format!("{{\"Credentials\":{{\"CompanyID\":123456,\"APIKey\":\"{KEY}\"}}}}"));
}

#[test]
fn base_url_language_and_a_64_bit_company_id() {
    let mut c = Connection::new(9_007_199_254_740_993, KEY);
    c.base_url = Some("http://127.0.0.1:8787/".into());
    c.language = Some("en".into());
    let r = build_request("getCompanyDetails", &json!({}), &c).unwrap();
    assert_eq!(r.url, "http://127.0.0.1:8787/website/companies/getdetails/");
    assert_eq!(r.headers["Content-Language"], "en");
    assert!(r.body.contains("\"CompanyID\":9007199254740993"), "{}", r.body);
}

#[test]
fn create_customer() {
    let b = body(
        "createCustomer",
        json!({"name": " דנה לוי ", "email": "dana@example.com", "phone": "050-123-4567", "companyNumber": 514000123,
               "externalId": "cust-42", "address": "הרצל 1", "city": "תל אביב", "zip": "6100000", "noVat": "false",
               "searchMode": "ExternalIdentifier"}),
    );
    assert_eq!(
        b,
        json!({"Details": {"Name": "דנה לוי", "Phone": "0501234567", "EmailAddress": "dana@example.com", "City": "תל אביב",
               "Address": "הרצל 1", "ZipCode": "6100000", "CompanyNumber": "514000123", "ExternalIdentifier": "cust-42",
               "NoVAT": false, "SearchMode": 2}})
    );
    // empty strings are "not given": nothing is sent for them
    let b = body("createCustomer", json!({"name": "Dana", "email": "", "phone": "", "searchMode": ""}));
    assert_eq!(b, json!({"Details": {"Name": "Dana"}}));
    // a search mode finds by its key, no name needed
    let b = body("createCustomer", json!({"phone": "+972 50 1234567", "searchMode": 5}));
    assert_eq!(b, json!({"Details": {"Phone": "+972501234567", "SearchMode": 5}}));
}

#[test]
fn create_document_invoice_receipt_matches_the_notes_example() {
    let b = body(
        "createDocument",
        json!({"type": "InvoiceAndReceipt",
               "customer": {"name": "Danny Dean", "email": "danny@example.com", "externalId": "cust-42", "searchMode": "ExternalIdentifier"},
               "items": [{"name": "Widget", "sku": "W-1", "quantity": 2, "unitPrice": 50}],
               "payments": [{"amount": "100", "method": "cash"}],
               "vatIncluded": true, "language": "Hebrew", "currency": "ILS", "description": "Order 1001",
               "sendByEmail": {"original": true, "asPaymentRequest": false}}),
    );
    assert_eq!(
        b,
        json!({"Details": {"Type": 1, "Customer": {"Name": "Danny Dean", "EmailAddress": "danny@example.com", "ExternalIdentifier": "cust-42", "SearchMode": 2},
                           "SendByEmail": {"Original": true, "SendAsPaymentRequest": false}, "Language": 0, "Currency": 0, "Description": "Order 1001"},
               "Items": [{"Quantity": 2, "UnitPrice": 50, "Item": {"Name": "Widget", "SKU": "W-1", "SearchMode": 4}}],
               "Payments": [{"Amount": 100, "Details_Cash": {}}],
               "VATIncluded": true})
    );
}

#[test]
fn amounts_and_ids_reach_the_wire_exactly() {
    let r = request(
        "createDocument",
        json!({"type": 0, "customer": {"id": "9007199254740993"},
               "items": [{"name": "a", "unitPrice": "0.10", "quantity": "3"}, {"name": "b", "unitPrice": 0.1, "quantity": 1.5},
                         {"name": "c", "unitPrice": "12345678901234567.89"}, {"name": "d", "unitPrice": "1,234.50"}],
               "vatRate": "17", "originalDocumentId": 9223372036854775807i64}),
    );
    assert!(r.body.contains("\"Customer\":{\"ID\":9007199254740993}"), "{}", r.body);
    assert!(r.body.contains("\"UnitPrice\":0.1,"), "{}", r.body);
    assert!(r.body.contains("\"Quantity\":1.5,\"UnitPrice\":0.1"), "{}", r.body);
    assert!(r.body.contains("\"UnitPrice\":12345678901234567.89"), "{}", r.body);
    assert!(r.body.contains("\"UnitPrice\":1234.5"), "{}", r.body);
    assert!(r.body.contains("\"VATRate\":17"), "{}", r.body);
    assert!(r.body.contains("\"OriginalDocumentID\":9223372036854775807"), "{}", r.body);
}

#[test]
fn foreign_currency_prices_go_to_the_document_currency_fields() {
    let b = body(
        "createDocument",
        json!({"type": "InvoiceAndReceipt", "currency": "USD", "customer": {"name": "Acme"},
               "items": [{"name": "Consulting", "unitPrice": "99.99"}], "payments": [{"amount": "99.99", "method": "bankTransfer", "bankNumber": "12", "branchNumber": 600, "accountNumber": "123456", "reference": "TX-1", "dueDate": "2026-12-01"}]}),
    );
    assert_eq!(b["Details"]["Currency"], 1);
    assert_eq!(b["Items"][0], json!({"Quantity": 1, "DocumentCurrency_UnitPrice": 99.99, "Item": {"Name": "Consulting"}}));
    assert_eq!(
        b["Payments"][0],
        json!({"DocumentCurrency_Amount": 99.99, "Details_BankTransfer": {"BankNumber": 12, "BranchNumber": 600, "AccountNumber": "123456", "Reference": "TX-1", "DueDate": "2026-12-01"}})
    );
    // ILS by code, name or symbol keeps the ILS fields
    for ils in [json!(0), json!("ils"), json!("₪")] {
        let b = body("createDocument", json!({"type": 0, "currency": ils, "customer": {"id": 5}, "items": [{"name": "x", "unitPrice": 1}]}));
        assert_eq!(b["Items"][0]["UnitPrice"], 1, "{ils}");
    }
}

#[test]
fn every_payment_method_has_its_details_object() {
    let cases = [
        (json!({"method": "cash"}), json!({"Details_Cash": {}})),
        (json!({"method": "general"}), json!({"Details_General": {}})),
        (json!({"method": "taxWithholding"}), json!({"Details_TaxWithholding": {}})),
        (
            json!({"method": "creditCard", "cardBrand": "Visa", "last4Digits": "4242", "installments": "3", "firstPayment": "40", "eachPayment": "30"}),
            json!({"Details_CreditCard": {"CardBrand": "Visa", "Last4Digits": "4242", "FirstPayment": 40, "EachPayment": 30, "Payments": 3}}),
        ),
        (
            json!({"method": "cheque", "bankNumber": 10, "branchNumber": 800, "accountNumber": "55", "chequeNumber": "1001", "dueDate": "2026-12-31T10:00:00"}),
            json!({"Details_Cheque": {"BankNumber": 10, "BranchNumber": 800, "AccountNumber": "55", "ChequeNumber": "1001", "DueDate": "2026-12-31"}}),
        ),
        (json!({"method": "digital", "type": "Bit", "description": "from Dana"}), json!({"Details_Digital": {"Type": "Bit", "Description": "from Dana"}})),
        (json!({"method": "other", "type": "Voucher", "dueDate": "2026-12-01"}), json!({"Details_Other": {"Type": "Voucher", "DueDate": "2026-12-01"}})),
        // the API's own names and codes work too; details of other methods are not sent
        (json!({"method": "Cheque", "reference": "ignored"}), json!({"Details_Cheque": {}})),
        (json!({"method": 2}), json!({"Details_Cash": {}})),
    ];
    for (mut payment, details) in cases {
        payment["amount"] = json!(120);
        let b = body("createDocument", json!({"type": "Receipt", "customer": {"id": 7}, "payments": [payment.clone()]}));
        let mut expected = json!({"Amount": 120});
        for (k, v) in details.as_object().unwrap() {
            expected[k] = v.clone();
        }
        assert_eq!(b["Payments"][0], expected, "{payment}");
    }
}

#[test]
fn document_options() {
    let b = body(
        "createDocument",
        json!({"type": "PriceQuotation", "customer": {"id": 5, "email": "x@example.com"}, "items": [{"itemId": 77, "unitPrice": -5, "description": "discount"}],
               "date": "2026-11-30T22:30:00Z", "dueDate": "2026-12-15", "draft": "TRUE", "externalReference": "PO-9", "language": "en",
               "vatIncluded": "false", "sendByEmail": "true"}),
    );
    assert_eq!(
        b,
        json!({"Details": {"Type": 12, "Customer": {"ID": 5, "EmailAddress": "x@example.com"}, "IsDraft": true, "Date": "2026-12-01",
                           "SendByEmail": {"Original": true, "SendAsPaymentRequest": false}, "Language": 1, "ExternalReference": "PO-9", "DueDate": "2026-12-15"},
               "Items": [{"Quantity": 1, "UnitPrice": -5, "Description": "discount", "Item": {"ID": 77}}],
               "VATIncluded": false})
    );
    for off in [json!(false), json!("false"), json!({}), json!({"email": ""}), json!("")] {
        let b = body("createDocument", json!({"type": "Invoice", "customer": {"id": 5}, "items": [{"name": "x", "unitPrice": 1}], "sendByEmail": off}));
        assert!(b["Details"].get("SendByEmail").is_none(), "{off}");
    }
    let b = body(
        "createDocument",
        json!({"type": "Invoice", "customer": {"id": 5}, "items": [{"name": "x", "unitPrice": 1}], "sendByEmail": {"email": "acc@example.com", "asPaymentRequest": "true"}}),
    );
    assert_eq!(b["Details"]["SendByEmail"], json!({"EmailAddress": "acc@example.com", "Original": true, "SendAsPaymentRequest": true}));
}

#[test]
fn send_sms_to_one_or_many() {
    let r = request("sendSms", json!({"to": "050-1234567", "text": "שלום 👋", "sender": "SUMIT", "draft": false}));
    assert!(r.url.ends_with("/sms/sms/send/"));
    let b = body("sendSms", json!({"to": "050-1234567", "text": "שלום 👋", "sender": "SUMIT", "draft": false}));
    assert_eq!(b, json!({"Recipient": "0501234567", "Text": "שלום 👋", "SaveDraft": false, "Sender": "SUMIT"}));
    for to in [json!(["050-1234567", "+44 20 7946 0958", "0501234567"]), json!("050-1234567, +44 20 7946 0958;050 123 4567")] {
        let r = request("sendSms", json!({"to": to, "text": "hi"}));
        assert!(r.url.ends_with("/sms/sms/sendmultiple/"), "{to}");
        let b = body("sendSms", json!({"to": to, "text": "hi"}));
        assert_eq!(b, json!({"Recipients": ["0501234567", "+442079460958"], "Text": "hi"}), "{to}");
    }
}

#[test]
fn mailing_lists() {
    assert_eq!(
        body("addToEmailList", json!({"listId": "42", "email": "dana@example.com", "name": "Dana"})),
        json!({"MailingListID": 42, "EmailAddress": "dana@example.com", "Name": "Dana"})
    );
    assert_eq!(
        body("addToSmsList", json!({"listId": 42, "phone": "054 765 4321"})),
        json!({"MailingListID": 42, "PhoneNumber": "0547654321"})
    );
}

#[test]
fn cards() {
    assert_eq!(
        body("createCard", json!({"folder": 557688522, "properties": {"Customers_FullName": "Dana Levi", "Customers_Phone": "050-0000000", "Empty": ""}})),
        json!({"Entity": {"Folder": "557688522", "Properties": {"Customers_FullName": "Dana Levi", "Customers_Phone": "050-0000000"}}})
    );
    // the list form Make maps, and JSON text
    assert_eq!(
        body("createCard", json!({"folder": "לקוחות", "properties": [{"key": "Customers_FullName", "value": "דנה"}, {"name": "Ref", "value": 2389921121u64}]})),
        json!({"Entity": {"Folder": "לקוחות", "Properties": {"Customers_FullName": "דנה", "Ref": 2389921121u64}}})
    );
    assert_eq!(
        body("createCard", json!({"folder": "5", "properties": "{\"A\": [1, 2]}"})),
        json!({"Entity": {"Folder": "5", "Properties": {"A": [1, 2]}}})
    );
    assert_eq!(
        body("updateCard", json!({"entityId": "2389921274", "folder": 2375135537u64, "properties": {"BudgetManagement_BudgetItem": 2389921121u64}, "removeExistingProperties": "false"})),
        json!({"Entity": {"ID": 2389921274u64, "Folder": "2375135537", "Properties": {"BudgetManagement_BudgetItem": 2389921121u64}}, "RemoveExistingProperties": false})
    );
    for action in ["getCard", "getEntity", "archiveCard", "deleteCard"] {
        assert_eq!(body(action, json!({"entityId": 9007199254740993u64})), json!({"EntityID": 9007199254740993u64}), "{action}");
    }
}

#[test]
fn send_document_by_id_or_type_and_number() {
    assert_eq!(
        body("sendDocument", json!({"documentId": 2389921274u64, "email": "a@example.com", "original": true, "language": "English", "personalMessage": "תודה!"})),
        json!({"EntityID": 2389921274u64, "EmailAddress": "a@example.com", "Original": true, "Language": 1, "PersonalMessage": "תודה!"})
    );
    assert_eq!(body("sendDocument", json!({"type": "Receipt", "number": "10003"})), json!({"DocumentType": 2, "DocumentNumber": 10003}));
}

#[test]
fn reads() {
    let empty = json!({});
    for action in ["getCompanyDetails", "listEmailLists", "listSmsLists", "listSmsSenders"] {
        assert_eq!(body(action, json!({})), empty, "{action}");
    }
    assert_eq!(body("listFolders", json!({"nameFilter": "לקוחות"})), json!({"NameFilter": "לקוחות"}));
    assert_eq!(body("getFolder", json!({"folder": 12, "includeProperties": true})), json!({"Folder": "12", "IncludeProperties": true}));
    assert_eq!(body("listViews", json!({"folderId": "2375135516"})), json!({"FolderID": 2375135516u64}));
    assert_eq!(
        body(
            "listEntities",
            json!({"folder": "2375135516", "includeInheritedFolders": true, "loadProperties": "true",
                   "filters": [{"property": "Accounting_InsertDate", "from": "2026-09-01", "to": "2026-09-30"}, {"property": "Status", "value": [1, 2], "negative": true}],
                   "order": {"property": "Accounting_InsertDate", "descending": true}, "paging": {"startIndex": 0, "pageSize": "100"}})
        ),
        json!({"Folder": "2375135516", "IncludeInheritedFolders": true,
               "Filters": [{"Property": "Accounting_InsertDate", "DateRange_From": "2026-09-01", "DateRange_To": "2026-09-30"}, {"Property": "Status", "Value": [1, 2], "Negative": true}],
               "Order": {"Property": "Accounting_InsertDate", "Descending": true}, "Paging": {"StartIndex": 0, "PageSize": 100}, "LoadProperties": true})
    );
}

#[test]
fn trigger_subscriptions_send_folder_as_text_view_as_integer_type_as_wire_name() {
    let b = body("subscribeTrigger", json!({"url": "https://hook.example.com/h/abc", "folder": 2375135516u64, "view": "2375135999", "type": "create_or_update"}));
    assert_eq!(b, json!({"URL": "https://hook.example.com/h/abc", "Folder": "2375135516", "View": 2375135999u64, "TriggerType": "CreateOrUpdate"}));
    for (given, wire) in [("create", "Create"), ("Update", "Update"), ("archive", "Archive"), ("DELETE", "Delete")] {
        let b = body("subscribeTrigger", json!({"url": "https://h.example.com/x", "folder": "1", "view": 2, "type": given}));
        assert_eq!(b["TriggerType"], wire);
    }
    let b = body("subscribeTrigger", json!({"url": "https://h.example.com/x", "folder": "1", "view": 2}));
    assert_eq!(b["TriggerType"], "CreateOrUpdate");
    assert_eq!(body("unsubscribeTrigger", json!({"url": "https://hook.example.com/h/abc"})), json!({"URL": "https://hook.example.com/h/abc"}));
}

#[test]
fn api_call_injects_credentials_that_the_body_cannot_override() {
    let r = request("apiCall", json!({"path": "Accounting/Documents/GetDetails", "body": {"DocumentID": 9007199254740993u64, "Credentials": {"CompanyID": 1, "APIKey": "other"}}}));
    assert_eq!(r.url, "https://api.sumit.co.il/accounting/documents/getdetails/");
    assert_eq!(r.body, format!("{{\"Credentials\":{{\"CompanyID\":123456,\"APIKey\":\"{KEY}\"}},\"DocumentID\":9007199254740993}}"));
    let b = body("apiCall", json!({"path": "/sms/sms/listsenders/", "body": "{\"x\": 1}"}));
    assert_eq!(b, json!({"x": 1}));
    let b = body("apiCall", json!({"path": "/deals/adddeal/"}));
    assert_eq!(b, json!({}));
}

#[test]
fn hebrew_rtl_marks_and_emoji_survive_in_text() {
    let text = "\u{200F}שלום, דנה! 🎉 ההזמנה מוכנה\u{200E}";
    let b = body("sendSms", json!({"to": "0501234567", "text": text}));
    assert_eq!(b["Text"], text);
}
