// pkg/types/catalog.d.ts is generated from the catalogue; a change to an action's fields
// that was not regenerated (npm run build) would give TypeScript users wrong types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as og from '../../pkg/index.js';
import { catalogTypes, catalogTypesPath } from '../../scripts/gen-types.mjs';

test('the generated catalogue types are up to date', () => {
  assert.equal(readFileSync(catalogTypesPath, 'utf8'), catalogTypes(og.catalog()));
});

test('every action key of the catalogue is in ActionKey, and required fields are required', () => {
  const text = catalogTypes(og.catalog());
  for (const a of og.catalog().actions) assert.match(text, new RegExp(`\\| "${a.key}"`));
  assert.match(text, /createDocument: \{\n\s+\/\*\*[^\n]*\*\/\n\s+type: "Invoice"/);
  const createDocumentType = text.match(/createDocument: \{\n\s+\/\*\*[^\n]*\*\/\n\s+type: ([^\n]*)/)[1];
  assert.doesNotMatch(createDocumentType, /"ExpenseInvoice"/, 'createDocument offers no expense type');
});
