// pkg/types/iml.d.ts describes what pkg/lib/iml.js exports: a usage file type-checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the IML declarations type-check against a usage file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogm-iml-types-'));
  const file = join(dir, 'use.ts');
  writeFileSync(file, `
import * as og from ${JSON.stringify(join(root, 'pkg', 'index.js'))};
const v: og.ImlValue = og.evaluate('{{1 + 1}}', {}, { dialect: 'app', timezone: 'Asia/Jerusalem', now: new Date() });
const t: og.CompiledTemplate = og.compile('{{x}}', { dialect: 'scenario' });
const again: og.ImlValue = t.evaluate({ x: 1 });
const text: string = t.print('app');
t.free();
const m = og.compileMapping({ a: '{{1.a}}' }, { now: 0 });
const params = m.apply({ 1: { a: 1 } });
const out: string = m.applyJson('{"1":{"a":1}}');
const direct = og.applyMapping({ a: '{{1.a}}' }, '{"1":{"a":1}}');
const converted: string = og.convertDialect('{{1.a}}', 'scenario', 'app');
const issues: og.ImlSyntaxIssue[] = og.checkTemplate('{{(}}', { dialect: 'app' });
const offset: number = issues[0].offset;
// @ts-expect-error: the dialect is one of two names
og.evaluate('{{1}}', {}, { dialect: 'other' });
void [v, again, text, params, out, direct, converted, offset];
`);
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  try {
    execFileSync(tsc, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--skipLibCheck', 'false', file], { cwd: root, stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc:\n${e.stdout}${e.stderr}`);
  }
});
