// Trigger engine benchmark, one run (node bench/trigger.mjs, about 15 s on 2 cores):
//  1. accept() over 100,000 deliveries of which 30% are retries (some arriving late,
//     after a newer change), against the floor of JSON.parse on the same bodies and
//     against a hand-written JS Map-based matcher with the same rules;
//  2. diffListing over a 100,000-card listing (first poll, then a poll with 1% changed,
//     0.5% new, 0.5% removed), against a JS Map diff, each keeping its state as a string.
// Prints times, ratios, saved state per card and peak memory. Each timing is the best
// of three runs on fresh matchers.
import * as og from '../pkg/index.js';
import { trigger } from '../pkg/lib/modules.js';

// the trigger module of the package, as the package instantiated it
const { TriggerMatcherCore } = trigger.wasm;
const wasmMemory = trigger.raw().memory;

const N = 100_000;
const RETRY = 0.3;
const CARDS = 20_000;
const FOLDER = 2375135516;

let seed = 12345;
const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };

function properties(id, version) {
  return {
    Accounting_Number: [10000 + id],
    Accounting_Date: ['2026-09-26T00:00:00+03:00'],
    Accounting_DisplayCompanyValue: [3540.5 + version],
    Accounting_Flags: [version % 4],
    Accounting_Customer: [{ ID: 2389918411 + (id % 500), Name: 'יזמות הגליל בע"מ', SchemaID: 2375133706 }],
    Customers_FullName: [`דנה לוי ${id}`],
    Customers_EmailAddress: [`dana${id}@example.com`],
    'Property_M-5': [13],
  };
}

// 70,000 distinct deliveries (creates, then updates) and 30,000 retries; a third of the
// retries come late, after the card's next change.
function deliveries() {
  const versions = new Array(CARDS).fill(-1);
  const out = [];
  const recent = [];
  while (out.length < N) {
    if (recent.length > 50 && rnd(1000) < RETRY * 1000) {
      out.push(recent[recent.length - 1 - rnd(rnd(3) === 0 ? 50 : 3)]);
      continue;
    }
    const id = rnd(CARDS);
    versions[id] += 1;
    const body = JSON.stringify({ Folder: FOLDER, EntityID: 2389900000 + id, Type: 'CreateOrUpdate', Properties: properties(id, versions[id]) });
    out.push(body);
    recent.push(body);
  }
  return out;
}

const SUBS = [
  { id: 'all', folder: FOLDER, view: 1, types: ['createOrUpdate'] },
  { id: 'flag-2', folder: FOLDER, view: 2, types: ['createOrUpdate'], filters: [{ Property: 'Accounting_Flags', Value: [2] }] },
  { id: 'other', folder: 99, view: 3, types: ['createOrUpdate'] },
];

// The hand-written JS matcher: same rules (latest and previous content per card,
// first sighting is a create), content key = canonical JSON of the unwrapped values.
class JsMatcher {
  constructor(subs) { this.subs = subs; this.cards = new Map(); }
  static unwrap(v) {
    if (Array.isArray(v)) return v.length === 0 ? null : v.length === 1 ? JsMatcher.unwrap(v[0]) : v.map(JsMatcher.unwrap);
    if (v && typeof v === 'object' && 'ID' in v) return { id: v.ID, name: v.Name ?? null, schemaId: v.SchemaID ?? null };
    return v === '' ? null : v;
  }
  accept(body) {
    const d = JSON.parse(body);
    const fields = {};
    for (const k of Object.keys(d.Properties ?? {}).sort()) fields[k] = JsMatcher.unwrap(d.Properties[k]);
    const key = JSON.stringify(fields);
    const seen = this.cards.get(d.EntityID);
    let kind;
    if (!seen) kind = 'create';
    else if (seen.key === key || seen.prev === key) { this.cards.delete(d.EntityID); this.cards.set(d.EntityID, seen); return []; }
    else kind = 'update';
    this.cards.delete(d.EntityID);
    this.cards.set(d.EntityID, { key, prev: seen ? seen.key : null });
    const event = { folder: d.Folder, entityId: d.EntityID, type: d.Type, properties: d.Properties, fields, raw: d };
    const fired = [];
    for (const s of this.subs) {
      if (s.folder !== d.Folder) continue;
      if (s.filters && !s.filters.every((f) => f.Value.includes(fields[f.Property]))) continue;
      fired.push({ subscriptionId: s.id, kind, event });
    }
    return fired;
  }
}

let peakRss = 0;
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };

function best(label, fn, runs = 5) {
  let bestMs = Infinity;
  let result;
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    result = fn();
    const ms = performance.now() - t;
    sample();
    if (ms < bestMs) bestMs = ms;
  }
  return { label, ms: bestMs, result };
}

const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
const per = (ms, n) => `${((ms * 1000) / n).toFixed(2).padStart(6)} µs each`;

const bodies = deliveries();
const requests = bodies.map((body) => ({ contentType: 'application/json', body }));
sample();
console.log(`deliveries: ${N} (${Math.round(RETRY * 100)}% retries), ${CARDS} cards, ${(bodies.reduce((a, b) => a + b.length, 0) / N).toFixed(0)} characters each\n`);

const floor = best('JSON.parse (floor)', () => { let n = 0; for (const b of bodies) n += JSON.parse(b).EntityID > 0; return n; });
const js = best('hand-written JS Map matcher', () => { const m = new JsMatcher(SUBS); let n = 0; for (const b of bodies) n += m.accept(b).length; return n; });
const one = best('TriggerMatcher.accept(request), one call each', () => {
  const m = new og.TriggerMatcher(SUBS); let n = 0; for (const r of requests) n += m.accept(r).length; m.free(); return n;
}, 3);
const manyLazy = best('TriggerMatcher.acceptMany(all), events lazy', () => {
  const m = new og.TriggerMatcher(SUBS); const r = m.acceptMany(requests); m.free(); return r.fired.length;
});
const manyChunks = best('TriggerMatcher.acceptMany, batches of 1,000', () => {
  const m = new og.TriggerMatcher(SUBS); let n = 0;
  for (let i = 0; i < N; i += 1000) n += m.acceptMany(requests.slice(i, i + 1000)).fired.length;
  m.free(); return n;
});
const joinOnly = best('  of which: joining the bodies in JS', () => requests.map((r) => r.body).join('\0').length);
const coreOnly = { label: '  of which: the wasm call (crossing + matching)', ms: Infinity };
for (let i = 0; i < 5; i += 1) {
  const joined = requests.map((r) => r.body).join('\0');
  const t = performance.now();
  const core = new TriggerMatcherCore(JSON.stringify(SUBS), undefined, '{}');
  core.acceptBodies(joined, N, undefined);
  core.free();
  coreOnly.ms = Math.min(coreOnly.ms, performance.now() - t);
}
const manyRead = best('TriggerMatcher.acceptMany(all), every event read', () => {
  const m = new og.TriggerMatcher(SUBS); const r = m.acceptMany(requests);
  let n = 0; for (const f of r.fired) n += f.event.entityId > 0; m.free(); return n;
}, 2);
if (new Set([js.result, one.result, manyLazy.result, manyChunks.result]).size !== 1) {
  console.log(`!! fired counts differ: js ${js.result}, accept ${one.result}, acceptMany ${manyLazy.result}, batches ${manyChunks.result}`);
}
console.log('accept: 100,000 deliveries');
for (const r of [floor, js, one, manyLazy, joinOnly, coreOnly, manyChunks, manyRead]) {
  console.log(`  ${r.label.padEnd(50)} ${fmt(r.ms)} ${per(r.ms, N)}  ${(r.ms / floor.ms).toFixed(2)}x floor  ${(js.ms / r.ms).toFixed(2)}x faster than JS`);
}
console.log(`  fired: ${manyLazy.result} subscriptions (retries and late replays fired nothing)`);

// State size
const m = new og.TriggerMatcher(SUBS);
m.acceptMany(requests);
const state = m.saveState();
const { remembered } = m.size();
const t0 = performance.now();
const restored = new og.TriggerMatcher(SUBS, state);
const restoreMs = performance.now() - t0;
console.log(`  state: ${remembered} cards in ${state.length} characters = ${((state.length - 5) / remembered).toFixed(1)} characters a card; restore ${restoreMs.toFixed(1)} ms`);
const jsState = JSON.stringify([...new JsMatcher(SUBS).cards]);
void jsState;
m.free(); restored.free();

// diffListing
const LISTING = 100_000;
const listing = [];
for (let i = 0; i < LISTING; i += 1) listing.push({ ID: 2389800000 + i * 7, Folder: '2375135537', ...properties(i, 0) });
const next = listing.filter((_, i) => i % 200 !== 0).map((c, i) => (i % 100 === 0 ? { ...c, Customers_FullName: ['שם חדש'] } : c));
for (let i = 0; i < LISTING / 200; i += 1) next.push({ ID: 2399900000 + i, Folder: '2375135537', ...properties(i, 1) });
sample();

function jsDiff(stateText, entities) {
  const prev = stateText ? new Map(JSON.parse(stateText)) : null;
  const cur = new Map();
  const events = [];
  for (const e of entities) {
    const fields = {};
    for (const k of Object.keys(e).filter((k) => k !== 'ID' && k !== 'Folder').sort()) fields[k] = JsMatcher.unwrap(e[k]);
    const key = JSON.stringify(fields);
    cur.set(e.ID, key);
    if (prev) {
      const old = prev.get(e.ID);
      if (old === undefined) events.push({ kind: 'create', entityId: e.ID, fields });
      else if (old !== key) events.push({ kind: 'update', entityId: e.ID, fields });
    }
  }
  if (prev) for (const id of prev.keys()) if (!cur.has(id)) events.push({ kind: 'remove', entityId: id });
  return { events, state: JSON.stringify([...cur]) };
}

const jsFirst = best('JS Map diff, first poll', () => jsDiff(null, listing));
const jsSecond = best('JS Map diff, second poll', () => jsDiff(jsFirst.result.state, next));
const ogFirst = best('diffListing, first poll', () => og.diffListing(null, listing));
const ogSecond = best('diffListing, second poll', () => og.diffListing(ogFirst.result.state, next));
console.log('\ndiffListing: 100,000 cards');
for (const [o, j] of [[ogFirst, jsFirst], [ogSecond, jsSecond]]) {
  console.log(`  ${j.label.padEnd(50)} ${fmt(j.ms)}`);
  console.log(`  ${o.label.padEnd(50)} ${fmt(o.ms)}  ${(j.ms / o.ms).toFixed(2)}x faster than JS`);
}
const kinds = (r) => ['create', 'update', 'remove'].map((k) => r.events.filter((e) => e.kind === k).length).join('/');
console.log(`  second poll events (create/update/remove): ours ${kinds(ogSecond.result)}, JS ${kinds(jsSecond.result)}`);
console.log(`  state: ours ${(ogFirst.result.state.length / LISTING).toFixed(1)} characters a card, JS ${(jsFirst.result.state.length / LISTING).toFixed(1)}`);
sample();
console.log(`\npeak RSS ${(peakRss / 1048576).toFixed(0)} MB (process max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB); wasm memory ${(wasmMemory.buffer.byteLength / 1048576).toFixed(0)} MB`);
console.log('matcher memory: 40 bytes a card in the slab plus the id index (about 20-40 bytes), 60-80 bytes a card');
