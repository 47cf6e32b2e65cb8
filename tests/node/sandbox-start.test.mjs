// Starting the sandbox the ways people do: `npm run sandbox` (one JSON line when ready,
// clean stop on SIGTERM), a database file that keeps the demo across restarts, and the page
// server of `npm start` (www/ and pkg/, /demo.json, content types, no directory traversal).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox/server.mjs';
import { startPageServer } from '../../sandbox/static.mjs';
import { startAll } from '../../sandbox/start.mjs';
import { sandboxClient } from '../../sandbox/testing.mjs';

const root = new URL('../../', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'ogm-sandbox-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function firstLine(child) {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (c) => { err += c; });
    child.stdout.on('data', (c) => {
      out += c;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before printing: ${err}`)));
  });
}

test('npm run sandbox prints one JSON line with the demo credentials and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [join(root, 'sandbox', 'main.mjs'), '--port', '0', '--db', ':memory:', '--retry-delay-ms', '50'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = JSON.parse(await firstLine(child));
  assert.deepEqual(Object.keys(line).sort(), ['apiKey', 'companyId', 'url']);
  assert.match(line.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const og = sandboxClient(line);
  assert.equal((await og.data('/website/companies/getdetails/', {})).Company.English_Name, 'Demo Ltd');
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
});

test('a bad flag is refused with the list of flags', async () => {
  const child = spawn(process.execPath, [join(root, 'sandbox', 'main.mjs'), '--prot', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => { err += c; });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(code, 2);
  assert.match(err, /unknown option --prot.*--port/s);
});

test('a database file keeps the demo company, its key and new cards across restarts', async () => {
  const db = join(tmp, 'demo.sqlite');
  const first = await startSandbox({ db });
  const { EntityID } = await sandboxClient(first).data('/crm/data/createentity/', { Entity: { Folder: 'פניות', Properties: { Leads_Subject: 'נשמר 💾' } } });
  await first.close();
  const second = await startSandbox({ db });
  try {
    assert.equal(second.apiKey, first.apiKey);
    assert.equal(second.companyId, first.companyId);
    const { Entity } = await sandboxClient(second).data('/crm/data/getentity/', { EntityID });
    assert.deepEqual(Entity.Leads_Subject, ['נשמר 💾']);
    const customers = await sandboxClient(second).data('/crm/data/listentities/', { Folder: 'לקוחות', Paging: { PageSize: 1000 } });
    assert.equal(customers.Entities.length, 50, 'seeded once, not again on restart');
  } finally {
    await second.close();
  }
});

test('the page server: files, content types, /demo.json, and no way out of its folders', async () => {
  const www = join(tmp, 'www');
  const pkg = join(tmp, 'pkg');
  mkdirSync(join(pkg, 'wasm'), { recursive: true });
  mkdirSync(www, { recursive: true });
  writeFileSync(join(www, 'index.html'), '<!doctype html><title>דף</title>');
  writeFileSync(join(www, 'app.mjs'), 'export {}');
  writeFileSync(join(pkg, 'web.js'), 'export const ready = 1;');
  writeFileSync(join(pkg, 'wasm', 'x_bg.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  writeFileSync(join(tmp, 'secret.txt'), 'secret');
  const demo = { sandboxUrl: 'http://127.0.0.1:1', companyId: 1, apiKey: 'demo' };
  const page = await startPageServer({ port: 0, mounts: { '/pkg/': pkg, '/': www }, demo });
  try {
    const get = (p) => fetch(`${page.url}${p}`);
    let r = await get('/');
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(await r.text(), /דף/);
    r = await get('/app.mjs');
    assert.match(r.headers.get('content-type'), /^text\/javascript/);
    r = await get('/pkg/web.js');
    assert.match(r.headers.get('content-type'), /^text\/javascript/);
    r = await get('/pkg/wasm/x_bg.wasm');
    assert.equal(r.headers.get('content-type'), 'application/wasm');
    assert.equal((await r.arrayBuffer()).byteLength, 8);
    assert.deepEqual(await (await get('/demo.json')).json(), demo);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/pkg/..%2f..%2fsecret.txt', '/pkg/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '/nope.html']) {
      const res = await get(p);
      assert.equal(res.status, 404, p);
      assert.ok(!(await res.text()).includes('secret'), p);
    }
    assert.equal((await fetch(`${page.url}/index.html`, { method: 'POST' })).status, 405);
  } finally {
    await page.close();
  }
});

test('npm start\'s main job prints Page, Sandbox and the demo credentials, and the page knows the sandbox', async () => {
  const lines = [];
  const running = await startAll(['--port', '0', '--sandbox-port', '0', '--db', ':memory:'], { out: (l) => lines.push(l) });
  try {
    assert.match(lines[0], /^Page: http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.match(lines[1], /^Sandbox: http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(lines[2], new RegExp(`CompanyID ${running.sandbox.companyId}, APIKey ${running.sandbox.apiKey}`));
    const demo = await (await fetch(`${running.page.url}/demo.json`)).json();
    assert.equal(demo.sandboxUrl, running.sandbox.url);
    const page = await fetch(`${running.page.url}/`);
    assert.equal(page.status, 200);
    // the page (another origin) may call the sandbox from the browser
    const pre = await fetch(`${demo.sandboxUrl}/crm/schema/listfolders/`, { method: 'OPTIONS', headers: { Origin: running.page.url } });
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    assert.equal((await sandboxClient({ url: demo.sandboxUrl, companyId: demo.companyId, apiKey: demo.apiKey }).call('/crm/schema/listfolders/', {})).Status, 0);
  } finally {
    await running.close();
  }
});

test('npm start takes a free port when its default one is taken, but not when the port was asked for', async () => {
  const blocker = await startSandbox({ db: ':memory:', seed: false });
  try {
    const lines = [];
    const running = await startAll(['--port', String(blocker.port), '--sandbox-port', String(blocker.port), '--db', ':memory:'], { out: (l) => lines.push(l) })
      .catch((e) => e);
    assert.ok(running instanceof Error);
    assert.match(running.message, new RegExp(`port ${blocker.port} is in use`));
  } finally {
    await blocker.close();
  }
});

test('request log lines name the call and its outcome, never the API key', async () => {
  const lines = [];
  const sb = await startSandbox({ db: ':memory:', log: (l) => lines.push(l) });
  try {
    const og = sandboxClient(sb);
    await og.call('/sms/sms/listsenders/', {});
    await og.call('/sms/sms/send/', { Recipient: sb.apiKey, Text: sb.apiKey });
    await og.call('/sms/sms/listsenders/', {}, { credentials: { CompanyID: sb.companyId, APIKey: `${sb.apiKey}x` } });
    assert.ok(lines.some((l) => /POST \/sms\/sms\/listsenders\/ -> 200 Status 0/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /Status 1/.test(l)));
    assert.ok(lines.every((l) => !l.includes(sb.apiKey)), lines.join('\n'));
  } finally {
    await sb.close();
  }
});

test('a delivery still pending when the sandbox stops goes out after a restart', async () => {
  const { startReceiver } = await import('../../sandbox/testing.mjs');
  let healthy = false;
  const receiver = await startReceiver(() => (healthy ? 200 : 503));
  const db = join(tmp, 'pending.sqlite');
  try {
    const first = await startSandbox({ db, retryDelayMs: 60000 });
    const og = sandboxClient(first);
    const leads = (await og.data('/crm/schema/listfolders/', { NameFilter: 'פניות' })).Folders[0];
    const view = (await og.data('/crm/views/listviews/', { FolderID: leads.ID })).Views[0].ID;
    await og.data('/triggers/triggers/subscribe/', { URL: `${receiver.url}/later`, Folder: String(leads.ID), View: view, TriggerType: 'Create' });
    await og.data('/crm/data/createentity/', { Entity: { Folder: 'פניות', Properties: { Leads_Subject: 'אחרי הפעלה מחדש' } } });
    await first.admin.waitFor((a) => a.deliveries()[0]?.attempts === 1, 8000);
    assert.equal(first.admin.deliveries()[0].state, 'pending');
    await first.close();
    healthy = true;
    const second = await startSandbox({ db, retryDelayMs: 50 });
    try {
      await second.admin.waitFor((a) => a.deliveries()[0].state === 'delivered', 8000);
      assert.equal(receiver.received.length, 2);
      assert.equal(JSON.parse(receiver.received[1].body).Properties.Leads_Subject[0], 'אחרי הפעלה מחדש');
    } finally {
      await second.close();
    }
  } finally {
    await receiver.close();
  }
});
