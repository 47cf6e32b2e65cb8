// buildRequest('createDocument', ...) through the JS package (validation + exact body text
// in wasm, JSON text across the boundary) against a hand-written JS builder of the same
// body, measured in the same run. Prints per-call times, the ratio, and the wasm size.
//   node bench/build-request.mjs            (about 10 s)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as og from '../pkg/index.js';

await og.ready;

const connection = { companyId: 123456, apiKey: 'bench-key-0123456789' };
const params = {
  type: 'InvoiceAndReceipt',
  customer: { name: 'דנה לוי', email: 'dana@example.com', phone: '050-1234567', externalId: 'cust-42', searchMode: 'ExternalIdentifier' },
  items: [
    { name: 'Widget', sku: 'W-1', quantity: 2, unitPrice: '50.10' },
    { name: 'Gadget', quantity: '1', unitPrice: 19.9, description: 'blue' },
    { name: 'Service', unitPrice: '100' },
  ],
  payments: [{ amount: '239.20', method: 'creditCard', last4Digits: '4242', installments: 1 }],
  vatIncluded: true,
  language: 'Hebrew',
  currency: 'ILS',
  date: '2026-11-30',
  description: 'Order 1001',
  sendByEmail: { original: true, asPaymentRequest: false },
};

// The peer: what a careful integrator writes by hand for this one action (required fields,
// enum lookups, number parsing, e-mail and phone clean-up), without the general machinery.
const TYPES = { Invoice: 0, InvoiceAndReceipt: 1, Receipt: 2 };
const LANGS = { Hebrew: 0, English: 1 };
const SEARCH = { None: 1, ExternalIdentifier: 2 };
const METHODS = { cash: 'Details_Cash', creditCard: 'Details_CreditCard' };
function handBuild(p, c) {
  if (!(p.type in TYPES)) throw new Error('type');
  const num = (v) => { const n = typeof v === 'number' ? v : Number(String(v).trim()); if (!Number.isFinite(n)) throw new Error('number'); return n; };
  const cu = p.customer;
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(cu.email)) throw new Error('email');
  const phone = cu.phone.replace(/[\s\-().]/g, '');
  if (!/^0\d{8,9}$/.test(phone)) throw new Error('phone');
  const body = {
    Credentials: { CompanyID: c.companyId, APIKey: c.apiKey },
    Details: {
      Type: TYPES[p.type],
      Customer: { Name: cu.name.trim(), Phone: phone, EmailAddress: cu.email, ExternalIdentifier: cu.externalId, SearchMode: SEARCH[cu.searchMode] },
      Date: p.date,
      SendByEmail: { Original: p.sendByEmail.original, SendAsPaymentRequest: p.sendByEmail.asPaymentRequest },
      Language: LANGS[p.language],
      Currency: 0,
      Description: p.description,
    },
    Items: p.items.map((i) => {
      const line = { Quantity: num(i.quantity ?? 1), UnitPrice: num(i.unitPrice) };
      if (i.description) line.Description = i.description;
      line.Item = { Name: i.name };
      if (i.sku) { line.Item.SKU = i.sku; line.Item.SearchMode = 4; }
      return line;
    }),
    Payments: p.payments.map((x) => {
      const d = {};
      if (x.method === 'creditCard') { d.Last4Digits = x.last4Digits; d.Payments = x.installments; }
      return { Amount: num(x.amount), [METHODS[x.method]]: d };
    }),
    VATIncluded: p.vatIncluded,
  };
  return { method: 'POST', url: 'https://api.sumit.co.il/accounting/documents/create/', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

// Same request from both, or the comparison means nothing.
const ours = og.buildRequest('createDocument', params, connection);
const theirs = handBuild(params, connection);
if (JSON.stringify(JSON.parse(ours.body)) !== JSON.stringify(JSON.parse(theirs.body)) || ours.url !== theirs.url) {
  console.error('the two builders disagree:\n', ours.body, '\n', theirs.body);
  process.exit(1);
}

function measure(fn, ms) {
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 200; i++) fn();
    n += 200;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / n; // ns per call
}

const wasmCall = () => og.buildRequest('createDocument', params, connection);
const jsCall = () => handBuild(params, connection);
measure(wasmCall, 500);
measure(jsCall, 500);
const rounds = 5;
const w = [];
const j = [];
for (let r = 0; r < rounds; r++) {
  w.push(measure(wasmCall, 900));
  j.push(measure(jsCall, 900));
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
// where the time goes: the fixed cost of a call into wasm, and validation without a body
const boundary = measure(() => og.safeToRetry('createDocument'), 500);
const validateOnly = measure(() => og.validateParams('createDocument', params), 900);
const wm = median(w);
const jm = median(j);
const wasm = readFileSync(new URL('../pkg/wasm/actions/module.wasm', import.meta.url));

console.log(`buildRequest('createDocument') via the package: ${(wm / 1000).toFixed(2)} µs/call (median of ${rounds} rounds)`);
console.log(`hand-written JS builder, same body:             ${(jm / 1000).toFixed(2)} µs/call`);
console.log(`ratio (package / hand-written): ${(wm / jm).toFixed(2)}x`);
console.log(`  of which: validateParams alone ${(validateOnly / 1000).toFixed(2)} µs; a bare call into wasm ${(boundary / 1000).toFixed(2)} µs`);
console.log(`wasm (the actions module): ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzip -9`);
