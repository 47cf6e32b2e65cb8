// Every action and read of the catalogue, run once through the client against the local
// sandbox: each must succeed, be sent exactly once, and match openapi.json (the sandbox
// refuses anything else). A catalogue entry with no case here fails the suite, so a new
// action cannot go untested.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as og from '../../pkg/index.js';
import { actionCases } from './action-cases.mjs';
import { startSandbox } from '../../sandbox/server.mjs';
import { loadOpenApi } from '../../sandbox/lib/openapi.mjs';

const api = loadOpenApi();
const WAIT = typeof og.catalog === 'function' ? {} : { skip: 'the catalogue lands with the actions branch' };
let sb;
let client;
const ctx = {};

before(async () => {
  await og.ready;
  sb = await startSandbox({ port: 0, db: ':memory:', retryDelayMs: 50 });
  client = new og.Client({ companyId: sb.companyId, apiKey: sb.apiKey, baseUrl: sb.url, language: 'en' }, { baseDelayMs: 1, maxDelayMs: 5 });
  const folders = await client.listFolders();
  ctx.customers = folders.find((f) => f.Name === 'לקוחות');
  ctx.views = await client.listViews(ctx.customers.ID);
});

after(() => sb.close());

const CASES = actionCases(() => client, ctx, 'http://127.0.0.1:9/hook/every-action');

test('every action of the catalogue has a case here', WAIT, () => {
  const keys = og.catalog().actions.map((a) => a.key);
  assert.deepEqual(keys.filter((k) => !(k in CASES)), [], 'actions without a case');
  assert.deepEqual(Object.keys(CASES).filter((k) => !keys.includes(k)), [], 'cases of no action');
});

test('every action runs once against the sandbox, with a valid request', WAIT, async () => {
  ctx.created = {};
  const keys = og.catalog().actions.map((a) => a.key);
  for (const key of Object.keys(CASES).filter((k) => keys.includes(k))) {
    const params = await CASES[key]();
    const before = sb.admin.requests().length;
    let data;
    try {
      data = await client.execute(key, params);
    } catch (e) {
      assert.fail(`${key}: ${e.code}: ${e.message}${e.issues ? ` ${JSON.stringify(e.issues)}` : ''}`);
    }
    ctx.created[key] = data;
    const sent = sb.admin.requests().slice(before);
    assert.equal(sent.length, 1, `${key} sent ${sent.length} requests`);
    assert.equal(sent[0].status, 0, `${key}: Status ${sent[0].status}`);
    assert.deepEqual(api.validateRequest(sent[0].path, sent[0].body), [], key);
  }
  assert.equal(sb.admin.sms().length, 1);
  assert.ok(sb.admin.emails().length >= 2, 'the document was e-mailed on creation and again');
});
