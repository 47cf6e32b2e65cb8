// The generated Make app: every file validates against Make's own schemas (both
// languages), make-app/ is not stale, the API key never appears, and the app is whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as og from '../../pkg/index.js';
import { sharedDir } from '../../sandbox/lib/shared.mjs';
import { staleFiles } from '../../scripts/gen-make-app.mjs';

const schemaDir = join(sharedDir(), 'make', 'schemas');

function validator() {
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
  addFormats(ajv);
  for (const name of readdirSync(schemaDir).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(join(schemaDir, name), 'utf8'));
    delete schema.$id;
    ajv.addSchema(schema, name);
  }
  return ajv;
}

/** The schema that Make's editor uses for a file of the local layout. */
function schemaFor(path) {
  if (path === 'makecomapp.json') return 'makecomapp.schema.json';
  if (path === 'general/base.iml.json') return 'base.json';
  if (path === 'general/common.json') return 'common.json';
  if (path === 'modules/groups.json') return 'groups.json';
  const m = path.match(/\.([a-z-]+)\.iml\.json$/);
  if (!m) return null;
  return {
    communication: 'api.json', attach: 'api.json', detach: 'api.json',
    params: 'parameters.json', 'static-params': 'parameters.json', 'mappable-params': 'parameters.json', interface: 'parameters.json',
    samples: 'samples.json', epoch: 'epoch.json',
  }[m[1]] ?? 'unknown section';
}

/** Property sets as SUMIT sends them, odd ones included, for the fields comparison. */
const DELIVERIES = [
  { Accounting_Number: [10003], Accounting_Date: ['2026-09-26T00:00:00+03:00'], 'Property_M-5': [13] },
  { Accounting_Customer: [{ ID: 2389918411, Name: 'יזמות הגליל בע"מ', SchemaID: 2375133706 }] },
  { Ref: [{ ID: '2389918411', Name: null, SchemaID: 'x', Version: 1, Status: 0 }], NotRef: [{ ID: null, A: [''] }] },
  { Empty: [], Blank: [''], Many: ['', 'x', [1]], Scalar: 'plain', Nested: [[]], Emoji: ['שלום 👋'] },
  { Big: [{ ID: '9007199254740993', Name: 'x' }], Zero: ['007'], RefNoName: [{ ID: 12 }], Space: [' '] },
];

const apps = Object.fromEntries(['en', 'he'].map((lang) => [lang, og.makeApp({ lang }).files]));

for (const lang of ['en', 'he']) {
  test(`every file of the ${lang} app validates against Make's schemas`, () => {
    const ajv = validator();
    const files = apps[lang];
    let checked = 0;
    for (const [path, text] of Object.entries(files)) {
      const schema = schemaFor(path);
      if (schema === null) {
        assert.ok(path === 'README.md' || path.endsWith('.js'), `${path} has no schema`);
        continue;
      }
      assert.notEqual(schema, 'unknown section', `${path}: no schema for this section`);
      const value = JSON.parse(text);
      const ok = ajv.validate(schema, value);
      assert.ok(ok, `${path} (${schema}): ${ajv.errorsText(ajv.errors, { separator: '\n' })}`);
      checked += 1;
    }
    assert.ok(checked > 20, `only ${checked} files checked`);
  });
}

test('make-app/en and make-app/he are what the generator makes (run node scripts/gen-make-app.mjs)', () => {
  const problems = staleFiles(og);
  assert.deepEqual(problems, []);
});

test('every code file named in makecomapp.json exists, and every file is named', () => {
  for (const lang of ['en', 'he']) {
    const files = apps[lang];
    const app = JSON.parse(files['makecomapp.json']);
    const named = new Set(Object.values(app.generalCodeFiles));
    for (const kind of Object.values(app.components)) {
      for (const c of Object.values(kind)) {
        for (const p of Object.values(c.codeFiles)) named.add(p);
        if (c.webhook) assert.ok(app.components.webhook[c.webhook], `webhook ${c.webhook}`);
        if (c.connection) assert.ok(app.components.connection[c.connection], `connection ${c.connection}`);
      }
    }
    for (const p of named) assert.ok(p in files, `${lang}: ${p} is named but not generated`);
    for (const p of Object.keys(files)) assert.ok(named.has(p) || p === 'makecomapp.json', `${lang}: ${p} is not named`);
  }
});

test('the API key appears only as {{connection.apiKey}} / {{parameters.apiKey}} in request bodies, and logs hide it', () => {
  for (const files of Object.values(apps)) {
    for (const [path, text] of Object.entries(files)) {
      const mentions = text.match(/apiKey\}\}/g) ?? [];
      if (path === 'general/base.iml.json') assert.equal(mentions.length, 1);
      else if (path.startsWith('connections/') && path.endsWith('communication.iml.json')) assert.equal(mentions.length, 1);
      else assert.equal(mentions.length, 0, path);
    }
    const base = JSON.parse(files['general/base.iml.json']);
    assert.equal(base.body.Credentials.APIKey, '{{connection.apiKey}}');
    assert.deepEqual(base.log.sanitize, ['request.body.Credentials.APIKey']);
    const conn = JSON.parse(files['connections/officeguy/officeguy.communication.iml.json']);
    assert.deepEqual(conn.log.sanitize, ['request.body.Credentials.APIKey']);
    assert.equal(conn.url, 'https://api.sumit.co.il/website/companies/getdetails/');
  }
});

test('labels differ between the languages, and Hebrew labels are Hebrew', () => {
  const en = JSON.parse(apps.en['makecomapp.json']).components.module.watchCards.label;
  const he = JSON.parse(apps.he['makecomapp.json']).components.module.watchCards.label;
  assert.equal(en, og.catalog().triggers.find((t) => t.key === 'watchCards').label.en);
  assert.match(he, /[\u0590-\u05FF]/);
  assert.equal(JSON.parse(apps.he['general/base.iml.json']).headers['Content-Language'], 'he');
});

test('the webhook subscribes and unsubscribes Make\'s URL, and answers 200 at once', () => {
  const files = apps.en;
  const attach = JSON.parse(files['webhooks/cardEvents/cardEvents.attach.iml.json']);
  assert.equal(attach.url, '/triggers/triggers/subscribe/');
  assert.equal(attach.body.URL, '{{webhook.url}}');
  assert.deepEqual(Object.keys(attach.body).sort(), ['Folder', 'TriggerType', 'URL', 'View']);
  const detach = JSON.parse(files['webhooks/cardEvents/cardEvents.detach.iml.json']);
  assert.deepEqual(detach.body, { URL: '{{webhook.url}}' });
  const comm = JSON.parse(files['webhooks/cardEvents/cardEvents.communication.iml.json']);
  assert.equal(comm.respond.status, 200);
  const params = JSON.parse(files['webhooks/cardEvents/cardEvents.params.iml.json']);
  const types = params.find((p) => p.name === 'type').options.map((o) => o.value);
  assert.deepEqual(types, ['createOrUpdate', 'create', 'update', 'archive', 'delete']);
  // the catalogue's keys go to SUMIT as its wire names
  assert.match(attach.body.TriggerType, /"createorupdate", "CreateOrUpdate"/);
});

/** The custom IML functions of the app, compiled as Make would: plain JS, built-ins only. */
function functions(files) {
  const out = {};
  for (const [path, src] of Object.entries(files)) {
    if (!(path.startsWith('functions/') && path.endsWith('.code.js'))) continue;
    const name = path.split('/')[1];
    out[name] = { src, fn: vm.runInNewContext(`${src}; ${name}`, {}) };
  }
  return out;
}

test('custom IML functions are few, plain JS, under 5,000 characters, and each one is used', () => {
  for (const files of Object.values(apps)) {
    const fns = functions(files);
    assert.ok(Object.keys(fns).length <= 4, 'only where IML cannot do the job');
    const code = Object.entries(files).filter(([p]) => p.endsWith('.iml.json')).map(([, t]) => t).join('\n');
    for (const [name, { src }] of Object.entries(fns)) {
      assert.ok(src.length < 5000, `${name}: ${src.length} characters`);
      assert.doesNotMatch(src, /\brequire\b|\bimport\b|\bfetch\b|\bprocess\b|\bBuffer\b/);
      assert.ok(code.includes(`${name}(`), `${name} is not called by any module`);
    }
  }
});

test('officeguyFields gives what normalizeWebhook gives as fields', () => {
  for (const files of Object.values(apps)) {
    {
      const fn = functions(files).officeguyFields.fn;
      const plain = (v) => JSON.parse(JSON.stringify(v));
      assert.deepEqual(plain(fn({ A: [1], B: [], C: [{ ID: 5, Name: 'x', SchemaID: 9 }], D: ['a', ''], E: [''] })),
        { A: 1, B: null, C: { id: 5, name: 'x', schemaId: 9 }, D: ['a', null], E: null });
      if (typeof og.normalizeWebhook === 'function') {
        for (const properties of DELIVERIES) {
          const body = JSON.stringify({ Folder: 2375135516, EntityID: 2389921274, Type: 'Create', Properties: properties });
          const expected = og.normalizeWebhook({ contentType: 'application/json', body }).fields;
          assert.deepEqual(plain(fn(properties)), expected, JSON.stringify(properties));
        }
      }
    }
  }
});

test('the README says that Make enables custom IML functions on request', () => {
  assert.match(apps.en['README.md'], /support to enable them/);
  assert.match(apps.he['README.md'], /התמיכה של Make/);
});

test('makeApp rejects an unknown language with OfficeGuyError', () => {
  assert.throws(() => og.makeApp({ lang: 'fr' }), (e) => e instanceof og.OfficeGuyError && e.code === 'unknown_language');
});

test('a blueprint names modules that the app has, as app#<appId>:<module>', () => {
  const app = JSON.parse(apps.en['makecomapp.json']);
  const actions = og.catalog().actions.filter((a) => a.group === 'action').map((a) => a.key);
  const b = og.blueprint({ trigger: { key: 'watchCards' }, actions: actions.map((key) => ({ key, mapper: {} })) }, { appId: 'officeguy-abc123' });
  assert.equal(b.flow.length, actions.length + 1);
  for (const m of b.flow) {
    const [, name] = m.module.match(/^app#officeguy-abc123:(\w+)$/);
    assert.ok(app.components.module[name], `${name} is a module of the app`);
  }
  assert.equal(b.flow[0].parameters.__IMTHOOK__, null);
  assert.throws(() => og.blueprint({ trigger: { key: 'watchCards' }, actions: [{ key: 'sendSms', mapper: { Credentials: {} } }] }, { appId: 'officeguy' }),
    (e) => e instanceof og.OfficeGuyError && e.code === 'invalid_params' && e.issues[0].code === 'secret_in_blueprint');
});
