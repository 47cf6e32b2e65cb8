// The package loads the way a Node user loads it, and errors cross the boundary as
// OfficeGuyError with a code, never as a bare string or an opaque RuntimeError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as og from '../../pkg/index.js';

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
