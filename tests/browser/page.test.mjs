// The configuration page end to end, in headless Chromium against the page server and
// the sandbox that `npm start` runs: connect to the demo company, choose the trigger's
// folder, view and sample card, map createDocument, see the exact request, run it, find
// one document in the sandbox, export a blueprint that holds the mapping, and check that
// the API key was written nowhere. Screenshots of each step go to test-artifacts/page/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, startPageServer, sandboxClient } from '../../sandbox/index.mjs';
import { launch, artifacts } from './lib/chromium.mjs';

const root = new URL('../../', import.meta.url).pathname;
const shots = artifacts('page');
let sandbox, pageServer, context, page;
const consoleErrors = [];

before(async () => {
  sandbox = await startSandbox({ port: 0, db: ':memory:', seed: true, log: false });
  pageServer = await startPageServer({
    port: 0,
    mounts: { '/pkg/': join(root, 'pkg'), '/': join(root, 'www') },
    demo: { sandboxUrl: sandbox.url, companyId: sandbox.companyId, apiKey: sandbox.apiKey },
  });
  context = await launch();
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(`${pageServer.url}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
});

after(async () => {
  await context?.close();
  await pageServer?.close();
  await sandbox?.close();
});

const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const field = (path) => page.locator(`[data-path="${path}"]`);
const errorAt = (path) => page.locator(`[data-error-for="${path}"]`);

test('the page opens in Hebrew, right to left, without console errors', async () => {
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'he');
  assert.match(await page.textContent('h1'), /OfficeGuy/);
  await shot('01-opened');
  assert.deepEqual(consoleErrors, []);
});

test('connecting to the demo company loads its folders', async () => {
  await page.click('#use-demo');
  await page.waitForFunction(() => document.querySelector('#folder').options.length > 1, null, { timeout: 20000 });
  assert.match(await page.textContent('#connection-state'), new RegExp(String(sandbox.companyId)));
  await shot('02-connected');
});

test('choosing a folder loads its views and its newest cards as samples', async () => {
  const customers = await page.$$eval('#folder option', (os) => os.find((o) => /לקוחות/.test(o.textContent))?.value);
  assert.ok(customers, 'the demo company has a customers folder');
  await page.selectOption('#folder', customers);
  await page.waitForFunction(() => document.querySelector('#view').options.length > 1 && document.querySelectorAll('#picker-list li').length > 0, null, { timeout: 20000 });
  await page.selectOption('#view', { index: 1 });
  await page.selectOption('#trigger-type', 'create');
  const refs = await page.$$eval('#picker-list code', (cs) => cs.map((c) => c.textContent));
  assert.ok(refs.some((r) => r.startsWith('{{1.')), refs.join(' '));
  await shot('03-trigger-and-sample');
});

test('mapping createDocument previews the exact request with the key masked', async () => {
  await page.selectOption('#action', 'createDocument');
  await field('type').selectOption(JSON.stringify('InvoiceAndReceipt'));
  // a value from the sample card, inserted with the picker
  const nameRef = await page.$$eval('#picker-list code', (cs) => cs.map((c) => c.textContent).find((r) => /FullName|Name/i.test(r)));
  assert.ok(nameRef, 'the sample card has a name field');
  await field('customer.name').focus();
  await page.click(`#picker-list button:has(code:text-is("${nameRef}"))`);
  assert.equal(await field('customer.name').inputValue(), nameRef);
  await page.click('button:has-text("פריטים")');
  await field('items[0].name').fill('ייעוץ 🧾');
  await field('items[0].unitPrice').fill('118.50');
  await page.click('button:has-text("תקבולים")');
  await field('payments[0].amount').fill('118.50');
  await field('payments[0].method').selectOption(JSON.stringify('cash'));
  await field('vatIncluded').selectOption('true');
  await page.waitForFunction(() => document.querySelector('#preview-request').textContent.includes('/accounting/documents/create/'));
  const request = await page.textContent('#preview-request');
  assert.ok(!request.includes(sandbox.apiKey), 'the preview never shows the key');
  assert.match(request, /\*{8}/);
  const body = JSON.parse(request.slice(request.indexOf('{')));
  assert.equal(body.Details.Type, 1);
  assert.equal(body.Items[0].UnitPrice, 118.5);
  assert.equal(body.Items[0].Item.Name, 'ייעוץ 🧾');
  assert.ok(body.Details.Customer.Name && !body.Details.Customer.Name.includes('{{'), 'the mapping was applied to the sample');
  assert.match(await page.textContent('#issues'), /אין שגיאות/);
  await shot('04-mapped-and-previewed');
});

test('an invalid mapping shows its error at the field', async () => {
  await field('description').fill('Order {{1.');
  await page.waitForFunction(() => document.querySelector('[data-error-for="description"]').textContent.length > 0);
  // the message says where: the position, and the template with the place marked
  assert.match(await errorAt('description').textContent(), /11: Order \{\{1\.⟦⟧/);
  assert.equal(await field('description').getAttribute('aria-invalid'), 'true');
  assert.ok(await page.isDisabled('#run'), 'a mapping with errors cannot be run');
  await shot('05-invalid-mapping');
  await field('description').fill('Order {{1.ID}}');
  await page.waitForFunction(() => document.querySelector('[data-error-for="description"]').textContent === '');
});

test('running creates exactly one document in the sandbox and shows its link', async () => {
  const api = sandboxClient(sandbox);
  const before = (await api.data('/accounting/documents/list/', { DocumentTypes: [1] })).Documents.length;
  await page.click('#run');
  await page.click('#confirm-yes');
  await page.waitForFunction(() => {
    const r = document.querySelector('#run-result');
    return r.querySelector('a') || (r.textContent && !r.textContent.includes('…'));
  }, null, { timeout: 20000 });
  await shot('06-ran');
  assert.ok(await page.$('#run-result a'), `the answer shows the document's link: ${await page.textContent('#run-result')}`);
  const after = (await api.data('/accounting/documents/list/', { DocumentTypes: [1] })).Documents.length;
  assert.equal(after, before + 1);
  assert.match(await page.getAttribute('#run-result a', 'href'), /^http:\/\/127\.0\.0\.1/);
});

test('the exported blueprint holds the mapping and no key', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-blueprint')]);
  const text = readFileSync(await download.path(), 'utf8');
  assert.ok(!text.includes(sandbox.apiKey));
  const blueprint = JSON.parse(text);
  const flow = JSON.stringify(blueprint.flow);
  assert.match(flow, /InvoiceAndReceipt/);
  assert.match(flow, /118\.50/);
  const [mapping] = await Promise.all([page.waitForEvent('download'), page.click('#export-mapping')]);
  const mappingText = readFileSync(await mapping.path(), 'utf8');
  assert.ok(!mappingText.includes(sandbox.apiKey));
  assert.equal(JSON.parse(mappingText).action, 'createDocument');
});

test('after connecting, the key is in no storage, cookie or URL', async () => {
  const stored = await page.evaluate(() => JSON.stringify({
    local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, url: location.href,
  }));
  assert.ok(!stored.includes(sandbox.apiKey), stored);
  const cookies = JSON.stringify(await context.cookies());
  assert.ok(!cookies.includes(sandbox.apiKey));
});

test('English switches the page to left to right, keeping the mapping', async () => {
  await page.click('#lang-switch');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.match(await page.textContent('h2#h-connect'), /Connect/);
  assert.equal(await field('items[0].unitPrice').inputValue(), '118.50');
  await shot('07-english');
  await page.click('#lang-switch');
});

test('at 375 px the page has no horizontal scrolling', async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await shot('08-375px');
  const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > 376 || r.left < -1); })
    .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().width)}px`));
  assert.ok(width <= 376, `page is ${width}px wide: ${wide.join(', ')}`);
});

test('a mapping file loads back', async () => {
  const [mapping] = await Promise.all([page.waitForEvent('download'), page.click('#export-mapping')]);
  const path = await mapping.path();
  await page.selectOption('#action', 'sendSms');
  await page.setInputFiles('#import-mapping', path);
  await page.waitForFunction(() => document.querySelector('#action').value === 'createDocument');
  assert.equal(await field('items[0].unitPrice').inputValue(), '118.50');
  assert.deepEqual(consoleErrors, []);
});

test('every control has an accessible name, and the steps are reachable with the keyboard', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => !el.closest('[hidden]') && !el.closest('dialog'))
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.textContent.trim())))
    .map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  await page.evaluate(() => document.activeElement?.blur());
  const reached = new Set();
  for (let i = 0; i < 400 && reached.size < 6; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.id);
    if (['use-demo', 'folder', 'action', 'run', 'export-blueprint', 'lang-switch'].includes(id)) reached.add(id);
  }
  assert.deepEqual([...reached].sort(), ['action', 'export-blueprint', 'folder', 'lang-switch', 'run', 'use-demo']);
  // a select is operated from the keyboard alone
  await page.focus('#action');
  const before = await page.inputValue('#action');
  await page.keyboard.press('ArrowDown');
  assert.notEqual(await page.inputValue('#action'), before);
});

test('a field whose options come from the API offers them, and still takes any value', async () => {
  await page.selectOption('#action', 'addToEmailList');
  await field('listId').focus();
  await page.waitForFunction(() => document.querySelectorAll('#action-form datalist option').length > 0, null, { timeout: 20000 });
  const offered = await page.$$eval('#action-form datalist option', (os) => os.map((o) => o.label));
  assert.ok(offered.length >= 2, `the demo company's e-mail lists: ${offered}`);
  await field('listId').fill('{{1.ID}}');
  assert.equal(await field('listId').inputValue(), '{{1.ID}}');
});
