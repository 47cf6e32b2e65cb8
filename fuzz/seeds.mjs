// Seed inputs for the fuzz targets, taken from what the project already knows is
// meaningful: Make's documented IML examples (tests/iml_cases), the generated app's own
// IML (make-app/), the deliveries SUMIT sends (NOTES.md §6.2 shapes), every catalogue
// action's fields, and states saved by a real matcher. `node scripts/fuzz.mjs --seed`
// writes them into fuzz/corpus/<target>/ (named by content hash, as libFuzzer names its
// own), before the corpus is minimised; the input layouts are those of fuzz/src/checks.rs.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const enc = (s) => Buffer.from(s, 'utf8');
const nul = Buffer.from([0]);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const ZONES = ['UTC', 'Asia/Jerusalem', 'America/New_York', 'Australia/Lord_Howe'];

function imlSeeds(root) {
  const seeds = [];
  const dir = join(root, 'tests', 'iml_cases');
  for (const file of readdirSync(dir).sort()) {
    const table = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    for (const row of table.cases) {
      const dialect = (row.dialect ?? table.defaults?.dialect) === 'app' ? 1 : 0;
      const zone = Math.max(0, ZONES.indexOf(row.timezone ?? 'UTC'));
      const parts = [Buffer.from([dialect | (zone << 1)]), enc(row.template)];
      if (row.context) parts.push(nul, enc(JSON.stringify(row.context)));
      seeds.push(Buffer.concat(parts));
    }
  }
  // the generated app's own expressions, in the app dialect
  const templates = new Set();
  const collect = (v) => {
    if (typeof v === 'string' && v.includes('{{')) templates.add(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const f of walk(join(root, 'make-app', 'en')).filter((f) => f.endsWith('.json')).sort()) {
    try { collect(JSON.parse(readFileSync(f, 'utf8'))); } catch { /* not every file is JSON */ }
  }
  for (const t of [...templates].slice(0, 150)) seeds.push(Buffer.concat([Buffer.from([1]), enc(t)]));
  // shapes the limits exist for, kept small
  seeds.push(Buffer.concat([Buffer.from([1]), enc(`{{${'('.repeat(70)}1${')'.repeat(70)}}}`)]));
  seeds.push(Buffer.concat([Buffer.from([1]), enc('{{replace(replace(replace(item.s, "a", "aa"), "a", "aa"), "a", "aa")}}')]));
  seeds.push(Buffer.concat([Buffer.from([1]), enc('{{length(reverse(reverse(flatten(add(emptyarray, item.a, item.a)))))}}')]));
  seeds.push(Buffer.concat([Buffer.from([0]), enc('Order {{1.id}}: {{formatNumber(1.total; 2; .; ,)}} {{formatDate(now; "YYYY-MM-DD HH:mm"; "Asia/Jerusalem")}}')]));
  return seeds;
}

const CAPTURED = {
  Folder: 2375135516, EntityID: 2389921274, Type: 'Create',
  Properties: {
    Accounting_Number: [10003], Accounting_Date: ['2026-09-26T00:00:00+03:00'],
    Accounting_DisplayCompanyValue: [3540.0000], Accounting_Flags: [2],
    Accounting_Customer: [{ ID: 2389918411, Name: 'יזמות הגליל בע"מ', SchemaID: 2375133706 }], 'Property_M-5': [13],
  },
};

function form(json) {
  return `json=${encodeURIComponent(json).replace(/%20/g, '+')}`;
}

function webhookSeeds() {
  const bodies = [
    JSON.stringify(CAPTURED),
    '{"Folder":10,"EntityID":1,"Type":"CreateOrUpdate","Properties":{"Amount":[100],"City":["חיפה"]}}',
    '{"Folder":"10","EntityID":"9007199254740993","Type":"Update","Properties":{"Amount":"200","Name":"x"}}',
    '{"Folder":10,"EntityID":18446744073709551615,"Type":"Archive"}',
    '{"folder":10,"entityId":9007199254740991,"type":"delete"}',
    '[10, 77, "Create", {"Name": ["n"], "R": [{"ID": 5, "Name": "n", "SchemaID": 2}]}]',
    '{"folder":10,"entityId":5,"type":"update","properties":{"A":[1.5e300, -0, true, null]}}',
    '\ufeff {"FOLDER":10,"entityid":3,"TYPE":"create","PROPERTIES":{}}',
  ];
  const seeds = [];
  for (const b of bodies) {
    seeds.push(enc(b));
    seeds.push(Buffer.concat([enc('application/json; charset=utf-8'), nul, enc(b)]));
    seeds.push(Buffer.concat([enc('application/x-www-form-urlencoded'), nul, enc(form(b))]));
  }
  seeds.push(Buffer.concat([enc('text/plain'), nul, enc(`${form(bodies[1])}&other=1`)]));
  seeds.push(Buffer.concat([enc('application/x-www-form-urlencoded'), nul, enc('a=1&b=%ZZ')]));
  seeds.push(Buffer.concat([enc('application/octet-stream'), nul, Buffer.from([0xff, 0xfe, 0x7b])]));
  return seeds;
}

/** A value for each field, by its Make type, so that every action starts from params
 * that get through its rules and into the body writer. */
function sample(field, variant) {
  switch (field.type) {
    case 'select': {
      const o = field.options?.[variant % Math.max(1, field.options?.length ?? 1)];
      return o ? o.value : 'x';
    }
    case 'collection': return fill(field.spec ?? [], variant);
    case 'array': {
      if (Array.isArray(field.spec)) return [fill(field.spec, variant), fill(field.spec, variant + 1)];
      return field.spec ? [sample(field.spec, variant)] : ['a', 'b'];
    }
    case 'uinteger': case 'integer': return variant ? '9007199254740993' : 7;
    case 'number': return variant ? '0.1' : '118.50';
    case 'boolean': return variant ? 'false' : true;
    case 'email': return 'dana@example.com';
    case 'date': return '2026-09-26';
    default: return variant ? '' : 'דנה לוי 😀';
  }
}

function fill(fields, variant) {
  const out = {};
  for (const f of fields) {
    if (variant === 2 && !f.required) continue;
    out[f.name] = sample(f, variant);
    const chosen = f.options?.find((o) => o.value === out[f.name]);
    if (chosen?.nested) Object.assign(out, fill(chosen.nested, variant));
  }
  return out;
}

function buildRequestSeeds(catalog) {
  const seeds = [];
  catalog.actions.forEach((a, i) => {
    for (const variant of [0, 1, 2]) {
      seeds.push(Buffer.concat([Buffer.from([i]), enc(JSON.stringify(fill(a.fields, variant)))]));
    }
  });
  const doc = catalog.actions.findIndex((a) => a.key === 'createDocument');
  seeds.push(Buffer.concat([Buffer.from([doc]), enc(JSON.stringify({
    type: 'InvoiceAndReceipt', customer: { name: 'Danny Dean', email: 'danny@example.com', externalId: 'cust-42' },
    items: [{ name: 'Widget', quantity: 2, unitPrice: 50 }, { name: 'x', quantity: '0.333', unitPrice: '12345678901234567.89' }],
    payments: [{ amount: '100', method: 'cash' }], vatIncluded: true, currency: 'ILS',
  }))]));
  return seeds;
}

function stateSeeds(og) {
  const m = new og.TriggerMatcher([{ id: 's', folder: 10, view: 1, types: ['createOrUpdate', 'archive', 'delete'] }]);
  const seeds = [enc(m.saveState())];
  const ids = [1, 2, 127, 128, 16383, 16384, 9007199254740991n, 9007199254740993n, 9223372036854775807n];
  ids.forEach((id, i) => {
    m.accept({ Folder: 10, EntityID: id.toString(), Type: 'CreateOrUpdate', Properties: { A: [i] } });
    if (i % 3 === 1) m.accept({ Folder: 10, EntityID: id.toString(), Type: 'CreateOrUpdate', Properties: { A: [i + 100] } });
    if (i % 4 === 2) m.accept({ Folder: 10, EntityID: id.toString(), Type: 'Archive' });
    if (i % 4 === 3) m.accept({ Folder: 10, EntityID: id.toString(), Type: 'Delete' });
    seeds.push(enc(m.saveState()));
  });
  const listing = og.diffListing(null, [
    { ID: 5, Folder: 10, Properties: { A: [1] } }, { ID: 9007199254740993n.toString(), Folder: 11, Properties: {} },
  ], {});
  seeds.push(enc(listing.state));
  seeds.push(enc('ogm2.AA'), enc('ogd1.'), enc('  ogm1.AA  '), enc('og'));
  return seeds;
}

/** `{target: [Buffer]}` */
export async function seeds(root) {
  const og = await import(join(root, 'pkg', 'index.js'));
  await og.ready;
  return {
    iml: imlSeeds(root),
    webhook: webhookSeeds(),
    build_request: buildRequestSeeds(og.catalog()),
    state: stateSeeds(og),
  };
}

export const seedName = (buf) => createHash('sha1').update(buf).digest('hex');
