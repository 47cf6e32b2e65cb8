// Every limit of README "Limits", pushed just past its edge through the package (the
// user's path) and held just under it. Each row over the edge must give its stable code
// and a path to the offending place, quickly (the bound is a hang guard, not a speed
// test: speed is measured in bench/), as an OfficeGuyError (never a trap); and where the
// call takes a batch, the other items of the batch are still processed and reported.
// After every row the engine must still answer a plain call: a trap or an exhausted
// allocator would poison the wasm instance for everything that follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request, createServer } from 'node:http';
import * as og from '../../pkg/index.js';
import { startSandbox } from '../../sandbox/server.mjs';
import { createWebhookServer } from '../../sandbox/runner/webhook-server.mjs';

const QUICK_MS = 5000; // generous: a hostile input must fail long before this, even on a busy machine
const KiB = 1024;
const MiB = 1024 * KiB;

/** Runs fn, which must throw an OfficeGuyError, quickly; returns the error. */
function fails(fn) {
  const start = performance.now();
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - start;
  assert.ok(error, 'expected an error');
  assert.ok(error instanceof og.OfficeGuyError, `not an OfficeGuyError: ${error?.stack ?? error}`);
  assert.notEqual(error.code, 'internal', `a trap escaped: ${error.message}`);
  assert.ok(ms < QUICK_MS, `the error took ${ms.toFixed(0)} ms`);
  return error;
}

/** Runs fn, which must succeed, quickly; returns its result. */
function passes(fn) {
  const start = performance.now();
  const out = fn();
  const ms = performance.now() - start;
  assert.ok(ms < QUICK_MS, `took ${ms.toFixed(0)} ms`);
  return out;
}

/** The engine still works after a row (no poisoned instance). */
function stillHealthy() {
  assert.equal(og.evaluate('{{1 + 1}}'), 2);
  assert.deepEqual(og.validateParams('createCustomer', { name: 'דנה' }), []);
}

const nest = (open, inner, close, n) => open.repeat(n) + inner + close.repeat(n);
const deepArray = (n) => nest('[', '', ']', n);

before(async () => { await og.ready; });

// ---------------------------------------------------------------- IML

// Mappers where one key is hostile: `apply` fails with the key as path; the same
// template next to good keys in separate mappers (a list of mappings) leaves those
// mappings working.
const imlRows = [
  {
    limit: 'template length (64 KiB)',
    over: { b: `{{1.x}}${'y'.repeat(64 * KiB - 7 + 1)}` },
    under: { b: `{{1.x}}${'y'.repeat(64 * KiB - 7)}` },
    code: 'iml_limit', issuePath: 'b@65536',
  },
  {
    limit: 'nesting depth (64)',
    over: { b: `{{${nest('(', '1.x', ')', 64)}}}` },
    under: { b: `{{${nest('(', '1.x', ')', 63)}}}` },
    code: 'iml_limit', issuePath: 'b@66',
  },
  {
    limit: 'nesting depth of calls (a call counts twice)',
    over: { b: `{{${nest('upper(', '1.x', ')', 32)}}}` },
    under: { b: `{{${nest('upper(', '1.x', ')', 31)}}}` },
    code: 'iml_limit', issuePath: /^b@\d+$/,
  },
  {
    limit: 'output of one application (4 MiB of params JSON)',
    // {"b":"…"} is 8 bytes around the text
    over: { b: '{{1.big}}{{1.more}}' }, bundles: { 1: { big: 'z'.repeat(4 * MiB - 8), more: 'zz' } },
    under: { b: '{{1.big}}' },
    code: 'iml_limit', path: 'b',
  },
  {
    limit: 'work per evaluation (20,000,000 units)',
    // reversing 100,000 numbers costs about 2.2 million units (their bytes and items)
    over: { b: '{{length(reverse(1.a))}}'.repeat(12) }, bundles: { 1: { x: 1, a: Array.from({ length: 100_000 }, (_, i) => i) } },
    under: { b: '{{length(reverse(1.a))}}'.repeat(6) },
    code: 'iml_limit', path: 'b',
  },
];

for (const row of imlRows) {
  test(`IML limit: ${row.limit}`, () => {
    const bundles = row.bundles ?? { 1: { x: 1 } };
    const err = fails(() => og.applyMapping(row.over, bundles));
    assert.equal(err.code, row.code, err.message);
    if (row.path) assert.equal(err.path, row.path, err.message);
    if (row.issuePath) {
      const p = err.issues?.[0]?.path;
      assert.ok(row.issuePath instanceof RegExp ? row.issuePath.test(p) : p === row.issuePath, `issue path ${p}`);
    }
    const ok = passes(() => og.applyMapping(row.under, bundles));
    assert.ok('b' in ok);
    stillHealthy();
  });
}

test('IML: every syntax and limit problem of a mapper is reported at once, each at its key', () => {
  const err = fails(() => og.applyMapping({
    fine: '{{1.x}}',
    long: `{{1.x}}${'y'.repeat(70 * KiB)}`,
    deep: `{{${nest('(', '1', ')', 80)}}}`,
    broken: '{{upper(}}',
    nested: { ok: 'plain', bad: '{{(((}}' },
  }, { 1: { x: 1 } }));
  const byPath = Object.fromEntries(err.issues.map((i) => [i.path.split('@')[0], i.code]));
  assert.deepEqual(byPath, { long: 'iml_limit', deep: 'iml_limit', broken: 'iml_syntax', 'nested.bad': 'iml_syntax' });
});

// Hostile templates that are short but would grow a value without bound, or walk a
// pathological structure: each stops with iml_limit (the value is never built).
const hostile = [
  ['replace doubling with $& (2^24 growth)', nest('replace(', '"abcd"', '; "/./g"; "$&$&")', 24), {}],
  ['join of every character with the whole text (quadratic)', 'join(split(1.s; ""); 1.s)', { 1: { s: 'ab'.repeat(5000) } }],
  ['replace with the prefix $` (quadratic)', 'replace(1.s; "/./g"; "$`")', { 1: { s: 'ab'.repeat(5000) } }],
  ['formatNumber with a huge thousands separator', 'formatNumber(1e300; 2; ","; 1.s)', { 1: { s: 'x'.repeat(100_000) } }],
  ['parseJSON of JSON nested 600 deep', 'parseJSON(1.s)', { 1: { s: deepArray(600) } }],
  ['a regex that compiles past its size limit', 'replace(1.s; "/((a{1000}){1000}){1000}/"; "x")', { 1: { s: 'a' } }],
  ['a back-reference regex that backtracks exponentially', 'replace(1.s; "/(a*)*\\\\1b/"; "x")', { 1: { s: 'a'.repeat(40) } }],
  ['sorting a huge array many times', 'length(sort(1.a))}}{{length(sort(1.a))}}{{length(sort(1.a))}}{{length(sort(1.a))',
    { 1: { a: Array.from({ length: 2_000_000 }, (_, i) => i % 1000) } }],
];

for (const [name, expr, bundles] of hostile) {
  test(`IML hostile: ${name} gives iml_limit quickly, at the key`, () => {
    // in a list of mappings, the hostile one fails and the others are applied
    const mappers = [{ a: '{{1.ok}}' }, { hostile: `{{${expr}}}` }, { c: 'x {{1.ok}}' }];
    const data = { ...bundles, 1: { ok: 'fine', ...bundles[1] } };
    const results = mappers.map((m) => {
      try {
        return { ok: passes(() => og.applyMapping(m, data)) };
      } catch (e) {
        return { error: e };
      }
    });
    assert.deepEqual(results[0], { ok: { a: 'fine' } });
    assert.deepEqual(results[2], { ok: { c: 'x fine' } });
    const err = fails(() => { throw results[1].error ?? new Error('the hostile mapping succeeded'); });
    assert.equal(err.code, 'iml_limit', err.message);
    assert.equal(err.path, 'hostile');
    stillHealthy();
  });
}

test('IML: just under the edges of the hostile cases succeeds', () => {
  assert.equal(passes(() => og.evaluate('{{length(parseJSON(1.s))}}', { 1: { s: deepArray(512) } }, { dialect: 'scenario' })), 1);
  assert.equal(passes(() => og.evaluate('{{length(join(split(1.s; ""); 1.s))}}', { 1: { s: 'ab'.repeat(700) } }, { dialect: 'scenario' })), 1399 * 1400 + 1400);
  assert.equal(passes(() => og.evaluate(`{{length(${nest('replace(', '"abcd"', '; "/./g"; "$&$&")', 16)})}}`, {}, { dialect: 'scenario' })), 4 * 2 ** 16);
});

test('IML: a catastrophic-backtracking regex runs in linear time', () => {
  const s = `${'a'.repeat(100_000)}b`;
  const out = passes(() => og.evaluate('{{replace(1.s; "/(a+)+$/"; "x")}}', { 1: { s } }, { dialect: 'scenario' }));
  assert.equal(out, s); // no match: the text comes back unchanged
  const out2 = passes(() => og.evaluate('{{replace(1.s; "/(a|aa)*c/"; "x")}}', { 1: { s } }, { dialect: 'scenario' }));
  assert.equal(out2, s);
});

test('IML: bundles and contexts nested deeper than 512 are too_deep at the argument', () => {
  let err = fails(() => og.applyMapping({ a: '{{1.x}}' }, `{"1":{"x":${deepArray(600)}}}`));
  assert.equal(err.code, 'too_deep');
  assert.equal(err.path, 'bundles');
  err = fails(() => og.evaluate('{{1}}', `{"a":${deepArray(600)}}`));
  assert.equal(err.code, 'too_deep');
  assert.equal(err.path, 'context');
  assert.equal(passes(() => og.evaluate('{{length(a)}}', `{"a":${deepArray(500)}}`)), 1);
  stillHealthy();
});

// ---------------------------------------------------------------- action params

const conn = { companyId: 1234, apiKey: 'limits-test-key' };
const customer = { name: 'דנה' };
const line = { name: 'Widget', unitPrice: '10.00' };

/** validateParams gives the issue; buildRequest throws invalid_params with it. */
function paramsRow(action, params, code, path) {
  const issues = passes(() => og.validateParams(action, params));
  const hit = issues.find((i) => i.code === code);
  assert.ok(hit, `no ${code} issue in ${JSON.stringify(issues).slice(0, 300)}`);
  assert.equal(hit.path, path);
  const err = fails(() => og.buildRequest(action, params, conn));
  assert.equal(err.code, 'invalid_params');
  assert.ok(err.issues.some((i) => i.code === code && i.path === path));
  stillHealthy();
  return issues;
}

test('params: the payload is at most 4 MiB of JSON (too_large at the root)', () => {
  const pad = (n) => ({ path: '/accounting/documents/list/', body: { Note: 'n'.repeat(n) } });
  const size = (p) => Buffer.byteLength(JSON.stringify(p));
  const base = size(pad(0));
  const over = pad(4 * MiB - base + 1);
  assert.equal(size(over), 4 * MiB + 1);
  const issues = paramsRow('apiCall', over, 'too_large', '');
  assert.equal(issues.length, 1, 'an oversized payload is not walked');
  const under = pad(4 * MiB - base);
  assert.equal(size(under), 4 * MiB);
  assert.deepEqual(passes(() => og.validateParams('apiCall', under)), []);
  assert.equal(passes(() => og.buildRequest('apiCall', under, conn)).method, 'POST');
});

test('params: nesting deeper than 127 levels is too_deep at the root', () => {
  // the params object is level 1, so `name` holds 126 more levels at the edge
  const issues = paramsRow('createCustomer', { name: JSON.parse(deepArray(127)) }, 'too_deep', '');
  assert.equal(issues.length, 1);
  const under = passes(() => og.validateParams('createCustomer', { name: JSON.parse(deepArray(126)) }));
  assert.deepEqual(under.map((i) => [i.path, i.code]), [['name', 'invalid_type']]);
});

test('params: a list holds at most 10,000 entries (too_many), and every other issue is still reported', () => {
  const params = { type: 'Invoice', customer: { name: 'x', email: 'not-an-e-mail' }, items: Array.from({ length: 10_001 }, () => line), payments: [{ amount: 'abc', method: 'cash' }] };
  const issues = paramsRow('createDocument', params, 'too_many', 'items');
  const paths = issues.map((i) => i.path);
  assert.ok(paths.includes('customer.email'), paths.join());
  assert.ok(paths.includes('payments[0].amount'), paths.join());
  const under = { type: 'Invoice', customer, items: Array.from({ length: 10_000 }, () => line) };
  assert.deepEqual(passes(() => og.validateParams('createDocument', under)), []);
  const req = passes(() => og.buildRequest('createDocument', under, conn));
  assert.equal(JSON.parse(req.body).Items.length, 10_000);
});

test('params: an SMS goes to at most 1,000 recipients; a huge list is refused at once', () => {
  const phones = (n) => Array.from({ length: n }, (_, i) => `050${String(1_000_000 + i)}`);
  paramsRow('sendSms', { to: phones(1001), text: 'hi' }, 'too_many', 'to');
  const huge = { to: phones(200_000), text: 'hi' };
  const issues = paramsRow('sendSms', huge, 'too_many', 'to');
  assert.equal(issues.length, 1);
  assert.deepEqual(passes(() => og.validateParams('sendSms', { to: phones(1000), text: 'hi' })), []);
});

test('params: a card has at most 2,000 fields (as a trigger reads), as an object or a list', () => {
  const props = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`P${i}`, 'v']));
  paramsRow('createCard', { folder: 'Leads', properties: props(2001) }, 'too_many', 'properties');
  paramsRow('createCard', { folder: 'Leads', properties: Object.entries(props(2001)).map(([key, value]) => ({ key, value })) }, 'too_many', 'properties');
  assert.deepEqual(passes(() => og.validateParams('createCard', { folder: 'Leads', properties: props(2000) })), []);
});

test('params: text fields have their catalogue length (too_long at the field)', () => {
  const spec = og.catalog().actions.find((a) => a.key === 'createCustomer').fields.find((f) => f.name === 'name');
  const max = spec.validate.max;
  assert.equal(typeof max, 'number');
  paramsRow('createCustomer', { name: 'א'.repeat(max + 1) }, 'too_long', 'name');
  assert.deepEqual(passes(() => og.validateParams('createCustomer', { name: 'א'.repeat(max) })), []);
});

// ---------------------------------------------------------------- triggers

const subs = [{ id: 'all', folder: 1, view: 1, type: 'CreateOrUpdate' }];
const delivery = (id, properties = { Name: ['x'] }) => JSON.stringify({ Folder: 1, EntityID: id, Type: 'Create', Properties: properties });
/** A delivery of exactly `bytes` bytes. */
function sized(id, bytes) {
  const base = Buffer.byteLength(delivery(id, { Name: [''] }));
  return delivery(id, { Name: ['n'.repeat(bytes - base)] });
}

test('trigger: acceptMany with oversized, over-wide and over-deep deliveries among good ones', () => {
  const m = new og.TriggerMatcher(subs);
  const many = Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`P${i}`, ['v']]));
  const items = [
    { body: delivery(1) },
    { body: sized(2, MiB + 1) },
    { body: sized(3, MiB) }, // exactly at the limit: accepted
    { contentType: 'application/x-www-form-urlencoded', body: `json=${encodeURIComponent(sized(4, MiB + 1))}` },
    { body: delivery(5, many) },
    { body: delivery(6, Object.fromEntries(Object.entries(many).slice(0, 2000))) },
    { body: `{"Folder":1,"EntityID":7,"Type":"Create","Properties":{"a":${deepArray(200)}}}` },
    { body: delivery(8) },
  ];
  const { fired, errors } = passes(() => m.acceptMany(items));
  assert.deepEqual(fired.map((f) => f.index), [0, 2, 5, 7]);
  assert.deepEqual(errors.map((e) => [e.index, e.code, e.path]), [
    [1, 'too_large', 'body'],
    [3, 'too_large', 'body'],
    [4, 'too_large', 'Properties'],
    [6, 'too_deep', 'body'],
  ]);
  assert.equal(fired[1].event.entityId, 3);
  stillHealthy();
});

test('trigger: the same limits for deliveries given as objects, and for normalizeWebhook', () => {
  const m = new og.TriggerMatcher(subs);
  const many = Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`P${i}`, ['v']]));
  const deep = { Folder: 1, EntityID: 3, Type: 'Create', Properties: { a: JSON.parse(deepArray(200)) } };
  const { fired, errors } = passes(() => m.acceptMany([JSON.parse(delivery(1)), JSON.parse(delivery(2, many)), deep, JSON.parse(delivery(4))]));
  assert.deepEqual(fired.map((f) => f.index), [0, 3]);
  assert.deepEqual(errors.map((e) => [e.index, e.code, e.path]), [[1, 'too_large', 'Properties'], [2, 'too_deep', 'body']]);

  // normalised events (as a receiver that normalised them first passes them)
  const ev = (id, properties) => ({ folder: 1, entityId: id, type: 'create', properties });
  const m2 = new og.TriggerMatcher(subs);
  const batch = passes(() => m2.acceptMany([ev(11, { Name: ['x'] }), ev(12, { a: JSON.parse(deepArray(200)) }), ev(13, many), ev(14, { Name: ['y'] })]));
  assert.deepEqual(batch.fired.map((f) => f.index), [0, 3]);
  assert.deepEqual(batch.errors.map((e) => [e.index, e.code, e.path]), [[1, 'too_deep', 'event'], [2, 'too_large', 'Properties']]);

  let err = fails(() => og.normalizeWebhook({ contentType: 'application/json', body: sized(9, MiB + 1) }));
  assert.deepEqual([err.code, err.path], ['too_large', 'body']);
  err = fails(() => og.normalizeWebhook({ contentType: 'application/json', body: new TextEncoder().encode(sized(9, MiB + 1)) }));
  assert.deepEqual([err.code, err.path], ['too_large', 'body']);
  assert.equal(passes(() => og.normalizeWebhook({ contentType: 'application/json', body: sized(9, MiB) })).entityId, 9);
});

test('trigger: diffListing with an over-wide and an over-deep card among good ones', () => {
  const card = (id, extra = {}) => ({ ID: id, Folder: '1', Name: [`c${id}`], ...extra });
  const first = passes(() => og.diffListing(null, [card(1), card(2), card(3), card(4)]));
  const many = Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`P${i}`, ['v']]));
  const next = passes(() => og.diffListing(first.state, [card(1, { Name: ['changed'] }), card(2, { a: JSON.parse(deepArray(200)) }), card(3, many), card(4, { Name: ['also'] })]));
  assert.deepEqual(next.errors.map((e) => [e.path, e.code]), [['entities[1]', 'too_deep'], ['entities[2]', 'too_large']]);
  // the good cards are diffed; the unreadable ones are not taken for deleted
  assert.deepEqual(next.events.map((e) => [e.entityId ?? e.event?.entityId, e.kind]).sort(), [[1, 'update'], [4, 'update']]);
});

test('trigger: 1,000 subscriptions per matcher, 100 filters per subscription', () => {
  const subsN = (n) => Array.from({ length: n }, (_, i) => ({ ...subs[0], id: `s${i}` }));
  let err = fails(() => new og.TriggerMatcher(subsN(1001)));
  assert.deepEqual([err.code, err.path], ['too_large', 'subscriptions']);
  passes(() => new og.TriggerMatcher(subsN(1000))).free();

  const filters = (n) => Array.from({ length: n }, () => ({ property: 'Name', op: 'equals', value: 'x' }));
  err = fails(() => new og.TriggerMatcher([{ ...subs[0], filters: filters(101) }, { ...subs[0], id: 'b', filters: 'bad' }]));
  assert.equal(err.code, 'invalid_subscription');
  const issues = err.issues.map((i) => [i.path, i.code]);
  assert.deepEqual(issues.find(([p]) => p === 'subscriptions[0].filters'), ['subscriptions[0].filters', 'too_large']);
  assert.ok(issues.some(([p]) => p.startsWith('subscriptions[1]')), 'every subscription is checked');
  passes(() => new og.TriggerMatcher([{ ...subs[0], filters: filters(100) }])).free();
});

test('trigger: a matcher remembers maxCards cards (1 to 1,000,000), forgetting the least recently seen', () => {
  const err = fails(() => new og.TriggerMatcher(subs, undefined, { maxCards: 1_000_001 }));
  assert.deepEqual([err.code, err.path], ['invalid_option', 'options.maxCards']);
  passes(() => new og.TriggerMatcher(subs, undefined, { maxCards: 1_000_000 })).free();
  assert.equal(new og.TriggerMatcher(subs).size().maxCards, 100_000);

  const m = new og.TriggerMatcher(subs, undefined, { maxCards: 3 });
  const update = (id, name) => ({ body: JSON.stringify({ Folder: 1, EntityID: id, Type: 'CreateOrUpdate', Properties: { Name: [name] } }) });
  for (const id of [1, 2, 3, 4]) assert.equal(m.accept(update(id, 'a')).length, 1);
  assert.deepEqual(m.size(), { remembered: 3, maxCards: 3 });
  // card 1 was forgotten: the same delivery again is new to the matcher; card 4 is not
  assert.equal(m.accept(update(4, 'a')).length, 0);
  assert.equal(m.accept(update(1, 'a')).length, 1);
});

test('trigger: saved state is at most 64 Mi characters', () => {
  const err = fails(() => new og.TriggerMatcher(subs, 'x'.repeat(64 * MiB + 1)));
  assert.deepEqual([err.code, err.path], ['too_large', 'state']);
});

// ---------------------------------------------------------------- client options

test('client: retry and paging options have bounds (out_of_range at the option)', async () => {
  const base = { companyId: 1, apiKey: 'k', baseUrl: 'http://127.0.0.1:9' };
  const err = fails(() => new og.Client(base, { maxAttempts: 11, timeoutMs: 120_001, baseDelayMs: 60_001 }));
  assert.equal(err.code, 'invalid_params');
  assert.deepEqual(err.issues.map((i) => [i.path, i.code]).sort(), [
    ['options.baseDelayMs', 'out_of_range'], ['options.maxAttempts', 'out_of_range'], ['options.timeoutMs', 'out_of_range'],
  ]);
  const client = passes(() => new og.Client(base, { maxAttempts: 10, timeoutMs: 120_000, baseDelayMs: 60_000 }));
  const e = await client.listEntities('Leads', { all: true, maxPages: 10_001 }).then(() => null, (x) => x);
  assert.equal(e?.code, 'invalid_params');
  assert.ok(e.issues.some((i) => i.path === 'maxPages' && i.code === 'out_of_range'));
  client.close();
});

test('client: execute refuses an oversized payload before sending anything', async () => {
  let sent = 0;
  const server = createServer((req, res) => { sent += 1; req.resume(); res.end('{"Status":0,"Data":{}}'); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const client = new og.Client({ companyId: 1, apiKey: 'k', baseUrl: `http://127.0.0.1:${server.address().port}` }, { maxAttempts: 1 });
  try {
    const start = performance.now();
    const e = await client.execute('apiCall', { path: '/accounting/documents/list/', body: { Note: 'n'.repeat(4 * MiB) } }).then(() => null, (x) => x);
    assert.ok(performance.now() - start < QUICK_MS);
    assert.equal(e?.code, 'invalid_params');
    assert.deepEqual(e.issues.map((i) => [i.path, i.code]), [['', 'too_large']]);
    assert.equal(sent, 0);
    // just under the limit it is sent
    await client.execute('apiCall', { path: '/accounting/documents/list/', body: { Note: 'n'.repeat(4 * MiB - 100) } });
    assert.equal(sent, 1);
  } finally {
    client.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

// ---------------------------------------------------------------- servers

/** POSTs `size` bytes and resolves to the HTTP status, or 'reset' when the connection dropped. */
function postSized(url, size) {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': size } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve('reset'));
    const chunk = Buffer.alloc(64 * KiB, 0x20);
    let left = size;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

let sb;
before(async () => { sb = await startSandbox({ port: 0, db: ':memory:' }); });
after(async () => { await sb?.close(); });

test('sandbox: a request body over 5 MiB is answered 413; 5 MiB is read', async () => {
  assert.equal(await postSized(`${sb.url}/crm/data/listentities/`, 5 * MiB + 1), 413);
  assert.equal(await postSized(`${sb.url}/crm/data/listentities/`, 5 * MiB), 200); // read, then refused as not JSON (Status 1)
});

test('runner: a webhook delivery over 5 MiB is answered 413; the hook still takes the next one', async () => {
  const server = createWebhookServer();
  try {
    const { url } = await server.add(() => ({ status: 200, body: 'ok' }));
    assert.equal(await postSized(url, 5 * MiB + 1), 413);
    assert.equal(await postSized(url, 5 * MiB), 200);
  } finally {
    await server.close();
  }
});
