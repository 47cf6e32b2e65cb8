// A trap in a wasm module (a panic aborts; so does a failed allocation) leaves that
// instance unusable. The package must turn it into OfficeGuyError('internal'), replace the
// instance so that the next call works, and make objects of the old instance fail with
// 'instance_reset' rather than touch its memory. Other modules are not affected.
//
// The trap is forced through wasm-bindgen's own allocator export: an impossible size makes
// it abort, exactly as an out-of-memory would. No export of the package can do this.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as og from '../../pkg/index.js';
import { modules } from '../../pkg/lib/modules.js';

const delivery = (id, type = 'Create') => ({
  contentType: 'application/json',
  body: JSON.stringify({ Folder: 2375135516, EntityID: id, Type: type, Properties: { Customers_FullName: ['דנה לוי'] } }),
});

/** Traps inside `module` the way a core bug would, through the loader's error path. */
function forceTrap(module) {
  const { __wbindgen_malloc: malloc } = module.raw();
  try {
    malloc(0xfffffff0, 8);
  } catch (e) {
    return module.toError(e);
  }
  throw new Error('the allocator did not trap');
}

test('a trap becomes OfficeGuyError internal, and the next call works on a fresh instance', () => {
  const trigger = modules.trigger;
  const before = og.normalizeWebhook(delivery(11));
  const resets = trigger.resets;
  const err = forceTrap(trigger);
  assert.ok(err instanceof og.OfficeGuyError);
  assert.equal(err.code, 'internal');
  assert.match(err.message, /internal error in the officeguy-make core/);
  assert.equal(trigger.resets, resets + 1);
  assert.equal(trigger.loaded, false, 'the trapped instance is dropped');
  assert.deepEqual(og.normalizeWebhook(delivery(11)), before);
  assert.equal(trigger.loaded, true);
});

test('objects of the trapped instance throw instance_reset; new ones work', () => {
  const subs = [{ id: 'a', folder: 2375135516, view: 1, types: ['createOrUpdate'] }];
  const old = new og.TriggerMatcher(subs);
  assert.equal(old.accept(og.normalizeWebhook(delivery(21))).length, 1);
  const template = og.compile('{{a}}-{{b}}');
  const mapping = og.compileMapping({ name: '{{1.name}}' });
  forceTrap(modules.trigger);
  forceTrap(modules.iml);
  assert.throws(() => old.accept(og.normalizeWebhook(delivery(22))), (e) => {
    assert.ok(e instanceof og.OfficeGuyError);
    assert.equal(e.code, 'instance_reset');
    assert.match(e.message, /made again/);
    return true;
  });
  assert.throws(() => old.saveState(), { code: 'instance_reset' });
  assert.throws(() => template.evaluate({ a: 1, b: 2 }), { code: 'instance_reset' });
  assert.throws(() => mapping.apply({ 1: { name: 'x' } }), { code: 'instance_reset' });
  // freeing an old object is harmless (and so is the garbage collector doing it)
  old.free();
  template.free();
  mapping.free();
  const fresh = new og.TriggerMatcher(subs);
  assert.equal(fresh.accept(og.normalizeWebhook(delivery(23))).length, 1);
  assert.equal(og.compile('{{a}}-{{b}}').evaluate({ a: 1, b: 2 }), '1-2');
  assert.deepEqual(og.compileMapping({ name: '{{1.name}}' }).apply({ 1: { name: 'דנה' } }), { name: 'דנה' });
});

test('a trap in one module leaves the others and their objects alone', () => {
  const mapping = og.compileMapping({ phone: '{{1.phone}}' });
  forceTrap(modules.actions);
  assert.deepEqual(mapping.apply({ 1: { phone: '050-1234567' } }), { phone: '050-1234567' });
  const req = og.buildRequest('sendSms', { to: '0501234567', text: 'hi' }, { companyId: 1, apiKey: 'k-secret' });
  assert.equal(req.method, 'POST');
  assert.doesNotMatch(JSON.stringify(forceTrap(modules.actions)), /k-secret/);
});

test('a Client of a trapped instance rejects with instance_reset', async () => {
  const client = new og.Client({ companyId: 1, apiKey: 'k', baseUrl: 'http://127.0.0.1:9' });
  forceTrap(modules.client);
  await assert.rejects(client.listFolders(), { code: 'instance_reset' });
  client.close();
});
