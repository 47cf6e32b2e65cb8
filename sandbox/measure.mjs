// `node sandbox/measure.mjs`: how fast the sandbox starts, answers and delivers, measured
// in this run (medians of repeated calls over HTTP, answers checked against openapi.json).
import { startSandbox } from './server.mjs';
import { sandboxClient, startReceiver } from './testing.mjs';

const N = Number(process.env.N || 100);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(2)} ms`;

let t0 = performance.now();
const sb = await startSandbox({ db: ':memory:', retryDelayMs: 50 });
console.log(`start with the seeded demo company (in memory): ${ms(performance.now() - t0)}`);
const og = sandboxClient(sb);
const customer = (await og.data('/crm/data/listentities/', { Folder: 'לקוחות' })).Entities[0].ID;
const cases = {
  'getdetails (credential check)': ['/website/companies/getdetails/', {}],
  'listentities, 10 cards with properties': ['/crm/data/listentities/', { Folder: 'לקוחות', LoadProperties: true }],
  'listentities, 50 cards, filter + order': ['/crm/data/listentities/', { Folder: 'לקוחות', LoadProperties: true, Filters: [{ Property: 'Customers_Segment', Value: 'VIP', Negative: true }], Order: { Property: 'Customers_FullName' }, Paging: { PageSize: 1000 } }],
  'getentity': ['/crm/data/getentity/', { EntityID: customer }],
  'createentity': ['/crm/data/createentity/', { Entity: { Folder: 'פניות', Properties: { Leads_Subject: 'מדידה', Leads_Customer: customer } } }],
  'documents/create (invoice-receipt, 2 lines)': ['/accounting/documents/create/', { Details: { Type: 1, Customer: { ID: customer } }, Items: [{ Quantity: 3, UnitPrice: 19.99, Item: { Name: 'א' } }, { UnitPrice: 0.03, Item: { Name: 'ב' } }], Payments: [{ Amount: 70.8, Details_Cash: {} }] }],
  'sms/send': ['/sms/sms/send/', { Recipient: '0501111111', Text: 'שלום' }],
};
for (const [label, [path, body]] of Object.entries(cases)) {
  const times = [];
  for (let i = 0; i < N; i++) {
    t0 = performance.now();
    await og.data(path, body);
    times.push(performance.now() - t0);
  }
  console.log(`${label}: median ${ms(median(times))} over ${N} calls`);
}
const receiver = await startReceiver(() => 200);
await og.data('/triggers/triggers/subscribe/', { URL: receiver.url, Folder: 'פניות', View: (await og.data('/crm/views/listviews/', { FolderID: (await og.data('/crm/schema/listfolders/', { NameFilter: 'פניות' })).Folders[0].ID })).Views[0].ID, TriggerType: 'Create' });
const lags = [];
for (let i = 0; i < 20; i++) {
  t0 = performance.now();
  await og.data('/crm/data/createentity/', { Entity: { Folder: 'פניות', Properties: { Leads_Subject: `טריגר ${i}` } } });
  await sb.admin.waitFor(() => receiver.received.length > i, 5000);
  lags.push(performance.now() - t0);
}
console.log(`create a card → its trigger delivery received: median ${ms(median(lags))} over 20`);
await receiver.close();
await sb.close();
