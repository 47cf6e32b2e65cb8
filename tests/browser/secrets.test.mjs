// The page keeps the API key only in memory and sends it only in API request bodies. In
// headless Chromium: connect with a recognisable key (first a wrong one), choose a trigger,
// map and run an action (and again through an API error and an HTTP 503), export the
// mapping and the blueprint, reload; then sweep everything the page kept or showed for the
// key in every form (tests/node/secrets-sweep.mjs): localStorage, sessionStorage,
// IndexedDB, Cache Storage, cookies, the URL and history, the DOM's markup and text and
// every field's value (the key field itself only after the reload, which must leave it
// empty), console messages and page errors, the downloaded files, and every request the
// page made except the bodies of the API calls, which a proxy in front of the sandbox
// records apart (and which must hold the key).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { startSandbox, startPageServer } from '../../sandbox/index.mjs';
import { launch, artifacts } from './lib/chromium.mjs';
import { SECRET, createSweep, hasSecret, startRecordingProxy } from '../node/secrets-sweep.mjs';

const root = new URL('../../', import.meta.url).pathname;
const shots = artifacts('secrets');
const sweep = createSweep();
const consoleSeen = [];
const pageRequests = [];
const sandboxLog = [];
let nowhere = 'http://127.0.0.1:0'; // an API address where nothing listens (a network failure)
let sandbox, proxy, company, pageServer, context, page;

before(async () => {
  sandbox = await startSandbox({ port: 0, db: ':memory:', seed: true, log: (l) => sandboxLog.push(l) });
  company = sandbox.admin.createCompany({ demo: true, apiKey: SECRET });
  proxy = await startRecordingProxy(sandbox.url);
  // no demo credentials: the key reaches the page only by being typed in
  pageServer = await startPageServer({ port: 0, mounts: { '/pkg/': join(root, 'pkg'), '/': join(root, 'www') } });
  context = await launch();
  page = await context.newPage();
  page.on('console', (m) => consoleSeen.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleSeen.push(`pageerror: ${e.stack || e}`));
  page.on('request', (r) => pageRequests.push({ url: r.url(), method: r.method(), headers: r.headers(), postData: r.postData() }));
  await page.goto(`${pageServer.url}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
});

after(async () => {
  await context?.close();
  await pageServer?.close();
  await proxy?.close();
  await sandbox?.close();
});

const field = (path) => page.locator(`[data-path="${path}"]`);

async function connect(key, baseUrl = proxy.url) {
  await page.fill('#company-id', String(company.companyId));
  await page.fill('#api-key', key);
  await page.fill('#base-url', baseUrl);
  await page.click('#connect-form button[type="submit"]');
}

async function runAndWait() {
  // cleared first, so that the last run's answer is not taken for this one's
  await page.evaluate(() => { document.querySelector('#run-result').textContent = ''; });
  await page.click('#run');
  await page.click('#confirm-yes');
  await page.waitForFunction(() => {
    const r = document.querySelector('#run-result');
    return r.textContent && !r.textContent.includes('…');
  }, null, { timeout: 20000 });
  return page.textContent('#run-result');
}

async function refused() {
  await page.waitForFunction(() => document.querySelector('#status').classList.contains('bad'), null, { timeout: 20000 });
  const shown = await page.textContent('#status');
  assert.ok(shown.length > 0);
  assert.ok(!hasSecret(shown), shown);
  await page.evaluate(() => document.querySelector('#status').classList.remove('bad'));
}

test('a wrong key, and an unreachable API, are refused without showing the key', async () => {
  await connect(`${SECRET}WRONG`);
  await refused();
  const closed = createServer();
  await new Promise((r) => closed.listen(0, '127.0.0.1', r));
  nowhere = `http://127.0.0.1:${closed.address().port}`;
  await new Promise((r) => closed.close(r));
  await connect(SECRET, nowhere);
  await refused();
});

test('connect, choose a trigger, map and run an action, then through an API error and an HTTP 503', async () => {
  await connect(SECRET);
  await page.waitForFunction(() => document.querySelector('#folder').options.length > 1, null, { timeout: 20000 });
  const customers = await page.$$eval('#folder option', (os) => os.find((o) => /לקוחות/.test(o.textContent))?.value);
  await page.selectOption('#folder', customers);
  await page.waitForFunction(() => document.querySelector('#view').options.length > 1 && document.querySelectorAll('#picker-list li').length > 0, null, { timeout: 20000 });
  await page.selectOption('#view', { index: 1 });
  await page.selectOption('#action', 'createCustomer');
  await field('name').fill('לקוח {{1.ID}}');
  await page.waitForFunction(() => document.querySelector('#preview-request').textContent.includes('/accounting/customers/create/'));
  assert.ok(!hasSecret(await page.textContent('#preview-request')), 'the preview masks the key');

  const ok = await runAndWait();
  assert.match(ok, /CustomerID/);

  sandbox.admin.faults.set({ technicalError: true, times: 1 });
  const apiError = await runAndWait();
  assert.ok(!/CustomerID/.test(apiError), apiError);
  sandbox.admin.faults.set({ httpStatus: 503, times: 1 });
  const httpError = await runAndWait();
  assert.match(httpError, /503/);
  sandbox.admin.faults.clear();
  await page.screenshot({ path: join(shots, 'after-runs.png'), fullPage: true });
});

test('the exported mapping and blueprint', async () => {
  for (const button of ['#export-mapping', '#export-blueprint']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    const text = readFileSync(await download.path(), 'utf8');
    assert.ok(text.length > 50);
    sweep.add(`download ${download.suggestedFilename()}`, text);
  }
});

/** Everything the page keeps or shows. `withKeyField`: include the key field's value. */
async function pageState(withKeyField) {
  return page.evaluate(async (withKey) => {
    const idb = [];
    if (indexedDB.databases) {
      for (const { name } of await indexedDB.databases()) {
        const db = await new Promise((ok, fail) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
        for (const store of db.objectStoreNames) {
          const all = await new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => ok([]); });
          idb.push({ name, store, all });
        }
        db.close();
      }
    }
    const caches = [];
    if (self.caches) {
      for (const name of await self.caches.keys()) {
        const c = await self.caches.open(name);
        for (const req of await c.keys()) caches.push({ name, url: req.url, body: await (await c.match(req)).text() });
      }
    }
    const values = [...document.querySelectorAll('input, textarea, select')]
      .filter((el) => withKey || el.id !== 'api-key')
      .map((el) => `${el.id || el.name || el.dataset.path}=${el.value}`);
    return {
      localStorage: { ...localStorage }, sessionStorage: { ...sessionStorage }, indexedDB: idb, caches,
      cookie: document.cookie, url: location.href, historyState: JSON.stringify(history.state), windowName: window.name,
      html: document.documentElement.outerHTML, text: document.body.innerText, values,
      resources: performance.getEntriesByType('resource').map((e) => e.name),
    };
  }, withKeyField);
}

test('the sweep: storage, DOM, console, downloads and requests hold no key, except the API bodies', async () => {
  const live = await pageState(false);
  // the key field holds what was typed, in memory, and nothing else does
  assert.equal(await page.inputValue('#api-key'), SECRET);
  for (const [k, v] of Object.entries(live)) sweep.add(`page ${k}`, v);

  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  const reloaded = await pageState(true);
  for (const [k, v] of Object.entries(reloaded)) sweep.add(`page after reload ${k}`, v);
  sweep.add('cookies', await context.cookies());

  sweep.add('page console and errors', consoleSeen.join('\n'));
  // API calls: to the sandbox (through the proxy), and the one attempted where nothing listens
  const toApi = (r) => r.method === 'POST' && (r.url.startsWith(`${proxy.url}/`) || r.url.startsWith(`${nowhere}/`));
  const api = pageRequests.filter(toApi);
  assert.ok(api.length >= 5, `${api.length} API calls`);
  assert.ok(api.every((r) => hasSecret(r.postData ?? '')), 'each API call the page made carries the key in its body');
  sweep.add('page requests (API bodies left out)', pageRequests.map((r) => (toApi(r) ? { ...r, postData: undefined } : r)));
  // the bodies the API received: each carries the key, and they are the only place it is
  const posts = proxy.sent.filter((r) => r.method === 'POST');
  assert.ok(posts.length >= 5 && posts.every((r) => hasSecret(r.body)), 'every API body carries the key');
  sweep.add('API calls: methods, URLs, headers', proxy.sent.map(({ method, url, headers }) => ({ method, url, headers })));
  sweep.add('API answers', proxy.answers);
  sweep.add('sandbox request log', sandbox.admin.requests());
  sweep.add('sandbox log', sandboxLog.join('\n'));
  assert.deepEqual(sweep.leaks(), []);
});
