//! The user-facing actions (`group: "action"`): what a Make user picks as a module.

use super::fields::*;
use super::{ActionSpec, FieldSpec, Group, Label};
use crate::api::enums::{self, CUSTOMER_SEARCH_MODE, DOCUMENT_TYPE, LANGUAGE};
use serde_json::json;

/// Length limits, in characters. OfficeGuy documents none; these are generous bounds that
/// catch a wrongly mapped value (a whole e-mail body in a name) before the API does.
pub mod limits {
    pub const NAME: i64 = 250;
    pub const EMAIL: i64 = 254;
    pub const PHONE: i64 = 40;
    pub const SHORT: i64 = 100;
    pub const CODE: i64 = 30;
    pub const ADDRESS: i64 = 250;
    pub const DESCRIPTION: i64 = 2000;
    pub const SMS_TEXT: i64 = 1000;
    pub const SENDER: i64 = 20;
    pub const FOLDER: i64 = 250;
    pub const URL: i64 = 2000;
    pub const PATH: i64 = 200;
}
use limits::*;

pub(super) fn action(key: &str, group: Group, en: &str, he: &str, endpoint: Option<&str>) -> ActionSpec {
    ActionSpec {
        key: key.to_string(),
        group,
        label: Label::new(en, he),
        help: Label::new("", ""),
        endpoint: endpoint.map(String::from),
        other_endpoints: Vec::new(),
        fields: Vec::new(),
        output: Vec::new(),
        safe_to_retry: group == Group::Read,
    }
}

impl ActionSpec {
    pub(super) fn help(mut self, en: &str, he: &str) -> Self {
        self.help = Label::new(en, he);
        self
    }
    pub(super) fn fields(mut self, fields: Vec<FieldSpec>) -> Self {
        self.fields = fields;
        self
    }
    pub(super) fn output(mut self, output: Vec<FieldSpec>) -> Self {
        self.output = output;
        self
    }
}

pub(super) fn id_out(name: &str, en: &str, he: &str) -> FieldSpec {
    uinteger(name, en, he)
}

/// The customer fields that createCustomer takes and that a document's customer may carry.
#[inline(never)]
fn customer_fields() -> Vec<FieldSpec> {
    vec![
        text("name", "Name", "שם").max_len(NAME)
            .help("Full name or company name. Needed to create a new customer.", "שם מלא או שם החברה. נדרש ליצירת לקוח חדש."),
        email("email", "E-mail", "דוא\"ל").max_len(EMAIL),
        text("phone", "Phone", "טלפון").max_len(PHONE)
            .help("Israeli (050-1234567) or international (+44 20 7946 0958) form.", "מספר ישראלי (050-1234567) או בינלאומי (+44 20 7946 0958)."),
        text("companyNumber", "Company number (VAT ID)", "מספר עוסק / ח.פ.").max_len(CODE),
        text("externalId", "External ID", "מזהה חיצוני").max_len(SHORT)
            .help("Your own identifier of this customer, used to find them again.", "המזהה שלכם ללקוח, לאיתורו בפעם הבאה."),
        text("address", "Address", "כתובת").max_len(ADDRESS),
        text("city", "City", "עיר").max_len(SHORT),
        text("zip", "ZIP code", "מיקוד").max_len(CODE),
        boolean("noVat", "VAT exempt", "פטור ממע\"מ").advanced(),
        select_enum("searchMode", "Find existing customer by", "איתור לקוח קיים לפי", &CUSTOMER_SEARCH_MODE)
            .help(
                "Which detail finds an existing customer before a new one is created. Empty: always create.",
                "לפי איזה פרט לאתר לקוח קיים לפני יצירת לקוח חדש. ריק: תמיד ליצור.",
            ),
    ]
}

#[inline(never)]
fn payment_method_options() -> Vec<super::SelectOption> {
    let bank = || integer("bankNumber", "Bank number", "מספר בנק").help("12 is Bank Hapoalim.", "12 הוא בנק הפועלים.");
    let branch = || integer("branchNumber", "Branch number", "מספר סניף");
    let account = || text("accountNumber", "Account number", "מספר חשבון").max_len(CODE);
    let due = || date("dueDate", "Due date", "תאריך פירעון");
    vec![
        option("cash", "Cash", "מזומן"),
        option("creditCard", "Credit card", "כרטיס אשראי").nested(vec![
            text("cardBrand", "Card brand", "סוג כרטיס").max_len(CODE),
            text("last4Digits", "Last 4 digits", "4 ספרות אחרונות").max_len(4),
            uinteger("installments", "Number of installments", "מספר תשלומים").range(1, 36),
            number("firstPayment", "First installment", "תשלום ראשון"),
            number("eachPayment", "Each further installment", "כל תשלום נוסף"),
        ]),
        option("bankTransfer", "Bank transfer", "העברה בנקאית").nested(vec![
            bank(),
            branch(),
            account(),
            text("reference", "Reference", "אסמכתא").max_len(SHORT),
            due(),
        ]),
        option("cheque", "Cheque", "צ'ק").nested(vec![
            bank(),
            branch(),
            account(),
            text("chequeNumber", "Cheque number", "מספר צ'ק").max_len(CODE),
            due(),
        ]),
        option("general", "General", "כללי"),
        option("digital", "Digital payment", "תשלום דיגיטלי").nested(vec![
            text("type", "Digital payment type", "סוג תשלום דיגיטלי").max_len(SHORT).help("For example Bit or PayBox.", "למשל ביט או פייבוקס."),
            text("description", "Description", "תיאור").max_len(NAME),
        ]),
        option("taxWithholding", "Tax withholding", "ניכוי במקור"),
        option("other", "Other", "אחר").nested(vec![
            text("type", "Payment type", "סוג תשלום").max_len(SHORT),
            text("description", "Description", "תיאור").max_len(NAME),
            due(),
        ]),
    ]
}

#[inline(never)]
fn create_customer() -> ActionSpec {
    action("createCustomer", Group::Action, "Create a customer", "יצירת לקוח", Some("/accounting/customers/create/"))
        .help(
            "Creates a customer card, or finds the existing one by the detail chosen in \"Find existing customer by\".",
            "יוצר כרטיס לקוח, או מאתר לקוח קיים לפי הפרט שנבחר ב\"איתור לקוח קיים לפי\".",
        )
        .fields(customer_fields())
        .output(vec![
            id_out("CustomerID", "Customer ID", "מזהה לקוח"),
            url("CustomerHistoryURL", "Customer page", "דף מידע ללקוח"),
        ])
}

#[inline(never)]
fn create_document() -> ActionSpec {
    let mut customer = vec![id_out("id", "Customer ID", "מזהה לקוח")
        .help("An existing customer's ID. Leave empty to find or create by the details below.", "מזהה של לקוח קיים. השאירו ריק כדי לאתר או ליצור לפי הפרטים שלהלן.")];
    customer.extend(customer_fields());
    let items = vec![
        text("name", "Item name", "שם פריט").max_len(NAME),
        text("description", "Line description", "תיאור שורה").max_len(DESCRIPTION),
        text("sku", "SKU", "מק\"ט").max_len(SHORT).help("Finds an existing item by SKU.", "מאתר פריט קיים לפי מק\"ט."),
        number("quantity", "Quantity", "כמות").default(json!(1)),
        number("unitPrice", "Unit price", "מחיר ליחידה").required()
            .help("In the document currency. Exact decimal: give a number or a numeric string.", "במטבע המסמך. מספר עשרוני מדויק: מספר או מחרוזת מספרית."),
        id_out("itemId", "Item ID", "מזהה פריט").advanced(),
    ];
    let payment_method = select("method", "Payment method", "אמצעי תשלום", payment_method_options()).required();
    let payments = vec![
        number("amount", "Amount", "סכום").required()
            .help("In the document currency.", "במטבע המסמך."),
        payment_method,
    ];
    let send_by_email = collection(
        "sendByEmail",
        "Send by e-mail",
        "שליחה בדוא\"ל",
        vec![
            email("email", "Recipient e-mail", "כתובת הנמען").max_len(EMAIL)
                .help("Defaults to the customer's e-mail.", "ברירת המחדל: הדוא\"ל של הלקוח."),
            boolean("original", "Send the original", "שליחת המקור").default(json!(true)),
            boolean("asPaymentRequest", "Send as payment request", "שליחה כדרישת תשלום").default(json!(false)),
        ],
    )
    .help(
        "true to e-mail the document to the customer, or the details of the e-mail.",
        "true לשליחת המסמך ללקוח בדוא\"ל, או פרטי השליחה.",
    );
    action("createDocument", Group::Action, "Create a document", "הפקת מסמך", Some("/accounting/documents/create/"))
        .help(
            "Issues an invoice, receipt, invoice-receipt or another document, and can e-mail it. Invoices need items, receipts need payments, invoice-receipts need both.",
            "מפיק חשבונית, קבלה, חשבונית מס/קבלה או מסמך אחר, ויכול לשלוח אותו בדוא\"ל. חשבונית דורשת פריטים, קבלה דורשת תקבולים, וחשבונית מס/קבלה דורשת את שניהם.",
        )
        .fields(vec![
            // expense types are issued through addexpense, so offering them here would only fail
            select_enum_where("type", "Document type", "סוג מסמך", &DOCUMENT_TYPE, |m| {
                enums::document_kind(m.code) != enums::DocumentKind::Expense
            })
            .required(),
            collection("customer", "Customer", "לקוח", customer).required(),
            array_of("items", "Items", "פריטים", items),
            array_of("payments", "Payments", "תקבולים", payments),
            boolean("vatIncluded", "Prices include VAT", "המחירים כוללים מע\"מ"),
            number("vatRate", "VAT rate (%)", "שיעור מע\"מ (%)").advanced().range(0, 100)
                .help("In percent, e.g. 18. Leave empty for the company's rate.", "באחוזים, למשל 18. ריק: השיעור של העסק."),
            select_enum("language", "Language", "שפה", &LANGUAGE),
            select_enum("currency", "Currency", "מטבע", &enums::document_currency())
                .help("ISO code such as ILS or USD. Defaults to the company currency.", "קוד ISO כגון ILS או USD. ברירת המחדל: מטבע העסק."),
            date("date", "Date", "תאריך"),
            date("dueDate", "Due date", "תאריך לתשלום"),
            text("description", "Description", "תיאור").max_len(DESCRIPTION).multiline()
                .help("Printed on the document.", "מודפס על המסמך."),
            text("externalReference", "External reference", "אסמכתא חיצונית").max_len(SHORT).advanced(),
            boolean("draft", "Save as draft", "שמירה כטיוטה"),
            id_out("originalDocumentId", "Original document ID", "מזהה מסמך מקור").advanced()
                .help("Links a credit document to the document it credits.", "מקשר מסמך זיכוי למסמך שהוא מזכה."),
            send_by_email,
        ])
        .output(vec![
            id_out("DocumentID", "Document ID", "מזהה מסמך"),
            id_out("DocumentNumber", "Document number", "מספר מסמך"),
            id_out("CustomerID", "Customer ID", "מזהה לקוח"),
            url("DocumentDownloadURL", "Download link", "קישור להורדה"),
            url("DocumentPaymentURL", "Payment link", "קישור לתשלום"),
        ])
}

#[inline(never)]
fn send_sms() -> ActionSpec {
    let mut a = action("sendSms", Group::Action, "Send an SMS", "שליחת SMS", Some("/sms/sms/send/"))
        .help(
            "Sends a text message to one number, or to several (a list, or numbers separated by commas).",
            "שולח הודעת טקסט למספר אחד, או לכמה מספרים (רשימה, או מספרים מופרדים בפסיקים).",
        )
        .fields(vec![
            any("to", "Recipient phone", "טלפון הנמען").required()
                .help("A phone number, a list of numbers, or numbers separated by commas.", "מספר טלפון, רשימת מספרים או מספרים מופרדים בפסיקים."),
            text("text", "Message", "תוכן ההודעה").required().multiline().max_len(SMS_TEXT),
            text("sender", "Sender", "שולח").max_len(SENDER)
                .help("A sender number verified with SUMIT.", "מספר שולח שאומת מול SUMIT.")
                .dynamic("listSmsSenders", "Senders", "", ""),
            boolean("draft", "Save as draft (do not send)", "שמירה כטיוטה (ללא שליחה)").advanced(),
        ])
        .output(vec![
            id_out("EntityID", "Message ID", "מזהה הודעה"),
            integer("EstimatedQuota", "Remaining quota (estimate)", "יתרת מכסה (הערכה)"),
        ]);
    a.other_endpoints = vec!["/sms/sms/sendmultiple/".to_string()];
    a
}

#[inline(never)]
fn add_to_email_list() -> ActionSpec {
    action("addToEmailList", Group::Action, "Add to an e-mail list", "הוספה לרשימת דיוור", Some("/emailsubscriptions/mailinglists/add/"))
        .help("Adds a recipient to an e-mail mailing list.", "מוסיף נמען לרשימת דיוור בדוא\"ל.")
        .fields(vec![
            id_out("listId", "Mailing list", "רשימת דיוור").required().dynamic("listEmailLists", "MailingLists", "Name", "ID"),
            email("email", "E-mail", "דוא\"ל").required().max_len(EMAIL),
            text("name", "Name", "שם").max_len(NAME),
        ])
}

#[inline(never)]
fn add_to_sms_list() -> ActionSpec {
    action("addToSmsList", Group::Action, "Add to an SMS list", "הוספה לרשימת SMS", Some("/sms/mailinglists/add/"))
        .help("Adds a phone number to an SMS mailing list.", "מוסיף מספר טלפון לרשימת תפוצה של SMS.")
        .fields(vec![
            id_out("listId", "SMS list", "רשימת SMS").required().dynamic("listSmsLists", "MailingLists", "Name", "ID"),
            text("phone", "Phone", "טלפון").required().max_len(PHONE),
            text("name", "Name", "שם").max_len(NAME),
        ])
}

/// A folder by ID or name, chosen from the company's folders.
pub(super) fn folder_field(name: &str) -> FieldSpec {
    text(name, "Folder", "תיקייה").max_len(FOLDER)
        .help("The folder ID, or its name (e.g. לקוחות).", "מזהה התיקייה, או שמה (למשל לקוחות).")
        .dynamic("listFolders", "Folders", "Name", "ID")
}

pub(super) fn properties_field() -> FieldSpec {
    any("properties", "Fields", "שדות")
        .help(
            "The card's fields by API name, e.g. {\"Customers_FullName\": \"Dana\"}, or a list of {key, value}.",
            "שדות הכרטיס לפי שם ה-API, למשל {\"Customers_FullName\": \"דנה\"}, או רשימה של {key, value}.",
        )
}

#[inline(never)]
fn create_card() -> ActionSpec {
    action("createCard", Group::Action, "Create a card", "יצירת כרטיס", Some("/crm/data/createentity/"))
        .help("Creates a card (CRM entity) in any folder.", "יוצר כרטיס (רשומה) בכל תיקייה.")
        .fields(vec![folder_field("folder").required(), properties_field().required()])
        .output(vec![id_out("EntityID", "Card ID", "מזהה כרטיס")])
}

#[inline(never)]
fn api_call() -> ActionSpec {
    action("apiCall", Group::Action, "Make an API call", "קריאת API", None)
        .help(
            "Calls any OfficeGuy endpoint with your connection's credentials.",
            "קורא לכל נקודת קצה של OfficeGuy עם פרטי החיבור שלכם.",
        )
        .fields(vec![
            text("path", "Path", "נתיב").required().max_len(PATH)
                .help("Relative path such as /accounting/documents/getdetails/.", "נתיב יחסי כגון /accounting/documents/getdetails/."),
            any("body", "Body", "גוף הבקשה")
                .help("A JSON object (or its text). Credentials are added for you.", "אובייקט JSON (או הטקסט שלו). פרטי ההזדהות מתווספים אוטומטית."),
        ])
}

#[inline(never)]
fn update_card() -> ActionSpec {
    action("updateCard", Group::Action, "Update a card", "עדכון כרטיס", Some("/crm/data/updateentity/"))
        .help("Changes fields of an existing card.", "משנה שדות של כרטיס קיים.")
        .fields(vec![
            id_out("entityId", "Card ID", "מזהה כרטיס").required(),
            folder_field("folder"),
            properties_field().required(),
            boolean("removeExistingProperties", "Clear fields not given", "ניקוי שדות שלא נמסרו").advanced(),
        ])
        .output(vec![id_out("EntityID", "Card ID", "מזהה כרטיס")])
}

#[inline(never)]
fn get_card() -> ActionSpec {
    let mut a = action("getCard", Group::Action, "Get a card", "שליפת כרטיס", Some("/crm/data/getentity/"))
        .help("Reads a card with all its fields.", "קורא כרטיס על כל שדותיו.")
        .fields(vec![id_out("entityId", "Card ID", "מזהה כרטיס").required()])
        .output(vec![any("Entity", "Card", "כרטיס")]);
    // a read, though a module a user picks
    a.safe_to_retry = true;
    a
}

#[inline(never)]
fn send_document() -> ActionSpec {
    action("sendDocument", Group::Action, "E-mail a document", "שליחת מסמך בדוא\"ל", Some("/accounting/documents/send/"))
        .help("E-mails an existing document, found by its ID or by type and number.", "שולח בדוא\"ל מסמך קיים, לפי מזהה או לפי סוג ומספר.")
        .fields(vec![
            id_out("documentId", "Document ID", "מזהה מסמך"),
            select_enum("type", "Document type", "סוג מסמך", &DOCUMENT_TYPE),
            id_out("number", "Document number", "מספר מסמך"),
            email("email", "Recipient e-mail", "כתובת הנמען").max_len(EMAIL)
                .help("Defaults to the customer's e-mail.", "ברירת המחדל: הדוא\"ל של הלקוח."),
            boolean("original", "Send the original", "שליחת המקור"),
            select_enum("language", "Language", "שפה", &LANGUAGE),
            text("personalMessage", "Personal message", "הודעה אישית").multiline().max_len(DESCRIPTION),
        ])
}

#[inline(never)]
fn archive_card() -> ActionSpec {
    action("archiveCard", Group::Action, "Archive a card", "העברת כרטיס לארכיון", Some("/crm/data/archiveentity/"))
        .help("Moves a card to the archive.", "מעביר כרטיס לארכיון.")
        .fields(vec![id_out("entityId", "Card ID", "מזהה כרטיס").required()])
}

#[inline(never)]
fn delete_card() -> ActionSpec {
    action("deleteCard", Group::Action, "Delete a card", "מחיקת כרטיס", Some("/crm/data/deleteentity/"))
        .help("Deletes a card.", "מוחק כרטיס.")
        .fields(vec![id_out("entityId", "Card ID", "מזהה כרטיס").required()])
}

/// Every action. Each is built by its own function, kept out of line: inlined, they made
/// one 32 KB function that V8 compiled whole on the first call into the module.
pub(super) fn all() -> Vec<ActionSpec> {
    vec![
        create_customer(),
        create_document(),
        send_sms(),
        add_to_email_list(),
        add_to_sms_list(),
        create_card(),
        api_call(),
        update_card(),
        get_card(),
        send_document(),
        archive_card(),
        delete_card(),
    ]
}
