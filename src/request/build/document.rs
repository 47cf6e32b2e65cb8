//! createDocument and sendDocument.
//!
//! Rules a user expects: invoice-like types need items and take no payments, receipt-like
//! types need payments and take no items, invoice-receipts need both. Expense documents
//! are refused (the service issues them through `addexpense`). In a non-ILS document the
//! prices and amounts go to the `DocumentCurrency_*` fields, so the service converts them
//! at its own rate. `vatRate` is in percent (18 means 18%), as the official WooCommerce
//! plugin sends it.

use super::super::reader::{Ctx, Scope};
use super::super::{Json, Obj};
use super::customer;
use crate::api::enums::{self, document_kind, DocumentKind, Member, DOCUMENT_PAYMENT_TYPE, DOCUMENT_TYPE, INCOME_ITEM_SEARCH_MODE, LANGUAGE};
use crate::error::Path;
use crate::validate::{self, Invalid};
use rust_decimal::Decimal;
use serde_json::Value;

fn item(s: &Scope, ctx: &mut Ctx, foreign: bool) -> Obj {
    ctx.unknown_keys(s);
    let mut line = Obj::new();
    let name = ctx.text(s, "name");
    let sku = ctx.text(s, "sku");
    let item_id = ctx.id(s, "itemId");
    let quantity = match s.given("quantity") {
        None => Some(Decimal::ONE),
        Some(_) => ctx.decimal(s, "quantity"),
    };
    if let Some(q) = quantity {
        if q <= Decimal::ZERO {
            ctx.issue(&s.at("quantity"), "not_positive", "must be more than 0 (put a discount in a negative unitPrice)");
        }
    }
    let price = ctx.decimal(s, "unitPrice");
    if !s.has("name") && !s.has("itemId") {
        ctx.issue(&s.at("name"), "required", "is required (or the itemId of an existing item)");
    }
    line.opt("Quantity", quantity);
    line.opt(if foreign { "DocumentCurrency_UnitPrice" } else { "UnitPrice" }, price);
    line.opt("Description", ctx.text(s, "description"));
    let mut what = Obj::new();
    what.opt("ID", item_id).opt("Name", name);
    if let Some(sku) = sku {
        what.put("SKU", sku);
        if item_id.is_none() {
            // find the existing item by its SKU rather than creating a twin
            what.opt("SearchMode", INCOME_ITEM_SEARCH_MODE.by_name("SKU").map(|m| m.code));
        }
    }
    line.put("Item", what);
    line
}

fn payment_method(v: &Value) -> Result<&'static Member, Invalid> {
    DOCUMENT_PAYMENT_TYPE.parse(v).filter(|m| m.code != 0).ok_or_else(|| {
        Invalid::new(
            "invalid_enum",
            "must be one of cash, creditCard, bankTransfer, cheque, general, digital, taxWithholding, other",
        )
    })
}

fn payment(s: &Scope, ctx: &mut Ctx, foreign: bool) -> Obj {
    ctx.unknown_keys(s);
    let mut p = Obj::new();
    let amount = ctx.decimal(s, "amount");
    if amount == Some(Decimal::ZERO) {
        ctx.issue(&s.at("amount"), "zero_amount", "must not be 0");
    }
    p.opt(if foreign { "DocumentCurrency_Amount" } else { "Amount" }, amount);
    let Some(method) = ctx.read(s, "method", |v, _| payment_method(v)) else {
        return p;
    };
    let mut d = Obj::new();
    let key = match method.name {
        "Cash" => "Details_Cash",
        "General" => "Details_General",
        "TaxWithholding" => "Details_TaxWithholding",
        "CreditCard" => {
            let last4 = ctx.read(s, "last4Digits", |v, _| {
                let t = validate::text(v, None, false)?;
                if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
                    Ok(t)
                } else {
                    Err(Invalid::new("invalid_last4", "must be exactly 4 digits"))
                }
            });
            d.opt("CardBrand", ctx.text(s, "cardBrand"))
                .opt("Last4Digits", last4)
                .opt("FirstPayment", ctx.decimal(s, "firstPayment"))
                .opt("EachPayment", ctx.decimal(s, "eachPayment"))
                .opt("Payments", ctx.integer(s, "installments"));
            "Details_CreditCard"
        }
        "BankTransfer" | "Cheque" => {
            let bank = ctx.read(s, "bankNumber", |v, _| validate::integer(v, 0, 999));
            let branch = ctx.read(s, "branchNumber", |v, _| validate::integer(v, 0, 99_999));
            d.opt("BankNumber", bank).opt("BranchNumber", branch).opt("AccountNumber", ctx.text(s, "accountNumber"));
            if method.name == "Cheque" {
                d.opt("ChequeNumber", ctx.text(s, "chequeNumber"));
            } else {
                d.opt("Reference", ctx.text(s, "reference"));
            }
            d.opt("DueDate", ctx.date(s, "dueDate"));
            if method.name == "Cheque" { "Details_Cheque" } else { "Details_BankTransfer" }
        }
        "Digital" => {
            d.opt("Type", ctx.text(s, "type")).opt("Description", ctx.text(s, "description"));
            "Details_Digital"
        }
        _ => {
            d.opt("Type", ctx.text(s, "type")).opt("Description", ctx.text(s, "description")).opt("DueDate", ctx.date(s, "dueDate"));
            "Details_Other"
        }
    };
    p.put(key, d);
    p
}

/// Each element of a list param, as an object scope; non-objects are issues.
fn each_object(s: &Scope, ctx: &mut Ctx, key: &str, mut f: impl FnMut(&Scope, &mut Ctx) -> Obj) -> Option<Vec<Json>> {
    let list = ctx.list(s, key)?;
    let specs = s.spec(key).map_or(&[][..], |f| f.nested_fields());
    let base = s.at(key);
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let path = base.index(i);
        match v {
            Value::Object(map) => out.push(Json::Obj(f(&Scope::new(map, &path, specs), ctx))),
            other => ctx.issue(&path, "invalid_type", format!("must be an object, not {}", validate::kind_of(other))),
        }
    }
    Some(out)
}

fn send_by_email(s: &Scope, ctx: &mut Ctx) -> Option<Obj> {
    let v = s.given("sendByEmail")?;
    let mut o = Obj::new();
    match v {
        // an empty collection (what Make sends when none of its fields is filled) sends nothing
        Value::Object(map) if map.values().all(validate::is_blank) => None,
        Value::Object(map) => {
            let path = s.at("sendByEmail");
            let specs = s.spec("sendByEmail").map_or(&[][..], |f| f.nested_fields());
            let inner = Scope::new(map, &path, specs);
            ctx.unknown_keys(&inner);
            o.opt("EmailAddress", ctx.email(&inner, "email"))
                .put("Original", ctx.boolean(&inner, "original").unwrap_or(true))
                .put("SendAsPaymentRequest", ctx.boolean(&inner, "asPaymentRequest").unwrap_or(false));
            Some(o)
        }
        other => match validate::boolean(other) {
            Ok(true) => {
                o.put("Original", true).put("SendAsPaymentRequest", false);
                Some(o)
            }
            Ok(false) => None,
            Err(_) => {
                ctx.issue(&s.at("sendByEmail"), "invalid_type", "must be true, false or {email, original, asPaymentRequest}");
                None
            }
        },
    }
}

#[inline(never)]
pub(super) fn create(s: &Scope, ctx: &mut Ctx) -> Obj {
    let ty = ctx.member(s, "type", &DOCUMENT_TYPE);
    let currency = ctx.member(s, "currency", &enums::document_currency());
    let foreign = currency.is_some_and(|c| c.code != 0);

    let customer = ctx.object(s, "customer").map(|map| {
        let path = s.at("customer");
        let specs = s.spec("customer").map_or(&[][..], |f| f.nested_fields());
        let cs = Scope::new(map, &path, specs);
        ctx.unknown_keys(&cs);
        customer::details(&cs, ctx, true)
    });
    let items = each_object(s, ctx, "items", |is, ctx| item(is, ctx, foreign));
    let payments = each_object(s, ctx, "payments", |ps, ctx| payment(ps, ctx, foreign));

    let vat_rate = ctx.decimal(s, "vatRate");
    if let Some(rate) = vat_rate {
        if rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED {
            ctx.issue(&s.at("vatRate"), "out_of_range", "must be a percentage between 0 and 100");
        } else if rate > Decimal::ZERO && rate < Decimal::ONE {
            ctx.issue(&s.at("vatRate"), "ambiguous_vat_rate", "looks like a fraction; give the rate in percent (18 for 18%)");
        }
    }

    if let Some(ty) = ty {
        // counted as given, so that a list of wrong elements is not also "missing"; a value
        // that is not a list already has its issue
        let count = |key: &str| match s.given(key) {
            None => Some(0),
            Some(v) => v.as_array().map(Vec::len),
        };
        let (n_items, n_payments) = (count("items").unwrap_or(1), count("payments").unwrap_or(1));
        let label = ty.en;
        let (need_items, need_payments, no_items, no_payments) = match document_kind(ty.code) {
            DocumentKind::InvoiceLike => (true, false, false, true),
            DocumentKind::ReceiptLike => (false, true, true, false),
            DocumentKind::InvoiceReceipt => (true, true, false, false),
            DocumentKind::Expense => {
                ctx.issue(&s.at("type"), "unsupported_document_type", format!("{} ({}) is an expense document, which documents/create does not issue; record expenses with apiCall to /accounting/documents/addexpense/", ty.name, ty.code));
                (false, false, false, false)
            }
        };
        if need_items && n_items == 0 {
            ctx.issue(&s.at("items"), "items_required", format!("a {label} needs at least one item"));
        }
        if need_payments && n_payments == 0 {
            ctx.issue(&s.at("payments"), "payments_required", format!("a {label} needs at least one payment"));
        }
        if no_items && n_items > 0 {
            ctx.issue(&s.at("items"), "items_not_allowed", format!("a {label} takes no items; use an invoice-receipt (InvoiceAndReceipt) to list what was paid for"));
        }
        if no_payments && n_payments > 0 {
            ctx.issue(&s.at("payments"), "payments_not_allowed", format!("a {label} takes no payments; use an invoice-receipt (InvoiceAndReceipt) to record a payment"));
        }
    }

    let mut details = Obj::new();
    details.opt("Type", ty.map(|t| t.code));
    details.opt("Customer", customer);
    details
        .opt("IsDraft", ctx.boolean(s, "draft"))
        .opt("Date", ctx.date(s, "date"))
        .opt("SendByEmail", send_by_email(s, ctx))
        .opt("Language", ctx.member(s, "language", &LANGUAGE).map(|m| m.code))
        .opt("Currency", currency.map(|c| c.code))
        .opt("Description", ctx.text(s, "description"))
        .opt("ExternalReference", ctx.text(s, "externalReference"))
        .opt("DueDate", ctx.date(s, "dueDate"));

    let mut body = Obj::new();
    body.put("Details", details);
    body.opt("Items", items.filter(|v| !v.is_empty()).map(Json::Arr))
        .opt("Payments", payments.filter(|v| !v.is_empty()).map(Json::Arr))
        .opt("VATIncluded", ctx.boolean(s, "vatIncluded"))
        .opt("VATRate", vat_rate)
        .opt("OriginalDocumentID", ctx.id(s, "originalDocumentId"));
    body
}

#[inline(never)]
pub(super) fn send(s: &Scope, ctx: &mut Ctx) -> Obj {
    let mut body = Obj::new();
    let id = ctx.id(s, "documentId");
    let ty = ctx.member(s, "type", &DOCUMENT_TYPE);
    let number = ctx.id(s, "number");
    if s.has("documentId") {
        body.opt("EntityID", id);
    } else if s.has("type") || s.has("number") {
        for key in ["type", "number"] {
            if !s.has(key) {
                ctx.issue(&s.at(key), "required", "is required when the document is given by type and number");
            }
        }
        body.opt("DocumentType", ty.map(|t| t.code)).opt("DocumentNumber", number);
    } else {
        ctx.issue(&Path::root().key("documentId"), "required", "is required (or type and number)");
    }
    body.opt("EmailAddress", ctx.email(s, "email"))
        .opt("Original", ctx.boolean(s, "original"))
        .opt("Language", ctx.member(s, "language", &LANGUAGE).map(|m| m.code))
        .opt("PersonalMessage", ctx.text(s, "personalMessage"));
    body
}
