// Walks a piece of app code (objects, arrays, strings) and evaluates every string that holds
// IML, through the one injected function `evaluateString(template, context)`: the core's
// engine. Nothing here parses IML; it only decides *which* strings go to the engine and where
// the results go, including Make's spread key `"{{...}}": "{{expr}}"` that merges an object in.
import { MakeError } from './errors.mjs';

const SPREAD = '{{...}}';

export const hasIml = (s) => typeof s === 'string' && s.includes('{{');

export function createWalker(evaluateString) {
  function evalString(template, context, path) {
    try {
      return evaluateString(template, context);
    } catch (e) {
      const detail = e?.message ?? String(e);
      throw new MakeError('DataError', 'iml_error', `${path || 'value'}: cannot evaluate ${JSON.stringify(template.length > 200 ? `${template.slice(0, 200)}…` : template)}: ${detail}`, { path, cause: e });
    }
  }

  function walk(value, context, path = '') {
    if (typeof value === 'string') return hasIml(value) ? evalString(value, context, path) : value;
    if (Array.isArray(value)) return value.map((v, i) => walk(v, context, `${path}[${i}]`));
    if (value && typeof value === 'object') {
      const out = {};
      for (const [key, v] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (key === SPREAD) {
          const spread = walk(v, context, at);
          if (spread && typeof spread === 'object' && !Array.isArray(spread)) Object.assign(out, spread);
          else if (spread !== undefined && spread !== null) {
            throw new MakeError('DataError', 'iml_error', `${at}: the spread key must evaluate to an object`, { path: at });
          }
          continue;
        }
        const name = hasIml(key) ? String(evalString(key, context, at)) : key;
        const result = walk(v, context, at);
        // The engine has no `undefined`: a missing value comes back as null. Make's IML gives
        // undefined there, and an undefined key vanishes from a body or a bundle; so a key
        // whose IML came out null is left out. A literal null (no IML) stays.
        if ((result === null || result === undefined) && hasIml(v)) continue;
        out[name] = result;
      }
      return out;
    }
    return value;
  }

  /** Make's truthiness for `condition`, `valid` and friends (JS truthiness of the value). */
  function test(value, context, path) {
    if (value === undefined) return true;
    return Boolean(walk(value, context, path));
  }

  return { walk, test };
}
