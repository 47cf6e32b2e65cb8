// The catalogue's fields are valid Make parameters once a language is chosen: each
// action's `fields` and `output`, and each trigger's, validate against Make's own
// parameters.json (shared/make/schemas). Our additions (labels in two languages,
// `dynamicOptions`) are what the app generator turns into Make's form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import * as og from '../../pkg/index.js';
import { sharedDir } from '../../sandbox/lib/shared.mjs';

await og.ready;

const dir = join(sharedDir(), 'make', 'schemas');
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const schema = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  delete schema.$schema;
  ajv.addSchema(schema, f);
}
const validate = ajv.getSchema('parameters.json#/definitions/parameters');

/** A field as Make wants it in one language. */
function inLanguage(field, lang) {
  const out = { ...field, label: field.label[lang] };
  if (field.help) out.help = field.help[lang];
  delete out.dynamicOptions;
  if (field.options) {
    out.options = field.options.map((o) => {
      const opt = { label: o.label[lang], value: o.value };
      if (o.nested) opt.nested = o.nested.map((n) => inLanguage(n, lang));
      return opt;
    });
  }
  if (Array.isArray(field.spec)) out.spec = field.spec.map((s) => inLanguage(s, lang));
  else if (field.spec) out.spec = inLanguage(field.spec, lang);
  return out;
}

const c = og.catalog();
for (const lang of ['en', 'he']) {
  for (const entry of [...c.actions, ...c.triggers]) {
    test(`${entry.key} fields and output are Make parameters (${lang})`, () => {
      for (const list of [entry.fields, entry.output]) {
        const params = list.map((f) => inLanguage(f, lang));
        assert.ok(validate(params), `${JSON.stringify(validate.errors?.slice(0, 3))}`);
      }
    });
  }
}

test('the validator refuses what Make refuses', () => {
  assert.equal(validate([{ name: 'x', type: 'textarea', label: 'X' }]), false);
  assert.equal(validate([{ name: 'x', type: 'text', label: { en: 'X', he: 'X' } }]), false);
});
