// The runner from a shell: one command, JSON on stdout, Make's error type on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const CLI = new URL('../../sandbox/runner/cli.mjs', import.meta.url).pathname;
const run = (args, env = {}) => promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 30000 })
  .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (e) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

test('an RPC and an action against the in-process sandbox print their bundles', async () => {
  const folders = await run(['--sandbox', 'rpc', 'listFolders']);
  assert.equal(folders.code, 0, folders.stderr);
  assert.ok(JSON.parse(folders.stdout).some((f) => f.label === 'לקוחות'));
  const made = await run(['--sandbox', '--timezone', 'UTC', 'action', 'createCard', '{"folder": "לקוחות", "properties": {"Customers_FullName": "מהשורה"}}']);
  assert.equal(made.code, 0, made.stderr);
  assert.ok(JSON.parse(made.stdout).EntityID > 0);
});

test('errors say the type and code; the key is taken only from OG_API_KEY', async () => {
  const missing = await run(['--sandbox', 'action', 'getCard', '{"entityId": 1}']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^DataError \(invalid_response\): .*not found/m);
  const noKey = await run(['--company', '1', 'validate'], { OG_API_KEY: '' });
  assert.equal(noKey.code, 1);
  assert.match(noKey.stderr, /OG_API_KEY/);
  const badJson = await run(['--sandbox', 'action', 'getCard', '{oops']);
  assert.match(badJson.stderr, /params: not valid JSON/);
});
