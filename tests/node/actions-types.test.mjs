// The TypeScript declarations of the actions compile against a usage file, and misuse is
// refused, so the .d.ts matches what the package does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const usage = fileURLToPath(new URL('./types/actions-usage.ts', import.meta.url));

test('pkg types compile with a usage file (tsc --noEmit --strict)', () => {
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  let out = '';
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext',
      '--moduleResolution', 'bundler', '--lib', 'es2022,dom', '--skipLibCheck', 'false', usage], { cwd: root, encoding: 'utf8' });
  } catch (e) {
    out = `${e.stdout}${e.stderr}`;
  }
  assert.equal(out, '', out);
});
