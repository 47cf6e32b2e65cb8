// The app's custom IML functions against the core: for the same params, each builds the
// part of the body that buildRequest builds (items, payments, e-mail settings, card fields,
// SMS recipients, an API call's body).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import * as og from '../../pkg/index.js';

const files = og.makeApp({ lang: 'en' }).files;
const fn = (name) => vm.runInNewContext(`${files[`functions/${name}/${name}.code.js`]}; ${name}`, {});
const plain = (v) => (v === null || v === undefined ? v : JSON.parse(JSON.stringify(v)));
const connection = { companyId: 1, apiKey: 'k' };
const core = (action, params) => {
  const r = og.buildRequest(action, params, connection);
  const body = JSON.parse(r.body);
  delete body.Credentials;
  return { url: r.url.replace('https://api.sumit.co.il', ''), body };
};

const documentParts = fn('officeguyDocumentParts');

const documents = [
  {
    type: 'InvoiceAndReceipt',
    customer: { name: 'דנה', phone: '050-1234567' },
    items: [
      { name: 'ייעוץ', unitPrice: '1,234.50', quantity: '2', description: ' שעה ' },
      { itemId: 17, unitPrice: 10 },
      { name: 'Widget', sku: 'W-1', unitPrice: 0.1 },
    ],
    payments: [
      { amount: 100, method: 'cash' },
      { amount: '2,469', method: 'creditCard', cardBrand: 'Visa', last4Digits: '1234', installments: '3', firstPayment: 1000, eachPayment: '734.5' },
      { amount: 10, method: 'bankTransfer', bankNumber: '12', branchNumber: 600, accountNumber: ' 123456 ', reference: 'R1', dueDate: '2026-12-01' },
      { amount: 5, method: 'Cheque', bankNumber: 10, chequeNumber: '9', dueDate: '2026-11-30T23:30:00Z' },
      { amount: 6, method: 'digital', type: 'Bit', description: 'paid' },
      { amount: 7, method: 'other', type: 'Voucher', dueDate: '2026-12-02' },
      { amount: 8, method: 'tax_withholding' },
      { amount: 9, method: 'general' },
    ],
    sendByEmail: { email: '\u200Fa@b.co ', asPaymentRequest: 'yes' },
  },
  { type: 'Invoice', currency: 'USD', customer: { id: 5 }, items: [{ name: 'x', unitPrice: '19.99' }], sendByEmail: true },
  { type: 1, currency: '$', customer: { name: 'y' }, items: [{ name: 'x', unitPrice: 3 }], payments: [{ amount: 3, method: 5 }], sendByEmail: 'false' },
  { type: 'Receipt', currency: 'ILS', customer: { name: 'z' }, payments: [{ amount: 1, method: 'Check' }], sendByEmail: { email: '', original: null } },
];

test('document items, payments and e-mail settings are what buildRequest sends', () => {
  for (const params of documents) {
    const { body } = core('createDocument', params);
    const foreign = params.currency !== undefined && !['ILS', 'NIS', '₪', 0].includes(params.currency);
    assert.deepEqual(plain(documentParts('items', params.items, foreign)) ?? undefined, body.Items, JSON.stringify(params.items));
    assert.deepEqual(plain(documentParts('payments', params.payments, foreign)) ?? undefined, body.Payments, JSON.stringify(params.payments));
    assert.deepEqual(plain(documentParts('sendByEmail', params.sendByEmail, foreign)) ?? undefined, body.Details.SendByEmail);
  }
});

test('card fields: an object, its JSON text or key-value pairs, blanks left out', () => {
  const object = fn('officeguyObject');
  const cases = [
    { Customers_FullName: 'דנה', Customers_City: '', Customers_Phone: null, ' \u200ECustomers_Notes ': 'x' },
    '{"Customers_FullName":"Dana","Count":3}',
    [{ key: 'Customers_FullName', value: 'Dana' }, { name: 'Customers_City', value: 'חיפה' }, { key: 'Empty', value: '  ' }],
  ];
  for (const properties of cases) {
    const { body } = core('createCard', { folder: 1076, properties });
    assert.deepEqual(plain(object(properties, 'properties')), body.Entity.Properties, JSON.stringify(properties));
  }
});

test('an API call body passes through, without Credentials', () => {
  const object = fn('officeguyObject');
  for (const b of [{ DocumentID: 5, Credentials: { APIKey: 'evil' }, Nested: { a: [1, ''] } }, '{"EntityID": 7}']) {
    const { body } = core('apiCall', { path: '/CRM/Data/GetEntity', body: b });
    assert.deepEqual(plain(object(b, 'body')), body);
  }
});

test('SMS recipients: one number, a list, or a separated text, cleaned and sent once', () => {
  const recipients = fn('officeguyRecipients');
  const cases = ['050-1234567', ['0501234567', '+972 50-123-4567', '050-1234567'], '050-1234567, 052-7654321;\n00972541112222', 972501234567];
  for (const to of cases) {
    const { url, body } = core('sendSms', { to, text: 'hi' });
    const r = plain(recipients(to));
    assert.equal(r.many ? '/sms/sms/sendmultiple/' : '/sms/sms/send/', url, JSON.stringify(to));
    if (r.many) assert.deepEqual(r.list, body.Recipients);
    else assert.equal(r.list[0], body.Recipient);
  }
});
