// The runner's HTTP and response machinery, polling dedupe, webhooks, custom functions and
// scenarios, over the mini-app fixture and a fake notes API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadApp, createRunner, MakeError, LIMITS, FUNCTION_LIMITS, loadFunctions } from '../../sandbox/runner/index.mjs';
import { MINI_APP, API_KEY, startNotesApi } from './runner-helpers.mjs';

let api;
const app = loadApp(MINI_APP);
const runners = [];
function runner(extra = {}) {
  const r = createRunner({ app, connection: { apiKey: API_KEY }, baseUrl: api.url, ...extra });
  runners.push(r);
  return r;
}

before(async () => { api = await startNotesApi(); });
after(async () => {
  for (const r of runners) await r.close().catch(() => {});
  await api.close();
});

test('loads the app from makecomapp.json: components, codes, comments in iml.json', () => {
  assert.deepEqual(Object.keys(app.modules).sort(),
    ['checkNote', 'copyNote', 'createNote', 'listNotes', 'listNotesByLink', 'makeApiCall', 'watchNotes', 'watchNotesAsc', 'watchNotesByDate', 'watchNotesInstant']);
  assert.equal(app.modules.listNotes.type, 'search');
  assert.equal(app.modules.watchNotesInstant.webhook, 'notes');
  assert.equal(app.base.baseUrl, 'https://api.mini.example/v1'); // the file has // comments and a trailing comma
  assert.equal(app.modules.createNote.expect[0].name, 'title');
  assert.match(app.functions.shout.code, /function shout/);
});

test('a missing makecomapp.json or a broken file is a clear InvalidConfigurationError', () => {
  assert.throws(() => loadApp('/tmp'), (e) => e instanceof MakeError && e.name === 'InvalidConfigurationError' && e.code === 'app_invalid');
});

test('validateConnection runs the connection call, stores response.data for modules', async () => {
  const r = runner();
  const result = await r.validateConnection();
  assert.deepEqual(result.data, { accountName: 'Dana' });
  assert.deepEqual(result.metadata, { type: 'text', value: 'Dana' });
  const note = await r.runAction('createNote', { title: 'hello' });
  assert.equal(note.by, 'Dana');
});

test('a wrong key fails validation with the app\'s error type, and the key never shows', async () => {
  const wrong = 'wrong-key-5d1e8b0f';
  const logs = [];
  const r = runner({ connection: { apiKey: wrong }, log: (l) => logs.push(l) });
  await assert.rejects(r.validateConnection(), (e) => {
    assert.equal(e.name, 'InvalidAccessTokenError');
    assert.match(e.message, /is not valid/);
    assert.ok(!e.message.includes(wrong), e.message);
    assert.ok(!JSON.stringify(e.body).includes(wrong));
    return true;
  });
  assert.ok(logs.length > 0);
  for (const line of logs) assert.ok(!line.includes(wrong), line);
});

test('an action: base URL override, base headers inherited, spread key, request captured as sent', async () => {
  const seen = [];
  const r = runner({ onRequest: (req) => seen.push(req) });
  const note = await r.runAction('createNote', { title: 'שלום 👋', tags: ['a', 'b'], extra: { color: 'red' } });
  assert.equal(note.title, 'שלום 👋');
  assert.equal(seen.length, 1);
  assert.equal(seen[0].method, 'POST');
  assert.equal(seen[0].url, `${api.url}/notes`);
  assert.equal(seen[0].headers['x-api-key'], API_KEY);
  assert.deepEqual(JSON.parse(seen[0].body), { title: 'שלום 👋', tags: ['a', 'b'], color: 'red' });
  const stored = api.state.notes.find((n) => n.id === note.id);
  assert.equal(stored.color, 'red');
});

test('logs blank the app\'s log.sanitize paths', async () => {
  const logs = [];
  const r = runner({ log: (l) => logs.push(l) });
  await r.runAction('createNote', { title: 'logged' });
  const line = JSON.parse(logs.at(-1));
  assert.equal(line.request.headers['x-api-key'], '[omitted]');
  assert.equal(line.request.body.title, 'logged');
  assert.equal(line.response.statusCode, 201);
  assert.ok(!logs.join('\n').includes(API_KEY));
});

test('a required parameter that is missing is a DataError naming it, and nothing is sent', async () => {
  const seen = [];
  const r = runner({ onRequest: (q) => seen.push(q) });
  await assert.rejects(r.runAction('createNote', { title: '' }),
    (e) => e.name === 'DataError' && e.code === 'missing_parameter' && /'title'/.test(e.message) && e.module === 'createNote');
  assert.equal(seen.length, 0);
});

test('HTTP errors take the base error directive, with its per-status override', async () => {
  const r = runner();
  await assert.rejects(r.runAction('copyNote', { id: 999 }), (e) => {
    assert.equal(e.name, 'DataError'); // the "404" override
    assert.equal(e.statusCode, 404);
    assert.match(e.message, /not found: note 999/);
    assert.equal(e.module, 'copyNote');
    return true;
  });
  await assert.rejects(r.runAction('makeApiCall', { url: '/echo?status=500', method: 'GET' }),
    (e) => e.name === 'RuntimeError' && e.statusCode === 500);
});

test('a multi-request action carries temp to the next request and applies wrapper to the last output', async () => {
  const r = runner();
  const original = await r.runAction('createNote', { title: 'original', tags: ['x'] });
  const copied = await r.runAction('copyNote', { id: original.id });
  assert.equal(copied.of, original.id);
  assert.equal(copied.copy.title, 'original');
  assert.deepEqual(copied.copy.tags, ['x']);
  assert.notEqual(copied.copy.id, original.id);
});

test('a search iterates with its condition, paginates (page 2 onwards) and stops at the limit', async () => {
  api.state.notes.length = 0;
  for (let i = 0; i < 9; i++) api.addNote({ title: `n${i}`, visible: i !== 7 });
  const seen = [];
  const r = runner({ onRequest: (q) => seen.push(new URL(q.url)) });
  const all = await r.runSearch('listNotes', { limit: 100, pageSize: 2 });
  assert.equal(all.length, 8); // the invisible one is filtered by iterate.condition
  assert.deepEqual(seen.map((u) => u.searchParams.get('page')), [null, '2', '3', '4', '5']);
  assert.equal(seen.at(-1).searchParams.get('size'), '2'); // merged with the parent's qs

  seen.length = 0;
  const three = await r.runSearch('listNotes', { limit: 3, pageSize: 2 });
  assert.equal(three.length, 3);
  assert.equal(seen.length, 2); // the limit stops paging
});

test('pagination stops at Make\'s caps: 50 pagination requests, 3,200 records', async () => {
  assert.equal(LIMITS.paginationRequests, 50);
  assert.equal(LIMITS.records, 3200);
  assert.equal(LIMITS.requestsPerRun, 100);
  // a fake fetch serving endless pages of 100
  let calls = 0;
  const fakeFetch = async (url) => {
    calls++;
    const page = Number(new URL(url).searchParams.get('page') || 1);
    const items = Array.from({ length: 100 }, (_, i) => ({ id: page * 1000 + i, title: 't', visible: true }));
    return new Response(JSON.stringify({ items, hasMore: true }), { headers: { 'content-type': 'application/json' } });
  };
  const r = runner({ fetch: fakeFetch });
  const many = await r.runSearch('listNotes', { limit: 100000, pageSize: 100 });
  assert.equal(many.length, 3200);
  assert.equal(calls, 32);

  calls = 0;
  const few = async (url) => {
    calls++;
    return new Response(JSON.stringify({ items: [{ id: calls, visible: true }], hasMore: true }), { headers: { 'content-type': 'application/json' } });
  };
  const r2 = runner({ fetch: few });
  const pages = await r2.runSearch('listNotes', { limit: 100000, pageSize: 1 });
  assert.equal(calls, 51); // the first request and 50 pagination requests
  assert.equal(pages.length, 51);
});

test('the universal module sends what the user gives, relative to the base URL', async () => {
  const r = runner();
  const out = await r.runAction('makeApiCall', { url: '/echo', method: 'POST', qs: { a: '1' }, headers: { 'x-extra': 'y' }, body: { hello: 'world' } });
  assert.equal(out.statusCode, 200);
  assert.equal(out.body.method, 'POST');
  assert.deepEqual(out.body.query, { a: '1' });
  assert.deepEqual(JSON.parse(out.body.body), { hello: 'world' });
  assert.equal(api.state.requests.at(-1).headers['x-extra'], 'y');
  assert.equal(api.state.requests.at(-1).headers['x-api-key'], API_KEY); // base headers still apply
});

test('an RPC gives dynamic options', async () => {
  const r = runner();
  assert.deepEqual(await r.rpc('listTags'), [{ label: 'Urgent', value: 't1' }, { label: 'Later', value: 't2' }]);
});

test('polling by id: "all" emits every item oldest first, then only new ones; limit and state', async () => {
  api.state.notes.length = 0;
  for (let i = 0; i < 5; i++) api.addNote({ title: `p${i}` });
  const ids = api.state.notes.map((n) => n.id);
  const r = runner();
  const first = await r.pollTrigger('watchNotes', { limit: 10, pageSize: 2 }, r.epochState({ from: 'all' }));
  assert.deepEqual(first.bundles.map((b) => b.id), ids);
  assert.equal(first.state.lastID, ids.at(-1));

  const again = await r.pollTrigger('watchNotes', { limit: 10, pageSize: 2 }, first.state);
  assert.deepEqual(again.bundles, []);

  const a = api.addNote({ title: 'new1' });
  const b = api.addNote({ title: 'new2' });
  const c = api.addNote({ title: 'new3' });
  const seen = [];
  const r2 = runner({ onRequest: (q) => seen.push(q.url) });
  const next = await r2.pollTrigger('watchNotes', { limit: 2, pageSize: 2 }, first.state);
  // desc order: paging stops once the limit is reached; the newest two come out oldest first
  assert.deepEqual(next.bundles.map((x) => x.id), [b.id, c.id]);
  assert.equal(next.state.lastID, c.id);
  assert.equal(seen.length, 1);
  void a;
});

test('polling by id "from now on" primes on the first run and emits only later items', async () => {
  const r = runner();
  const primed = await r.pollTrigger('watchNotes', { limit: 10, pageSize: 3 }, r.epochState({ from: 'now' }));
  assert.deepEqual(primed.bundles, []);
  const n = api.addNote({ title: 'after' });
  const next = await r.pollTrigger('watchNotes', { limit: 10, pageSize: 3 }, primed.state);
  assert.deepEqual(next.bundles.map((x) => x.id), [n.id]);
});

test('polling by date: since a date, ties broken by id; with desc order the limit keeps the newest', async () => {
  api.state.notes.length = 0;
  const t = (m) => new Date(Date.UTC(2026, 2, 1, 10, m)).toISOString();
  api.addNote({ title: 'old', updated: t(0) });
  const x = api.addNote({ title: 'x', updated: t(5) });
  const y = api.addNote({ title: 'y', updated: t(5) });
  const z = api.addNote({ title: 'z', updated: t(9) });
  const r = runner();
  const since = r.epochState({ from: 'date', date: t(1) });
  const all = await r.pollTrigger('watchNotesByDate', { limit: 10 }, since);
  assert.deepEqual(all.bundles.map((b) => b.title), ['x', 'y', 'z']); // same date: x before y by id
  assert.equal(all.state.lastDate, t(9));
  assert.equal(all.state.lastID, z.id);

  // newest-first listing: paging stops at the limit, so the two newest come out, oldest first
  const limited = await r.pollTrigger('watchNotesByDate', { limit: 2 }, since);
  assert.deepEqual(limited.bundles.map((b) => b.title), ['y', 'z']);

  // from the state after y, only z is new (same date as x and y but a later id does not matter)
  const after = await r.pollTrigger('watchNotesByDate', { limit: 10 }, { lastID: y.id, lastDate: t(5) });
  assert.deepEqual(after.bundles.map((b) => b.title), ['z']);
  const tie = await r.pollTrigger('watchNotesByDate', { limit: 10 }, { lastID: x.id, lastDate: t(5) });
  assert.deepEqual(tie.bundles.map((b) => b.title), ['y', 'z']);
});

test('epoch options come from the epoch section merged with the trigger call', async () => {
  const r = runner();
  const options = await r.epochOptions('watchNotes', { limit: 10, pageSize: 100 });
  assert.ok(options.length > 0 && options.length <= 5);
  assert.deepEqual(Object.keys(options[0]).sort(), ['date', 'id', 'label']);
  // "Choose manually": start after the chosen item
  const newest = Math.max(...api.state.notes.map((n) => n.id));
  const chosen = options.find((o) => o.id === newest - 1);
  assert.ok(chosen, 'the newest items are offered');
  const after = await r.pollTrigger('watchNotes', { limit: 10, pageSize: 100 }, r.epochState({ from: 'item', id: chosen.id }));
  assert.deepEqual(after.bundles.map((b) => b.id), [newest]);
});

test('instant trigger: attach registers the local URL, deliveries become enriched bundles, detach stops them', async () => {
  api.state.hooks.clear();
  const r = runner();
  const note = api.addNote({ title: 'hooked' });
  const hook = await r.attachWebhook('watchNotesInstant', { event: 'created' });
  assert.match(hook.url, /^http:\/\/127\.0\.0\.1:\d+\/hooks\/[0-9a-f]{24}$/);
  assert.equal(hook.data.hookId, 'h1');
  assert.equal(api.state.hooks.get('h1').url, hook.url);
  assert.equal(api.state.hooks.get('h1').event, 'created');

  const [answer] = await api.emit({ events: [{ id: note.id, event: 'created' }] });
  assert.equal(answer.status, 202); // the webhook's respond
  assert.deepEqual(JSON.parse(answer.body), { received: [{ id: note.id, event: 'created' }] });
  const bundle = await hook.next({ timeoutMs: 2000 });
  assert.deepEqual(bundle, { id: note.id, title: 'hooked', event: 'created' });

  // a verification challenge is answered and makes no bundle
  const [challenge] = await api.emit({ challenge: 'abc' });
  assert.deepEqual(JSON.parse(challenge.body), { challenge: 'abc' });

  await hook.detach();
  assert.equal(api.state.hooks.size, 0);
  const direct = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"events":[]}' });
  assert.equal(direct.status, 404);
  await hook.settle({ quietMs: 50 });
  assert.equal(hook.received.length, 1);
});

test('a webhook receives form-encoded bodies too', async () => {
  api.state.hooks.clear();
  const r = runner();
  const hook = await r.attachWebhook('watchNotesInstant', { event: 'any' });
  const body = new URLSearchParams({ json: '{"x":1}' });
  const res = await fetch(hook.url, { method: 'POST', body });
  // the body is {json: "..."}: no events, so the condition drops it; the reply is still given
  assert.equal(res.status, 202);
  await hook.settle({ quietMs: 50 });
  assert.equal(hook.received.length, 0);
  await r.close();
  assert.equal(api.state.hooks.size, 0); // close() detaches
});

test('a scenario runs the trigger\'s bundles one by one through mapped actions', async () => {
  api.state.hooks.clear();
  const r = runner();
  const src = api.addNote({ title: 'source', tags: ['s'] });
  const result = await r.runScenario({
    trigger: { bundles: [{ id: src.id, title: 'source' }, { id: src.id, title: 'again' }] },
    actions: [
      { module: 'createNote', mapper: { title: 'from {{1.title}}' } },
      { module: 'copyNote', mapper: { id: '{{2.id}}' } },
    ],
  });
  assert.equal(result.runs.length, 2);
  assert.equal(result.runs[0].outputs['2'].title, 'from source');
  assert.equal(result.runs[1].outputs['3'].copy.title, 'from again');
});

test('a failing step says which module of the scenario failed', async () => {
  const r = runner();
  await assert.rejects(r.runScenario({
    trigger: { bundles: [{ id: 424242 }] },
    actions: [{ module: 'copyNote', mapper: { id: '{{1.id}}' } }],
  }), (e) => e.name === 'DataError' && /module 2 \(copyNote\)/.test(e.step));
});

test('custom IML functions: only built-ins, Buffer and iml; timeout; 5,000-character limit', () => {
  assert.equal(FUNCTION_LIMITS.timeoutMs, 10000);
  assert.equal(FUNCTION_LIMITS.sourceChars, 5000);
  const calls = [];
  const fns = loadFunctions({
    peek: app.functions.peek.code,
    bytes: app.functions.bytes.code,
    shout: app.functions.shout.code,
    spin: app.functions.spin.code,
  }, { callBuiltin: (name, args) => { calls.push(name); return name === 'upper' ? String(args[0]).toUpperCase() : null; }, timezone: 'Asia/Jerusalem', timeoutMs: 200 });
  assert.equal(fns.peek(), 'undefined,undefined,undefined,undefined,function,object,Asia/Jerusalem');
  assert.equal(fns.bytes('שלום'), 8);
  assert.equal(fns.shout('hi'), 'HI!');
  assert.deepEqual(calls, ['upper']);
  const started = Date.now();
  assert.throws(() => fns.spin(), (e) => e.name === 'RuntimeError' && e.code === 'function_timeout');
  assert.ok(Date.now() - started < 2000);
  assert.throws(() => loadFunctions({ big: `function big() { return ${JSON.stringify('x'.repeat(5000))}; }` }, { callBuiltin: () => null }),
    (e) => e.name === 'InvalidConfigurationError' && e.code === 'function_too_long');
  assert.throws(() => loadFunctions({ evil: 'function evil() { return eval("1") }' }, { callBuiltin: () => null }).evil(),
    (e) => e.code === 'function_error');
});


test('custom IML functions are called from the app\'s IML, nested and mixed with built-ins', async () => {
  const r = runner();
  assert.deepEqual(await r.rpc('shoutTags'), [
    { label: 'URGENT!', size: 8, text: 'tag T1! of 2' },
    { label: 'LATER!', size: 7, text: 'tag T2! of 2' },
  ]);
  assert.equal(r.functions.shout('שלום'), 'שלום!'); // iml.upper ran in the core's engine
});

test('a custom function that never returns stops the run with a RuntimeError after the timeout', async () => {
  const r = runner({ functionTimeoutMs: 100 });
  assert.throws(() => r.functions.spin(), (e) => e.name === 'RuntimeError' && e.code === 'function_timeout');
});

test('the universal module refuses an absolute URL: the credentials go only to the app\'s API', async () => {
  const seen = [];
  const r = runner({ onRequest: (q) => seen.push(q) });
  await assert.rejects(r.runAction('makeApiCall', { url: 'https://evil.example/steal', method: 'GET' }),
    (e) => e.name === 'DataError' && e.code === 'absolute_url');
  // a protocol-relative URL is a path on the base host (the fake API has no such route)
  await assert.rejects(r.runAction('makeApiCall', { url: '//evil.example/x', method: 'GET' }), (e) => e.statusCode === 404);
  assert.equal(seen.length, 1);
  assert.equal(seen.filter((q) => !q.url.startsWith(api.url)).length, 0);
});

test('a scenario can start from a polling trigger and hands back the new state', async () => {
  api.state.notes.length = 0;
  api.addNote({ title: 'p1' });
  api.addNote({ title: 'p2' });
  const r = runner();
  const result = await r.runScenario({
    trigger: { module: 'watchNotes', parameters: { limit: 10, pageSize: 5 }, state: r.epochState({ from: 'all' }) },
    actions: [{ module: 'createNote', mapper: { title: '{{upper(1.title)}} copy' } }],
  });
  assert.deepEqual(result.runs.map((x) => x.outputs['2'].title), ['P1 copy', 'P2 copy']);
  assert.equal(result.state.lastID, api.state.notes.find((n) => n.title === 'p2').id);
});

test('pagination without mergeWithParent follows the next link alone, still on Base\'s headers', async () => {
  api.state.notes.length = 0;
  for (let i = 0; i < 5; i++) api.addNote({ title: `l${i}` });
  const seen = [];
  const r = runner({ onRequest: (q) => seen.push(q) });
  const all = await r.runSearch('listNotesByLink', { pageSize: 2 });
  assert.equal(all.length, 5);
  assert.deepEqual(seen.map((q) => new URL(q.url).search), ['?size=2', '?page=2&size=2', '?page=3&size=2']);
  assert.ok(seen.every((q) => q.headers['x-api-key'] === API_KEY));
});

test('a request-less RPC evaluates its output with the runner\'s time zone and clock', async () => {
  const r = runner({ timezone: 'Asia/Jerusalem', now: new Date('2026-03-01T22:30:00Z') });
  assert.deepEqual(await r.rpc('clock', { tag: 'x' }), [{ local: '2026-03-02 00:30', tag: 'x' }]);
  const utc = runner({ now: '2026-03-01T22:30:00Z' });
  assert.deepEqual(await utc.rpc('clock', {}), [{ local: '2026-03-01 22:30' }]);
});

test('a polling trigger reads at most 3,200 records in a run, newest first, and emits them oldest first', async () => {
  let calls = 0;
  const endless = async (url) => {
    calls++;
    const page = Number(new URL(url).searchParams.get('page') || 1);
    // newest first: ids count down from 1,000,000
    const items = Array.from({ length: 100 }, (_, i) => ({ id: 1000000 - (page - 1) * 100 - i, title: 't' }));
    return new Response(JSON.stringify({ items, hasMore: true }), { headers: { 'content-type': 'application/json' } });
  };
  const r = runner({ fetch: endless });
  const { bundles, state } = await r.pollTrigger('watchNotes', { limit: 100000, pageSize: 100 }, r.epochState({ from: 'all' }));
  assert.equal(calls, 32);
  assert.equal(bundles.length, 3200);
  assert.equal(bundles[0].id, 1000000 - 3199);
  assert.equal(bundles.at(-1).id, 1000000);
  assert.equal(state.lastID, 1000000);
});

test('secrets are scrubbed from an error, its body and its causes', async () => {
  const { createScrubber, connectionSecrets } = await import('../../sandbox/runner/sanitize.mjs');
  const secret = 'sk-live-4242-"quoted"';
  const scrub = createScrubber(connectionSecrets({ apiKey: secret, companyId: 1234 }, [{ name: 'apiKey', type: 'password' }]));
  const inner = new Error(`cannot parse ${secret}`);
  const err = new MakeError('DataError', 'iml_error', `bad value ${secret}`, { body: { echo: secret }, cause: inner });
  scrub.error(err);
  for (const text of [err.message, err.stack, JSON.stringify(err.body), inner.message, inner.stack]) {
    assert.ok(!text.includes(secret) && !text.includes(JSON.stringify(secret).slice(1, -1)), text);
  }
  assert.match(err.message, /bad value \*\*\*/);
  assert.equal(scrub('company 1234'), 'company 1234', 'the company id is not a secret');
});

test('an oldest-first trigger pages past seen items; only unseen ones count toward the limit', async () => {
  api.state.notes.length = 0;
  for (let i = 0; i < 250; i++) api.addNote({ title: `a${i}` });
  const ids = api.state.notes.map((n) => n.id);
  const seen = [];
  const r = runner({ onRequest: (q) => seen.push(q) });
  const first = await r.pollTrigger('watchNotesAsc', { limit: 10, pageSize: 100 }, { lastID: ids[199], lastDate: null });
  assert.deepEqual(first.bundles.map((b) => b.id), ids.slice(200, 210));
  assert.equal(seen.length, 3, 'pages 1 and 2 hold only seen items; page 3 reaches the limit');
  const second = await r.pollTrigger('watchNotesAsc', { limit: 10, pageSize: 100 }, first.state);
  assert.deepEqual(second.bundles.map((b) => b.id), ids.slice(210, 220), 'the rest waits for the next run');
});

test('an integer beyond 2^53 given as BigInt reaches the body exactly', async () => {
  const seen = [];
  const r = runner({ onRequest: (q) => seen.push(q) });
  await r.runAction('createNote', { title: 'big', extra: { ref: 9007199254740993n } });
  assert.match(seen[0].body, /"ref":9007199254740993\b/);
});

test('condition with a default skips the request; valid in its object form gives its own message and type', async () => {
  const seen = [];
  const r = runner({ onRequest: (q) => seen.push(q) });
  assert.deepEqual(await r.runAction('checkNote', { id: 1, skip: true }), { skipped: true });
  assert.equal(seen.length, 0);
  const shown = api.addNote({ title: 'shown' });
  const hidden = api.addNote({ title: 'hidden', visible: false });
  assert.deepEqual(await r.runAction('checkNote', { id: shown.id }), { id: shown.id, title: 'shown' });
  await assert.rejects(r.runAction('checkNote', { id: hidden.id }),
    (e) => e.name === 'DataError' && e.code === 'invalid_response' && e.message === `[200] note ${hidden.id} is hidden`);
  // a 404 is parsed as text here (response.type "*"), so the base message has no body.message
  await assert.rejects(r.runAction('checkNote', { id: 424242 }), (e) => e.statusCode === 404 && e.name === 'DataError' && /not found: $/.test(e.message));
});

test('a limit whose IML comes out empty means no limit, not a limit of 0', async () => {
  api.state.notes.length = 0;
  for (let i = 0; i < 3; i++) api.addNote({ title: `e${i}` });
  // listNotes' limit is {{parameters.limit}}; with the parameter made optional and left out:
  const m = app.modules.listNotes;
  const relaxed = { ...app, modules: { ...app.modules, listNotes: { ...m, expect: m.expect.map((p) => ({ ...p, required: false })) } } };
  const r2 = runner({ app: relaxed });
  assert.equal((await r2.runSearch('listNotes', { pageSize: 2 })).length, 3);
});

test('a delivery that fails to become a bundle surfaces its error to whoever waits for it', async () => {
  api.state.hooks.clear();
  const r = runner();
  const hook = await r.attachWebhook('watchNotesInstant', { event: 'x' });
  // the enrichment request for a note that does not exist answers 404
  const [answer] = await api.emit({ events: [{ id: 777777, event: 'created' }] });
  assert.equal(answer.status, 202, 'the sender still gets its answer at once');
  await assert.rejects(hook.next({ timeoutMs: 2000 }), (e) => e.name === 'DataError' && e.statusCode === 404 && e.module === 'watchNotesInstant');
  assert.equal(hook.errors.length, 1);
  await hook.detach();
});

test('the tests of custom functions run as Make\'s editor runs them, failures reported', () => {
  const r = runner();
  const results = r.testFunctions();
  assert.deepEqual(results.map(({ function: f, test: t, ok }) => [f, t, ok]), [['shout', 'shouts', true], ['shout', 'fails on purpose', false]]);
  assert.match(results[1].error, /Expected values to be strictly equal/);
});

test('custom calls are found by name, brackets and quotes only; the engine evaluates the rest', async () => {
  const og = await import('../../pkg/index.js');
  const { evaluateWithCustomCalls } = await import('../../sandbox/runner/custom-calls.mjs');
  const calls = [];
  const fns = {
    double: (x) => { calls.push(['double', x]); return x * 2; },
    wrap: (...xs) => { calls.push(['wrap', ...xs]); return `[${xs.join('|')}]`; },
  };
  const ev = (t, c = {}) => evaluateWithCustomCalls(t, c, fns, (tt, cc) => og.evaluate(tt, cc, { dialect: 'app' }));
  assert.equal(ev('{{double(double(2)) + 1}}'), 9);
  assert.equal(ev('{{"double(" + wrap("a)b", \'c,d\')}}'), 'double([a)b|c,d]');
  assert.equal(ev('text {{wrap(get(item, "x"))}} and {{double(3)}}', { item: { x: 5 } }), 'text [5] and 6');
  assert.equal(ev('{{item.double}}', { item: { double: 'a property, not a call' } }), 'a property, not a call');
  assert.deepEqual(ev('{{wrap(length(list), first(list))}}', { list: ['q', 'r'] }), '[2|q]');
  assert.equal(ev('no braces: double(2)'), 'no braces: double(2)');
  assert.deepEqual(calls.slice(0, 2), [['double', 2], ['double', 4]]);
});
