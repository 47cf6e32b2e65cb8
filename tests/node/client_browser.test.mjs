// The JS Client in headless Chromium (pkg/web.js), against the sandbox started here:
// fetch through gloo-net, timers, retries of reads, one attempt for a create, and a
// refused connection, all from a page on another origin (the sandbox allows CORS).
// Skipped when Debian's Chromium is not installed (`npm test` installs it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, extname, normalize } from 'node:path';
import { startSandbox } from '../../sandbox/server.mjs';
import { chromiumPath } from '../../scripts/lib/setup.mjs';

const pkgDir = new URL('../../pkg/', import.meta.url).pathname;
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };
const skip = existsSync(chromiumPath) ? false : `no Chromium at ${chromiumPath}`;

let sb;
let pages;
let browser;

function page() {
  return `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
import * as og from '/web.js';
const out = {};
try {
  await og.ready;
  const c = new og.Client({ companyId: ${sb.companyId}, apiKey: '${sb.apiKey}', baseUrl: '${sb.url}' }, { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5000 });
  const admin = (faults) => fetch('${sb.url}/__admin/faults', { method: 'POST', body: JSON.stringify(faults) });
  const folders = await c.listFolders();
  const customers = folders.find((f) => f.Name === 'לקוחות');
  out.listing = await c.listEntities({ folder: String(customers.ID), paging: { pageSize: 10 }, all: true });
  await admin({ forbidden: true, times: 2, paths: ['/crm/views/listviews/'] });
  out.views = await c.listViews(customers.ID);
  await admin({ httpStatus: 503, times: 1, paths: ['/crm/data/createentity/'] });
  try { await c.execute('createCard', { folder: String(customers.ID), properties: { Customers_FullName: 'דפדפן' } }); } catch (e) { out.create = { code: e.code, message: e.message, isError: e instanceof og.OfficeGuyError }; }
  const gone = new og.Client({ companyId: 1, apiKey: 'k', baseUrl: 'http://127.0.0.1:9' }, { maxAttempts: 2, baseDelayMs: 1 });
  try { await gone.listFolders(); } catch (e) { out.gone = { code: e.code, message: e.message }; }
  out.json = JSON.stringify(c);
} catch (e) { out.error = String(e && e.stack || e); }
window.result = out;
</script>`;
}

before(async () => {
  if (skip) return;
  sb = await startSandbox({ port: 0, db: ':memory:' });
  pages = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(page());
    }
    const file = normalize(join(pkgDir, decodeURIComponent(req.url.split('?')[0])));
    if (!file.startsWith(pkgDir) || !existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
    return res.end(readFileSync(file));
  });
  await new Promise((r) => pages.listen(0, '127.0.0.1', r));
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox'],
  });
});

after(async () => {
  await browser?.close();
  pages?.closeAllConnections();
  await new Promise((r) => (pages ? pages.close(r) : r()));
  await sb?.close();
});

test('the client works in Chromium: paging, retried reads, one create, network errors', { skip }, async () => {
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`http://127.0.0.1:${pages.address().port}/`);
  await tab.waitForFunction(() => window.result, null, { timeout: 30000 });
  const out = await tab.evaluate(() => window.result);
  assert.equal(out.error, undefined, out.error);
  assert.deepEqual(errors, []);
  assert.equal(out.listing.pages, Math.ceil(out.listing.entities.length / 10));
  assert.ok(out.listing.entities.length >= 50);
  assert.ok(out.views.length > 0);
  assert.equal(sb.admin.requests().filter((r) => r.path === '/crm/views/listviews/').length, 3);
  assert.equal(out.create.code, 'http_error');
  assert.equal(out.create.isError, true);
  assert.match(out.create.message, /not repeated/);
  assert.equal(out.gone.code, 'network_error');
  assert.match(out.gone.message, /gave up after 2 attempts/);
  assert.equal(out.json, '{}');
});
