// The package loads the way a Node user loads it, and errors cross the boundary as
// OfficeGuyError with a code, never as a bare string or an opaque RuntimeError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as og from '../../pkg/index.js';
import { readFileSync } from 'node:fs';

test('the package loads in Node as an ES module and is ready at once', async () => {
  await og.ready;
  assert.match(og.coreVersion(), /^\d+\.\d+\.\d+$/);
});

test('OfficeGuyError is an Error with a stable code', () => {
  const e = new og.OfficeGuyError('invalid_params', 'x', { issues: [{ path: 'a', code: 'required', message: 'is required' }] });
  assert.ok(e instanceof Error);
  assert.equal(e.code, 'invalid_params');
  assert.equal(e.issues[0].path, 'a');
});

// package.json sends Node to pkg/node.js, the build's one-module form of pkg/index.js
// (scripts/inline.mjs): it must be the same package.
test('the Node entry package.json names is pkg/node.js, with the exports of pkg/index.js, and it works', async () => {
  const manifest = JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8'));
  assert.equal(manifest.main, './node.js');
  assert.equal(manifest.exports['.'].default, './node.js');
  assert.ok(manifest.files.includes('node.js'));
  const bundled = await import('../../pkg/node.js');
  assert.deepEqual(Object.keys(bundled).sort(), Object.keys(og).sort());
  await bundled.ready;
  const conn = { companyId: 1, apiKey: 'k-entry' };
  const params = { to: '0501234567', text: 'שלום' };
  assert.deepEqual(bundled.buildRequest('sendSms', params, conn), og.buildRequest('sendSms', params, conn));
  const tpl = '{{upper(1.name)}} {{formatDate(1.d; "DD/MM/YYYY"; "Asia/Jerusalem")}}';
  const data = { 1: { name: 'dana', d: '2026-03-01T22:30:00Z' } };
  assert.equal(bundled.evaluate(tpl, data, { dialect: 'scenario' }), 'DANA 02/03/2026');
  assert.equal(bundled.evaluate(tpl, data, { dialect: 'scenario' }), og.evaluate(tpl, data, { dialect: 'scenario' }));
  // its errors are its own OfficeGuyError, with codes
  assert.throws(() => bundled.buildRequest('sendSms', {}, conn), (e) => e instanceof bundled.OfficeGuyError && e.code === 'invalid_params');
  // and its client reaches the network through fetch (the single file has none)
  const client = new bundled.Client({ ...conn, baseUrl: 'http://127.0.0.1:9' }, { maxAttempts: 1, timeoutMs: 2000 });
  await assert.rejects(client.listFolders(), (e) => e instanceof bundled.OfficeGuyError && e.code === 'network_error');
  client.close();
});
