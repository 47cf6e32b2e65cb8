// The same tables of Make's documented examples as tests/iml_cases.rs, run through the
// JS package: what the page and the runner see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as og from '../../pkg/index.js';

const dir = new URL('../iml_cases/', import.meta.url);

function same(a, b) {
  if (typeof a === 'bigint' || typeof b === 'bigint') return BigInt(a) === BigInt(b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && typeof a === 'object') {
    return b && typeof b === 'object' && !Array.isArray(b) && Object.keys(a).length === Object.keys(b).length
      && Object.keys(a).every((k) => same(a[k], b[k]));
  }
  return Object.is(a, b) || a === b;
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const table = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  const d = table.defaults ?? {};
  test(`Make's documented examples: ${file}`, () => {
    const failed = [];
    for (const row of table.cases) {
      const field = (k) => (k in row ? row[k] : d[k]);
      const options = { dialect: field('dialect') ?? 'scenario', timezone: field('timezone'), now: field('now') ?? 1_700_000_000_000 };
      let got, err;
      try {
        got = og.evaluate(row.template, field('context') ?? {}, options);
      } catch (e) {
        err = e;
      }
      if (err && !(err instanceof og.OfficeGuyError)) failed.push(`${row.template}: threw a non-OfficeGuyError ${err}`);
      else if ('error' in row ? err?.code !== row.error : err || !same(row.expected, got)) {
        failed.push(`${row.template}\n   want ${JSON.stringify(row.expected ?? row.error)}\n   got  ${err ? `${err.code}: ${err.message}` : JSON.stringify(got, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
      }
    }
    assert.deepEqual(failed, []);
  });
}
