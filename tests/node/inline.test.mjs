// The single-file build loads where only JavaScript built-ins and WebAssembly exist (a bare
// node:vm context: no require, fs, fetch, TextEncoder, console) and offers the package's
// names under one global, officeguyMake.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import * as og from '../../pkg/index.js';
import { buildInline, inlineFile } from '../../scripts/inline.mjs';
import { setupBuild } from '../../scripts/lib/setup.mjs';
import { targetDir } from '../../scripts/build.mjs';

let source;
// objects made in the vm context have that realm's prototypes; compare them as JSON
const plain = (v) => JSON.parse(JSON.stringify(v));
let context;

before(async () => {
  // npm run build writes the file; this brings it up to date when only the shim changed
  const built = join(targetDir, 'wasm32-unknown-unknown', 'release', 'officeguy_make.wasm');
  if (existsSync(built)) {
    const { bin } = await setupBuild();
    await buildInline({ wasmBindgen: bin, builtWasm: built });
  }
  source = readFileSync(inlineFile, 'utf8');
  context = vm.createContext({});
  vm.runInContext(source, context, { filename: 'officeguy-make.inline.js' });
});

test('it defines exactly one global, officeguyMake, in a bare context', () => {
  const added = Object.keys(context);
  assert.deepEqual(added, ['officeguyMake']);
  assert.equal(typeof context.TextEncoder, 'undefined', 'the context really is bare');
});

test('officeguyMake has the same names as pkg/index.js', () => {
  assert.deepEqual(Object.keys(context.officeguyMake).sort(), Object.keys(og).sort());
});

test('it references no require, fs, fetch or node: module', () => {
  const code = source.replace(/fromBase64\('[A-Za-z0-9+/=]*'\)/, "fromBase64('')");
  assert.doesNotMatch(code, /\brequire\s*\(/);
  assert.doesNotMatch(code, /\bfetch\b/);
  assert.doesNotMatch(code, /\bfs\b/);
  assert.doesNotMatch(code, /['"]node:/);
  assert.doesNotMatch(code, /^\s*(import|export)\b/m);
});

test('the engine answers in the sandbox exactly as in Node, Hebrew and emoji included', () => {
  const m = context.officeguyMake;
  assert.deepEqual(plain(m.makeApp({ lang: 'he' })), og.makeApp({ lang: 'he' }));
  if (typeof og.applyMapping === 'function') {
    const mapper = { name: '{{1.name}}', note: 'שלום 👋 {{1.city}}' };
    const bundles = { 1: { name: 'דנה כהן', city: 'חיפה' } };
    assert.deepEqual(plain(m.applyMapping(mapper, bundles)), og.applyMapping(mapper, bundles));
  }
});

test('errors cross as OfficeGuyError with the text intact (UTF-8 both ways without TextEncoder)', () => {
  const m = context.officeguyMake;
  assert.throws(() => m.makeApp({ lang: 'עב😀' }), (e) => {
    assert.ok(e instanceof m.OfficeGuyError);
    assert.equal(e.code, 'unknown_language');
    assert.match(e.message, /עב😀/);
    return true;
  });
});

test('a blueprint comes out the same in the sandbox', () => {
  const scenario = { trigger: { key: 'watchCards' }, actions: [{ key: 'apiCall', mapper: { url: '/crm/data/getentity/' } }] };
  const options = { appId: 'officeguy-x1y2z3' };
  assert.deepEqual(plain(context.officeguyMake.blueprint(scenario, options)), og.blueprint(scenario, options));
});
