//! Custom IML functions: plain JavaScript with built-ins only, each under Make's 5,000
//! characters, enabled by Make on request. IML has no way to change each element of a list
//! or each value of an object whose keys are known only at run time (it can pick, omit and
//! extract, not transform), so these four do exactly that and nothing else:
//! `officeguyFields` (a card event's view columns), `officeguyRecipients` (the numbers of
//! an SMS), `officeguyObject` (a card's fields or an API call's body) and
//! `officeguyDocumentParts` (a document's items, payments and e-mail). Each follows the
//! core's rule for the same input line for line; the Node tests run both on the same data.

use super::layout::{Component, Kind, Section};

use crate::api::enums::{DOCUMENT_PAYMENT_TYPE, INCOME_ITEM_SEARCH_MODE};
use crate::api::EnumTable;

pub const FIELDS_FN: &str = "officeguyFields";
pub const RECIPIENTS_FN: &str = "officeguyRecipients";
pub const OBJECT_FN: &str = "officeguyObject";
pub const DOCUMENT_FN: &str = "officeguyDocumentParts";

/// Make's limit on the source of one function.
pub const MAX_SOURCE: usize = 5000;

/// The rules of the core's `fields` (src/trigger/fields.rs), line for line: an empty list
/// or `""` is `null`, one value is unwrapped, several stay a list, a reference
/// `{ID, Name, SchemaID}` becomes `{id, name, schemaId}`, other objects keep their keys.
/// A Node test runs both on the same deliveries.
const FIELDS_SOURCE: &str = r#"function officeguyFields(properties) {
	// SUMIT sends each property of a card as an array of values.
	var out = {};
	if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return out;
	function id(v) {
		if (typeof v === 'number') return v;
		if (typeof v !== 'string' || !/^[0-9]{1,20}$/.test(v)) return undefined;
		if (Number(v) <= 9007199254740991) return Number(v);
		return BigInt(v) <= 18446744073709551615n ? BigInt(v).toString() : undefined;
	}
	function reference(m) {
		if (!Object.prototype.hasOwnProperty.call(m, 'ID')) return undefined;
		var i = id(m.ID);
		if (i === undefined) return undefined;
		var s = id(m.SchemaID);
		return { id: i, name: m.Name === undefined ? null : m.Name, schemaId: s === undefined ? null : s };
	}
	function single(v) {
		if (v === '') return null;
		if (Array.isArray(v)) return value(v);
		if (v !== null && typeof v === 'object') {
			var r = reference(v);
			if (r !== undefined) return r;
			var o = {};
			Object.keys(v).forEach(function (k) { o[k] = value(v[k]); });
			return o;
		}
		return v;
	}
	function value(v) {
		if (!Array.isArray(v)) return single(v);
		return v.length === 0 ? null : v.length === 1 ? single(v[0]) : v.map(single);
	}
	Object.keys(properties).forEach(function (key) { out[key] = value(properties[key]); });
	return out;
}
"#;

const FIELDS_TEST: &str = r#"it('unwraps single values, keeps lists, maps references, nulls empties', () => {
	const out = officeguyFields({
		Accounting_Number: [10003],
		Tags: ['a', 'b'],
		Accounting_Customer: [{ ID: 7, Name: 'Dana', SchemaID: 3 }],
		Empty: [],
		Blank: [''],
		Many: ['', 'x'],
	});
	assert.deepStrictEqual(out, {
		Accounting_Number: 10003,
		Tags: ['a', 'b'],
		Accounting_Customer: { id: 7, name: 'Dana', schemaId: 3 },
		Empty: null,
		Blank: null,
		Many: [null, 'x'],
	});
});
"#;

const RECIPIENTS_SOURCE: &str = r#"function officeguyRecipients(to) {
	// One number, a list, or numbers separated by , ; or new lines; each cleaned as the core
	// cleans a phone, and sent once. `many` chooses sendmultiple over send.
	var marks = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
	function phone(v) {
		var raw = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.replace(marks, '') : null;
		if (raw === null) return null;
		var c = '';
		for (var ch of raw.trim()) {
			if (/[ \u00A0\u2010-\u2015.()\/-]/.test(ch)) continue;
			if (ch === '+' && c === '') { c = '+'; continue; }
			if (ch >= '0' && ch <= '9') { c += ch; continue; }
			var code = ch.charCodeAt(0);
			if (code >= 0x660 && code <= 0x669) c += String(code - 0x660);
			else if (code >= 0x6f0 && code <= 0x6f9) c += String(code - 0x6f0);
			else return null;
		}
		if (c.charAt(0) === '+') return c;
		if (c.slice(0, 2) === '00') return '+' + c.slice(2);
		if (c.slice(0, 3) === '972' && (c.length === 11 || c.length === 12)) return '+' + c;
		return c;
	}
	var parts, many;
	if (Array.isArray(to)) { parts = to; many = true; }
	else if (typeof to === 'string') {
		var pieces = to.split(/[,;\n]/).map(function (p) { return p.trim(); }).filter(function (p) { return p !== ''; });
		many = pieces.length > 1;
		parts = many ? pieces : [to];
	} else if (typeof to === 'number') { parts = [to]; many = false; }
	else return { many: false, list: [] };
	var list = [];
	parts.forEach(function (p) {
		var n = phone(p);
		if (n !== null && list.indexOf(n) < 0) list.push(n);
	});
	return { many: many, list: list };
}
"#;

const OBJECT_SOURCE: &str = r#"function officeguyObject(value, mode) {
	// A card's fields (mode 'properties'): an object, its JSON text, or a list of
	// {key|name, value}; names lose direction marks and outer spaces, blank values are left
	// out. An API call's body (mode 'body'): an object or its JSON text, without Credentials.
	var marks = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
	function blank(v) { return v === null || v === undefined || (typeof v === 'string' && v.replace(marks, '').trim() === ''); }
	if (blank(value)) return null;
	if (typeof value === 'string') {
		try { value = JSON.parse(value); } catch (e) { return null; }
	}
	var pairs = [];
	if (Array.isArray(value) && mode === 'properties') {
		value.forEach(function (e) {
			if (e === null || typeof e !== 'object' || Array.isArray(e)) return;
			var k = e.key !== undefined ? e.key : e.name;
			if (typeof k === 'string') pairs.push([k, e.value === undefined ? null : e.value]);
		});
	} else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		Object.keys(value).forEach(function (k) { pairs.push([k, value[k]]); });
	} else return null;
	var out = {};
	pairs.forEach(function (p) {
		if (mode === 'body') {
			if (p[0].toLowerCase() !== 'credentials') out[p[0]] = p[1];
			return;
		}
		var k = p[0].replace(marks, '').trim();
		if (k !== '' && !blank(p[1])) out[k] = p[1];
	});
	return out;
}
"#;

const DOCUMENT_SOURCE: &str = r#"function officeguyDocumentParts(part, value, foreign) {
	// createDocument's items, payments and SendByEmail, by the core's rules.
	var METHODS = __METHODS__;
	var SKU_SEARCH = __SKU__;
	var marks = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
	function blank(v) { return v === null || v === undefined || (typeof v === 'string' && v.replace(marks, '').trim() === ''); }
	function put(o, k, v) { if (v !== undefined) o[k] = v; }
	function text(v) { return blank(v) ? undefined : typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : undefined; }
	function num(v) {
		if (blank(v)) return undefined;
		if (typeof v === 'number') return v;
		if (typeof v !== 'string') return undefined;
		var n = Number(v.trim().replace(/,/g, ''));
		return isFinite(n) ? n : undefined;
	}
	function bool(v) {
		if (typeof v === 'boolean') return v;
		if (v === 1 || v === 0) return v === 1;
		if (typeof v !== 'string') return undefined;
		var t = v.trim().toLowerCase();
		return t === 'true' || t === '1' || t === 'yes' ? true : t === 'false' || t === '0' || t === 'no' ? false : undefined;
	}
	function date(v) {
		if (typeof v !== 'string' || blank(v)) return undefined;
		var m = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/.exec(v.trim());
		if (!m) return undefined;
		if (!m[3]) return m[1];
		var zone = m[3] === 'z' || m[3] === 'Z' ? 'Z' : m[3].length === 3 ? m[3] + ':00' : m[3].length === 5 ? m[3].slice(0, 3) + ':' + m[3].slice(3) : m[3];
		var at = new Date(m[1] + 'T' + m[2] + zone);
		return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem' }).format(at);
	}
	function method(v) {
		if (typeof v === 'number') v = String(v);
		if (typeof v !== 'string') return undefined;
		var t = v.trim().replace(/ \(-?[0-9]+\)$/, '').replace(/[ _\/-]/g, '').toLowerCase();
		return METHODS[t];
	}
	function item(it) {
		var line = {}, what = {};
		put(line, 'Quantity', blank(it.quantity) ? 1 : num(it.quantity));
		put(line, foreign ? 'DocumentCurrency_UnitPrice' : 'UnitPrice', num(it.unitPrice));
		put(line, 'Description', text(it.description));
		var id = num(it.itemId);
		put(what, 'ID', id);
		put(what, 'Name', text(it.name));
		var sku = text(it.sku);
		if (sku !== undefined) {
			what.SKU = sku;
			if (id === undefined) what.SearchMode = SKU_SEARCH;
		}
		line.Item = what;
		return line;
	}
	function payment(p) {
		var out = {}, d = {};
		put(out, foreign ? 'DocumentCurrency_Amount' : 'Amount', num(p.amount));
		var name = method(p.method);
		if (name === undefined) return out;
		if (name === 'CreditCard') {
			put(d, 'CardBrand', text(p.cardBrand));
			put(d, 'Last4Digits', text(p.last4Digits));
			put(d, 'FirstPayment', num(p.firstPayment));
			put(d, 'EachPayment', num(p.eachPayment));
			put(d, 'Payments', num(p.installments));
		} else if (name === 'BankTransfer' || name === 'Cheque') {
			put(d, 'BankNumber', num(p.bankNumber));
			put(d, 'BranchNumber', num(p.branchNumber));
			put(d, 'AccountNumber', text(p.accountNumber));
			if (name === 'Cheque') put(d, 'ChequeNumber', text(p.chequeNumber));
			else put(d, 'Reference', text(p.reference));
			put(d, 'DueDate', date(p.dueDate));
		} else if (name === 'Digital') {
			put(d, 'Type', text(p.type));
			put(d, 'Description', text(p.description));
		} else if (name === 'Other') {
			put(d, 'Type', text(p.type));
			put(d, 'Description', text(p.description));
			put(d, 'DueDate', date(p.dueDate));
		}
		out['Details_' + name] = d;
		return out;
	}
	if (part === 'sendByEmail') {
		if (blank(value)) return null;
		if (typeof value === 'object' && !Array.isArray(value)) {
			if (Object.keys(value).every(function (k) { return blank(value[k]); })) return null;
			var o = {};
			put(o, 'EmailAddress', blank(value.email) ? undefined : String(value.email).replace(marks, '').trim());
			var original = bool(value.original);
			var request = bool(value.asPaymentRequest);
			o.Original = original === undefined ? true : original;
			o.SendAsPaymentRequest = request === undefined ? false : request;
			return o;
		}
		return bool(value) === true ? { Original: true, SendAsPaymentRequest: false } : null;
	}
	if (!Array.isArray(value)) return null;
	var rows = value.filter(function (r) { return r !== null && typeof r === 'object' && !Array.isArray(r); });
	if (rows.length === 0) return null;
	return rows.map(part === 'items' ? item : payment);
}
"#;

fn fold(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '_' | '-' | '/')).flat_map(char::to_lowercase).collect()
}

/// Names, codes and aliases of the payment methods (without Automatic, which the core
/// refuses) as `{folded: Name}`, from the core's table.
fn methods_table(table: &EnumTable) -> String {
    let mut map = serde_json::Map::new();
    for m in table.members.iter().filter(|m| m.code != 0) {
        map.insert(fold(m.name), m.name.into());
        map.insert(m.code.to_string(), m.name.into());
    }
    for (alias, code) in table.aliases {
        if let Some(m) = table.by_code(*code).filter(|m| m.code != 0) {
            map.insert(fold(alias), m.name.into());
        }
    }
    serde_json::Value::Object(map).to_string()
}

fn document_source() -> String {
    let sku = INCOME_ITEM_SEARCH_MODE.members.iter().find(|m| m.name == "SKU").map_or(4, |m| m.code);
    DOCUMENT_SOURCE.replace("__METHODS__", &methods_table(&DOCUMENT_PAYMENT_TYPE)).replace("__SKU__", &sku.to_string())
}

/// Every function: (name, source).
pub fn sources() -> Vec<(&'static str, String)> {
    vec![
        (FIELDS_FN, FIELDS_SOURCE.to_string()),
        (RECIPIENTS_FN, RECIPIENTS_SOURCE.to_string()),
        (OBJECT_FN, OBJECT_SOURCE.to_string()),
        (DOCUMENT_FN, document_source()),
    ]
}


/// The function components; the fields function carries Make's own test format.
pub fn components() -> Vec<Component> {
    sources()
        .into_iter()
        .map(|(name, source)| {
            let c = Component::new(Kind::Function, name).js(Section::Code, source);
            if name == FIELDS_FN {
                c.js(Section::Test, FIELDS_TEST.to_string())
            } else {
                c
            }
        })
        .collect()
}
