// The client through the JS package against a local OfficeGuy stand-in: every read,
// paging, the trigger calls, and fault injection proving that reads are repeated and
// creates are not. Each request the stand-in receives must match openapi.json.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import * as og from '../../pkg/index.js';
import { startFake, API_KEY, COMPANY_ID, CARDS, fakeAnswer, validateAnswer } from './client_fake_officeguy.mjs';

let fake;
let client;
const fast = { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 2000 };

before(async () => {
  await og.ready;
  fake = await startFake();
  client = new og.Client({ companyId: COMPANY_ID, apiKey: API_KEY, baseUrl: fake.url }, fast);
});
after(() => fake.close());
beforeEach(() => fake.reset());

function assertAllValid() {
  for (const r of fake.requests) assert.deepEqual(r.issues, [], `${r.path}: ${JSON.stringify(r.body)}`);
}

test('the stand-in answers as openapi.json says', () => {
  for (const path of ['/crm/schema/listfolders/', '/crm/views/listviews/', '/crm/data/listentities/', '/accounting/customers/create/']) {
    assert.deepEqual(validateAnswer(path, fakeAnswer(path, {})), [], path);
  }
});

test('every read returns the useful part of Data, in Hebrew, from valid requests', async () => {
  const folders = await client.listFolders();
  assert.equal(folders[0].Name, 'לקוחות');
  await client.listFolders('לקוח');
  const folder = await client.getFolder('1001', { includeProperties: true });
  assert.equal(folder.Folder.ID, 1001);
  const views = await client.listViews(1001);
  assert.deepEqual(views, [{ ID: 5001, Name: 'הכל' }]);
  const card = await client.getEntity(CARDS[3].ID);
  assert.deepEqual(card.Customers_FullName, ['לקוח 4']);
  assert.equal(fake.requests.length, 5);
  assertAllValid();
  assert.equal(fake.requests[1].body.NameFilter, 'לקוח');
  const body = fake.requests[0].body;
  assert.deepEqual(body.Credentials, { CompanyID: COMPANY_ID, APIKey: API_KEY });
});

test('listEntities gives one page, or every page with all: true', async () => {
  const one = await client.listEntities('1001', { paging: { pageSize: 10 } });
  assert.equal(one.entities.length, 10);
  assert.equal(one.hasNextPage, true);
  assert.equal(one.nextStartIndex, 10);
  fake.reset();
  const every = await client.listEntities({ folder: '1001', paging: { pageSize: 10 }, loadProperties: true, all: true });
  assert.deepEqual(every.entities.map((c) => c.ID), CARDS.map((c) => c.ID));
  assert.equal(every.pages, 3);
  assert.equal(every.hasNextPage, false);
  assert.deepEqual(fake.requests.map((r) => r.body.Paging.StartIndex), [0, 10, 20]);
  assertAllValid();
});

test('subscribe and unsubscribe send the trigger calls once each', async () => {
  const hook = 'https://hooks.example.invalid/og/3f9c2a';
  await client.subscribe({ url: hook, folder: '1001', view: 5001, type: 'create' });
  await client.unsubscribe(hook);
  assert.deepEqual(fake.requests.map((r) => r.path), ['/triggers/triggers/subscribe/', '/triggers/triggers/unsubscribe/']);
  assert.equal(fake.requests[0].body.URL, hook);
  assert.equal(fake.requests[0].body.TriggerType, 'Create');
  assert.equal(fake.requests[1].body.URL, hook);
  assertAllValid();
});

test('a read is repeated on an empty 403, 429, 5xx, Status 2 and a dropped connection', async () => {
  const path = '/crm/schema/listfolders/';
  fake.fault(path, { status: 403 }, { status: 429 }, { status: 502 }, { apiStatus: 2, message: 'תקלה זמנית' }, { drop: true });
  const patient = new og.Client({ companyId: COMPANY_ID, apiKey: API_KEY, baseUrl: fake.url }, { ...fast, maxAttempts: 6 });
  const folders = await patient.listFolders();
  assert.equal(folders.length, 2);
  assert.equal(fake.to(path).length, 6);
  assertAllValid();
});

test('a read gives up after maxAttempts with the last error', async () => {
  const path = '/crm/views/listviews/';
  fake.fault(path, { status: 500 }, { status: 503 }, { status: 500 }, { status: 504 }, { status: 500 });
  await assert.rejects(client.listViews(1001), (e) => {
    assert.ok(e instanceof og.OfficeGuyError);
    assert.equal(e.code, 'http_error');
    assert.equal(e.httpStatus, 504);
    assert.match(e.message, /gave up after 4 attempts/);
    return true;
  });
  assert.equal(fake.to(path).length, 4);
});

test('a slow answer is aborted at the time limit, and a read is then repeated', async () => {
  const path = '/crm/schema/getfolder/';
  fake.fault(path, { delayMs: 1000 });
  const hasty = new og.Client({ companyId: COMPANY_ID, apiKey: API_KEY, baseUrl: fake.url }, { ...fast, timeoutMs: 150 });
  const t0 = Date.now();
  const folder = await hasty.getFolder('1001');
  assert.equal(folder.Folder.Name, 'לקוחות');
  assert.equal(fake.to(path).length, 2);
  assert.ok(Date.now() - t0 < 900, 'the first attempt was not waited for');
});

test('a create is never repeated: 5xx, 429, Status 2, dropped connection, time-out', async () => {
  const path = '/accounting/customers/create/';
  const params = { name: 'דני דין', email: 'danny@example.com' };
  const cases = [
    [{ status: 500 }, 'http_error'],
    [{ status: 503 }, 'http_error'],
    [{ status: 429 }, 'http_error'],
    [{ status: 403 }, 'http_error'],
    [{ apiStatus: 2, message: 'תקלה טכנית' }, 'api_error'],
    [{ drop: true }, 'network_error'],
    [{ delayMs: 600 }, 'timeout'],
  ];
  const hasty = new og.Client({ companyId: COMPANY_ID, apiKey: API_KEY, baseUrl: fake.url }, { ...fast, timeoutMs: 200 });
  for (const [fault, code] of cases) {
    fake.reset();
    fake.fault(path, fault);
    await assert.rejects(hasty.execute('createCustomer', params), (e) => {
      assert.equal(e.code, code, JSON.stringify(fault));
      assert.match(e.message, /not repeated/);
      return true;
    });
    assert.equal(fake.to(path).length, 1, JSON.stringify(fault));
  }
  fake.reset();
  const data = await client.execute('createCustomer', params);
  assert.equal(data.CustomerID, 7001);
  assertAllValid();
});

test('a business error keeps UserErrorMessage and is not repeated', async () => {
  await assert.rejects(client.getEntity(42), (e) => {
    assert.equal(e.code, 'api_error');
    assert.equal(e.status, 1);
    assert.equal(e.userMessage, 'הכרטיס לא נמצא');
    return true;
  });
  assert.equal(fake.requests.length, 1);
});

test('bad params fail before any request, with every issue', async () => {
  await assert.rejects(client.listEntities({ paging: { pageSize: 5 }, all: 'yes' }), (e) => {
    assert.equal(e.code, 'invalid_params');
    return true;
  });
  await assert.rejects(client.execute('noSuchAction', {}), { code: 'unknown_action' });
  assert.equal(fake.requests.length, 0);
});

test('an unreachable OfficeGuy is a network_error after the retries', async () => {
  const gone = new og.Client({ companyId: COMPANY_ID, apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9' }, { ...fast, maxAttempts: 2 });
  await assert.rejects(gone.listFolders(), (e) => {
    assert.equal(e.code, 'network_error');
    assert.match(e.message, /gave up after 2 attempts/);
    assert.ok(!e.message.includes(API_KEY) && !e.stack.includes(API_KEY));
    return true;
  });
});

test('the API key shows nowhere but in the request body', async () => {
  for (const text of [JSON.stringify(client), String(client), inspect(client, { showHidden: true, depth: 5 })]) {
    assert.ok(!text.includes(API_KEY), text);
    assert.ok(!text.includes('fake-key'), text);
  }
  assert.throws(() => new og.Client({ companyId: 'x', apiKey: API_KEY }), (e) => {
    assert.equal(e.code, 'invalid_connection');
    assert.ok(!JSON.stringify(e).includes(API_KEY) && !e.message.includes(API_KEY));
    return true;
  });
});

test('a closed client rejects with closed; bad options are refused with paths', async () => {
  const c = new og.Client({ companyId: COMPANY_ID, apiKey: API_KEY, baseUrl: fake.url });
  c.close();
  await assert.rejects(c.listFolders(), { code: 'closed' });
  assert.throws(() => new og.Client({ companyId: COMPANY_ID, apiKey: API_KEY }, { maxAttempts: 99, retries: 1 }), (e) => {
    assert.equal(e.code, 'invalid_params');
    assert.deepEqual(e.issues.map((i) => i.path).sort(), ['options.maxAttempts', 'options.retries']);
    return true;
  });
});

test("a read waits as long as 429's Retry-After asks, up to maxDelayMs", async () => {
  const path = '/crm/schema/listfolders/';
  fake.fault(path, { status: 429, retryAfter: 1 });
  const polite = new og.Client({ companyId: COMPANY_ID, apiKey: API_KEY, baseUrl: fake.url }, { ...fast, maxDelayMs: 1000 });
  let t0 = Date.now();
  await polite.listFolders();
  // the timer waits between half and all of the wait (jitter): 500 to 1000 ms here
  assert.ok(Date.now() - t0 >= 450, `waited ${Date.now() - t0} ms`);
  fake.fault(path, { status: 429, retryAfter: 30 });
  t0 = Date.now();
  await client.listFolders();
  assert.ok(Date.now() - t0 < 1000, 'a long Retry-After is capped by maxDelayMs');
  assert.equal(fake.to(path).length, 4);
});

test('odd arguments are OfficeGuyErrors, never crashes', async () => {
  assert.throws(() => new og.Client(), { code: 'invalid_connection' });
  assert.throws(() => new og.Client('text'), { code: 'invalid_connection' });
  await assert.rejects(client.execute(), { code: 'invalid_argument' });
  await assert.rejects(client.execute('listFolders', 'x'), { code: 'invalid_params' });
  await assert.rejects(client.getEntity({ entityId: 'abc' }), { code: 'invalid_params' });
  await assert.rejects(client.listEntities(Symbol('x')), (e) => e instanceof og.OfficeGuyError);
  const cyclic = {};
  cyclic.self = cyclic;
  await assert.rejects(client.execute('createCard', cyclic), { code: 'invalid_argument' });
  const deep = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`);
  await assert.rejects(client.execute('createCard', { folder: '1', properties: deep }), (e) => e instanceof og.OfficeGuyError);
  assert.equal(fake.requests.length, 0);
  // the client still works afterwards
  assert.equal((await client.listFolders()).length, 2);
});
