//! The OfficeGuy enums that requests carry, each written once as a table of names and codes
//! (from openapi.json, where they read `"Name (n)"`). Requests send the integer code; users
//! may give the name, the code, or an alias (ISO codes for currencies, `he`/`en` for
//! languages). A Node test compares every table with the document.

use serde::Serialize;
use serde_json::Value;

/// One member: the name as openapi.json spells it, its integer code, and labels for UIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Member {
    pub name: &'static str,
    pub code: i64,
    pub en: &'static str,
    pub he: &'static str,
}

const fn m(name: &'static str, code: i64, en: &'static str, he: &'static str) -> Member {
    Member { name, code, en, he }
}

/// A table of members plus extra spellings that users type (`"he"`, `"עברית"`).
#[derive(Debug, Clone, Copy)]
pub struct EnumTable {
    /// The schema name in openapi.json (`Accounting_Typed_DocumentType`).
    pub schema: &'static str,
    pub members: &'static [Member],
    pub aliases: &'static [(&'static str, i64)],
}

pub const DOCUMENT_TYPE: EnumTable = EnumTable {
    schema: "Accounting_Typed_DocumentType",
    members: &[
        m("Invoice", 0, "Tax invoice", "חשבונית מס"),
        m("InvoiceAndReceipt", 1, "Tax invoice / receipt", "חשבונית מס / קבלה"),
        m("Receipt", 2, "Receipt", "קבלה"),
        m("ProformaInvoice", 3, "Proforma invoice", "חשבון עסקה"),
        m("DonationReceipt", 4, "Donation receipt", "קבלה על תרומה"),
        m("CreditInvoice", 5, "Credit invoice", "חשבונית זיכוי"),
        m("CreditInvoiceAndReceipt", 6, "Credit invoice / receipt", "חשבונית זיכוי / קבלה"),
        m("CreditReceipt", 7, "Credit receipt", "קבלת זיכוי"),
        m("Order", 8, "Order", "הזמנה"),
        m("DeliveryNote", 9, "Delivery note", "תעודת משלוח"),
        m("GoodsReturnNote", 10, "Goods return note", "תעודת החזרה"),
        m("PurchasingOrder", 11, "Purchase order", "הזמנת רכש"),
        m("PriceQuotation", 12, "Price quotation", "הצעת מחיר"),
        m("PaymentRequest", 13, "Payment request", "דרישת תשלום"),
        m("CreditDonationReceipt", 14, "Credit donation receipt", "זיכוי קבלה על תרומה"),
        m("ExpenseInvoiceReceipt", 15, "Expense invoice / receipt", "חשבונית מס / קבלה (הוצאה)"),
        m("ExpenseInvoice", 16, "Expense invoice", "חשבונית מס (הוצאה)"),
        m("ExpenseReceipt", 17, "Expense receipt", "קבלה (הוצאה)"),
        m("ExpenseRequest", 18, "Expense request", "דרישת הוצאה"),
        m("CreditExpenseInvoiceReceipt", 19, "Credit expense invoice / receipt", "זיכוי חשבונית מס / קבלה (הוצאה)"),
        m("CreditExpenseInvoice", 20, "Credit expense invoice", "זיכוי חשבונית מס (הוצאה)"),
        m("CreditExpenseReceipt", 21, "Credit expense receipt", "זיכוי קבלה (הוצאה)"),
        m("SupplierPayment", 22, "Supplier payment", "תשלום לספק"),
    ],
    aliases: &[("InvoiceReceipt", 1), ("TaxInvoice", 0), ("Proforma", 3), ("Quote", 12), ("Quotation", 12)],
};

pub const LANGUAGE: EnumTable = EnumTable {
    schema: "Accounting_Typed_Language",
    members: &[
        m("Hebrew", 0, "Hebrew", "עברית"),
        m("English", 1, "English", "אנגלית"),
        m("Arabic", 2, "Arabic", "ערבית"),
        m("Spanish", 3, "Spanish", "ספרדית"),
    ],
    aliases: &[("he", 0), ("en", 1), ("ar", 2), ("es", 3), ("עברית", 0), ("אנגלית", 1), ("ערבית", 2), ("ספרדית", 3)],
};

pub const DOCUMENT_PAYMENT_TYPE: EnumTable = EnumTable {
    schema: "Accounting_Typed_DocumentPaymentType",
    members: &[
        m("Automatic", 0, "Automatic", "אוטומטי"),
        m("General", 1, "General", "כללי"),
        m("Cash", 2, "Cash", "מזומן"),
        m("BankTransfer", 3, "Bank transfer", "העברה בנקאית"),
        m("Cheque", 4, "Cheque", "צ'ק"),
        m("CreditCard", 5, "Credit card", "כרטיס אשראי"),
        m("Digital", 6, "Digital payment", "תשלום דיגיטלי"),
        m("TaxWithholding", 7, "Tax withholding", "ניכוי במקור"),
        m("Other", 8, "Other", "אחר"),
    ],
    aliases: &[("Check", 4)],
};

pub const CUSTOMER_SEARCH_MODE: EnumTable = EnumTable {
    schema: "Accounting_Typed_CustomerSearchMode",
    members: &[
        m("Automatic", 0, "Automatic (any known detail)", "אוטומטי (לפי כל פרט מוכר)"),
        m("None", 1, "None (always create)", "ללא (תמיד ליצור)"),
        m("ExternalIdentifier", 2, "External identifier", "מזהה חיצוני"),
        m("Name", 3, "Name", "שם"),
        m("CompanyNumber", 4, "Company number", "מספר עוסק / ח.פ."),
        m("Phone", 5, "Phone", "טלפון"),
        m("EmailAddress", 6, "E-mail address", "כתובת דוא\"ל"),
    ],
    aliases: &[("ExternalId", 2), ("Email", 6)],
};

pub const INCOME_ITEM_SEARCH_MODE: EnumTable = EnumTable {
    schema: "Accounting_Typed_IncomeItemSearchMode",
    members: &[
        m("Automatic", 0, "Automatic", "אוטומטי"),
        m("None", 1, "None (always create)", "ללא (תמיד ליצור)"),
        m("ExternalIdentifier", 2, "External identifier", "מזהה חיצוני"),
        m("Name", 3, "Name", "שם"),
        m("SKU", 4, "SKU", "מק\"ט"),
        m("Description", 5, "Description", "תיאור"),
    ],
    aliases: &[("ExternalId", 2)],
};

/// Currencies are built from the generated table; their labels are the ISO codes.
pub fn document_currency() -> EnumTable {
    use std::sync::OnceLock;
    static MEMBERS: OnceLock<Vec<Member>> = OnceLock::new();
    let members = MEMBERS.get_or_init(|| {
        super::currency::CURRENCIES.iter().map(|&(name, code)| m(name, code, name, name)).collect()
    });
    EnumTable {
        schema: "Accounting_Typed_DocumentCurrency",
        members: members.as_slice(),
        aliases: &[("NIS", 0), ("₪", 0), ("שקל", 0), ("$", 1), ("€", 2), ("£", 5)],
    }
}

/// Every table, for the drift test and the catalogue.
pub fn all_tables() -> Vec<EnumTable> {
    vec![DOCUMENT_TYPE, LANGUAGE, document_currency(), DOCUMENT_PAYMENT_TYPE, CUSTOMER_SEARCH_MODE, INCOME_ITEM_SEARCH_MODE]
}

/// Equal ignoring ASCII case and the separators people put in names (`invoice_and receipt`);
/// compared in place, since this runs for every enum value of every request.
fn same_name(a: &str, b: &str) -> bool {
    fn fold(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().filter(|c| !matches!(c, ' ' | '_' | '-' | '/')).map(|c| c.to_ascii_lowercase())
    }
    fold(a).eq(fold(b))
}

impl EnumTable {
    pub fn by_code(&self, code: i64) -> Option<&'static Member> {
        self.members.iter().find(|m| m.code == code)
    }

    pub fn by_name(&self, name: &str) -> Option<&'static Member> {
        let text = name.trim();
        // the document's own spelling "InvoiceAndReceipt (1)"
        let text = match text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
            Some((n, code)) if code.parse::<i64>().is_ok() => n,
            _ => text,
        };
        if text.is_empty() {
            return None;
        }
        self.members
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case(text))
            .or_else(|| self.members.iter().find(|m| same_name(m.name, text)))
            .or_else(|| self.aliases.iter().find(|(a, _)| same_name(a, text)).and_then(|&(_, c)| self.by_code(c)))
    }

    /// Reads a member from a JSON number, a numeric string or a name.
    pub fn parse(&self, value: &Value) -> Option<&'static Member> {
        match value {
            Value::Number(n) => n.as_i64().and_then(|c| self.by_code(c)),
            Value::String(s) => match s.trim().parse::<i64>() {
                Ok(code) => self.by_code(code),
                Err(_) => self.by_name(s),
            },
            _ => None,
        }
    }

    /// `Invoice (0), InvoiceAndReceipt (1), ...` for error messages.
    pub fn valid_list(&self) -> String {
        self.members.iter().map(|m| format!("{} ({})", m.name, m.code)).collect::<Vec<_>>().join(", ")
    }
}

/// What a document type asks for, so that the builder can check items and payments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Invoices, quotations, orders: lines, no payments.
    InvoiceLike,
    /// Receipts: payments, no lines.
    ReceiptLike,
    /// Invoice-receipts: both.
    InvoiceReceipt,
    /// Expense documents: not created through documents/create.
    Expense,
}

pub fn document_kind(code: i64) -> DocumentKind {
    match code {
        1 | 6 => DocumentKind::InvoiceReceipt,
        2 | 4 | 7 | 14 => DocumentKind::ReceiptLike,
        15..=22 => DocumentKind::Expense,
        _ => DocumentKind::InvoiceLike,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_codes_and_aliases_parse() {
        assert_eq!(DOCUMENT_TYPE.parse(&json!("InvoiceAndReceipt")).unwrap().code, 1);
        assert_eq!(DOCUMENT_TYPE.parse(&json!("invoice_and_receipt")).unwrap().code, 1);
        assert_eq!(DOCUMENT_TYPE.parse(&json!("InvoiceAndReceipt (1)")).unwrap().code, 1);
        assert_eq!(DOCUMENT_TYPE.parse(&json!(2)).unwrap().name, "Receipt");
        assert_eq!(DOCUMENT_TYPE.parse(&json!(" 2 ")).unwrap().name, "Receipt");
        assert!(DOCUMENT_TYPE.parse(&json!(23)).is_none());
        assert!(DOCUMENT_TYPE.parse(&json!(1.5)).is_none());
        assert_eq!(LANGUAGE.parse(&json!("en")).unwrap().code, 1);
        assert_eq!(LANGUAGE.parse(&json!("עברית")).unwrap().code, 0);
        let cur = document_currency();
        assert_eq!(cur.members.len(), 155);
        assert_eq!(cur.parse(&json!("usd")).unwrap().code, 1);
        assert_eq!(cur.parse(&json!("PLN")).unwrap().code, 985);
        assert_eq!(cur.parse(&json!(985)).unwrap().name, "PLN");
        assert!(cur.parse(&json!(7)).is_none());
        assert!(cur.parse(&json!("XYZ")).is_none());
    }

    #[test]
    fn the_list_names_every_member() {
        let list = LANGUAGE.valid_list();
        assert_eq!(list, "Hebrew (0), English (1), Arabic (2), Spanish (3)");
    }
}
