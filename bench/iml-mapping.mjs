// IML mapping benchmark: one WooCommerce-style order bundle (about 1 KB, 5 lines, Hebrew
// names) mapped to createDocument params, four ways, on the same input:
//   compiled mapping (this package), JSONata 2.x, hand-written JS, and the floor
//   JSON.parse(JSON.stringify(input)) that any JSON-crossing approach pays at least.
// Then where the mapping's time goes: JSON text in, the wasm call, JSON text out.
// Run: node bench/iml-mapping.mjs   (about 15 s)
import jsonata from 'jsonata';
import * as og from '../pkg/index.js';
import { iml } from '../pkg/lib/modules.js';

const { wasm } = iml;

const order = {
  id: 72731,
  number: '72731',
  status: 'processing',
  currency: 'ILS',
  date_created: '2024-03-10T10:15:00',
  total: '1234.50',
  customer_id: 512,
  billing: {
    first_name: 'דנה', last_name: 'כהן', company: 'כהן ובניו בע"מ', address_1: 'רחוב הרצל 12', city: 'תל אביב',
    postcode: '6100000', country: 'IL', email: 'Dana.Cohen@example.co.il', phone: '050-1234567',
  },
  shipping: { first_name: 'דנה', last_name: 'כהן', address_1: 'שדרות רוטשילד 45, דירה 3', city: 'תל אביב', postcode: '6688312', country: 'IL' },
  payment_method: 'sumit', payment_method_title: 'כרטיס אשראי', transaction_id: 'TX-99812-AB', customer_note: 'נא להשאיר ליד הדלת 🙏',
  line_items: [
    { id: 1, name: 'חולצה כחולה', sku: 'SH-01', quantity: 2, price: 89.9 },
    { id: 2, name: 'מכנסיים', sku: 'PA-07', quantity: 1, price: 249 },
    { id: 3, name: 'כובע 🧢', sku: 'HA-02', quantity: 3, price: 39.5 },
    { id: 4, name: 'גרביים', sku: 'SO-11', quantity: 5, price: 12 },
    { id: 5, name: 'מעיל חורף', sku: 'CO-03', quantity: 1, price: 599 },
  ],
};
const bundles = { 1: order };

const line = (i) => ({
  Quantity: `{{1.line_items[${i}].quantity}}`,
  UnitPrice: `{{1.line_items[${i}].price}}`,
  Item: { Name: `{{1.line_items[${i}].name}}`, SKU: `{{upper(1.line_items[${i}].sku)}}` },
});
const mapper = {
  Details: {
    Type: 1,
    Customer: {
      Name: '{{1.billing.first_name}} {{1.billing.last_name}}',
      EmailAddress: '{{lower(1.billing.email)}}',
      Phone: '{{1.billing.phone}}',
      City: '{{1.billing.city}}',
      Address: '{{1.billing.address_1}}',
      ZipCode: '{{1.billing.postcode}}',
      ExternalIdentifier: '{{1.customer_id}}',
    },
    Description: 'Order {{1.number}}',
    ExternalReference: '{{1.id}}',
    Language: 0,
  },
  Items: [1, 2, 3, 4, 5].map(line),
  Payments: [{ Amount: '{{parseNumber(1.total; .)}}', Type: 1 }],
  VATIncluded: true,
  SendByEmail: { EmailAddress: '{{ifempty(lower(1.billing.email); "noreply@example.com")}}', Original: true },
};

const expr = jsonata(`{
  "Details": {
    "Type": 1,
    "Customer": {
      "Name": billing.first_name & " " & billing.last_name,
      "EmailAddress": $lowercase(billing.email),
      "Phone": billing.phone, "City": billing.city, "Address": billing.address_1,
      "ZipCode": billing.postcode, "ExternalIdentifier": customer_id
    },
    "Description": "Order " & number,
    "ExternalReference": id,
    "Language": 0
  },
  "Items": [line_items.{ "Quantity": quantity, "UnitPrice": price, "Item": { "Name": name, "SKU": $uppercase(sku) } }],
  "Payments": [{ "Amount": $number(total), "Type": 1 }],
  "VATIncluded": true,
  "SendByEmail": { "EmailAddress": $lowercase(billing.email) ? $lowercase(billing.email) : "noreply@example.com", "Original": true }
}`);

function byHand(b) {
  const o = b[1];
  const email = String(o.billing.email ?? '').toLowerCase();
  return {
    Details: {
      Type: 1,
      Customer: {
        Name: `${o.billing.first_name} ${o.billing.last_name}`, EmailAddress: email, Phone: o.billing.phone,
        City: o.billing.city, Address: o.billing.address_1, ZipCode: o.billing.postcode, ExternalIdentifier: o.customer_id,
      },
      Description: `Order ${o.number}`, ExternalReference: o.id, Language: 0,
    },
    Items: o.line_items.map((l) => ({ Quantity: l.quantity, UnitPrice: l.price, Item: { Name: l.name, SKU: l.sku.toUpperCase() } })),
    Payments: [{ Amount: Number(o.total), Type: 1 }],
    VATIncluded: true,
    SendByEmail: { EmailAddress: email || 'noreply@example.com', Original: true },
  };
}

const compiled = og.compileMapping(mapper);
const want = byHand(bundles);
const check = (name, got) => {
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${name} differs:\n${JSON.stringify(got)}\n${JSON.stringify(want)}`);
};
check('compiled mapping', compiled.apply(bundles));
check('jsonata', await expr.evaluate(order));

async function measure(name, fn, ms = 2000) {
  for (let i = 0; i < 2000; i++) await fn(); // warm up
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let i = 0; i < 200; i++) await fn();
    n += 200;
    t = performance.now();
  }
  return { name, ops: (n * 1000) / (t - t0) };
}

let sink;
const floor = await measure('floor: JSON.parse(JSON.stringify(input))', () => { sink = JSON.parse(JSON.stringify(bundles)); });
const bundlesText = JSON.stringify(bundles);
const results = [
  await measure('compiled IML mapping (compileMapping().apply)', () => { sink = compiled.apply(bundles); }),
  await measure('compiled mapping, JSON text in and out (applyJson)', () => { sink = compiled.applyJson(bundlesText); }),
  await measure('applyMapping (parse + apply every time)', () => { sink = og.applyMapping(mapper, bundles); }),
  await measure('JSONata 2.x (await evaluate)', async () => { sink = await expr.evaluate(order); }),
  await measure('hand-written JS', () => { sink = byHand(bundles); }),
  floor,
];

console.log(`input ${JSON.stringify(bundles).length} bytes of JSON (${Buffer.byteLength(JSON.stringify(bundles))} UTF-8), output ${JSON.stringify(want).length} characters`);
for (const r of results) console.log(`${r.name.padEnd(48)} ${Math.round(r.ops).toString().padStart(9)} ops/s   ${(r.ops / floor.ops).toFixed(2)}x floor`);
const mine = results[0].ops;
const jsonataOps = results.find((r) => r.name.startsWith('JSONata')).ops;
console.log(`compiled mapping vs JSONata: ${(mine / jsonataOps).toFixed(1)}x (goal >= 10x); vs floor: ${(mine / floor.ops).toFixed(2)} (goal >= 0.5)`);

// Where the time goes: the three steps of compiled.apply, measured apart.
const handle = new wasm.ImlMapping(JSON.stringify(mapper), '{}');
const trivial = new wasm.ImlMapping('{"a":1}', '{}');
const inText = JSON.stringify(bundles);
const outText = handle.apply(inText);
const us = (r) => 1e6 / r.ops;
const stringify = us(await measure('stringify', () => { sink = JSON.stringify(bundles); }, 1000));
const crossParse = us(await measure('cross', () => { sink = trivial.apply(inText); }, 1000));
const whole = us(await measure('apply', () => { sink = handle.apply(inText); }, 1000));
const parse = us(await measure('parse', () => { sink = JSON.parse(outText); }, 1000));
const total = stringify + whole + parse;
console.log('where the time of compiled.apply goes:');
for (const [name, t] of [
  ['JSON.stringify(bundles), into the boundary', stringify],
  ['wasm call, copying the text in, reading it as JSON', crossParse],
  ['evaluating the templates, writing the params as JSON', whole - crossParse],
  ['JSON.parse(result), out of the boundary', parse],
]) console.log(`  ${name.padEnd(56)} ${t.toFixed(1).padStart(6)} µs  ${((100 * t) / total).toFixed(0).padStart(3)}%`);
handle.free();
trivial.free();
void sink;
