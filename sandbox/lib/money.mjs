// Exact decimal amounts: a BigInt count of 1/10000 (four decimals, the precision SUMIT shows
// in CRM values such as 3540.0000). Amounts arrive as JSON numbers; String(n) gives the
// shortest decimal that reads back as the same double, which is the literal the client wrote
// for any amount of up to 15 significant digits, so no binary float ever enters a sum.
const SCALE = 10000n;
const AGORA = 100n; // 0.01 in units of 1/10000

/** A JSON number or decimal string as units of 1/10000; more than four decimals round half away from zero. */
export function toUnits(value) {
  let text = typeof value === 'number' ? String(value) : String(value ?? '').trim();
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  if (/e/i.test(text)) text = Number(text).toFixed(8);
  const m = text.match(/^([+-]?)(\d*)(?:\.(\d*))?$/);
  if (!m || (m[2] === '' && !m[3])) throw new RangeError(`not a decimal amount: ${text}`);
  const [, sign, int, frac = ''] = m;
  const padded = (frac + '00000').slice(0, 5);
  let units = BigInt(int || '0') * SCALE + BigInt(padded.slice(0, 4));
  if (Number(padded[4]) >= 5) units += 1n;
  return sign === '-' ? -units : units;
}

function divRound(n, d) {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const away = (r < 0n ? -r : r) * 2n >= (d < 0n ? -d : d);
  if (!away) return q;
  return (n < 0n) !== (d < 0n) ? q - 1n : q + 1n;
}

/** Rounds to whole agorot (two decimals), half away from zero. */
export function roundAgorot(units) {
  return divRound(units, AGORA) * AGORA;
}

/** a × b, both in 1/10000, rounded to whole agorot. */
export function multiply(a, b) {
  return roundAgorot(divRound(a * b, SCALE));
}

/** units × numerator / denominator, rounded to whole agorot (for VAT shares). */
export function share(units, numerator, denominator) {
  return divRound(units * numerator, denominator * AGORA) * AGORA;
}

export function sum(list) {
  return list.reduce((acc, x) => acc + x, 0n);
}

/** "1234.50" (two decimals) or with four decimals when asked. */
export function format(units, decimals = 2) {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const int = abs / SCALE;
  const frac = (abs % SCALE).toString().padStart(4, '0').slice(0, decimals);
  return `${negative ? '-' : ''}${int}${decimals ? `.${frac}` : ''}`;
}

/** The amount as a JSON number, for answers (exact: at most four decimals). */
export function toNumber(units) {
  return Number(format(units, 4));
}
