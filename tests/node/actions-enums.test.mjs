// The core's enum tables equal the enums of openapi.json, names and codes, so that the one
// source of truth (the Rust tables) cannot drift from the vendor's document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as og from '../../pkg/index.js';
import { loadOpenApi } from '../../sandbox/lib/openapi.mjs';

await og.ready;
const api = loadOpenApi();
const doc = api.doc;
const tables = og.enumTables();

function fromDocument(schema) {
  const members = doc.components.schemas[schema]?.enum;
  assert.ok(Array.isArray(members), `${schema} is an enum of openapi.json`);
  return members.map((m) => {
    const [, name, code] = m.match(/^(.*) \((-?\d+)\)$/);
    return { name, code: Number(code) };
  });
}

test('the core has the six request enums', () => {
  assert.deepEqual(tables.map((t) => t.schema).sort(), [
    'Accounting_Typed_CustomerSearchMode', 'Accounting_Typed_DocumentCurrency', 'Accounting_Typed_DocumentPaymentType',
    'Accounting_Typed_DocumentType', 'Accounting_Typed_IncomeItemSearchMode', 'Accounting_Typed_Language',
  ]);
});

for (const table of tables) {
  test(`${table.schema} equals openapi.json`, () => {
    assert.deepEqual(table.members.map(({ name, code }) => ({ name, code })), fromDocument(table.schema));
    for (const m of table.members) assert.ok(m.en && m.he, `${table.schema}.${m.name} has labels`);
  });
}

// every request built here is held against its schema too
function built(action, params) {
  const r = og.buildRequest(action, params, { companyId: 1, apiKey: 'k' });
  const path = new URL(r.url).pathname;
  const body = JSON.parse(r.body);
  assert.deepEqual(api.validateRequest(path, body), [], r.body);
  return body;
}

test('all 155 currencies, by ISO code and by number', () => {
  const currencies = tables.find((t) => t.schema === 'Accounting_Typed_DocumentCurrency').members;
  assert.equal(currencies.length, 155);
  const body = (currency) => built('createDocument', { type: 0, currency, customer: { id: 1 }, items: [{ name: 'x', unitPrice: 1 }] });
  for (const { name, code } of currencies) {
    assert.equal(body(name).Details.Currency, code, name);
    assert.equal(body(String(code)).Details.Currency, code, String(code));
  }
});

test('document types and languages by name and by code', () => {
  for (const { name, code } of fromDocument('Accounting_Typed_Language')) {
    const v = og.validateParams('sendDocument', { documentId: 1, language: name });
    assert.deepEqual(v, []);
    assert.deepEqual(og.validateParams('sendDocument', { documentId: 1, language: code }), []);
  }
  for (const { name, code } of fromDocument('Accounting_Typed_DocumentType')) {
    assert.equal(built('sendDocument', { type: name, number: 1 }).DocumentType, code, name);
  }
});

test('the catalogue selects offer exactly the enum members', () => {
  const fieldsOf = (action) => og.catalog().actions.find((a) => a.key === action).fields;
  const fields = fieldsOf('createDocument');
  const values = (name, list = fields) => list.find((f) => f.name === name).options.map((o) => o.value);
  // documents/create issues no expense document (codes 15 to 22: they go through addexpense)
  const issued = fromDocument('Accounting_Typed_DocumentType').filter((m) => m.code < 15 || m.code > 22);
  assert.deepEqual(values('type'), issued.map((m) => m.name));
  assert.deepEqual(values('type', fieldsOf('sendDocument')), fromDocument('Accounting_Typed_DocumentType').map((m) => m.name));
  assert.deepEqual(values('currency'), fromDocument('Accounting_Typed_DocumentCurrency').map((m) => m.name));
  assert.deepEqual(values('language'), fromDocument('Accounting_Typed_Language').map((m) => m.name));
});
