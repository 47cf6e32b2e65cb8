// What the soak needs from the sandbox, tested on its own: fault rules that strike a share of
// calls (seeded, so replayable), before a call is applied or after it (the answer is lost
// but the call happened), reset connections; deliveries limited to a number in flight;
// counts without payloads; and listings that stay right while the folder changes under them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox/server.mjs';
import { sandboxClient, startReceiver } from '../../sandbox/testing.mjs';
import { Faults, seededRandom } from '../../sandbox/faults.mjs';

let sb, og;
before(async () => {
  sb = await startSandbox({ db: ':memory:', retryDelayMs: 30, deliveryTimeoutMs: 1000, deliveryConcurrency: 2 });
  og = sandboxClient(sb);
});
after(() => sb.close());

const CREATE = '/crm/data/createentity/';
const post = (path, body) => fetch(`${sb.url}${path}`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ Credentials: { CompanyID: sb.companyId, APIKey: sb.apiKey }, ...body }),
});
const countCards = async (name) => (await og.data('/crm/data/listentities/', {
  Folder: 'לקוחות', Filters: [{ Property: 'Customers_FullName', Value: name }], Paging: { StartIndex: 0, PageSize: 100 },
})).Entities.length;

test('a fault before the call leaves nothing behind; after it, the call is applied and only the answer is lost', async () => {
  sb.admin.faults.set({ httpStatus: 503, times: 1, paths: [CREATE] });
  const refused = await post(CREATE, { Entity: { Folder: 'לקוחות', Properties: { Customers_FullName: 'לפני התקלה' } } });
  assert.equal(refused.status, 503);
  assert.equal(await countCards('לפני התקלה'), 0, 'a fault before applying creates nothing');

  sb.admin.faults.set({ httpStatus: 502, after: true, times: 1, paths: [CREATE] });
  const lost = await post(CREATE, { Entity: { Folder: 'לקוחות', Properties: { Customers_FullName: 'אחרי התקלה' } } });
  assert.equal(lost.status, 502);
  assert.match(await lost.text(), /Bad Gateway/);
  assert.equal(await countCards('אחרי התקלה'), 1, 'a fault after applying: the card exists though the client saw a 502');
  assert.equal(sb.admin.requests().at(-2).fault, 'answer lost', 'the request log says which answer was lost');

  sb.admin.faults.set({ reset: true, after: true, times: 1, paths: [CREATE] });
  await assert.rejects(post(CREATE, { Entity: { Folder: 'לקוחות', Properties: { Customers_FullName: 'אחרי ניתוק' } } }), /fetch failed/);
  assert.equal(await countCards('אחרי ניתוק'), 1, 'a reset after applying: applied, no answer at all');

  sb.admin.faults.set({ reset: true, times: 1, paths: [CREATE] });
  await assert.rejects(post(CREATE, { Entity: { Folder: 'לקוחות', Properties: { Customers_FullName: 'ניתוק לפני' } } }), /fetch failed/);
  assert.equal(await countCards('ניתוק לפני'), 0);
  // spent rules are gone: the next call is served
  assert.equal((await (await post(CREATE, { Entity: { Folder: 'לקוחות', Properties: { Customers_FullName: 'רגיל' } } })).json()).Status, 0);
});

test('several rules with a probability strike about that share of calls, the same calls for the same seed', () => {
  const rules = [{ httpStatus: 503, probability: 0.1, paths: [CREATE] }, { latencyMs: 5, probability: 0.2 }];
  const run = () => {
    const f = new Faults(rules);
    const struck = [];
    for (let i = 0; i < 2000; i++) struck.push(f.take(i % 2 ? CREATE : '/sms/sms/send/')?.httpStatus ?? f.current?.httpStatus ?? 0);
    return { struck, stats: f.stats() };
  };
  const a = run();
  const b = run();
  assert.deepEqual(a.stats, b.stats, 'seeded: replayable');
  const [status503, late] = a.stats.hits;
  assert.ok(status503 > 60 && status503 < 140, `about 10% of the 1000 create calls: ${status503}`);
  // the latency rule sees every path: 20% of the calls the first rule let through
  assert.ok(late > 300 && late < 500, `about 20% of ~1900 calls: ${late}`);
  assert.equal(a.stats.total, status503 + late);
});

test('fault rules are checked: a bad probability or status is refused with the rule named', () => {
  assert.throws(() => sb.admin.faults.set([{ httpStatus: 503 }, { probability: 1.5, reset: true }]), /fault 1: probability must be in \(0, 1\]/);
  assert.throws(() => sb.admin.faults.set({ httpStatus: 200 }), /httpStatus must be an HTTP error status/);
  const r = seededRandom(3);
  const draws = Array.from({ length: 1000 }, r);
  assert.ok(draws.every((x) => x >= 0 && x < 1));
  assert.ok(Math.abs(draws.reduce((s, x) => s + x, 0) / 1000 - 0.5) < 0.05, 'uniform enough');
});

test('the admin HTTP API sets several rules and reports their hits', async () => {
  const set = await fetch(`${sb.url}/__admin/faults`, { method: 'POST', body: JSON.stringify([{ technicalError: true, times: 2, paths: ['/crm/schema/listfolders/'] }]) });
  assert.equal(set.status, 200);
  for (let i = 0; i < 3; i++) await og.call('/crm/schema/listfolders/', {});
  const stats = await (await fetch(`${sb.url}/__admin/faults/stats`)).json();
  assert.deepEqual(stats, { hits: [2], total: 2 });
  await fetch(`${sb.url}/__admin/faults`, { method: 'DELETE' });
});

test('deliveries go out at most deliveryConcurrency at a time, and all of them arrive', async () => {
  let open = 0;
  let most = 0;
  const r = await startReceiver(async () => {
    open++;
    most = Math.max(most, open);
    await new Promise((res) => setTimeout(res, 40));
    open--;
    return 200;
  });
  try {
    const view = sb.admin.createView({ folder: 'לקוחות', name: 'concurrency', filters: [{ Property: 'Customers_Segment', Value: 'בו-זמנית' }] });
    await og.data('/triggers/triggers/subscribe/', { URL: `${r.url}/c`, Folder: 'לקוחות', View: view.id, TriggerType: 'Create' });
    for (let i = 0; i < 8; i++) await og.data(CREATE, { Entity: { Folder: 'לקוחות', Properties: { Customers_FullName: `בו-זמנית ${i}`, Customers_Segment: 'בו-זמנית' } } });
    await sb.admin.waitFor((a) => a.deliveries({ url: `${r.url}/c`, state: 'delivered' }).length === 8, 5000);
    assert.equal(r.received.length, 8);
    assert.equal(most, 2, 'never more than the two slots this sandbox has');
    const counts = sb.admin.deliveryCounts();
    assert.ok(counts.delivered >= 8 && counts.pending === 0 && counts.inFlight === 0 && counts.waiting === 0, JSON.stringify(counts));
    assert.equal(counts.total, counts.pending + counts.delivered + counts.held + counts.cancelled);
    const viaHttp = await (await fetch(`${sb.url}/__admin/deliveries/counts`)).json();
    assert.equal(viaHttp.delivered, counts.delivered);
    const mem = await (await fetch(`${sb.url}/__admin/process`)).json();
    assert.ok(mem.rss > 0 && mem.maxRss >= mem.rss * 0.5 && mem.heapUsed > 0);
    await og.data('/triggers/triggers/unsubscribe/', { URL: `${r.url}/c` });
  } finally {
    await r.close();
  }
});

test('a listing stays right while its folder changes: creates, updates, archives and a rolled-back call', async () => {
  const name = (i) => `רשימה ${i}`;
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push((await og.data(CREATE, { Entity: { Folder: 'לקוחות', Properties: { Customers_FullName: name(i), Customers_City: 'חיפה-רשימה' } } })).EntityID);
  const inCity = async () => (await og.data('/crm/data/listentities/', {
    Folder: 'לקוחות', LoadProperties: true, Filters: [{ Property: 'Customers_City', Value: 'חיפה-רשימה' }], Paging: { StartIndex: 0, PageSize: 100 },
  })).Entities.map((e) => [e.ID, e.Customers_FullName[0]]);
  assert.deepEqual(await inCity(), ids.map((id, i) => [id, name(i)]));
  await og.data('/crm/data/updateentity/', { Entity: { ID: ids[1], Properties: { Customers_FullName: 'שונה' } } });
  await og.data('/crm/data/updateentity/', { Entity: { ID: ids[2], Properties: { Customers_City: 'עפולה' } } });
  await og.data('/crm/data/archiveentity/', { EntityID: ids[0] });
  const extra = (await og.data(CREATE, { Entity: { Folder: 'לקוחות', Properties: { Customers_FullName: 'חדש', Customers_City: 'חיפה-רשימה' } } })).EntityID;
  // a call that fails after its write, inside its transaction, leaves no trace in listings
  const crm = sb.internals.crm;
  const onChange = crm.onChange;
  crm.onChange = (kind, was, now) => {
    if (now?.props.Customers_FullName?.[0] === 'מתגלגל') throw new Error('a failure after the write');
    return onChange(kind, was, now);
  };
  try {
    const failed = await og.call(CREATE, { Entity: { Folder: 'לקוחות', Properties: { Customers_FullName: 'מתגלגל', Customers_City: 'חיפה-רשימה' } } });
    assert.equal(failed.Status, 2);
  } finally {
    crm.onChange = onChange;
  }
  assert.deepEqual(await inCity(), [[ids[1], 'שונה'], [extra, 'חדש']]);
});

test('a trigger paused while other deliveries were out stays paused until resumed; nothing is left held behind it', async () => {
  const local = await startSandbox({ db: ':memory:', retryDelayMs: 20, deliveryTimeoutMs: 2000, maxFailures: 2, deliveryConcurrency: 4 });
  const plan = { A: [0, 500], B: [0, 500], C: [120, 200], D: [240, 500] }; // [delay ms, status] of each card's first answer
  const seen = {};
  const r = await startReceiver(async (req) => {
    const name = JSON.parse(req.body).Properties.Customers_FullName[0];
    seen[name] = (seen[name] ?? 0) + 1;
    const [delay, status] = seen[name] === 1 ? plan[name] : [0, 200];
    await new Promise((res) => setTimeout(res, delay));
    return status;
  });
  try {
    const client = sandboxClient(local);
    const view = local.admin.createView({ folder: 'לקוחות', name: 'pause', filters: [{ Property: 'Customers_Segment', Value: 'השהיה' }] });
    await client.data('/triggers/triggers/subscribe/', { URL: `${r.url}/p`, Folder: 'לקוחות', View: view.id, TriggerType: 'Create' });
    // four cards in one call's worth of time, so that all four deliveries are out together
    await Promise.all(Object.keys(plan).map((name) => client.data(CREATE, { Entity: { Folder: 'לקוחות', Properties: { Customers_FullName: name, Customers_Segment: 'השהיה' } } })));
    // A and B failed (paused), C succeeded (failures back to 0), D failed after that; in any
    // order, two failures in a row happen, so the trigger must end up paused
    await local.admin.waitFor((a) => a.deliveryCounts().attempts >= 4, 5000);
    for (let i = 0; i < 150 && local.admin.deliveryCounts().held < 2; i++) await new Promise((res) => setTimeout(res, 20));
    await new Promise((res) => setTimeout(res, 100));
    const [sub] = local.admin.subscriptions({ url: `${r.url}/p` });
    const held = local.admin.deliveries({ url: `${r.url}/p`, state: 'held' });
    assert.equal(sub.paused, true, 'still paused: a later failure must not un-pause it');
    assert.ok(held.length >= 2, `A and B are held: ${held.map((d) => d.payload.Properties.Customers_FullName[0])}`);
    assert.equal(local.admin.deliveryCounts().pauses, 1, 'one pause, however many failures landed while paused');
    local.admin.resume({ url: `${r.url}/p` });
    await local.admin.waitFor((a) => a.deliveries({ url: `${r.url}/p`, state: 'delivered' }).length === 4, 3000);
  } finally {
    await r.close();
    await local.close();
  }
});
