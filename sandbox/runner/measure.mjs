// How fast the runner is, against the in-process sandbox, with numbers side by side:
//   node sandbox/runner/measure.mjs
// 1. an action through the generated app (IML evaluated by the core) vs. the same request
//    built by og.buildRequest and sent with fetch;
// 2. a search over 3,200 records in 32 pages (the mini app, an in-memory fetch);
// 3. a card created in the sandbox → its bundle out of the "Watch cards" hook.
import * as og from '../../pkg/index.js';
import { startSandbox } from '../server.mjs';
import { createRunner } from './index.mjs';

const APP = new URL('../../make-app/en/', import.meta.url).pathname;
const MINI = new URL('../../tests/fixtures/mini-app/', import.meta.url).pathname;

async function timeIt(n, fn) {
  for (let i = 0; i < Math.min(5, n); i++) await fn(i); // warm up
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (performance.now() - t) / n;
}

const sb = await startSandbox({ db: ':memory:', retryDelayMs: 50 });
const connection = { companyId: sb.companyId, apiKey: sb.apiKey };
const runner = createRunner({ app: APP, connection, baseUrl: sb.url });
try {
  const params = (i) => ({ name: `לקוח ${i}`, email: `m${i}@example.co.il`, phone: '050-1234567', city: 'חיפה' });
  const N = 100;
  const viaRunner = await timeIt(N, (i) => runner.runAction('createCustomer', params(i)));
  const direct = await timeIt(N, async (i) => {
    const req = og.buildRequest('createCustomer', params(i + N), { ...connection, baseUrl: sb.url });
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
    og.parseResponse('createCustomer', res.status, await res.text());
  });
  console.log(`createCustomer, ${N} runs: runner ${viaRunner.toFixed(2)} ms/run, buildRequest+fetch ${direct.toFixed(2)} ms/run, ratio ${(viaRunner / direct).toFixed(2)}`);

  const page = (p) => ({ items: Array.from({ length: 100 }, (_, i) => ({ id: p * 1000 + i, title: `t${i}`, visible: true })), hasMore: true });
  const fakeFetch = async (url) => new Response(JSON.stringify(page(Number(new URL(url).searchParams.get('page') || 1))), { headers: { 'content-type': 'application/json' } });
  const mini = createRunner({ app: MINI, connection: { apiKey: 'k-measure' }, baseUrl: 'http://mini.invalid/v1', fetch: fakeFetch });
  let count = 0;
  const search = await timeIt(3, async () => { count = (await mini.runSearch('listNotes', { limit: 10000, pageSize: 100 })).length; });
  console.log(`search over ${count} records in 32 pages (iterate + output per item): ${search.toFixed(0)} ms, ${(search * 1000 / count).toFixed(1)} µs/record`);
  await mini.close();

  const customers = (await runner.rpc('listFolders', {})).find((f) => f.label === 'לקוחות');
  const view = (await runner.rpc('listViews', { folder: customers.value }))[0];
  const hook = await runner.attachWebhook('watchCards', { folder: customers.value, view: view.value, type: 'Create' });
  const M = 20;
  const latency = await timeIt(M, async (i) => {
    await runner.runAction('createCard', { folder: 'לקוחות', properties: { Customers_FullName: `webhook ${i}` } });
    await hook.next({ timeoutMs: 5000 });
  });
  console.log(`card created → bundle out of the hook (createCard through the runner included): ${latency.toFixed(2)} ms`);
} finally {
  await runner.close();
  await sb.close();
}
