// The makeApp and blueprint declarations compile against what the docs show, and refuse
// misuse (the @ts-expect-error lines must stay errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

const USAGE = `
import * as og from '${join(root, 'pkg', 'index.js')}';
const app: og.MakeApp = og.makeApp({ lang: 'he' });
const base: string = app.files['general/base.iml.json'];
const en: og.MakeApp = og.makeApp();
const b: og.Blueprint = og.blueprint(
  { name: 'x', trigger: { key: 'watchCards' }, actions: [{ key: 'sendSms', mapper: { to: '{{1.fields.Phone}}', text: 'hi' } }] },
  { appId: 'officeguy-abc123', appVersion: 1 },
);
const module: string = b.flow[1].module;
const instant: boolean = b.metadata.instant;
void [base, en, module, instant];
// @ts-expect-error only en and he
og.makeApp({ lang: 'fr' });
// @ts-expect-error the app id is required
og.blueprint({ trigger: { key: 'watchCards' } }, {});
// @ts-expect-error a scenario has a trigger
og.blueprint({ actions: [] }, { appId: 'officeguy' });
`;

test('makeApp and blueprint types compile with a usage file (tsc --noEmit --strict)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogm-types-'));
  const usage = join(dir, 'makeapp-usage.ts');
  writeFileSync(usage, USAGE);
  let out = '';
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--target', 'es2022',
      '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', usage], { cwd: root, encoding: 'utf8' });
  } catch (e) {
    out = `${e.stdout}${e.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(out, '', out);
});
