function officeguyDocumentParts(part, value, foreign) {
	// createDocument's items, payments and SendByEmail, by the core's rules.
	var METHODS = {"general":"General","1":"General","cash":"Cash","2":"Cash","banktransfer":"BankTransfer","3":"BankTransfer","cheque":"Cheque","4":"Cheque","creditcard":"CreditCard","5":"CreditCard","digital":"Digital","6":"Digital","taxwithholding":"TaxWithholding","7":"TaxWithholding","other":"Other","8":"Other","check":"Cheque"};
	var SKU_SEARCH = 4;
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
