// The client through the JS package against the local OfficeGuy sandbox (started here):
// every read, listing with paging, a trigger subscription and its delivery, and the
// sandbox's fault injection proving that reads are repeated and creates are not. The
// sandbox refuses any request that does not match openapi.json; this suite also checks
// every request it logged against the document once more.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import * as og from '../../pkg/index.js';
import { startSandbox } from '../../sandbox/server.mjs';
import { loadOpenApi } from '../../sandbox/lib/openapi.mjs';

const api = loadOpenApi();
let sb;
let client;
let customers;
let allCustomersView;
const hooks = [];
let receiver;

before(async () => {
  await og.ready;
  sb = await startSandbox({ port: 0, db: ':memory:', retryDelayMs: 50, deliveryTimeoutMs: 2000 });
  client = new og.Client({ companyId: sb.companyId, apiKey: sb.apiKey, baseUrl: sb.url }, { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5000 });
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => { text += c; });
    req.on('end', () => { hooks.push({ url: req.url, type: req.headers['content-type'], text }); res.end('ok'); });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  receiver.unref();
});

after(async () => {
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
  await sb.close();
});

beforeEach(() => sb.admin.faults.clear());

const logged = (path) => sb.admin.requests().filter((r) => r.path === path);


test('folders, a folder, views', async () => {
  const folders = await client.listFolders();
  customers = folders.find((f) => f.Name === 'לקוחות');
  assert.ok(customers, JSON.stringify(folders));
  const folder = await client.getFolder(String(customers.ID), { includeProperties: true });
  assert.equal(folder.Folder.ID, customers.ID);
  assert.ok(folder.Properties.some((p) => p.APIName === 'Customers_FullName'));
  const views = await client.listViews(customers.ID);
  allCustomersView = views.find((v) => v.Name === 'כל הלקוחות');
  assert.ok(allCustomersView, JSON.stringify(views));
});

test('listEntities pages through every card by HasNextPage', async () => {
  const one = await client.listEntities({ folder: String(customers.ID), paging: { pageSize: 1000 }, loadProperties: true });
  assert.equal(one.pages, 1);
  assert.equal(one.hasNextPage, false);
  const total = one.entities.length;
  assert.ok(total >= 50, `${total} cards`);
  const before = logged('/crm/data/listentities/').length;
  const every = await client.listEntities({ folder: String(customers.ID), paging: { pageSize: 10 }, loadProperties: true, all: true });
  assert.equal(every.pages, Math.ceil(total / 10));
  assert.deepEqual(every.entities.map((e) => e.ID), one.entities.map((e) => e.ID));
  assert.equal(logged('/crm/data/listentities/').length - before, every.pages);
  const bounded = await client.listEntities({ folder: String(customers.ID), paging: { pageSize: 10 }, all: true, maxPages: 2 });
  assert.equal(bounded.entities.length, 20);
  assert.equal(bounded.hasNextPage, true);
  assert.equal(bounded.nextStartIndex, 20);
  const card = await client.getEntity(one.entities[0].ID);
  assert.equal(card.ID, one.entities[0].ID);
  assert.ok(Array.isArray(card.Customers_FullName));
});

test('reads are repeated on an empty 403 and on Status 2', async () => {
  const path = '/crm/schema/listfolders/';
  let before = logged(path).length;
  sb.admin.faults.set({ forbidden: true, times: 2, paths: [path] });
  assert.ok((await client.listFolders()).length > 0);
  assert.equal(logged(path).length - before, 3);

  before = logged(path).length;
  sb.admin.faults.set({ technicalError: true, times: 1, paths: [path] });
  assert.ok((await client.listFolders()).length > 0);
  assert.equal(logged(path).length - before, 2);

  const views = '/crm/views/listviews/';
  sb.admin.faults.set({ httpStatus: 503, times: 1, paths: [views] });
  assert.ok((await client.listViews(customers.ID)).length > 0);
});

test('a read gives up after the bound', async () => {
  const path = '/crm/schema/getfolder/';
  sb.admin.faults.set({ technicalError: true, times: 10, paths: [path] });
  const before = logged(path).length;
  await assert.rejects(client.getFolder(String(customers.ID)), (e) => {
    assert.equal(e.code, 'api_error');
    assert.equal(e.status, 2);
    assert.ok(e.userMessage);
    return true;
  });
  assert.equal(logged(path).length - before, 4);
});

test('a create is never repeated, even on 503, 403 or Status 2', async () => {
  const path = '/crm/data/createentity/';
  for (const fault of [{ technicalError: true }, { forbidden: true }]) {
    sb.admin.faults.set({ ...fault, times: 1, paths: [path] });
    const before = logged(path).length;
    await assert.rejects(client.execute('createCard', { folder: String(customers.ID), properties: { Customers_FullName: 'לא פעמיים' } }), (e) => {
      assert.match(e.message, /not repeated/);
      return true;
    });
    assert.equal(logged(path).length - before, 1, JSON.stringify(fault));
  }
  const cards = await client.listEntities({ folder: String(customers.ID), paging: { pageSize: 1000 }, loadProperties: true });
  assert.ok(!cards.entities.some((c) => c.Customers_FullName?.[0] === 'לא פעמיים'), 'a refused create made no card');
});

test('subscribe, a delivery for a new card, unsubscribe', async () => {
  const hook = `http://127.0.0.1:${receiver.address().port}/hook/3f9c2a`;
  await client.subscribe({ url: hook, folder: String(customers.ID), view: allCustomersView.ID, type: 'create' });
  assert.equal(sb.admin.subscriptions({ url: hook }).length, 1);
  const created = await client.execute('createCard', { folder: String(customers.ID), properties: { Customers_FullName: 'דנה טריגר' } });
  await sb.admin.waitFor(() => hooks.length > 0, 5000);
  assert.equal(hooks.length, 1);
  assert.equal(hooks[0].url, '/hook/3f9c2a');
  const event = JSON.parse(hooks[0].text);
  assert.equal(event.EntityID, created.EntityID);
  assert.equal(event.Folder, customers.ID);
  assert.equal(event.Type, 'Create');
  assert.deepEqual(event.Properties.Customers_FullName, ['דנה טריגר']);
  await client.unsubscribe(hook);
  assert.equal(sb.admin.subscriptions({ url: hook }).length, 0);
});

test('a request that does not match openapi.json fails, with the field named', async () => {
  // apiCall sends the body as given, so a misspelt field reaches the sandbox
  await assert.rejects(client.execute('apiCall', { path: '/crm/schema/listfolders/', body: { NameFiltr: 'x' } }), (e) => {
    assert.equal(e.code, 'api_error');
    assert.equal(e.status, 1);
    assert.match(e.userMessage, /NameFiltr/);
    return true;
  });
});

test('every logged request matches openapi.json and no call failed validation', () => {
  const log = sb.admin.requests();
  assert.ok(log.length > 10);
  for (const entry of log) {
    if (!entry.body) continue; // injected faults answer before reading the body
    if ('NameFiltr' in entry.body) continue; // refused on purpose above
    assert.deepEqual(api.validateRequest(entry.path, entry.body), [], `${entry.path}: ${JSON.stringify(entry.body)}`);
    assert.notEqual(entry.body.Credentials?.APIKey, sb.apiKey, 'the log redacts the key');
  }
});
