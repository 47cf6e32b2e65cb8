// The API key appears only in the bodies of the requests sent to the API. One sweep: a
// company whose key is recognisable (secrets-sweep.mjs) is used by every action through
// buildRequest and through Client.execute against the sandbox, by every error path
// (invalid params and connections, Status 1 and 2, HTTP 5xx and 403, network failure,
// timeout), by parseResponse, by the runner (API and CLI, with logs) and by the exports
// (blueprint, the generated app); everything those show or write is collected, with
// Node's own console output and the sandbox's logs, and swept for the key in every form.
// The bodies the API received are captured by a proxy in front of the sandbox and kept
// out of the sweep (they must hold the key: that is checked too); their URLs, headers and
// the answers are swept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { inspect, promisify } from 'node:util';
import * as og from '../../pkg/index.js';
import { actionCases } from './action-cases.mjs';
import { startSandbox } from '../../sandbox/server.mjs';
import { createRunner, loadApp } from '../../sandbox/runner/index.mjs';
import { SECRET, createSweep, hasSecret, safeJson, startRecordingProxy } from './secrets-sweep.mjs';

const root = new URL('../../', import.meta.url).pathname;
const sweep = createSweep();
let sb, proxy, company, client;
const sandboxLog = [];
const consoleSeen = [];
const restore = [];
const ctx = {};

/** Node's console and process output while the suite runs: recorded, then passed on. */
function captureConsole() {
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    const original = console[name];
    console[name] = (...args) => { consoleSeen.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 8 }))).join(' ')); return original.apply(console, args); };
    restore.push(() => { console[name] = original; });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write;
    stream.write = function write(chunk, ...rest) { consoleSeen.push(String(chunk)); return original.call(this, chunk, ...rest); };
    restore.push(() => { stream.write = original; });
  }
}

before(async () => {
  await og.ready;
  captureConsole();
  sb = await startSandbox({ port: 0, db: ':memory:', retryDelayMs: 50, deliveryTimeoutMs: 2000, log: (line) => sandboxLog.push(line) });
  company = sb.admin.createCompany({ demo: true, apiKey: SECRET });
  assert.equal(company.apiKey, SECRET);
  proxy = await startRecordingProxy(sb.url);
  client = new og.Client({ companyId: company.companyId, apiKey: SECRET, baseUrl: proxy.url, language: 'en' }, { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5000 });
  sweep.add('util.inspect(client)', inspect(client, { showHidden: true, depth: 10 }));
  sweep.add('JSON.stringify(client)', safeJson(client));
  sweep.add('String(client)', String(client));
  sweep.add('Object.entries(client)', safeJson(Object.entries(client)));
  const folders = await client.listFolders();
  ctx.customers = folders.find((f) => f.Name === 'לקוחות');
  ctx.views = await client.listViews(ctx.customers.ID);
});

after(async () => {
  for (const undo of restore) undo();
  client?.close();
  await proxy?.close();
  await sb?.close();
});

const conn = () => ({ companyId: company.companyId, apiKey: SECRET, baseUrl: proxy.url });

const CASES = actionCases(() => client, ctx, 'http://127.0.0.1:9/hook/secrets');

/** Runs a promise that must reject; the error goes into the sweep. */
async function rejects(name, promise, code) {
  const e = await promise.then(() => null, (x) => x);
  assert.ok(e, `${name}: expected a failure`);
  if (code) assert.equal(e.code, code, `${name}: ${e.message}`);
  sweep.addError(name, e);
  return e;
}

function throws(name, fn, code) {
  let e;
  try { fn(); } catch (x) { e = x; }
  assert.ok(e, `${name}: expected a failure`);
  if (code) assert.equal(e.code, code, `${name}: ${e.message}`);
  sweep.addError(name, e);
  return e;
}

test('every action: buildRequest puts the key in the body only, and Client.execute runs it', async () => {
  const keys = og.catalog().actions.map((a) => a.key);
  assert.deepEqual(keys.filter((k) => !(k in CASES)), [], 'actions without a case');
  ctx.created = {};
  for (const key of keys) {
    const params = await CASES[key]();
    assert.deepEqual(og.validateParams(key, params), [], key);
    const req = og.buildRequest(key, params, conn());
    assert.ok(req.body.includes(SECRET), `${key}: the body carries the key`);
    sweep.add(`buildRequest(${key}) without its body`, { ...req, body: undefined });
    const sentBefore = proxy.sent.length;
    ctx.created[key] = await client.execute(key, params);
    sweep.add(`execute(${key}) result`, ctx.created[key]);
    assert.equal(proxy.sent.length, sentBefore + 1, `${key} was sent once`);
  }
});

test('error paths: invalid params and connections, Status 1 and 2, HTTP 5xx and 403, network, timeout', async () => {
  // invalid params, through every entry point
  const bad = { type: 'Nope', customer: { email: 'x' }, items: [{ unitPrice: 'abc' }] };
  sweep.add('validateParams issues', og.validateParams('createDocument', bad));
  throws('buildRequest invalid params', () => og.buildRequest('createDocument', bad, conn()), 'invalid_params');
  await rejects('execute invalid params', client.execute('createDocument', bad), 'invalid_params');
  throws('buildRequest unknown action', () => og.buildRequest('noSuchAction', {}, conn()), 'unknown_action');

  // connections that are wrong around the key: the key must not be echoed
  for (const [name, c] of [
    ['no company', { apiKey: SECRET }],
    ['company not a number', { companyId: 'abc', apiKey: SECRET }],
    ['key with a space', { companyId: 1, apiKey: `${SECRET} x` }],
    ['key with a control character', { companyId: 1, apiKey: `${SECRET}\u0001x` }],
    ['key in the base URL query', { companyId: 1, apiKey: SECRET, baseUrl: `https://example.com/?k=${encodeURIComponent(SECRET)}` }],
    ['key as a number-like object', { companyId: 1, apiKey: { key: SECRET } }],
  ]) {
    throws(`buildRequest: ${name}`, () => og.buildRequest('createCustomer', { name: 'x' }, c));
    throws(`new Client: ${name}`, () => new og.Client(c));
  }

  // the API refuses: unknown card (Status 1), wrong key (Status 1), technical error (Status 2)
  await rejects('execute Status 1', client.execute('getEntity', { entityId: 1 }), 'api_error');
  const wrong = new og.Client({ ...conn(), apiKey: `${SECRET}WRONG` }, { maxAttempts: 1 });
  await rejects('execute with a wrong key', wrong.execute('getCompanyDetails', {}), 'api_error');
  sweep.add('util.inspect(wrong client)', inspect(wrong, { showHidden: true }));
  wrong.close();

  const quick = new og.Client(conn(), { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, timeoutMs: 300 });
  sb.admin.faults.set({ technicalError: true, times: 2 });
  await rejects('execute Status 2', quick.execute('listFolders', {}), 'api_error');
  sb.admin.faults.set({ httpStatus: 503, times: 2 });
  await rejects('execute HTTP 503 (create, not repeated)', quick.execute('createCustomer', { name: 'x' }));
  sb.admin.faults.set({ httpStatus: 500, times: 2 });
  await rejects('read HTTP 500 after retries', quick.listFolders());
  sb.admin.faults.set({ forbidden: true, times: 2 });
  await rejects('execute HTTP 403', quick.execute('getCompanyDetails', {}));
  sb.admin.faults.set({ latencyMs: 1500, times: 2 });
  await rejects('execute timeout', quick.execute('getCompanyDetails', {}));
  sb.admin.faults.clear();
  quick.close();

  // network failure: a port with nothing listening
  const closed = createServer();
  await new Promise((r) => closed.listen(0, '127.0.0.1', r));
  const port = closed.address().port;
  await new Promise((r) => closed.close(r));
  const nowhere = new og.Client({ ...conn(), baseUrl: `http://127.0.0.1:${port}` }, { maxAttempts: 2, baseDelayMs: 1, timeoutMs: 1000 });
  await rejects('execute network failure', nowhere.execute('createCustomer', { name: 'x' }));
  await rejects('read network failure', nowhere.listFolders());
  nowhere.close();
});

test('an API that echoes the key in its error text does not get it into the error', async () => {
  // a server that quotes the request back (as some gateways do in TechnicalErrorDetails)
  const echo = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => { text += c; });
    req.on('end', () => {
      const key = JSON.parse(text).Credentials.APIKey;
      const status = req.url.includes('http') ? 502 : 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({
        Status: 1, UserErrorMessage: `המפתח ${key} אינו תקין`, TechnicalErrorDetails: `Credentials.APIKey=${key}`, Data: null,
      }));
    });
  });
  await new Promise((r) => echo.listen(0, '127.0.0.1', r));
  const c = new og.Client({ companyId: 1, apiKey: SECRET, baseUrl: `http://127.0.0.1:${echo.address().port}` }, { maxAttempts: 1 });
  try {
    const e = await rejects('execute against an echoing API', c.execute('getCompanyDetails', {}), 'api_error');
    assert.ok(e.userMessage, 'the user message is kept, with the key masked');
  } finally {
    c.close();
    echo.closeAllConnections();
    await new Promise((r) => echo.close(r));
  }
});

test('parseResponse errors', () => {
  throws('parseResponse HTTP 503', () => og.parseResponse('createCustomer', 503, '<html>Service Unavailable</html>'), 'http_error');
  throws('parseResponse not JSON', () => og.parseResponse('createCustomer', 200, 'not json'), 'invalid_response');
  throws('parseResponse Status 1', () => og.parseResponse('createCustomer', 200, { Status: 1, UserErrorMessage: 'שגיאה', TechnicalErrorDetails: 'x', Data: null }), 'api_error');
  throws('parseResponse unknown action', () => og.parseResponse('nope', 200, '{}'), 'unknown_action');
});

test('exports: blueprint (even from a scenario that carries the connection) and the generated app', () => {
  const scenario = {
    name: 'secrets', connection: conn(),
    trigger: { module: 'watchCards', params: { folder: ctx.customers.ID, view: ctx.views[0].ID, type: 'Create' }, connection: conn() },
    actions: [{ module: 'createCustomer', mapper: { name: '{{1.fields.Customers_FullName}}' }, connection: conn() }],
  };
  let bp;
  try {
    bp = og.blueprint(scenario, { appId: 'officeguy-secrets', appVersion: 1 });
  } catch (e) {
    sweep.addError('blueprint error', e);
  }
  sweep.add('blueprint', bp ?? null);
  const clean = og.blueprint({ ...scenario, connection: undefined, trigger: { ...scenario.trigger, connection: undefined }, actions: [{ ...scenario.actions[0], connection: undefined }] }, { appId: 'officeguy-secrets' });
  assert.ok(clean.flow.length >= 2);
  sweep.add('blueprint (clean)', clean);
  for (const lang of ['en', 'he']) sweep.add(`makeApp(${lang})`, og.makeApp({ lang }));
  const mapping = og.compileMapping({ name: '{{1.fields.Customers_FullName}}', note: `key ${'{{'}1.x}}` });
  sweep.add('compiled mapping', [inspect(mapping), safeJson(mapping.apply({ 1: { fields: { Customers_FullName: 'a' } } }))]);
});

test('the runner: API and CLI, with their logs, outputs and errors', async () => {
  const app = loadApp(`${root}make-app/en`);
  const logs = [];
  const requests = [];
  const runner = createRunner({
    app, connection: { companyId: company.companyId, apiKey: SECRET }, baseUrl: proxy.url, timezone: 'Asia/Jerusalem',
    log: (line) => logs.push(line), onRequest: (req) => requests.push(req),
  });
  try {
    sweep.add('runner.validateConnection', await runner.validateConnection());
    sweep.add('runner rpc', await runner.rpc('listFolders', {}));
    sweep.add('runner action', await runner.runAction('createCustomer', { name: 'מהרץ' }));
    sweep.addError('runner action invalid', await runner.runAction('createDocument', { type: 'Nope' }).then(() => assert.fail('accepted'), (e) => e));
    sb.admin.faults.set({ httpStatus: 503, times: 1 });
    sweep.addError('runner action HTTP 503', await runner.runAction('createCustomer', { name: 'x' }).then(() => assert.fail('accepted'), (e) => e));
    sb.admin.faults.clear();
    const wrong = createRunner({ app, connection: { companyId: company.companyId, apiKey: `${SECRET}WRONG` }, baseUrl: proxy.url, log: (line) => logs.push(line) });
    sweep.addError('runner wrong key', await wrong.validateConnection().then(() => assert.fail('accepted'), (e) => e));
    await wrong.close();
    sweep.add('util.inspect(runner)', inspect(runner, { depth: 4 }));
  } finally {
    await runner.close();
  }
  assert.ok(logs.length > 0, 'the runner logged its exchanges');
  sweep.add('runner log', logs.join('\n'));
  // onRequest sees each request as sent: the key in its body only
  assert.ok(requests.some((r) => String(r.body).includes(SECRET)));
  sweep.add('runner requests without bodies', requests.map((r) => ({ ...r, body: undefined })));

  const cli = (args, env = {}) => promisify(execFile)(process.execPath, [`${root}sandbox/runner/cli.mjs`, ...args], {
    env: { ...process.env, OG_API_KEY: SECRET, ...env }, timeout: 60_000,
  }).then((r) => ({ ...r, code: 0 }), (e) => ({ stdout: e.stdout, stderr: e.stderr, code: e.code }));
  const base = ['--base-url', proxy.url, '--company', String(company.companyId), '--log'];
  const runs = [
    await cli([...base, 'validate']),
    await cli([...base, 'action', 'createCustomer', '{"name": "מהשורה"}']),
    await cli([...base, 'action', 'createDocument', '{"type": "Nope"}']),
    await cli([...base, 'validate'], { OG_API_KEY: `${SECRET}WRONG` }),
  ];
  assert.equal(runs[1].code, 0, runs[1].stderr);
  assert.notEqual(runs[2].code, 0);
  runs.forEach((r, i) => sweep.add(`runner CLI run ${i}`, `${r.stdout}\n${r.stderr}`));
});

test('the sandbox: its log lines, request log and admin answers', async () => {
  assert.ok(sandboxLog.length > 0);
  sweep.add('sandbox log', sandboxLog.join('\n'));
  sweep.add('sandbox admin.requests()', sb.admin.requests());
  const http = await fetch(`${sb.url}/__admin/requests`).then((r) => r.text());
  sweep.add('sandbox GET /__admin/requests', http);
  sweep.add('sandbox deliveries, outbox', [sb.admin.deliveries({}), sb.admin.emails(), sb.admin.sms(), sb.admin.subscriptions({})]);
});

test('nothing but the bodies sent to the API holds the key, in any form', () => {
  // the bodies: every one the API received carries the key (and is left out of the sweep)
  const apiBodies = proxy.sent.filter((r) => r.method === 'POST');
  assert.ok(apiBodies.length > 30, `${apiBodies.length} requests`);
  assert.ok(apiBodies.every((r) => !r.body || hasSecret(r.body) || r.body.includes(`${SECRET}WRONG`)));
  sweep.add('API requests: methods, URLs, headers', proxy.sent.map(({ method, url, headers }) => ({ method, url, headers })));
  sweep.add('API answers', proxy.answers);
  sweep.add('Node console and process output', consoleSeen.join('\n'));
  assert.ok(sweep.items.length > 60, `${sweep.items.length} places swept`);
  assert.deepEqual(sweep.leaks(), []);
});

test('the sweep finds the key in each form it looks for (it can fail)', () => {
  const probe = createSweep();
  probe.add('raw', `x ${SECRET} y`);
  probe.add('url', `?k=${encodeURIComponent(SECRET)}`);
  probe.add('base64', Buffer.from(`Basic 1:${SECRET}`).toString('base64'));
  probe.add('base64url', Buffer.from(`ab${SECRET}`).toString('base64url'));
  probe.add('masked but not enough', `****${SECRET.slice(11, 30)}`);
  probe.add('hex', Buffer.from(SECRET).toString('hex'));
  probe.add('clean', 'APIKey: ********');
  const names = probe.leaks().map((l) => l.split(':')[0]);
  assert.deepEqual([...new Set(names)], ['raw', 'url', 'base64', 'base64url', 'masked but not enough', 'hex']);
});
