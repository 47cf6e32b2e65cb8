// Cold start (issue 7: under 20 ms in Node). Each run is a fresh process, so nothing is
// compiled or cached yet; the median of several runs is reported (a figure is the median
// per column: `instantiate + first call` is the median of call - import over the runs).
//  Node: from the first line of a fresh process to the package (pkg/node.js) imported, then to the first
//  call of each area done (buildRequest, evaluate, normalizeWebhook: each loads its own wasm
//  module), against peers in the same run: JSON.parse of a 1 KB text, and importing JSONata
//  and its first evaluate.
//  Chromium (headless, fresh profile per run): from navigation to `await og.ready` and the
//  first call of each area done, against JSONata's script and its first evaluate.
// node bench/cold-start.mjs [--runs N] [--no-browser]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`.padStart(9);

// the package's Node entry (package.json points there): one ES module made by the build;
// pkg/index.js, the same code as 15 ES module files, is measured beside it
const pkg = new URL('../pkg/node.js', import.meta.url).href;
const unbundled = new URL('../pkg/index.js', import.meta.url).href;
const CALLS = {
  buildRequest: "og.buildRequest('sendSms', { to: '0501234567', text: 'שלום' }, { companyId: 1, apiKey: 'k' })",
  evaluate: "og.evaluate('{{1.name}} {{formatDate(1.date; \"YYYY-MM-DD\"; \"Asia/Jerusalem\")}}', { 1: { name: 'דנה', date: '2026-01-02T10:00:00Z' } }, { dialect: 'scenario' })",
  normalizeWebhook: "og.normalizeWebhook({ contentType: 'application/json', body: JSON.stringify({ Folder: 1, EntityID: 2, Type: 'Create', Properties: { Name: ['x'] } }) })",
};

/** A child script that prints JSON timings: t(label) marks ms since the process began. */
function child(body) {
  return `const t0 = performance.now(); const out = {}; const t = (k) => { out[k] = performance.now() - t0; };
${body}
process.stdout.write(JSON.stringify(out));`;
}

const SCENARIOS = {
  'package: import': child(`const og = await import(${JSON.stringify(pkg)}); t('import');`),
  ...Object.fromEntries(Object.entries(CALLS).map(([name, expr]) => [`package: import + first ${name}`,
    child(`const og = await import(${JSON.stringify(pkg)}); t('import'); ${expr}; t('call');`)])),
  'package: import + all three first calls': child(`const og = await import(${JSON.stringify(pkg)}); t('import');
${Object.values(CALLS).join(';\n')}; t('call');`),
  'unbundled pkg/index.js: import': child(`const og = await import(${JSON.stringify(unbundled)}); t('import');`),
  'unbundled pkg/index.js: import + all three': child(`const og = await import(${JSON.stringify(unbundled)}); t('import');
${Object.values(CALLS).join(';\n')}; t('call');`),
  'peer: JSON.parse of a 1 KB text': child(`const items = []; let text = '';
while (text.length < 1000) { items.push({ id: items.length, name: 'פריט ' + items.length, price: items.length * 1.5 }); text = JSON.stringify({ items }); }
t('import'); JSON.parse(text); t('call');`),
  'peer: import jsonata + first evaluate': child(`const { default: jsonata } = await import('jsonata'); t('import');
await jsonata('name & " " & $string(total)').evaluate({ name: 'דנה', total: 3 }); t('call');`),
};

function runNode() {
  const results = {};
  for (const [name, script] of Object.entries(SCENARIOS)) {
    const imports = [];
    const calls = [];
    const afters = [];
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
      const o = JSON.parse(r.stdout);
      imports.push(o.import);
      if (o.call !== undefined) calls.push(o.call);
      if (o.call !== undefined) afters.push(o.call - o.import);
    }
    results[name] = { import: median(imports), call: calls.length ? median(calls) : null, after: calls.length ? median(afters) : null };
  }
  return results;
}

async function runBrowser() {
  const { chromium } = await import('playwright-core');
  const { FLAGS, executablePath } = await import('../tests/browser/lib/chromium.mjs');
  const { startPageServer } = await import('../sandbox/static.mjs');
  if (!existsSync(executablePath)) return null;
  const pages = mkdtempSync(join(tmpdir(), 'ogm-cold-'));
  const report = "window.__done = { ...out, total: performance.now() };";
  writeFileSync(join(pages, 'package.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module">
const out = {};
const og = await import('/pkg/web.js');
await og.ready;
out.ready = performance.now();
${Object.entries(CALLS).map(([k, expr]) => `${expr}; out.${k} = performance.now();`).join('\n')}
${report}
</script>`);
  writeFileSync(join(pages, 'jsonata.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script src="/jsonata/jsonata.min.js"></script>
<script type="module">
const out = { ready: performance.now() };
await jsonata('name & " " & $string(total)').evaluate({ name: 'דנה', total: 3 });
out.evaluate = performance.now();
${report}
</script>`);
  const server = await startPageServer({
    mounts: { '/pkg/': join(root, 'pkg'), '/jsonata/': join(root, 'node_modules', 'jsonata'), '/': pages }, demo: '{}',
  });
  const results = { package: [], jsonata: [] };
  try {
    for (let i = 0; i < Math.min(RUNS, 7); i++) {
      for (const page of ['package', 'jsonata']) {
        const profile = mkdtempSync(join(tmpdir(), 'ogm-cold-profile-'));
        const context = await chromium.launchPersistentContext(profile, { executablePath, args: FLAGS, headless: true });
        try {
          const p = context.pages()[0] || await context.newPage();
          await p.goto(`${server.url}/${page}.html`);
          await p.waitForFunction(() => window.__done, null, { timeout: 30000 });
          results[page].push(await p.evaluate(() => window.__done));
        } finally {
          await context.close();
          rmSync(profile, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await server.close();
    rmSync(pages, { recursive: true, force: true });
  }
  const med = (list) => Object.fromEntries(Object.keys(list[0]).map((k) => [k, median(list.map((o) => o[k]))]));
  return { package: med(results.package), jsonata: med(results.jsonata) };
}

const node = runNode();
console.log(`Node ${process.version}, fresh process per run, median of ${RUNS} runs; times from the process's first line of script; ` +
  `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores shared)`);
console.log(`${'scenario'.padEnd(44)} ${'imported'.padStart(9)} ${'call done'.padStart(9)} ${'instantiate + first call'.padStart(25)}`);
for (const [name, r] of Object.entries(node)) {
  // the module is read, compiled (V8 validates it; functions are compiled on their first
  // call) and instantiated inside the first call, so this column is the issue's figure
  const after = r.call === null ? '' : ms(r.after).padStart(25);
  console.log(`${name.padEnd(44)} ${ms(r.import)} ${r.call === null ? '' : ms(r.call)} ${after}`);
}
const all = node['package: import + all three first calls'];
const jsonataFirst = node['peer: import jsonata + first evaluate'].call;
const areas = Object.keys(CALLS).map((name) => [name, node[`package: import + first ${name}`]]);
const under = (x) => (x < 20 ? 'held' : 'NOT held');
// the issue's measure: instantiate + first call, per area (each area is its own module)
console.log(`cold start (target: instantiate + first call under 20 ms in Node): ` +
  `${areas.map(([name, r]) => `${name} ${r.after.toFixed(1)} ms`).join(', ')} (${under(Math.max(...areas.map(([, r]) => r.after)))}); ` +
  `all three areas one after the other ${all.after.toFixed(1)} ms`);
console.log(`  from the process's first line, import included: ${areas.map(([name, r]) => `${name} ${r.call.toFixed(1)} ms`).join(', ')}; ` +
  `all three ${all.call.toFixed(1)} ms, ${(all.call / jsonataFirst).toFixed(2)}x JSONata's import + first evaluate (${jsonataFirst.toFixed(1)} ms)`);

if (!process.argv.includes('--no-browser')) {
  const browser = await runBrowser();
  if (!browser) {
    console.log('\nChromium: not installed, skipped');
  } else {
    const p = browser.package;
    console.log(`\nheadless Chromium, fresh profile per run, median of ${Math.min(RUNS, 7)} runs; ms from navigation start`);
    console.log(`package:  ready (all modules fetched and compiled) ${ms(p.ready)}; first buildRequest ${ms(p.buildRequest)}; ` +
      `first evaluate ${ms(p.evaluate)}; first normalizeWebhook ${ms(p.normalizeWebhook)}`);
    console.log(`JSONata:  script loaded ${ms(browser.jsonata.ready)}; first evaluate ${ms(browser.jsonata.evaluate)}`);
    console.log(`ratio (package, all three first calls / JSONata first evaluate): ${(p.total / browser.jsonata.total).toFixed(2)}x`);
  }
}
