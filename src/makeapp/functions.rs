//! Custom IML functions: plain JavaScript with built-ins only, each under Make's 5,000
//! characters, enabled by Make on request. There is one, because IML cannot rebuild an
//! object whose keys are only known at run time (a view's columns) while changing each
//! value: `fields` of a card event needs exactly that.

use super::layout::{Component, Kind, Section};

pub const FIELDS_FN: &str = "officeguyFields";

/// Make's limit on the source of one function.
pub const MAX_SOURCE: usize = 5000;

/// The same rules as the core's `normalizeWebhook` `fields`: SUMIT sends every property as
/// an array; one value is unwrapped, several stay a list, a reference `{ID, Name, SchemaID}`
/// becomes `{id, name, schemaId}`, and an empty value (no item, `null`, `""`) is `null`.
const FIELDS_SOURCE: &str = r#"function officeguyFields(properties) {
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
"#;

const FIELDS_TEST: &str = r#"it('unwraps single values, keeps lists, maps references, nulls empties', () => {
	const out = officeguyFields({
		Accounting_Number: [10003],
		Tags: ['a', 'b'],
		Accounting_Customer: [{ ID: 7, Name: 'Dana', SchemaID: 3 }],
		Empty: [],
		Blank: [''],
	});
	assert.deepStrictEqual(out, {
		Accounting_Number: 10003,
		Tags: ['a', 'b'],
		Accounting_Customer: { id: 7, name: 'Dana', schemaId: 3 },
		Empty: null,
		Blank: null,
	});
});
"#;

pub fn fields_source() -> &'static str {
    FIELDS_SOURCE
}

pub fn fields_function() -> Component {
    Component::new(Kind::Function, FIELDS_FN)
        .js(Section::Code, FIELDS_SOURCE.to_string())
        .js(Section::Test, FIELDS_TEST.to_string())
}
