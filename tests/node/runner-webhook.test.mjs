// The runner's instant-trigger end under faults, against the OfficeGuy sandbox's real trigger
// delivery: a webhook that answers late, with an error or not at all makes the sandbox send
// the delivery again; with dedupe (the core's TriggerMatcher) the scenario still sees each
// change once. And scenario filters, which the soak's check-before-create relies on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox/server.mjs';
import { sandboxClient } from '../../sandbox/testing.mjs';
import { loadApp, createRunner, coreEvaluator } from '../../sandbox/runner/index.mjs';

const app = loadApp(new URL('../../make-app/en/', import.meta.url).pathname);
let sb, client, runner, customers, view;
before(async () => {
  sb = await startSandbox({ db: ':memory:', retryDelayMs: 30, deliveryTimeoutMs: 300 });
  client = sandboxClient(sb);
  customers = (await client.data('/crm/schema/listfolders/', { NameFilter: 'לקוחות' })).Folders[0];
  view = sb.admin.createView({ folder: customers.ID, name: 'webhook faults', filters: [{ Property: 'Customers_Segment', Value: 'תקלות' }], columns: ['Customers_FullName', 'Customers_City'] }).id;
  runner = createRunner({ app, connection: { companyId: sb.companyId, apiKey: sb.apiKey }, baseUrl: sb.url, timezone: 'Asia/Jerusalem' });
});
after(async () => {
  await runner.close();
  await sb.close();
});

const createCard = async (name, city = 'לוד') => (await client.data('/crm/data/createentity/', {
  Entity: { Folder: 'לקוחות', Properties: { Customers_FullName: name, Customers_City: city, Customers_Segment: 'תקלות' } },
})).EntityID;
const settled = async (hook) => {
  await sb.admin.waitFor((a) => a.deliveries({ url: hook.url }).every((d) => d.state === 'delivered'), 5000);
  return hook.settle({ quietMs: 120 });
};
const attach = (options) => runner.attachWebhook('watchCards', { folder: customers.ID, view, type: 'createOrUpdate' }, options);

test('an answer spoiled after the delivery was taken makes a duplicate; dedupe lets the change through once', async () => {
  const firstOnly = (req, n) => (n === 1 ? { after: true, httpStatus: 500 } : null);
  const plain = await attach({ fault: firstOnly });
  const id = await createCard('כפול בלי סינון');
  const bundles = await settled(plain);
  assert.equal(sb.admin.deliveries({ url: plain.url })[0].attempts, 2, 'the sandbox retried after the 500');
  assert.deepEqual(bundles.map((b) => String(b.entityId)), [String(id), String(id)], 'without dedupe the scenario would run twice');
  assert.deepEqual(plain.stats, { deliveries: 2, duplicates: 0, faults: 1 });
  await plain.detach();

  const deduped = await attach({ fault: firstOnly, dedupe: true });
  const id2 = await createCard('כפול עם סינון');
  const once = await settled(deduped);
  assert.deepEqual(once.map((b) => String(b.entityId)), [String(id2)]);
  assert.deepEqual(deduped.stats, { deliveries: 2, duplicates: 1, faults: 1 });
  // a new change of the same card is a new event, and goes through
  await client.data('/crm/data/updateentity/', { Entity: { ID: id2, Properties: { Customers_City: 'רמלה' } } });
  const after = await settled(deduped);
  assert.equal(after.length, 2);
  assert.equal(after[1].fields.Customers_City, 'רמלה');
  await deduped.detach();
});

test('a fault before the delivery is taken (503, reset) loses nothing: the retry is the only copy', async () => {
  const hook = await attach({ dedupe: true, fault: (req, n) => (n === 1 ? { httpStatus: 503 } : n === 2 ? { reset: true } : null) });
  const id = await createCard('נדחה ואז נקלט');
  const bundles = await settled(hook);
  const [delivery] = sb.admin.deliveries({ url: hook.url });
  assert.equal(delivery.attempts, 3, '503, reset, then 200');
  assert.deepEqual(bundles.map((b) => String(b.entityId)), [String(id)]);
  assert.deepEqual(hook.stats, { deliveries: 1, duplicates: 0, faults: 2 }, 'the refused attempts never reached the webhook\'s processing');
  await hook.detach();
});

test('a late answer (past the sender\'s timeout) and deliberate redeliveries are dropped as repeats', async () => {
  const hook = await attach({ dedupe: true, fault: (req, n) => (n === 1 ? { after: true, latencyMs: 450 } : null) });
  const id = await createCard('איטי');
  await sb.admin.waitFor((a) => a.deliveries({ url: hook.url })[0]?.state === 'delivered', 5000);
  const [delivery] = sb.admin.deliveries({ url: hook.url });
  assert.equal(delivery.attempts, 2, 'the first attempt timed out at the sender, which sent it again');
  sb.admin.redeliver(delivery.id);
  sb.admin.redeliver(delivery.id);
  await new Promise((r) => setTimeout(r, 100));
  const bundles = await settled(hook);
  assert.deepEqual(bundles.map((b) => String(b.entityId)), [String(id)]);
  assert.equal(hook.stats.duplicates, hook.stats.deliveries - 1);
  assert.ok(hook.stats.deliveries >= 3);
  await hook.detach();
});

test('a delivery the webhook failed to process (500) is taken on its retry, not dropped as a repeat', async () => {
  const engine = coreEvaluator();
  let hiccups = 0;
  const flaky = createRunner({
    app, connection: { companyId: sb.companyId, apiKey: sb.apiKey }, baseUrl: sb.url, timezone: 'Asia/Jerusalem',
    // the first evaluation of the webhook's output fails, as a passing engine error would
    evaluate: (template, context, options) => {
      if (template.includes('"EntityID"') && hiccups++ === 0) throw new Error('a passing engine error');
      return engine(template, context, options);
    },
  });
  try {
    const hook = await flaky.attachWebhook('watchCards', { folder: customers.ID, view, type: 'createOrUpdate' }, { dedupe: true });
    const id = await createCard('נכשל ואז נקלט');
    await assert.rejects(hook.next({ timeoutMs: 3000 }), /a passing engine error/);
    const bundle = await hook.next({ timeoutMs: 3000 });
    assert.equal(String(bundle.entityId), String(id));
    await sb.admin.waitFor((a) => a.deliveries({ url: hook.url })[0]?.state === 'delivered', 3000);
    assert.equal(sb.admin.deliveries({ url: hook.url })[0].attempts, 2, 'answered 500, then 200');
    assert.deepEqual(hook.stats, { deliveries: 2, duplicates: 0, faults: 0 });
  } finally {
    await flaky.close();
  }
});

test('dedupe without the core\'s matcher is refused at attach, before subscribing', async () => {
  const before = sb.admin.subscriptions().length;
  const bare = createRunner({ app, connection: { companyId: sb.companyId, apiKey: sb.apiKey }, baseUrl: sb.url, createMatcher: undefined });
  await assert.rejects(bare.attachWebhook('watchCards', { folder: customers.ID, view, type: 'create' }, { dedupe: true }), /dedupe needs the core's TriggerMatcher/);
  assert.equal(sb.admin.subscriptions().length, before, 'no subscription left behind');
  await bare.close();
});

const trigger = { bundles: [{ entityId: 1, fields: { n: 3, name: 'נועה' } }, { entityId: 2, fields: { n: 0, name: '' } }] };

test('a scenario filter lets a module run only for bundles that pass (OR of AND groups)', async () => {
  const seen = [];
  const local = createRunner({ app, connection: { companyId: sb.companyId, apiKey: sb.apiKey }, baseUrl: sb.url, onRequest: (r) => seen.push(JSON.parse(r.body)) });
  const result = await local.runScenario({
    trigger,
    actions: [{
      module: 'apiCall',
      filter: { name: 'has a name, or n > 5', conditions: [[{ a: '{{1.fields.name}}', o: 'exist' }], [{ a: '{{1.fields.n}}', o: 'number:greater', b: '5' }]] },
      mapper: { path: '/website/companies/getdetails/', body: {} },
    }],
  });
  assert.equal(result.runs.length, 2);
  assert.ok(result.runs[0].outputs['2'], 'the first bundle passed and the module ran');
  assert.equal(result.runs[1].outputs['2'], undefined, 'the second stopped at the filter');
  assert.equal(seen.length, 1, 'one request: the filtered bundle made none');
  await local.close();
});

test('unknown filter operators and routers are refused before anything runs', async () => {
  await assert.rejects(runner.runScenario({
    trigger, actions: [{ module: 'apiCall', filter: { conditions: [[{ a: '1', o: 'text:soundslike', b: '1' }]] }, mapper: { path: '/x/' } }],
  }), (e) => e.code === 'unsupported_filter' && /conditions\[0\]\[0\]: operator "text:soundslike"/.test(e.message));
  const bp = (extra) => ({ flow: [{ id: 1, module: 'app#x:watchCards', parameters: {} }, { id: 2, module: 'app#x:apiCall', mapper: { path: '/website/companies/getdetails/' }, ...extra }] });
  const filtered = await runner.runBlueprint(bp({ filter: { name: 'never', conditions: [[{ a: '{{1.entityId}}', o: 'number:equal', b: '-1' }]] } }), { bundles: [{ entityId: 5 }] });
  assert.deepEqual(filtered.runs.map((r) => Object.keys(r.outputs)), [['1']], 'a blueprint filter is honoured');
  await assert.rejects(async () => runner.runBlueprint(bp({ routes: [] }), { bundles: [{}] }), /routers are not supported/);
});
