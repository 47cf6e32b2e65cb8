function officeguyRecipients(to) {
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
