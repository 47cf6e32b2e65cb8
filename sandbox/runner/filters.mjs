// Scenario filters, as Make stores them on a module: {name, conditions: [[{a, o, b}]]}, an OR
// of AND groups. `a` and `b` are scenario-dialect templates over the bundles so far; `o` is
// the operator. Only the operators below are known; any other is refused rather than
// guessed, since a filter that silently passes would run modules the user meant to skip.
import { MakeError } from './errors.mjs';

const text = (v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const num = (v) => (v === null || v === undefined || v === '' ? NaN : Number(v));
const bool = (v) => v === true || v === 'true' || v === 1 || v === '1';
const present = (v) => !(v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0));

const OPERATORS = {
  exist: (a) => present(a),
  notexist: (a) => !present(a),
  'text:equal': (a, b) => text(a) === text(b),
  'text:equal:ci': (a, b) => text(a).toLowerCase() === text(b).toLowerCase(),
  'text:notequal': (a, b) => text(a) !== text(b),
  'text:notequal:ci': (a, b) => text(a).toLowerCase() !== text(b).toLowerCase(),
  'text:contain': (a, b) => text(a).includes(text(b)),
  'text:contain:ci': (a, b) => text(a).toLowerCase().includes(text(b).toLowerCase()),
  'text:notcontain': (a, b) => !text(a).includes(text(b)),
  'text:notcontain:ci': (a, b) => !text(a).toLowerCase().includes(text(b).toLowerCase()),
  'number:equal': (a, b) => num(a) === num(b),
  'number:notequal': (a, b) => !(num(a) === num(b)),
  'number:greater': (a, b) => num(a) > num(b),
  'number:less': (a, b) => num(a) < num(b),
  'number:greaterorequal': (a, b) => num(a) >= num(b),
  'number:lessorequal': (a, b) => num(a) <= num(b),
  'boolean:equal': (a, b) => bool(a) === bool(b),
  'boolean:notequal': (a, b) => bool(a) !== bool(b),
};

/** Refuses a filter the runner cannot evaluate faithfully, before anything runs. */
export function checkFilter(filter, where) {
  const groups = filter?.conditions;
  if (!Array.isArray(groups) || !groups.every((g) => Array.isArray(g) && g.every((c) => c && typeof c === 'object'))) {
    throw new MakeError('InvalidConfigurationError', 'invalid_filter', `${where}: a filter needs conditions as a list of lists of {a, o, b}`);
  }
  for (const [i, group] of groups.entries()) {
    for (const [j, c] of group.entries()) {
      if (!OPERATORS[c.o]) {
        throw new MakeError('InvalidConfigurationError', 'unsupported_filter',
          `${where}.conditions[${i}][${j}]: operator ${JSON.stringify(c.o)} is not supported by the runner (known: ${Object.keys(OPERATORS).join(', ')})`);
      }
    }
  }
}

/** Whether the bundles so far pass the filter: any group whose conditions all hold. */
export function passes(filter, context, applyMapping) {
  return filter.conditions.some((group) => group.every((c) => {
    const { a, b } = applyMapping({ a: c.a ?? null, b: c.b ?? null }, context);
    return OPERATORS[c.o](a, b);
  }));
}
