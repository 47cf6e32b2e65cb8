// `npm test`: every test of the project, in order of what they need:
//   1. cargo test (native: unit, integration and doc tests)
//   2. the wasm build (skipped when nothing changed)
//   3. wasm tests in Node, then in headless Chromium (wasm-bindgen-test-runner)
//   4. Node suites (node --test tests/node)
//   5. browser suites (node --test tests/browser, Playwright with Debian's Chromium)
//   6. fuzz: each cargo-fuzz target for 20 s and every committed crasher replayed
//      (scripts/fuzz.mjs; nightly Rust, no sanitizer, so that it stays near 2 minutes)
// Each stage's counts are added up and printed as one closing line.
// `npm test -- --only node` (or rust, wasm, browser) runs one stage after the build;
// `--only fuzz` runs the fuzz stage alone, without the wasm build.
import { readdirSync, existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { root, run, say, timed } from './lib/run.mjs';
import { ensureChromium, setupBuild } from './lib/setup.mjs';
import { build, targetDir } from './build.mjs';

const only = (() => {
  const i = process.argv.indexOf('--only');
  return i > 0 ? process.argv[i + 1] : null;
})();
const wanted = (stage) => !only || only === stage;

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedStages = [];

function count(stage, text, exitCode) {
  let passed = 0, failed = 0, skipped = 0;
  for (const m of text.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/g)) {
    passed += +m[1]; failed += +m[2]; skipped += +m[3];
  }
  for (const m of text.matchAll(/^[#ℹ] pass (\d+)$/gm)) passed += +m[1];
  for (const m of text.matchAll(/^[#ℹ] fail (\d+)$/gm)) failed += +m[1];
  for (const m of text.matchAll(/^[#ℹ] skipped (\d+)$/gm)) skipped += +m[1];
  if (exitCode !== 0 && failed === 0) failed = 1; // a runner that died still failed
  totals.passed += passed; totals.failed += failed; totals.skipped += skipped;
  if (exitCode !== 0) failedStages.push(stage);
  say(`${stage}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

async function stage(name, cmd, args, env = {}) {
  let out = '';
  const code = await timed(name, () => run(cmd, args, {
    check: false, env,
    onLine: (line) => { out += `${line}\n`; process.stdout.write(`${line}\n`); },
  }));
  count(name, out, code);
}

const testFiles = (dir) => existsSync(dir)
  ? readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(dir, f))
  : [];

const cargoEnv = { CARGO_TARGET_DIR: targetDir, CARGO_TERM_COLOR: 'never' };

try {
  const { bin } = await setupBuild();
  const runner = join(bin, '..', 'wasm-bindgen-test-runner');
  if (wanted('browser') || wanted('wasm')) await ensureChromium();

  if (wanted('rust')) await stage('cargo test', 'cargo', ['test', '--no-fail-fast'], cargoEnv);

  if (only !== 'fuzz') await build();

  if (wanted('wasm')) {
    const wasmEnv = { ...cargoEnv, CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: runner };
    await stage('wasm tests (Node)', 'cargo', ['test', '--target', 'wasm32-unknown-unknown', '--tests'],
      { ...wasmEnv, WASM_BINDGEN_TEST_ONLY_NODE: '1' });
    await stage('wasm tests (Chromium)', 'cargo', ['test', '--target', 'wasm32-unknown-unknown', '--tests'],
      { ...wasmEnv, WASM_BINDGEN_TEST_ONLY_WEB: '1', CHROMEDRIVER: '/usr/bin/chromedriver',
        WASM_BINDGEN_TEST_TIMEOUT: '60' });
  }

  if (wanted('node')) {
    await stage('node suites', process.execPath, ['--test', '--test-reporter=tap', ...testFiles(join(root, 'tests', 'node'))]);
  }
  if (wanted('browser')) {
    const files = testFiles(join(root, 'tests', 'browser'));
    if (files.length) {
      await stage('browser suites', process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=tap', ...files],
        { OFFICEGUY_MAKE_PROFILE_DIR: mkdtempSync(join(tmpdir(), 'ogm-chromium-')) });
    }
  }
  if (wanted('fuzz')) {
    await stage('fuzz', process.execPath, [join(root, 'scripts', 'fuzz.mjs'), '--seconds', '20', '--sanitizer', 'none', '--scratch']);
  }
} catch (e) {
  console.error(e.message);
  failedStages.push('set-up');
  totals.failed += 1;
}

if (failedStages.length) say(`failed stages: ${failedStages.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStages.length ? 1 : 0);
