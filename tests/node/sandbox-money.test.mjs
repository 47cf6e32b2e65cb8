// The sandbox's document totals rest on lib/money.mjs: exact decimals from the JSON number
// the client wrote, rounding to agorot half away from zero, never a binary float sum.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as money from '../../sandbox/lib/money.mjs';

test('amounts read exactly as written, including what binary floats cannot hold', () => {
  assert.equal(money.format(money.toUnits(0.1) + money.toUnits(0.2)), '0.30');
  assert.equal(money.format(money.toUnits(19.99), 4), '19.9900');
  assert.equal(money.format(money.toUnits('1234567890.1234'), 4), '1234567890.1234');
  assert.equal(money.format(money.toUnits(-3.5), 2), '-3.50');
  assert.equal(money.format(money.toUnits(1e-7), 4), '0.0000');
  assert.equal(money.format(money.toUnits(12e3), 0), '12000');
  for (const bad of ['', 'abc', '1.2.3', NaN, Infinity, null]) assert.throws(() => money.toUnits(bad), RangeError, String(bad));
});

test('line totals and VAT round to agorot half away from zero', () => {
  const u = money.toUnits;
  assert.equal(money.format(money.multiply(u(3), u(19.99))), '59.97');
  assert.equal(money.format(money.multiply(u(0.5), u(0.05))), '0.03', '0.025 rounds up');
  assert.equal(money.format(money.multiply(u(-0.5), u(0.05))), '-0.03', 'and away from zero when negative');
  assert.equal(money.format(money.multiply(u(1.005), u(1))), '1.01');
  assert.equal(money.format(money.share(u(100), u(18), 1000000n)), '18.00', '18% added');
  assert.equal(money.format(money.share(u(118), u(18), 1000000n + u(18))), '18.00', '18% extracted from 118');
  assert.equal(money.format(money.share(u(59.97), u(18), 1000000n + u(18))), '9.15');
  const lines = Array.from({ length: 1000 }, () => u(0.1));
  assert.equal(money.format(money.sum(lines)), '100.00', 'a thousand dimes make exactly 100');
  assert.equal(money.toNumber(u(3540)), 3540);
});
