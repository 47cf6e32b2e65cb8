function officeguyFields(properties) {
	// SUMIT sends each property of a card as an array of values.
	var out = {};
	if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return out;
	function one(v) {
		if (v === undefined || v === null || v === '') return null;
		if (typeof v === 'object' && !Array.isArray(v) && v.ID !== undefined) {
			return { id: v.ID, name: v.Name === undefined ? null : v.Name, schemaId: v.SchemaID === undefined ? null : v.SchemaID };
		}
		return v;
	}
	Object.keys(properties).forEach(function (key) {
		var raw = properties[key];
		var list = Array.isArray(raw) ? raw : [raw];
		var values = list.map(one).filter(function (v) { return v !== null; });
		out[key] = values.length === 0 ? null : values.length === 1 ? values[0] : values;
	});
	return out;
}
