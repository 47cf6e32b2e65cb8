// The configuration page in headless Chromium: time from navigation to interactive (the
// page sets body[data-ready] once the wasm is instantiated and the catalogue rendered),
// and the preview's update time per keystroke for a typical createDocument mapping
// (IML check, applyMapping, validateParams, buildRequest and the DOM update of one input
// event), against the floor of a page's own input-event dispatch with no work attached.
import { join } from 'node:path';
import { startSandbox, startPageServer } from '../sandbox/index.mjs';
import { launch } from '../tests/browser/lib/chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const sandbox = await startSandbox({ port: 0, db: ':memory:', seed: true, log: false });
const server = await startPageServer({
  port: 0, mounts: { '/pkg/': join(root, 'pkg'), '/': join(root, 'www') },
  demo: { sandboxUrl: sandbox.url, companyId: sandbox.companyId, apiKey: sandbox.apiKey },
});
const context = await launch();
try {
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${server.url}/`);
    await page.waitForSelector('body[data-ready="true"]');
    loads.push(Date.now() - t0);
    await page.close();
  }
  loads.sort((a, b) => a - b);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.selectOption('#action', 'createDocument');
  await page.locator('[data-path="type"]').selectOption(JSON.stringify('InvoiceAndReceipt'));
  await page.locator('[data-path="customer.name"]').fill('{{1.Customers_FullName}}');
  await page.click('button:has-text("פריטים")');
  await page.locator('[data-path="items[0].name"]').fill('ייעוץ');
  await page.locator('[data-path="items[0].unitPrice"]').fill('118.50');
  const perKey = await page.evaluate(() => {
    const input = document.querySelector('[data-path="description"]');
    const floorInput = document.createElement('input');
    document.body.append(floorInput);
    const time = (el, n) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        el.value = `Order {{1.ID}} ${i}`;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
      return (performance.now() - t0) / n;
    };
    time(input, 20);
    return { preview: time(input, 200), floor: time(floorInput, 200) };
  });
  console.log(`load to interactive (median of ${loads.length}): ${loads[Math.floor(loads.length / 2)]} ms (min ${loads[0]}, max ${loads.at(-1)})`);
  console.log(`preview update per keystroke: ${perKey.preview.toFixed(3)} ms (input-event floor ${perKey.floor.toFixed(4)} ms)`);
} finally {
  await context.close();
  await server.close();
  await sandbox.close();
}
