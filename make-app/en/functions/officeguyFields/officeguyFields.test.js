it('unwraps single values, keeps lists, maps references, nulls empties', () => {
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
