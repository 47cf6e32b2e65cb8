// The validator that the sandbox and the request tests use must accept what the API
// accepts and refuse misspelt fields, or every other test proves nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOpenApi } from '../../sandbox/lib/openapi.mjs';

const api = loadOpenApi();
const credentials = { CompanyID: 123456, APIKey: 'k' };

test('the document has the 84 endpoints the notes describe', () => {
  assert.equal(api.paths.length, 84);
});

test('the invoice-receipt example of NOTES.md section 9 validates', () => {
  const body = {
    Credentials: credentials,
    Details: { Type: 1, Customer: { Name: 'Danny Dean', EmailAddress: 'danny@example.com', ExternalIdentifier: 'cust-42', SearchMode: 2 },
      Language: 0, Currency: 0, Description: 'Order 1001', SendByEmail: { Original: true, SendAsPaymentRequest: false } },
    Items: [{ Quantity: 2, UnitPrice: 50.0, Item: { Name: 'Widget', SKU: 'W-1', SearchMode: 4 } }],
    Payments: [{ Amount: 100.0, Details_Cash: {} }],
    VATIncluded: true,
  };
  assert.deepEqual(api.validateRequest('/accounting/documents/create/', body), []);
});

test('a misspelt field, a wrong enum and a missing field are refused with their paths', () => {
  const body = { Credentials: credentials, Details: { Type: 99, Customer: { Name: 'x' }, Langauge: 0 } };
  const issues = api.validateRequest('/accounting/documents/create/', body);
  const paths = issues.map((i) => i.path);
  assert.ok(paths.includes('Details.Langauge'), JSON.stringify(issues));
  assert.ok(paths.includes('Details.Type'), JSON.stringify(issues));
  const noCreds = api.validateRequest('/sms/sms/send/', { Recipient: '050', Text: 'x' });
  assert.ok(noCreds.some((i) => i.path === 'Credentials'), JSON.stringify(noCreds));
});

test('enum names are accepted as the service accepts them', () => {
  const body = { Credentials: credentials, Details: { Type: 'InvoiceAndReceipt', Customer: { ID: 5 } } };
  assert.deepEqual(api.validateRequest('/accounting/documents/create/', body), []);
});

test('an unknown path is an issue, not a pass', () => {
  assert.equal(api.validateRequest('/nope/nope/nope/', {}).length, 1);
});
