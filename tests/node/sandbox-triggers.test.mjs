// Triggers as SUMIT runs them: a subscription watches a view; a change to a card in that view
// sends one POST per card (JSON or a form field json=), failures are retried after a delay
// and five failures pause the trigger until it is resumed. Short delays keep this fast.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox/server.mjs';
import { sandboxClient, startReceiver } from '../../sandbox/testing.mjs';

const RETRY_MS = 40;
let sb, og, customers, views;
before(async () => {
  sb = await startSandbox({ db: ':memory:', retryDelayMs: RETRY_MS, deliveryTimeoutMs: 300 });
  og = sandboxClient(sb);
  customers = (await og.data('/crm/schema/listfolders/', { NameFilter: 'לקוחות' })).Folders[0];
  views = Object.fromEntries((await og.data('/crm/views/listviews/', { FolderID: customers.ID })).Views.map((v) => [v.Name, v.ID]));
});
after(() => sb.close());

const receivers = [];
beforeEach(async () => {
  while (receivers.length) await receivers.pop().close();
});
async function receiver(respond) {
  const r = await startReceiver(respond);
  receivers.push(r);
  return r;
}
after(async () => {
  while (receivers.length) await receivers.pop().close();
});

const subscribe = (URL, TriggerType, View = views['כל הלקוחות'], Folder = String(customers.ID)) =>
  og.data('/triggers/triggers/subscribe/', { URL, Folder, View, TriggerType });
const createCustomer = async (props) => (await og.data('/crm/data/createentity/', { Entity: { Folder: 'לקוחות', Properties: props } })).EntityID;
const delivered = (url, n) => sb.admin.waitFor((a) => a.deliveries({ url, state: 'delivered' }).length >= n, 8000);

test('a Create trigger POSTs one JSON delivery per new card with the view\'s columns', async () => {
  const r = await receiver(() => 200);
  const url = `${r.url}/hook/create-json`;
  assert.deepEqual(await subscribe(url, 'Create'), {});
  const id = await createCustomer({ Customers_FullName: 'לקוח טריגר 🚀', Customers_Phone: '050-1111111', Customers_City: 'עכו', Customers_Segment: 'קבוע' });
  await delivered(url, 1);
  assert.equal(r.received.length, 1);
  const req = r.received[0];
  assert.equal(req.url, '/hook/create-json');
  assert.match(req.headers['content-type'], /^application\/json/);
  const body = JSON.parse(req.body);
  assert.deepEqual(body, {
    Folder: customers.ID, EntityID: id, Type: 'Create',
    Properties: { Customers_FullName: ['לקוח טריגר 🚀'], Customers_Phone: ['050-1111111'], Customers_City: ['עכו'], Customers_Segment: ['קבוע'] },
  });
  assert.equal(typeof body.Folder, 'number', 'the subscription takes the folder as a string, the payload carries a number');
  await og.data('/crm/data/updateentity/', { Entity: { ID: id, Properties: { Customers_City: 'צפת' } } });
  await new Promise((res) => setTimeout(res, 100));
  assert.equal(r.received.length, 1, 'a Create trigger ignores updates');
  await og.data('/triggers/triggers/unsubscribe/', { URL: url });
});

test('form encoding sends one field json= with the same object', async () => {
  const r = await receiver(() => 200);
  const url = `${r.url}/hook/form`;
  await subscribe(url, 'CreateOrUpdate');
  assert.equal(sb.admin.setEncoding({ url }, 'form'), 1);
  const id = await createCustomer({ Customers_FullName: 'טופס & שות׳ = 100%' });
  await delivered(url, 1);
  const req = r.received[0];
  assert.equal(req.headers['content-type'], 'application/x-www-form-urlencoded');
  const form = new URLSearchParams(req.body);
  assert.deepEqual([...form.keys()], ['json']);
  const body = JSON.parse(form.get('json'));
  assert.equal(body.EntityID, id);
  assert.equal(body.Type, 'CreateOrUpdate');
  assert.deepEqual(body.Properties.Customers_FullName, ['טופס & שות׳ = 100%']);
  // the encoding can also be switched over HTTP
  const viaHttp = await fetch(`${sb.url}/__admin/subscriptions/encoding`, { method: 'POST', body: JSON.stringify({ URL: url, Encoding: 'json' }) });
  assert.deepEqual(await viaHttp.json(), { updated: 1 });
  await og.data('/crm/data/updateentity/', { Entity: { ID: id, Properties: { Customers_City: 'אילת' } } });
  await delivered(url, 2);
  assert.match(r.received[1].headers['content-type'], /^application\/json/);
  assert.equal(JSON.parse(r.received[1].body).Type, 'CreateOrUpdate', 'Type is the trigger\'s type, not the change');
  await og.data('/triggers/triggers/unsubscribe/', { URL: url });
});

test('only cards in the view fire: a card that becomes VIP fires the VIP view on update', async () => {
  const r = await receiver(() => 200);
  const url = `${r.url}/hook/vip`;
  await subscribe(url, 'CreateOrUpdate', views['לקוחות VIP']);
  const id = await createCustomer({ Customers_FullName: 'רגיל', Customers_Segment: 'קבוע' });
  await new Promise((res) => setTimeout(res, 100));
  assert.equal(r.received.length, 0, 'a card outside the view does not fire');
  await og.data('/crm/data/updateentity/', { Entity: { ID: id, Properties: { Customers_Segment: 'VIP' } } });
  await delivered(url, 1);
  assert.deepEqual(JSON.parse(r.received[0].body).Properties.Customers_Segment, ['VIP']);
  await og.data('/triggers/triggers/unsubscribe/', { URL: url });
});

test('Archive and Delete triggers send the card\'s last properties', async () => {
  const r = await receiver(() => 200);
  const archiveUrl = `${r.url}/hook/archive`;
  const deleteUrl = `${r.url}/hook/delete`;
  await subscribe(archiveUrl, 'Archive');
  await subscribe(deleteUrl, 'Delete');
  const id = await createCustomer({ Customers_FullName: 'לארכיון', Customers_EmailAddress: 'bye@example.com' });
  await og.data('/crm/data/archiveentity/', { EntityID: id });
  await delivered(archiveUrl, 1);
  await og.data('/crm/data/deleteentity/', { EntityID: id });
  await delivered(deleteUrl, 1);
  const [archived, deleted] = r.received.map((q) => JSON.parse(q.body));
  assert.equal(archived.Type, 'Archive');
  assert.equal(deleted.Type, 'Delete');
  for (const body of [archived, deleted]) {
    assert.equal(body.EntityID, id);
    assert.deepEqual(body.Properties.Customers_FullName, ['לארכיון']);
  }
  await og.data('/triggers/triggers/unsubscribe/', { URL: archiveUrl });
  await og.data('/triggers/triggers/unsubscribe/', { URL: deleteUrl });
});

test('a failed delivery is retried after the delay and then delivered', async () => {
  const r = await receiver((_req, n) => (n <= 2 ? 500 : 200));
  const url = `${r.url}/hook/flaky`;
  await subscribe(url, 'Create');
  const t0 = Date.now();
  await createCustomer({ Customers_FullName: 'ניסיון חוזר' });
  await delivered(url, 1);
  assert.equal(r.received.length, 3);
  assert.ok(Date.now() - t0 >= 2 * RETRY_MS, 'two retries, each after the delay');
  const [d] = sb.admin.deliveries({ url });
  assert.equal(d.attempts, 3);
  assert.equal(d.lastStatus, 200);
  assert.equal(sb.admin.subscriptions({ url })[0].failures, 0, 'a success resets the failure count');
  await og.data('/triggers/triggers/unsubscribe/', { URL: url });
});

test('five failures pause the trigger; held deliveries go out when it is resumed', async () => {
  let healthy = false;
  const r = await receiver(() => (healthy ? 200 : 503));
  const url = `${r.url}/hook/down`;
  await subscribe(url, 'Create');
  await createCustomer({ Customers_FullName: 'ראשון' });
  await sb.admin.waitFor((a) => a.subscriptions({ url })[0].paused, 8000);
  assert.equal(r.received.length, 5);
  assert.equal(sb.admin.deliveries({ url })[0].state, 'held');
  await createCustomer({ Customers_FullName: 'שני' });
  await new Promise((res) => setTimeout(res, 3 * RETRY_MS));
  assert.equal(r.received.length, 5, 'a paused trigger sends nothing');
  assert.deepEqual(sb.admin.deliveries({ url }).map((d) => d.state), ['held', 'held']);
  healthy = true;
  const resumed = await fetch(`${sb.url}/__admin/subscriptions/resume`, { method: 'POST', body: JSON.stringify({ URL: url }) });
  assert.deepEqual(await resumed.json(), { resumed: 1 });
  await delivered(url, 2);
  assert.deepEqual(r.received.slice(5).map((q) => JSON.parse(q.body).Properties.Customers_FullName[0]).sort(), ['ראשון', 'שני']);
  await og.data('/triggers/triggers/unsubscribe/', { URL: url });
});

test('no answer within the timeout is a failure; an unreachable URL too', async () => {
  const r = await receiver((_req, n) => (n === 1 ? 'hang' : 200));
  const url = `${r.url}/hook/slow`;
  await subscribe(url, 'Create');
  await createCustomer({ Customers_FullName: 'איטי' });
  await delivered(url, 1);
  const [d] = sb.admin.deliveries({ url });
  assert.equal(d.attempts, 2);
  await og.data('/triggers/triggers/unsubscribe/', { URL: url });

  const dead = 'http://127.0.0.1:9/hook/nobody';
  await subscribe(dead, 'Create');
  await createCustomer({ Customers_FullName: 'לאף אחד' });
  await sb.admin.waitFor((a) => a.deliveries({ url: dead })[0]?.attempts >= 1, 8000);
  assert.ok(sb.admin.deliveries({ url: dead })[0].lastError);
  await og.data('/triggers/triggers/unsubscribe/', { URL: dead });
  assert.equal(sb.admin.deliveries({ url: dead }).length, 0, 'unsubscribing cancels what was pending');
});

test('unsubscribe stops deliveries; redeliver sends a delivery again', async () => {
  const r = await receiver(() => 200);
  const url = `${r.url}/hook/again`;
  await subscribe(url, 'Create');
  await createCustomer({ Customers_FullName: 'פעמיים' });
  await delivered(url, 1);
  const [d] = sb.admin.deliveries({ url });
  const again = await fetch(`${sb.url}/__admin/deliveries/redeliver`, { method: 'POST', body: JSON.stringify({ ID: d.id }) });
  assert.deepEqual(await again.json(), { redelivered: true });
  await sb.admin.waitFor(() => r.received.length >= 2, 8000);
  assert.equal(r.received[1].body, r.received[0].body);
  await og.data('/triggers/triggers/unsubscribe/', { URL: url });
  assert.equal(sb.admin.subscriptions({ url }).length, 0);
  await createCustomer({ Customers_FullName: 'אחרי' });
  await new Promise((res) => setTimeout(res, 100));
  assert.equal(r.received.length, 2);
});

test('documents fire triggers on the documents folder; subscribe checks its input', async () => {
  const r = await receiver(() => 200);
  const url = `${r.url}/hook/docs`;
  const docs = (await og.data('/crm/schema/listfolders/', { NameFilter: 'מסמכים' })).Folders[0];
  const docViews = (await og.data('/crm/views/listviews/', { FolderID: docs.ID })).Views;
  await og.data('/triggers/triggers/subscribe/', { URL: url, Folder: 'מסמכים', View: docViews[0].ID, TriggerType: 'Create' });
  const doc = await og.data('/accounting/documents/create/', { Details: { Type: 0, Customer: { Name: 'לקוח מסמך' } }, Items: [{ UnitPrice: 10, Item: { Name: 'פריט' } }] });
  await delivered(url, 1);
  const body = JSON.parse(r.received[0].body);
  assert.equal(body.EntityID, doc.DocumentID);
  assert.equal(body.Folder, docs.ID);
  assert.deepEqual(body.Properties.Accounting_Number, [doc.DocumentNumber]);
  assert.equal(body.Properties.Accounting_Customer[0].Name, 'לקוח מסמך');
  await og.data('/triggers/triggers/unsubscribe/', { URL: url });

  const refuse = async (body, pattern) => {
    const a = await og.call('/triggers/triggers/subscribe/', body, { lang: 'en' });
    assert.equal(a.Status, 1);
    assert.match(a.UserErrorMessage, pattern);
  };
  await refuse({ URL: url, Folder: String(customers.ID), View: docViews[0].ID, TriggerType: 'Create' }, /View \d+ was not found/);
  await refuse({ URL: url, Folder: String(customers.ID), View: views['כל הלקוחות'], TriggerType: 'CrmEntityCreated' }, /Invalid TriggerType/);
  await refuse({ URL: 'ftp://x', Folder: String(customers.ID), View: views['כל הלקוחות'], TriggerType: 'Create' }, /http or https/);
  await refuse({ URL: url, Folder: String(customers.ID), View: '5', TriggerType: 'Create' }, /View/);
});

test('a view made through the admin API scopes deliveries and picks their columns', async () => {
  const r = await receiver(() => 200);
  const url = `${r.url}/hook/custom-view`;
  const res = await fetch(`${sb.url}/__admin/views`, { method: 'POST', body: JSON.stringify({
    folder: 'פניות', name: 'פניות גדולות', filters: [{ Property: 'Leads_Amount', Value: [5000, 9000] }], columns: ['Leads_Subject', 'סכום משוער'],
  }) });
  const { id } = await res.json();
  const leads = (await og.data('/crm/schema/listfolders/', { NameFilter: 'פניות' })).Folders[0];
  assert.ok((await og.data('/crm/views/listviews/', { FolderID: leads.ID })).Views.some((v) => v.ID === id && v.Name === 'פניות גדולות'));
  await og.data('/triggers/triggers/subscribe/', { URL: url, Folder: String(leads.ID), View: id, TriggerType: 'Create' });
  await og.data('/crm/data/createentity/', { Entity: { Folder: 'פניות', Properties: { Leads_Subject: 'קטנה', Leads_Amount: 10 } } });
  await og.data('/crm/data/createentity/', { Entity: { Folder: 'פניות', Properties: { Leads_Subject: 'גדולה', Leads_Amount: 9000, Leads_Status: 1 } } });
  await delivered(url, 1);
  await new Promise((res2) => setTimeout(res2, 50));
  assert.equal(r.received.length, 1);
  assert.deepEqual(JSON.parse(r.received[0].body).Properties, { Leads_Subject: ['גדולה'], Leads_Amount: [9000] });
  const bad = await fetch(`${sb.url}/__admin/views`, { method: 'POST', body: JSON.stringify({ folder: 'פניות', name: 'x', filters: [{ Property: 'Nope', Value: 1 }] }) });
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error, /invalid filters/);
  await og.data('/triggers/triggers/unsubscribe/', { URL: url });
});
