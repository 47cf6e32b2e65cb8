function officeguyObject(value, mode) {
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
