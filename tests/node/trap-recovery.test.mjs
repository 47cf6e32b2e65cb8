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

// A request's work after its first await runs from the event loop (the fetch's promise
// reaction, then a microtask polls the future): a trap there has no caller to catch it.
// It is forced the same way, from inside the answer: reading its status makes the
// allocator abort while wasm is in the middle of the poll.
function withFetch(fetchImpl, body) {
  const real = globalThis.fetch;
  globalThis.fetch = fetchImpl;
  return body().finally(() => {
    globalThis.fetch = real;
  });
}

const okAnswer = () => new Response(JSON.stringify({ Data: { Folders: [{ ID: 7, Name: 'Customers' }] }, Status: 0, UserErrorMessage: null }),
  { status: 200, headers: { 'content-type': 'application/json' } });

test('a trap while a Client request is in flight rejects it with internal; the module is replaced and a new Client works', async () => {
  const resets = modules.client.resets;
  // armed after construction: Response's own constructor reads `status` too
  class TrappingResponse extends Response {
    armed = false;
    get status() {
      if (this.armed) modules.client.raw().__wbindgen_malloc(0xfffffff0, 8);
      return 200;
    }
  }
  const trapping = () => Object.assign(new TrappingResponse('{}', { status: 200 }), { armed: true });
  await withFetch(async () => trapping(), async () => {
    const client = new og.Client({ companyId: 1, apiKey: 'k-in-flight', baseUrl: 'http://127.0.0.1:9' }, { maxAttempts: 1 });
    const err = await client.listFolders().then(() => null, (e) => e);
    assert.ok(err instanceof og.OfficeGuyError, `expected a rejection, got ${err}`);
    assert.equal(err.code, 'internal');
    assert.doesNotMatch(err.message, /k-in-flight/);
    assert.equal(modules.client.resets, resets + 1);
    await assert.rejects(client.listFolders(), { code: 'instance_reset' });
  });
  await withFetch(async () => okAnswer(), async () => {
    const fresh = new og.Client({ companyId: 1, apiKey: 'k', baseUrl: 'http://127.0.0.1:9' });
    const data = await fresh.listFolders();
    assert.equal(JSON.stringify(data).includes('Customers'), true, JSON.stringify(data));
    fresh.close();
  });
});

test('a trap elsewhere in the client module rejects requests in flight with instance_reset; their late answers do nothing', async () => {
  let answer;
  const waiting = new Promise((resolve) => { answer = resolve; });
  await withFetch(() => waiting, async () => {
    const client = new og.Client({ companyId: 1, apiKey: 'k', baseUrl: 'http://127.0.0.1:9' });
    const inFlight = [client.listFolders(), client.getEntity(5)];
    await new Promise((r) => setTimeout(r, 20));
    forceTrap(modules.client);
    for (const p of inFlight) await assert.rejects(p, { code: 'instance_reset' });
    // the dead instance's fetches now resolve: its callbacks must not run (nor throw)
    answer(okAnswer());
    await new Promise((r) => setTimeout(r, 20));
  });
  await withFetch(async () => okAnswer(), async () => {
    const fresh = new og.Client({ companyId: 1, apiKey: 'k', baseUrl: 'http://127.0.0.1:9' });
    assert.match(JSON.stringify(await fresh.listFolders()), /Customers/);
  });
});
