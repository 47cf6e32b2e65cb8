// The IML part of the JS contract: evaluate, compile, applyMapping, compileMapping,
// convertDialect, checkTemplate; errors are OfficeGuyError; 64-bit ids stay exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as og from '../../pkg/index.js';

const now = '2024-03-10T08:00:00.000Z';

test('a single {{...}} yields the raw value, mixed text a string', () => {
  assert.deepEqual(og.evaluate('{{body.items}}', { body: { items: [1, { a: 2 }] } }), [1, { a: 2 }]);
  assert.equal(og.evaluate('{{statusCode == 200}}', { statusCode: 200 }), true);
  assert.equal(og.evaluate('n={{1 + 2}}', {}), 'n=3');
  assert.equal(og.evaluate('{{missing.key}}', {}), null);
});

test('dates come out as ISO-8601 text; now and the time zone are options', () => {
  assert.equal(og.evaluate('{{now}}', {}, { now }), now);
  assert.equal(og.evaluate('{{addDays(now, 1)}}', {}, { now: new Date(now) }), '2024-03-11T08:00:00.000Z');
  assert.equal(og.evaluate('{{formatDate(now, "HH:mm")}}', {}, { now, timezone: '+02:00' }), '10:00');
  assert.equal(og.evaluate('{{formatDate(now; YYYY-MM-DD)}}', {}, { now, dialect: 'scenario' }), '2024-03-10');
});

test('compile parses once and evaluates many times; free releases it', () => {
  const t = og.compile('{{upper(item.name)}} #{{item.n}}');
  assert.equal(t.evaluate({ item: { name: 'dana', n: 1 } }), 'DANA #1');
  assert.equal(t.evaluate({ item: { name: 'שלום', n: 2 } }), 'שלום #2');
  assert.equal(t.print('app'), '{{upper(item.name)}} #{{item.n}}');
  t.free();
  assert.throws(() => t.evaluate({}), (e) => e instanceof og.OfficeGuyError && e.code === 'freed');
});

test('applyMapping turns a scenario mapper into params; compileMapping does it without re-parsing', () => {
  const mapper = { Customer: { Name: '{{1.first}} {{1.last}}', Email: '{{ifempty(1.email; 2.email)}}' }, Items: [{ Price: '{{1.total}}' }], Type: 1 };
  const bundles = { 1: { first: 'דנה', last: 'כהן', email: '', total: 12.5 }, 2: { email: 'd@example.com' } };
  const want = { Customer: { Name: 'דנה כהן', Email: 'd@example.com' }, Items: [{ Price: 12.5 }], Type: 1 };
  assert.deepEqual(og.applyMapping(mapper, bundles), want);
  const m = og.compileMapping(mapper);
  assert.deepEqual(m.apply(bundles), want);
  assert.deepEqual(m.apply({ 1: { first: 'a', last: 'b', email: 'x@y' } }).Customer, { Name: 'a b', Email: 'x@y' });
  assert.deepEqual(JSON.parse(m.applyJson(JSON.stringify(bundles))), want);
  assert.equal(og.compileMapping({ id: '{{1.id}}' }).applyJson('{"1":{"id":9007199254740993}}'), '{"id":9007199254740993}');
  m.free();
});

test('an id of 9007199254740993 that is only copied comes out exact', () => {
  const out = og.applyMapping({ EntityID: '{{1.id}}', Text: 'id {{1.id}}' }, '{"1": {"id": 9007199254740993}}');
  assert.equal(out.EntityID, 9007199254740993n);
  assert.equal(out.Text, 'id 9007199254740993');
  const viaBigInt = og.applyMapping({ EntityID: '{{1.id}}' }, { 1: { id: 9007199254740993n } });
  assert.equal(viaBigInt.EntityID, 9007199254740993n);
});

test('syntax errors carry positions and what was expected', () => {
  assert.deepEqual(og.checkTemplate('{{1.a}}'), []);
  const issues = og.checkTemplate('שלום {{1.a + }}', { dialect: 'scenario' });
  assert.equal(issues.length, 1);
  assert.equal(issues[0].offset, 'שלום {{1.a + '.length);
  assert.match(issues[0].message, /expected an expression/);
  assert.throws(() => og.compile('{{(1}}'), (e) => e instanceof og.OfficeGuyError && e.code === 'iml_syntax' && /expected `\)`/.test(e.message));
  assert.throws(() => og.compileMapping({ a: { b: '{{upper(}}' } }), (e) => e.code === 'iml_syntax' && e.issues[0].path === 'a.b@8');
});

test('evaluation errors name the function and the argument', () => {
  assert.throws(() => og.evaluate('{{formatNumber(item.x, 2)}}', { item: { x: 'abc' } }),
    (e) => e instanceof og.OfficeGuyError && e.code === 'iml_eval' && /^formatNumber: argument 1/.test(e.message));
  assert.throws(() => og.applyMapping({ list: ['{{parseJSON(1.t)}}'] }, { 1: { t: '{' } }), (e) => e.code === 'iml_eval' && e.path === 'list[0]');
});

test('convertDialect rewrites between scenario and app', () => {
  assert.equal(og.convertDialect('{{ifempty(1.email; 2.email)}}', 'scenario', 'app'), '{{ifempty(`1`.email, `2`.email)}}');
  assert.equal(og.convertDialect('{{if(`1`.a == 1 && !`1`.b, "x", 2)}}', 'app', 'scenario'), '{{if(1.a = 1 and not(1.b); "x"; 2)}}');
  assert.throws(() => og.convertDialect('{{parameters.x}}', 'app', 'scenario'), (e) => e.code === 'iml_not_convertible');
});

test('a hostile template fails fast with iml_limit', () => {
  const t0 = Date.now();
  assert.throws(() => og.evaluate(`{{${'('.repeat(5000)}1${')'.repeat(5000)}}}`), (e) => e.code === 'iml_limit');
  let s = 'item.s';
  for (let i = 0; i < 30; i++) s = `replace(${s}, "a", "aa")`;
  assert.throws(() => og.evaluate(`{{${s}}}`, { item: { s: 'aaaa' } }), (e) => e.code === 'iml_limit');
  assert.ok(Date.now() - t0 < 2000);
});

test('bad options are OfficeGuyError too', () => {
  assert.throws(() => og.evaluate('{{1}}', {}, { dialect: 'nope' }), (e) => e instanceof og.OfficeGuyError && e.code === 'invalid_argument');
  assert.throws(() => og.evaluate('{{1}}', {}, { timezone: 'Mars/Base' }), (e) => e instanceof og.OfficeGuyError);
});

test('a compiled mapping gives the same params for any size and text, as objects and as JSON text', () => {
  const m = og.compileMapping({ Name: '{{1.name}}', Note: 'הערה: {{1.note}}', Tags: '{{1.tags}}', Id: '{{1.id}}', N: '{{length(1.big)}}' });
  const sizes = [0, 10, 100000, 3, 400000, 1]; // 400000: an input area beyond 1 MiB, given back after
  for (const size of sizes) {
    const big = 'א'.repeat(size);
    const bundles = { 1: { name: `דנה "${size}" 🧢\n\\`, note: big.slice(0, 5), tags: ['a', 'ב', '😀'], id: size, big, skipped: { x: big } } };
    const want = { Name: bundles[1].name, Note: `הערה: ${big.slice(0, 5)}`, Tags: ['a', 'ב', '😀'], Id: size, N: size };
    assert.deepEqual(m.apply(bundles), want, `size ${size}`);
    const text = m.applyJson(JSON.stringify(bundles));
    assert.deepEqual(JSON.parse(text), want, `size ${size}`);
    assert.ok(text.includes('דנה'), 'applyJson keeps Hebrew as it is, not escaped');
  }
  assert.throws(() => m.applyJson('{"1": {"name": "x", "skipped": [1,]}}'), (e) => e instanceof og.OfficeGuyError && e.code === 'invalid_argument' && /expected a value at offset 34/.test(e.message));
  assert.deepEqual(m.apply({ 1: { name: 'after an error' } }).Name, 'after an error');
  m.free();
});
