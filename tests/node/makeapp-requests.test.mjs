// Two paths, one truth, inside this suite: each action module's communication, evaluated
// with the core's IML engine (custom IML functions run as plain JS, the way Make runs them),
// sends the URL and body that buildRequest builds from the same params.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import * as og from '../../pkg/index.js';

const files = og.makeApp({ lang: 'en' }).files;
const base = JSON.parse(files['general/base.iml.json']);
const functions = Object.fromEntries(Object.entries(files)
  .filter(([p]) => p.startsWith('functions/') && p.endsWith('.code.js'))
  .map(([p, src]) => { const name = p.split('/')[1]; return [name, vm.runInNewContext(`${src}; ${name}`, {})]; }));

/** The end of the call whose `(` is at `open`, and its top-level arguments. */
function callAt(text, open) {
  const args = [];
  let depth = 0, start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") { i = text.indexOf(c, i + 1); continue; }
    if (c === '(') depth++;
    else if (c === ')') { depth--; if (depth === 0) { args.push(text.slice(start, i).trim()); return { end: i, args }; } }
    else if (c === ',' && depth === 1) { args.push(text.slice(start, i).trim()); start = i + 1; }
  }
  throw new Error(`unbalanced call in ${text}`);
}

/** Evaluates a template; each custom function call is run in JS and passed in as a variable. */
function evaluate(template, ctx) {
  let text = template;
  const vars = { ...ctx };
  let n = 0;
  for (;;) {
    const m = text.match(new RegExp(`\\b(${Object.keys(functions).join('|')})\\(`));
    if (!m) break;
    const open = m.index + m[1].length;
    const { end, args } = callAt(text, open);
    const values = args.map((a) => og.evaluate(`{{${a}}}`, vars, { dialect: 'app' }));
    const name = `customcall${n++}`;
    vars[name] = JSON.parse(JSON.stringify(functions[m[1]](...values) ?? null));
    text = text.slice(0, m.index) + name + text.slice(end + 1);
  }
  return og.evaluate(text, vars, { dialect: 'app', timezone: 'Asia/Jerusalem' });
}

/** A body as Make sends it: templates evaluated, the spread key merged, nulls left out. */
function build(v, ctx) {
  if (typeof v === 'string') return v.includes('{{') ? evaluate(v, ctx) : v;
  if (Array.isArray(v)) return v.map((x) => build(x, ctx));
  if (v && typeof v === 'object') {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      const y = build(x, ctx);
      if (k === '{{...}}') Object.assign(out, y ?? {});
      else if (y !== null && y !== undefined) out[k] = y;
    }
    return out;
  }
  return v;
}

const connection = { companyId: 123456, apiKey: 'k' };
const TABLE = {
  createCustomer: [{ name: ' דנה ', phone: '050-1234567', email: 'd@example.co.il', searchMode: 'email', noVat: 'yes' }],
  createDocument: [
    { type: 'InvoiceAndReceipt', customer: { name: 'לקוח 🚀', phone: '00972-50-1234567' }, items: [{ name: 'ייעוץ', unitPrice: '1,450.50', quantity: 2 }],
      payments: [{ amount: '2901', method: 'creditCard', last4Digits: '4242', installments: 3 }], vatIncluded: true, sendByEmail: { email: 'c@example.co.il' },
      date: '2026-11-29', dueDate: '2026-11-30T23:30:00Z', language: 'he' },
    { type: 'Invoice', currency: 'USD', customer: { id: 2375133701 }, items: [{ name: 'x', sku: 'LOGO', unitPrice: 1800 }], description: 'שורה\nשנייה', sendByEmail: {} },
    { type: 'Receipt', customer: { name: 'r' }, payments: [{ amount: 5, method: 'Cheque', bankNumber: '12', chequeNumber: '9' }], sendByEmail: true, draft: 'true' },
  ],
  sendSms: [{ to: '050-7654321', text: 'שלום 👋' }, { to: '050-1111111; 052-2222222', text: 'x', sender: ' 0501234567 ' }, { to: ['0501111111', '0501111111'], text: 'y' }],
  addToEmailList: [{ listId: '2375133800', email: ' a@example.co.il', name: 'A' }],
  addToSmsList: [{ listId: 2375133801, phone: '+44 20 7946 0958' }],
  createCard: [{ folder: 'לקוחות', properties: { Customers_FullName: 'כרטיס', Customers_City: '' } }, { folder: 1076, properties: [{ key: 'A', value: 1 }] }],
  updateCard: [{ entityId: '2375133702', properties: '{"Customers_City": "צפת"}', removeExistingProperties: true }],
  getCard: [{ entityId: 2375133702 }],
  sendDocument: [{ documentId: 2375133900, email: 'x@example.co.il', original: 'no' }, { type: 'Receipt (2)', number: '12', language: 'English' }],
  archiveCard: [{ entityId: 2375133703 }],
  deleteCard: [{ entityId: 2375133704 }],
  apiCall: [{ path: 'CRM/Data/GetEntity', body: { EntityID: 5, Credentials: { APIKey: 'x' } } }, { path: '/crm/schema/listfolders/', body: '{"NameFilter": "לקוחות"}' }],
};

for (const action of og.catalog().actions.filter((a) => a.group === 'action')) {
  test(`${action.key}: the module sends what buildRequest builds`, () => {
    const rows = TABLE[action.key];
    assert.ok(rows, `no params for ${action.key}`);
    const comm = JSON.parse(files[`modules/${action.key}/${action.key}.communication.iml.json`]);
    for (const params of rows) {
      const expected = og.buildRequest(action.key, params, connection);
      const ctx = { parameters: params, connection };
      const url = base.baseUrl + build(comm.url, ctx);
      const body = { ...build(base.body, ctx), ...build(comm.body, ctx) };
      assert.equal(url, expected.url, JSON.stringify(params));
      assert.deepEqual(body, JSON.parse(expected.body), JSON.stringify(params));
    }
  });
}

const DELIVERY = { Folder: 2375135516, EntityID: 2389921274, Type: 'CreateOrUpdate',
  Properties: { Accounting_Number: [10003], Accounting_Customer: [{ ID: 2389918411, Name: 'יזמות הגליל בע"מ', SchemaID: 2375133706 }], Empty: [] } };

test('the webhook outputs what normalizeWebhook gives, for a JSON and for a json= form delivery', () => {
  const comm = JSON.parse(files['webhooks/cardEvents/cardEvents.communication.iml.json']);
  assert.equal(comm.respond.status, 200);
  const text = JSON.stringify(DELIVERY);
  const expected = og.normalizeWebhook({ contentType: 'application/json', body: text });
  // Make parses the body: JSON as an object, a form as its fields
  for (const body of [DELIVERY, { json: text }]) {
    const out = build(comm.output, { body, headers: {}, query: {} });
    for (const key of ['folder', 'entityId', 'type', 'fields', 'properties']) {
      assert.deepEqual(out[key], expected[key], `${key} of ${JSON.stringify(body).slice(0, 20)}`);
    }
  }
});

test('the polling trigger outputs each card as normalizeEntity gives it', () => {
  const comm = JSON.parse(files['modules/pollCards/pollCards.communication.iml.json']);
  const entity = { ID: 2389918621, Folder: '2375135537', Customers_FullName: ['דנה כהן'], Customers_Tags: ['a', 'b'], Customers_Owner: [{ ID: 5, Name: 'x' }] };
  const expected = og.normalizeEntity(entity);
  const out = build(comm.response.output, { item: entity, parameters: { folder: 2375135537 } });
  for (const key of ['folder', 'entityId', 'properties', 'fields']) assert.deepEqual(out[key], expected[key], key);
  const body = build(comm.body, { parameters: { folder: 2375135537, limit: 10 } });
  assert.deepEqual(body, { Folder: '2375135537', LoadProperties: true, Order: {}, Paging: { StartIndex: 0, PageSize: 100 } });
});
