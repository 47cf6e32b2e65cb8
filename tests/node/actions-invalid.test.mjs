// A table of bad params per action, through the JS package: each gives the issues a user
// should see (path and code), all at once, as plain objects or as OfficeGuyError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as og from '../../pkg/index.js';

await og.ready;
const connection = { companyId: 123456, apiKey: 'KEY-never-shown-42' };
const doc = (extra) => ({ type: 'Invoice', customer: { id: 5 }, items: [{ name: 'x', unitPrice: 1 }], ...extra });

// [action, params, [[path, code], ...]] — the issues expected, in any order
const CASES = [
  ['createCustomer', {}, [['name', 'required']]],
  ['createCustomer', { name: 'a', email: 'a@', phone: '123', noVat: 'perhaps' }, [['email', 'invalid_email'], ['phone', 'invalid_phone'], ['noVat', 'invalid_boolean']]],
  ['createCustomer', { searchMode: 'CompanyNumber', name: 'x' }, [['companyNumber', 'required']]],
  ['createCustomer', { name: 'x', searchMode: 'Nope' }, [['searchMode', 'invalid_enum']]],
  ['createCustomer', { name: 'x'.repeat(251) }, [['name', 'too_long']]],
  ['createDocument', {}, [['type', 'required'], ['customer', 'required']]],
  ['createDocument', doc({ type: 99 }), [['type', 'invalid_enum']]],
  ['createDocument', doc({ items: [] }), [['items', 'items_required']]],
  ['createDocument', { type: 'Receipt', customer: { id: 1 } }, [['payments', 'payments_required']]],
  ['createDocument', { type: 'InvoiceAndReceipt', customer: { id: 1 }, items: [{ name: 'x', unitPrice: 1 }] }, [['payments', 'payments_required']]],
  ['createDocument', doc({ payments: [{ amount: 1, method: 'cash' }] }), [['payments', 'payments_not_allowed']]],
  ['createDocument', doc({ type: 'ExpenseInvoice' }), [['type', 'unsupported_document_type']]],
  ['createDocument', doc({ items: [{ name: 'x', unitPrice: 'abc' }, { unitPrice: 1 }, { name: 'y', unitPrice: 1, quantity: 0 }] }),
    [['items[0].unitPrice', 'invalid_number'], ['items[1].name', 'required'], ['items[2].quantity', 'not_positive']]],
  ['createDocument', doc({ items: [{ name: 'x', unitPrice: 0.1 + 0.2 }] }), [['items[0].unitPrice', 'imprecise_number']]],
  ['createDocument', { type: 2, customer: { id: 1 }, payments: [{ amount: 5, method: 'paypal' }, { method: 'cash' }] },
    [['payments[0].method', 'invalid_enum'], ['payments[1].amount', 'required']]],
  ['createDocument', doc({ currency: 'BTC', language: 'fr', date: '2026-02-30', vatRate: 0.18, customer: { id: 'abc' } }),
    [['currency', 'invalid_enum'], ['language', 'invalid_enum'], ['date', 'invalid_date'], ['vatRate', 'ambiguous_vat_rate'], ['customer.id', 'invalid_id']]],
  ['createDocument', doc({ sendByEmail: { email: 'x', original: 'yes please' } }), [['sendByEmail.email', 'invalid_email'], ['sendByEmail.original', 'invalid_boolean']]],
  ['createDocument', doc({ VATIncluded: true }), [['VATIncluded', 'unknown_field']]],
  ['sendSms', {}, [['to', 'required'], ['text', 'required']]],
  ['sendSms', { to: ['0501234567', '99'], text: 'x' }, [['to[1]', 'invalid_phone']]],
  ['sendSms', { to: '0501234567', text: 'x'.repeat(1001) }, [['text', 'too_long']]],
  ['addToEmailList', { listId: 'news', email: 'not-mail' }, [['listId', 'invalid_id'], ['email', 'invalid_email']]],
  ['addToSmsList', { listId: 0, phone: '' }, [['listId', 'invalid_id'], ['phone', 'required']]],
  ['createCard', { folder: '', properties: {} }, [['folder', 'required'], ['properties', 'required']]],
  ['createCard', { folder: 1, properties: 'nope' }, [['properties', 'invalid_json']]],
  ['apiCall', { path: 'https://api.sumit.co.il/accounting/documents/create/' }, [['path', 'absolute_url']]],
  ['apiCall', { path: '/a/../b/' }, [['path', 'invalid_path']]],
  ['updateCard', { properties: { A: 1 } }, [['entityId', 'required']]],
  ['getCard', { entityId: 1.5 }, [['entityId', 'invalid_id']]],
  ['sendDocument', {}, [['documentId', 'required']]],
  ['listEntities', { folder: '1', paging: { pageSize: 5000 } }, [['paging.pageSize', 'out_of_range']]],
  ['listViews', {}, [['folderId', 'required']]],
  ['subscribeTrigger', { url: 'nope', view: 'x', type: 'sometimes' }, [['url', 'invalid_url'], ['folder', 'required'], ['view', 'invalid_id'], ['type', 'invalid_enum']]],
  ['unsubscribeTrigger', {}, [['url', 'required']]],
];

const sorted = (pairs) => pairs.map(([p, c]) => `${p} ${c}`).sort();

for (const [action, params, expected] of CASES) {
  test(`${action} ${JSON.stringify(params).slice(0, 80)}`, () => {
    const issues = og.validateParams(action, params);
    assert.deepEqual(sorted(issues.map((i) => [i.path, i.code])), sorted(expected), JSON.stringify(issues));
    for (const i of issues) assert.ok(typeof i.message === 'string' && i.message.length > 3);
    assert.throws(() => og.buildRequest(action, params, connection), (e) => {
      assert.ok(e instanceof og.OfficeGuyError);
      assert.equal(e.code, 'invalid_params');
      assert.deepEqual(e.issues, issues);
      assert.ok(!JSON.stringify(e).includes(connection.apiKey) && !e.message.includes(connection.apiKey));
      return true;
    });
  });
}

test('connection problems are issues under connection.*, never quoting the key', () => {
  assert.throws(() => og.buildRequest('listFolders', {}, { companyId: 'acme', apiKey: 'KEY with space' }), (e) => {
    assert.equal(e.code, 'invalid_connection');
    assert.deepEqual(e.issues.map((i) => i.path), ['connection.companyId', 'connection.apiKey']);
    assert.ok(!JSON.stringify(e.issues).includes('KEY with space'));
    return true;
  });
  assert.throws(() => og.buildRequest('listFolders', {}, undefined), (e) => e.code === 'invalid_connection');
});

test('unknown actions and values that are not JSON throw OfficeGuyError', () => {
  assert.throws(() => og.buildRequest('createInvoice', {}, connection), (e) => e instanceof og.OfficeGuyError && e.code === 'unknown_action');
  assert.equal(og.validateParams('createInvoice', {})[0].code, 'unknown_action');
  const loop = {};
  loop.self = loop;
  assert.throws(() => og.validateParams('createCard', loop), (e) => e instanceof og.OfficeGuyError && e.code === 'invalid_argument');
});
