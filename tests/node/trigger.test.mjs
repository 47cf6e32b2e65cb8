// The trigger engine through the JS package, as a Node user calls it: every delivery
// shape, exactly-once under retries and replays, save/restore, the bound, hostile input,
// polling, and the TypeScript declarations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as og from '../../pkg/index.js';

// NOTES.md §6.2, the live capture.
const CAPTURED = '{"Folder":2375135516,"EntityID":2389921274,"Type":"Create","Properties":{"Accounting_Number":[10003],"Accounting_Date":["2026-09-26T00:00:00+03:00"],"Accounting_DisplayCompanyValue":[3540.0000],"Accounting_Flags":[2],"Accounting_Customer":[{"ID":2389918411,"Name":"יזמות הגליל בע\\"מ","SchemaID":2375133706}],"Property_M-5":[13]}}';

const form = (json) => `json=${encodeURIComponent(json).replace(/%20/g, '+')}`;

function throwsCode(fn, code, path) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof og.OfficeGuyError, `not an OfficeGuyError: ${e}`);
    assert.equal(e.code, code, e.message);
    if (path !== undefined) assert.equal(e.path, path);
    return true;
  });
}

test('the captured delivery normalises to fields a person maps', () => {
  const e = og.normalizeWebhook({ contentType: 'application/json', body: CAPTURED });
  assert.equal(e.folder, 2375135516);
  assert.equal(e.entityId, 2389921274);
  assert.equal(e.type, 'create');
  assert.equal(e.fields.Accounting_Number, 10003);
  assert.equal(e.fields.Accounting_DisplayCompanyValue, 3540);
  assert.deepEqual(e.fields.Accounting_Customer, { id: 2389918411, name: 'יזמות הגליל בע"מ', schemaId: 2375133706 });
  assert.deepEqual(e.properties.Accounting_Number, [10003]);
  assert.equal(e.raw.EntityID, 2389921274);
});

test('JSON, form, bytes, Buffer, parsed object and Make\'s {json} give the same event', () => {
  const want = og.normalizeWebhook({ contentType: 'application/json', body: CAPTURED });
  const shapes = [
    { contentType: 'application/x-www-form-urlencoded', body: form(CAPTURED) },
    { contentType: 'application/json', body: new TextEncoder().encode(CAPTURED) },
    { contentType: 'application/x-www-form-urlencoded', body: Buffer.from(form(CAPTURED)) },
    { body: JSON.parse(CAPTURED) },
    { body: { json: CAPTURED } },
    { contentType: 'text/plain', body: form(CAPTURED) },
  ];
  for (const s of shapes) {
    const e = og.normalizeWebhook(s);
    assert.deepEqual([e.folder, e.entityId, e.type, e.fields, e.properties], [want.folder, want.entityId, want.type, want.fields, want.properties]);
  }
});

test('ids beyond 2^53 come out as exact decimal strings; safe ones as numbers', () => {
  const e = og.normalizeWebhook({ body: '{"Folder":"12","EntityID":9223372036854775807,"Type":"Update","Properties":{"R":[{"ID":9007199254740993,"Name":"x","SchemaID":5}]}}' });
  assert.equal(e.folder, 12);
  assert.equal(e.entityId, '9223372036854775807');
  assert.deepEqual(e.fields.R, { id: '9007199254740993', name: 'x', schemaId: 5 });
  const b = og.normalizeWebhook({ body: { EntityID: 9223372036854775807n, Properties: { A: 'שלום \u200f👋' } } });
  assert.equal(b.entityId, '9223372036854775807');
  assert.equal(b.fields.A, 'שלום \u200f👋');
});

test('archive and delete deliveries without properties', () => {
  const e = og.normalizeWebhook({ body: '{"Folder":1,"EntityID":7,"Type":"Delete"}' });
  assert.deepEqual([e.type, e.properties, e.fields], ['delete', {}, {}]);
});

test('bad deliveries throw OfficeGuyError with a code and a path', () => {
  throwsCode(() => og.normalizeWebhook({ body: '{oops' }), 'invalid_json', 'body');
  throwsCode(() => og.normalizeWebhook({ body: '' }), 'empty_body', 'body');
  throwsCode(() => og.normalizeWebhook({ body: '{"Folder":1}' }), 'missing_entity_id', 'EntityID');
  throwsCode(() => og.normalizeWebhook({ body: { EntityID: 'abc' } }), 'invalid_id', 'EntityID');
  throwsCode(() => og.normalizeWebhook({ body: { EntityID: 1, Properties: 'x' } }), 'invalid_type', 'Properties');
  throwsCode(() => og.normalizeWebhook({ body: { EntityID: 1, Type: 'Moved' } }), 'unknown_trigger_type', 'Type');
  throwsCode(() => og.normalizeWebhook({ body: 'x'.repeat((1 << 20) + 1) }), 'too_large', 'body');
  throwsCode(() => og.normalizeWebhook({ contentType: 'application/x-www-form-urlencoded', body: 'a=1' }), 'invalid_body', 'body');
  throwsCode(() => og.normalizeWebhook({ body: new Uint8Array([0x7b, 0xff]) }), 'invalid_encoding', 'body');
  throwsCode(() => og.normalizeWebhook(null), 'invalid_argument');
  throwsCode(() => og.normalizeWebhook({ body: '['.repeat(200000) }), 'too_deep', 'body');
});

test('normalizeEntity maps a sample card with the same names as a live delivery', () => {
  const live = og.normalizeWebhook({ body: CAPTURED });
  const sample = og.normalizeEntity({ ID: 2389921274, Folder: '2375135516', ...live.properties });
  assert.deepEqual(sample, { folder: live.folder, entityId: live.entityId, properties: live.properties, fields: live.fields });
  const nested = og.normalizeEntity({ ID: '2389921274', Properties: live.properties });
  assert.deepEqual(nested.fields, live.fields);
  throwsCode(() => og.normalizeEntity({ Folder: 1 }), 'missing_entity_id', 'ID');
});

const SUBS = [
  { id: 'any', folder: 10, view: 1, types: ['createOrUpdate', 'archive', 'delete'] },
  { id: 'vip', folder: 10, view: 2, types: ['createOrUpdate'], filters: [{ Property: 'Tier', Value: ['gold', 'platinum'] }] },
];
const delivery = (id, props, type = 'CreateOrUpdate') => ({ contentType: 'application/json', body: JSON.stringify({ Folder: 10, EntityID: id, Type: type, Properties: props }) });

test('accept: create, update, retries, replays, filters, archive and delete', () => {
  const m = new og.TriggerMatcher(SUBS);
  const kinds = (x) => m.accept(x).map((f) => `${f.subscriptionId}:${f.kind}`);
  assert.deepEqual(kinds(delivery(1, { Tier: ['gold'], N: [1] })), ['any:create', 'vip:create']);
  assert.deepEqual(kinds(delivery(1, { N: [1], Tier: 'gold' })), [], 'a retry, in another shape');
  assert.deepEqual(kinds(delivery(1, { Tier: ['silver'], N: [1] })), ['any:update']);
  assert.deepEqual(kinds(delivery(1, { Tier: ['gold'], N: [1] })), [], 'the first delivery replayed late');
  assert.deepEqual(kinds(delivery(1, { Tier: ['gold'], N: [2] })), ['any:update', 'vip:update']);
  assert.deepEqual(kinds(delivery(1, {}, 'Archive')), ['any:archive']);
  assert.deepEqual(kinds(delivery(1, {}, 'Archive')), []);
  assert.deepEqual(kinds(delivery(1, {}, 'Delete')), ['any:delete']);
  assert.deepEqual(kinds(delivery(1, { Tier: ['gold'], N: [3] })), [], 'nothing after a delete');
  assert.deepEqual(kinds(delivery(2, { Tier: ['gold'] })), ['any:create', 'vip:create']);
  // other folder
  assert.deepEqual(kinds({ body: '{"Folder":11,"EntityID":3,"Type":"Create"}' }), []);
});

test('accept takes a normalised event, a delivery object or a request, and returns the event', () => {
  const m = new og.TriggerMatcher(SUBS);
  const e = og.normalizeWebhook(delivery(5, { A: [1] }));
  const fired = m.accept(e);
  assert.equal(fired[0].event, e);
  assert.deepEqual(m.accept({ Folder: 10, EntityID: 5, Type: 'CreateOrUpdate', Properties: { A: [1] } }), []);
  const again = m.accept({ Folder: '10', EntityID: '5', Type: 'CreateOrUpdate', Properties: { A: [2] } });
  assert.equal(again[0].event.entityId, 5);
  assert.equal(again[0].kind, 'update');
  // restricted to the subscription whose URL received it
  const only = m.accept(delivery(6, { Tier: ['gold'] }), { subscriptionId: 'vip' });
  assert.deepEqual(only.map((f) => f.subscriptionId), ['vip']);
  throwsCode(() => m.accept(delivery(7, {}), { subscriptionId: 'nope' }), 'unknown_subscription');
  throwsCode(() => m.accept({ body: '{' }), 'invalid_json');
});

test('acceptMany: one crossing, lazy events, a bad item costs nothing else', () => {
  const m = new og.TriggerMatcher(SUBS);
  const items = [delivery(1, { A: [1] }), delivery(1, { A: [1] }), { body: 'nope' }, { body: form(JSON.stringify({ Folder: 10, EntityID: 2, Type: 'Create' })) }, delivery(1, { A: [2] })];
  const { fired, errors } = m.acceptMany(items);
  assert.deepEqual(fired.map((f) => [f.index, f.subscriptionId, f.kind]), [[0, 'any', 'create'], [3, 'any', 'create'], [4, 'any', 'update']]);
  assert.equal(fired[2].event.fields.A, 2);
  assert.deepEqual(errors.map((e) => [e.index, e.code]), [[2, 'invalid_json']]);
  // mixed items (events and objects) take the other path, same answers
  const m2 = new og.TriggerMatcher(SUBS);
  const mixed = [og.normalizeWebhook(items[0]), JSON.parse(items[1].body), { foo: 1 }, items[3], items[4]];
  const r2 = m2.acceptMany(mixed);
  assert.deepEqual(r2.fired.map((f) => [f.index, f.kind, f.event.entityId]), [[0, 'create', 1], [3, 'create', 2], [4, 'update', 1]]);
  assert.deepEqual(r2.errors.map((e) => [e.index, e.code]), [[2, 'missing_entity_id']]);
  assert.equal(m2.saveState(), m.saveState());
});

test('save and restore in the middle of a stream: nothing lost, nothing replayed', () => {
  const stream = [];
  let seed = 3;
  const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
  for (let i = 0; i < 400; i += 1) {
    const d = delivery(1 + rnd(30), { V: [rnd(3)] }, rnd(25) === 0 ? 'Delete' : 'CreateOrUpdate');
    stream.push(d);
    if (rnd(3) === 0) stream.push(d);
  }
  const whole = new og.TriggerMatcher(SUBS);
  const expected = stream.map((d) => whole.accept(d).map((f) => f.kind).join());
  let state = null;
  const got = [];
  for (const d of stream) {
    const m = new og.TriggerMatcher(SUBS, state);
    got.push(m.accept(d).map((f) => f.kind).join());
    state = m.saveState();
    m.free();
  }
  assert.deepEqual(got, expected);
  assert.equal(state, whole.saveState());
  assert.match(state, /^ogm1\.[A-Za-z0-9_-]+$/);
});

test('the bound: least recently seen forgotten first; a freed matcher says so', () => {
  const m = new og.TriggerMatcher(SUBS, null, { maxCards: 2 });
  m.accept(delivery(1, { A: [1] }));
  m.accept(delivery(2, { A: [1] }));
  m.accept(delivery(1, { A: [1] })); // retry: 1 is now the most recent
  m.accept(delivery(3, { A: [1] })); // evicts 2
  assert.deepEqual(m.size(), { remembered: 2, maxCards: 2 });
  assert.deepEqual(m.accept(delivery(1, { A: [1] })), []);
  assert.equal(m.accept(delivery(2, { A: [1] }))[0].kind, 'create');
  m.free();
  m.free();
  throwsCode(() => m.accept(delivery(1, {})), 'freed');
  throwsCode(() => new og.TriggerMatcher(SUBS, null, { maxCards: 0 }), 'invalid_option');
});

test('bad subscriptions and states are refused with every issue', () => {
  assert.throws(() => new og.TriggerMatcher([{ id: 'a', folder: 'Customers', types: ['create'] }, { id: 'b', folder: 1, types: ['soon'] }]), (e) => {
    assert.equal(e.code, 'invalid_subscription');
    assert.deepEqual(e.issues.map((i) => i.path), ['subscriptions[0].folder', 'subscriptions[1].types[0]']);
    return true;
  });
  throwsCode(() => new og.TriggerMatcher(SUBS, 'garbage'), 'invalid_state');
  throwsCode(() => new og.TriggerMatcher(SUBS, 'ogm7.AA'), 'unsupported_state_version');
  throwsCode(() => new og.TriggerMatcher(SUBS, 42), 'invalid_argument');
  throwsCode(() => new og.TriggerMatcher(SUBS, og.diffListing(null, []).state), 'invalid_state');
});

test('diffListing: first run, changes, pages in any order, emitExisting', () => {
  const card = (id, name) => ({ ID: id, Folder: '2375135537', Customers_FullName: [name] });
  const first = og.diffListing(null, [card(1, 'a'), card(2, 'b'), card(3, 'c')]);
  assert.deepEqual(first.events, []);
  const all = og.diffListing(undefined, [card(1, 'a')], { emitExisting: true });
  assert.deepEqual(all.events.map((e) => [e.kind, e.entityId, e.fields.Customers_FullName]), [['create', 1, 'a']]);
  const pages = [[card(3, 'C'), card(4, 'd')], { Entities: [card(1, 'a'), card(3, 'C')], HasNextPage: true }];
  const a = og.diffListing(first.state, pages);
  const b = og.diffListing(first.state, [...pages].reverse());
  assert.deepEqual(a, b);
  assert.deepEqual(a.events.map((e) => [e.kind, e.entityId]), [['remove', 2], ['update', 3], ['create', 4]]);
  assert.deepEqual(a.events[0], { kind: 'remove', folder: 2375135537, entityId: 2, properties: null, fields: null });
  throwsCode(() => og.diffListing('ogm1.AA', []), 'invalid_state');
  throwsCode(() => og.diffListing(null, 'x'), 'invalid_type');
});

test('the TypeScript declarations type-check a usage file', () => {
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  const usage = fileURLToPath(new URL('./trigger-usage.ts', import.meta.url));
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2022', usage], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('accept of a raw body fires several subscriptions and reads bytes too', () => {
  const m = new og.TriggerMatcher(SUBS);
  const d = delivery(9, { Tier: ['platinum'] });
  const fired = m.accept(d);
  assert.deepEqual(fired.map((f) => [f.subscriptionId, f.kind]), [['any', 'create'], ['vip', 'create']]);
  assert.equal(fired[0].event, fired[1].event, 'one event object, normalised once');
  assert.equal(fired[1].event.fields.Tier, 'platinum');
  const bytes = { contentType: 'application/json', body: Buffer.from(delivery(9, { Tier: ['gold'] }).body) };
  assert.deepEqual(m.accept(bytes).map((f) => f.kind), ['update', 'update']);
  assert.equal(JSON.parse(JSON.stringify(m.accept(delivery(9, { Tier: ['x'] }))))[0].event.entityId, 9);
  throwsCode(() => m.accept({ body: new Uint8Array([0xff]) }), 'invalid_encoding');
});

test('acceptMany with a NUL inside a body still attributes every item to its index', () => {
  const m = new og.TriggerMatcher(SUBS);
  const items = [delivery(1, { A: [1] }), { body: '{"EntityID":2,\u0000"Folder":10}' }, delivery(3, { A: [1] })];
  const { fired, errors } = m.acceptMany(items);
  assert.deepEqual(fired.map((f) => [f.index, f.event.entityId]), [[0, 1], [2, 3]]);
  assert.deepEqual(errors.map((e) => [e.index, e.code]), [[1, 'invalid_json']]);
});

test('a fired answer serialises with its event, and an empty batch is fine', () => {
  const m = new og.TriggerMatcher(SUBS);
  const [f] = m.accept(delivery(42, { A: [1] }));
  const json = JSON.parse(JSON.stringify(f));
  assert.deepEqual(Object.keys(json), ['subscriptionId', 'kind', 'event']);
  assert.equal(json.event.entityId, 42);
  const { fired } = m.acceptMany([delivery(43, { A: [1] })]);
  assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(fired[0]))), ['index', 'subscriptionId', 'kind', 'event']);
  assert.deepEqual(m.acceptMany([]), { fired: [], errors: [] });
});

test('acceptMany over several chunks keeps every index and error in order', () => {
  const items = [];
  for (let i = 0; i < 2500; i += 1) items.push(i % 997 === 5 ? { body: '{"nope"' } : delivery(1 + (i % 700), { V: [Math.floor(i / 700)] }));
  items[1500] = og.normalizeWebhook(delivery(5000, { V: [1] })); // one chunk takes the per-item path
  const many = new og.TriggerMatcher(SUBS).acceptMany(items);
  const one = new og.TriggerMatcher(SUBS);
  const expected = [];
  items.forEach((it, index) => {
    try {
      for (const f of one.accept(it)) expected.push([index, f.kind]);
    } catch { /* counted below */ }
  });
  assert.deepEqual(many.fired.map((f) => [f.index, f.kind]), expected);
  assert.deepEqual(many.errors.map((e) => e.index), [5, 1002, 1999]);
});
