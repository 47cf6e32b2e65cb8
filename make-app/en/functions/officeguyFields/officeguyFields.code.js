function officeguyFields(properties) {
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
