// Our generated Make app, run by the local runner against the OfficeGuy sandbox: the requests
// it makes are the ones the core builds (two paths, one truth), and a whole scenario — new
// customer card → invoice-receipt e-mailed — leaves exactly one correct document behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as og from '../../pkg/index.js';
import { startSandbox } from '../../sandbox/server.mjs';
import { sandboxClient } from '../../sandbox/testing.mjs';
import { loadApp, createRunner } from '../../sandbox/runner/index.mjs';

const appDir = (lang) => new URL(`../../make-app/${lang}/`, import.meta.url).pathname;
const apps = { en: loadApp(appDir('en')), he: loadApp(appDir('he')) };
const app = apps.en;

let sb, client, runner, customers, views, documentsFolder;
const logs = [];
const runners = [];
function newRunner(extra = {}) {
  const r = createRunner({
    app, connection: { companyId: sb.companyId, apiKey: sb.apiKey }, baseUrl: sb.url, timezone: 'Asia/Jerusalem', ...extra,
  });
  runners.push(r);
  return r;
}

before(async () => {
  sb = await startSandbox({ db: ':memory:', retryDelayMs: 50, deliveryTimeoutMs: 2000 });
  client = sandboxClient(sb);
  customers = (await client.data('/crm/schema/listfolders/', { NameFilter: 'לקוחות' })).Folders[0];
  documentsFolder = (await client.data('/crm/schema/listfolders/', { NameFilter: 'מסמכים' })).Folders[0];
  views = Object.fromEntries((await client.data('/crm/views/listviews/', { FolderID: customers.ID })).Views.map((v) => [v.Name, v.ID]));
  runner = newRunner({ log: (line) => logs.push(line) });
});
after(async () => {
  for (const r of runners) await r.close().catch(() => {});
  await sb.close();
});

const createCard = async (props) => (await client.data('/crm/data/createentity/', { Entity: { Folder: 'לקוחות', Properties: props } })).EntityID;
const waitDelivered = (url, n) => sb.admin.waitFor((a) => a.deliveries({ url, state: 'delivered' }).length >= n, 4000);

test('the connection validates against the sandbox; a wrong key fails without showing the key', async () => {
  const ok = await runner.validateConnection();
  assert.equal(ok.metadata.type, 'text');
  assert.ok(ok.metadata.value);
  const wrongKey = 'not-the-key-9f8e7d6c5b';
  const bad = newRunner({ connection: { companyId: sb.companyId, apiKey: wrongKey } });
  await assert.rejects(bad.validateConnection(), (e) => {
    assert.ok(['DataError', 'RuntimeError', 'InvalidAccessTokenError'].includes(e.name), e.name);
    assert.ok(!e.message.includes(wrongKey) && !JSON.stringify(e.body ?? null).includes(wrongKey));
    return true;
  });
});

test('RPCs list folders and the views of a folder', async () => {
  const folders = await runner.rpc('listFolders', {});
  assert.ok(folders.some((f) => f.label === 'לקוחות' && String(f.value) === String(customers.ID)));
  const viewOptions = await runner.rpc('listViews', { folder: customers.ID });
  assert.deepEqual(viewOptions.map((v) => v.label).sort(), Object.keys(views).sort());
});

test('every RPC of both apps answers from the sandbox', async () => {
  for (const [lang, langApp] of Object.entries(apps)) {
    const r = newRunner({ app: langApp });
    for (const name of Object.keys(langApp.rpcs)) {
      const out = await r.rpc(name, { folder: customers.ID });
      assert.ok(out.length > 0, `${lang} ${name} gives items`);
      if (name === 'listFolderFields') {
        assert.ok(out.some((f) => f.name === 'Customers_FullName' && f.type === 'text' && f.label));
      } else {
        for (const o of out) assert.ok(o.label !== undefined && o.value !== undefined, `${lang} ${name}: {label, value}`);
      }
    }
  }
});

test('actions run for real: a mailing-list member, an SMS, a customer', async () => {
  const [list] = await runner.rpc('listEmailLists');
  await runner.runAction('addToEmailList', { listId: list.value, email: 'member@example.co.il', name: 'חבר רשימה' });
  assert.ok(sb.admin.mailingListMembers(list.value).some((m) => m.address === 'member@example.co.il'));

  const before = sb.admin.sms().length;
  const [sender] = await runner.rpc('listSmsSenders');
  const sms = await runner.runAction('sendSms', { to: '050-7654321', text: 'שלום מהתרחיש 👋', sender: sender.value });
  const sent = sb.admin.sms().slice(before);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].text, 'שלום מהתרחיש 👋');
  assert.ok(sms.EntityID);

  const customer = await runner.runAction('createCustomer', { name: 'לקוח מהמריץ', email: 'runner@example.co.il' });
  const card = await client.data('/crm/data/getentity/', { EntityID: customer.CustomerID });
  assert.deepEqual(card.Entity.Customers_FullName ?? card.Entity.Properties?.Customers_FullName, ['לקוח מהמריץ']);
});

test('the app\'s error directive against SUMIT\'s answers: business error, technical error, 403, 5xx', async () => {
  // Status 1 with SUMIT's message → DataError
  await assert.rejects(runner.runAction('getCard', { entityId: 999999999 }), (e) => {
    assert.equal(e.name, 'DataError');
    assert.ok(e.message.length > 5 && !e.message.includes(sb.apiKey));
    assert.equal(e.module, 'getCard');
    return true;
  });
  const path = '/crm/data/getentity/';
  sb.admin.faults.set({ technicalError: true, times: 1, paths: [path] });
  await assert.rejects(runner.runAction('getCard', { entityId: 1 }), (e) => e.name === 'RuntimeError' && e.code === 'invalid_response');
  sb.admin.faults.set({ forbidden: true, times: 1, paths: [path] });
  await assert.rejects(runner.runAction('getCard', { entityId: 1 }), (e) => e.name === 'RateLimitError' && e.statusCode === 403 && /too fast/.test(e.message));
  sb.admin.faults.set({ httpStatus: 503, times: 1, paths: [path] });
  await assert.rejects(runner.runAction('getCard', { entityId: 1 }), (e) => e.name === 'RuntimeError' && e.statusCode === 503 && /HTTP 503/.test(e.message));
  sb.admin.faults.clear();
});

test('the generated apps\' custom functions pass their own tests inside the runner\'s sandbox', () => {
  for (const [lang, langApp] of Object.entries(apps)) {
    const results = newRunner({ app: langApp }).testFunctions();
    assert.ok(results.length >= 1, `${lang}: the function tests ran`);
    assert.deepEqual(results.filter((r) => !r.ok), [], `${lang}: all pass`);
    for (const f of Object.values(langApp.functions)) assert.ok(f.code.length <= 5000, `${lang} ${f.name}: within Make's 5,000 characters`);
  }
});

// ---- two paths, one truth ------------------------------------------------------------------

const CONN = () => ({ companyId: sb.companyId, apiKey: sb.apiKey, baseUrl: sb.url });
/** Per action, params as the catalogue names them; `module` when the app's module differs. */
const TABLE = {
  createCustomer: [
    { name: 'דנה כהן', email: 'dana@example.co.il', phone: '050-1234567', city: 'חיפה' },
    { name: 'Tech Nova Ltd', companyNumber: '514000123', externalId: 'crm-77', noVat: true, searchMode: 'None' },
    { name: '\u200Fמשה לוי\u200F ', phone: '+972 50-123-4567', zip: ' 6100000 ', noVat: 'no', searchMode: 'EmailAddress', email: 'moshe@example.co.il' },
  ],
  createDocument: [
    { type: 'InvoiceAndReceipt', customer: { name: 'לקוח 🚀', email: 'c@example.co.il' },
      items: [{ name: 'ייעוץ', unitPrice: '450.00', quantity: 2 }], payments: [{ amount: '900', method: 'cash' }], vatIncluded: true },
    { type: 'InvoiceAndReceipt', customer: { name: 'ריק' }, items: [{ name: 'a', unitPrice: 1 }], payments: [{ amount: 1, method: 'cash' }], sendByEmail: {} },
    { type: 'Invoice', customer: { id: 2375133701 }, items: [{ name: 'לוגו', sku: 'LOGO', unitPrice: 1800 }], language: 'English', currency: 'USD', description: 'שורה\nשנייה' },
    { type: 'Receipt', customer: { name: 'x' }, payments: [{ amount: 10.5, method: 'creditCard', last4Digits: '1234', installments: 3 }], sendByEmail: { email: 'q@example.com', original: false }, date: '2026-11-29', dueDate: '2026-12-01T10:00:00+02:00' },
  ],
  sendSms: [{ to: '050-7654321', text: 'שלום 👋' }, { to: ['0501111111', '0502222222'], text: 'x', draft: true }],
  addToEmailList: [{ listId: 2375133800, email: 'a@example.co.il', name: 'A' }],
  addToSmsList: [{ listId: 2375133801, phone: '050-1231234' }],
  createCard: [{ folder: 'לקוחות', properties: { Customers_FullName: 'כרטיס', Customers_City: 'עכו' } }],
  updateCard: [{ entityId: 2375133702, properties: { Customers_City: 'צפת' } }, { entityId: '2375133702', folder: 'לקוחות', properties: [{ key: 'Customers_Phone', value: '050-0000000' }], removeExistingProperties: true }],
  getCard: [{ entityId: 2375133702 }],
  sendDocument: [{ documentId: 2375133900, email: 'x@example.co.il' }, { type: 'InvoiceAndReceipt', number: 10003, original: false, language: 'English', personalMessage: 'תודה!' }],
  archiveCard: [{ entityId: 2375133703 }],
  deleteCard: [{ entityId: 2375133704 }],
  apiCall: [{ path: '/crm/schema/listfolders/', body: { NameFilter: 'לקוחות' } }, { path: '/accounting/documents/getdetails/', body: '{"DocumentID": 2375133900}' }],
};

/** Differences between the generated app and the core, found by this test, not yet fixed. */
const KNOWN_DIFFERENCES = {
};

/** Captures what the app sends without touching the sandbox's data. */
const captureFetch = (sink) => async (url, init) => {
  sink.push({ url, method: init.method, body: init.body });
  return new Response(JSON.stringify({ Status: 0, UserErrorMessage: null, TechnicalErrorDetails: null, Data: {} }), { headers: { 'content-type': 'application/json' } });
};

for (const [lang, langApp] of Object.entries(apps)) for (const action of og.catalog().actions.filter((a) => a.group === 'action')) {
  const hasModule = Boolean(langApp.modules[action.key]);
  const todo = !hasModule ? `the generated app has no ${action.key} module yet` : KNOWN_DIFFERENCES[action.key] ?? false;
  test(`two paths (${lang}): ${action.key} through the runner sends what buildRequest builds`, { todo }, async () => {
    const rows = TABLE[action.key];
    assert.ok(rows && rows.length, `no params table for ${action.key}`);
    const differences = [];
    for (const params of rows) {
      const expected = og.buildRequest(action.key, params, CONN());
      const sent = [];
      const r = newRunner({ app: langApp, fetch: captureFetch(sent) });
      await r.runAction(action.key, params);
      assert.equal(sent.length, 1, `${action.key}: one request`);
      assert.equal(sent[0].method, expected.method);
      assert.equal(sent[0].url, expected.url);
      const hide = (text) => text.split(sb.apiKey).join('***');
      if (sent[0].body !== expected.body) differences.push(hide(`${JSON.stringify(params)}\n  app:  ${sent[0].body}\n  core: ${expected.body}`));
    }
    assert.deepEqual(differences, [], `${action.key}: the app and the core send different bodies`);
  });
}

// ---- triggers and the scenario -------------------------------------------------------------

test('polling "Watch new cards" (pollCards): all cards first, then only the new one', async () => {
  const params = { folder: customers.ID, limit: 1000 };
  const first = await runner.pollTrigger('pollCards', params, runner.epochState({ from: 'all' }));
  assert.ok(first.bundles.length >= 50);
  const ids = first.bundles.map((b) => BigInt(b.entityId));
  assert.deepEqual(ids, [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'oldest first');
  const id = await createCard({ Customers_FullName: 'חדש בפולינג' });
  const next = await runner.pollTrigger('pollCards', params, first.state);
  assert.deepEqual(next.bundles.map((b) => String(b.entityId)), [String(id)]);
  const none = await runner.pollTrigger('pollCards', params, next.state);
  assert.deepEqual(none.bundles, []);
});

test('pollCards "Choose where to start": epoch items carry the card id; starting after one', async () => {
  const options = await runner.epochOptions('pollCards', { folder: customers.ID });
  assert.ok(options.length > 3 && options.length <= 300);
  assert.ok(options.every((o) => /^Card \d+$/.test(o.label) && String(o.label) === `Card ${o.id}`));
  const third = options[2];
  const { bundles } = await runner.pollTrigger('pollCards', { folder: customers.ID, limit: 2 }, runner.epochState({ from: 'item', id: third.id }));
  assert.deepEqual(bundles.map((b) => String(b.entityId)), [String(options[3].id), String(options[4].id)]);
});

test('scenario: a new customer card → an invoice-receipt e-mailed to the customer, exactly one', async () => {
  assert.ok(app.modules.createDocument, 'the generated app has a createDocument module');
  const hook = await runner.attachWebhook('watchCards', { folder: customers.ID, view: views['כל הלקוחות'], type: 'Create' });
  const subs = sb.admin.subscriptions({ url: hook.url });
  assert.equal(subs.length, 1);
  assert.equal(subs[0].triggerType, 'Create');
  const emailsBefore = sb.admin.emails().length;
  const docsBefore = (await client.data('/crm/data/listentities/', { Folder: String(documentsFolder.ID), Paging: { StartIndex: 0, PageSize: 1000 } })).Entities.length;

  const cardId = await createCard({ Customers_FullName: 'נועה לקוחה חדשה', Customers_EmailAddress: 'noa.new@example.co.il', Customers_Segment: 'חדש' });
  const result = await runner.runScenario({
    trigger: { hook, count: 1, timeoutMs: 4000 },
    actions: [{
      module: 'createDocument',
      mapper: {
        type: 'InvoiceAndReceipt',
        customer: { id: '{{1.entityId}}' },
        items: [{ name: 'ייעוץ עסקי (שעה)', unitPrice: '590', quantity: 1 }],
        payments: [{ amount: '590', method: 'cash' }],
        vatIncluded: true,
        sendByEmail: { email: '{{1.fields.Customers_EmailAddress}}' },
      },
    }],
  });
  assert.equal(result.runs.length, 1);
  const trigger = result.runs[0].trigger;
  assert.equal(String(trigger.entityId), String(cardId));
  const made = result.runs[0].outputs['2'];
  assert.ok(made.DocumentID, 'the action outputs the document id');

  const docsAfter = (await client.data('/crm/data/listentities/', { Folder: String(documentsFolder.ID), Paging: { StartIndex: 0, PageSize: 1000 } })).Entities.length;
  assert.equal(docsAfter, docsBefore + 1, 'exactly one new document');
  const details = await client.data('/accounting/documents/getdetails/', { DocumentID: made.DocumentID });
  assert.equal(details.Document.Type, 1, 'an invoice-receipt');
  assert.equal(String(details.Document.Customer.ID), String(cardId), 'for the customer of the new card');
  assert.equal(details.Document.DocumentValue, 590);
  assert.deepEqual(details.Items.map((i) => [i.Item.Name, i.Quantity, i.TotalPrice]), [['ייעוץ עסקי (שעה)', 1, 590]]);
  assert.deepEqual(details.Payments.map((p) => p.Amount), [590]);
  const emails = sb.admin.emails().slice(emailsBefore);
  assert.equal(emails.length, 1);
  assert.equal(emails[0].to, 'noa.new@example.co.il');
  assert.equal(String(emails[0].documentId), String(made.DocumentID));
  await hook.detach();

  // the run's log shows the request, with the key blanked by the app's log.sanitize
  const create = logs.map((l) => JSON.parse(l)).find((l) => l.request.url.endsWith('/accounting/documents/create/'));
  assert.equal(create.request.body.Credentials.APIKey, '[omitted]');
  assert.equal(create.response.statusCode, 200);
  assert.ok(logs.every((l) => !l.includes(sb.apiKey)), 'the API key is never logged');
});

test('a blueprint exported by the core runs as the same scenario: card → SMS to the card\'s phone', async () => {
  const bp = og.blueprint({
    name: 'New VIP customer → SMS',
    trigger: { key: 'watchCards', params: { folder: customers.ID, view: views['לקוחות VIP'], type: 'Create' } },
    actions: [{ key: 'sendSms', mapper: { to: '{{1.fields.Customers_Phone}}', text: 'ברוכים הבאים, {{1.fields.Customers_FullName}}!' } }],
  }, { appId: 'officeguy-local', appVersion: 1 });
  const hook = await runner.attachBlueprint(bp);
  assert.equal(sb.admin.subscriptions({ url: hook.url })[0].viewId, views['לקוחות VIP']);
  const before = sb.admin.sms().length;
  await createCard({ Customers_FullName: 'רגיל', Customers_Phone: '050-0000001', Customers_Segment: 'קבוע' }); // not in the view
  await createCard({ Customers_FullName: 'אורית VIP', Customers_Phone: '052-1234567', Customers_Segment: 'VIP' });
  const result = await runner.runBlueprint(bp, { hook, count: 1, timeoutMs: 4000 });
  assert.equal(result.runs.length, 1);
  const sent = sb.admin.sms().slice(before);
  assert.equal(sent.length, 1, 'one SMS, for the card in the view only');
  assert.equal(sent[0].text, 'ברוכים הבאים, אורית VIP!');
  assert.deepEqual(sent[0].recipients, ['0521234567']);
  await hook.settle({ quietMs: 100 });
  assert.equal(hook.received.length, 1);
  await hook.detach();
});

/** What the core makes of a delivery, as the app's webhook output should (without `raw`). */
function normalized(delivery) {
  const json = JSON.stringify(delivery.payload);
  const { raw, ...rest } = delivery.encoding === 'form'
    ? og.normalizeWebhook({ contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams({ json }).toString() })
    : og.normalizeWebhook({ contentType: 'application/json', body: json });
  void raw;
  return rest;
}

test('archive and delete triggers fire once each, as the core normalises them (JSON and form)', async () => {
  const view = views['כל הלקוחות'];
  const archived = await runner.attachWebhook('watchCards', { folder: customers.ID, view, type: 'Archive' });
  const deleted = await runner.attachWebhook('watchCards', { folder: customers.ID, view, type: 'Delete' });
  sb.admin.setEncoding({ url: deleted.url }, 'form');
  const a = await createCard({ Customers_FullName: 'לארכיון', Customers_Phone: '050-5550000' });
  const d = await createCard({ Customers_FullName: 'למחיקה 🗑️', Customers_City: 'אילת' });
  await client.data('/crm/data/archiveentity/', { EntityID: a });
  await client.data('/crm/data/deleteentity/', { EntityID: d });
  await waitDelivered(archived.url, 1);
  await waitDelivered(deleted.url, 1);
  const [archiveBundles, deleteBundles] = await Promise.all([archived.settle({ quietMs: 150 }), deleted.settle({ quietMs: 150 })]);
  assert.deepEqual(archived.errors, []);
  assert.deepEqual(deleted.errors, []);
  const [archiveDelivery] = sb.admin.deliveries({ url: archived.url });
  const [deleteDelivery] = sb.admin.deliveries({ url: deleted.url });
  assert.equal(deleteDelivery.encoding, 'form');
  assert.equal(archiveBundles.length, 1, 'the archive trigger fired once');
  assert.equal(deleteBundles.length, 1, 'the delete trigger fired once');
  assert.equal(String(archiveBundles[0].entityId), String(a));
  assert.equal(String(deleteBundles[0].entityId), String(d));
  assert.deepEqual(archiveBundles[0], normalized(archiveDelivery));
  assert.deepEqual(deleteBundles[0], normalized(deleteDelivery));
  await archived.detach();
  await deleted.detach();
});

test('detach unsubscribes: a new card in the view makes no delivery', async () => {
  const created = await runner.attachWebhook('watchCards', { folder: customers.ID, view: views['כל הלקוחות'], type: 'Create' });
  assert.equal(sb.admin.subscriptions({ url: created.url }).length, 1);
  await createCard({ Customers_FullName: 'לפני ניתוק' });
  await waitDelivered(created.url, 1);
  assert.equal((await created.next({ timeoutMs: 2000 })).fields.Customers_FullName, 'לפני ניתוק');
  await created.detach();
  assert.equal(sb.admin.subscriptions({ url: created.url }).length, 0, 'detach unsubscribes');
  const after = await createCard({ Customers_FullName: 'אחרי ניתוק' });
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(sb.admin.deliveries().filter((x) => x.payload.EntityID === after), [], 'no delivery after detach');
  assert.equal(created.received.length, 1);
});
