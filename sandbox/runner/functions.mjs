// Custom IML functions, in the environment Make documents for them: a fresh `node:vm` context
// holding only the JS built-ins, `Buffer`, `iml` (every built-in IML function, answered by the
// core's engine, plus the app's other custom functions) and `debug`; 10 s per run; at most
// 5,000 characters of source. `this.timezone` is the scenario's timezone, as in Make's editor.
import vm from 'node:vm';
import assert from 'node:assert';
import { MakeError } from './errors.mjs';

export const FUNCTION_LIMITS = Object.freeze({ sourceChars: 5000, timeoutMs: 10000 });

const NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * @param sources   {name: code text}
 * @param callBuiltin (name, args) → value: runs a built-in IML function in the core's engine
 * @returns {name: (...args) => value}; a call that throws or times out throws a MakeError.
 */
export function loadFunctions(sources, { callBuiltin, timezone = 'UTC', timeoutMs = FUNCTION_LIMITS.timeoutMs, debug = () => {} } = {}) {
  const names = Object.keys(sources || {});
  if (!names.length) return {};
  const fns = {};
  const iml = new Proxy({}, {
    get(_t, prop) {
      if (typeof prop !== 'string') return undefined;
      if (fns[prop]) return fns[prop];
      return (...args) => callBuiltin(prop, args);
    },
    has: (_t, prop) => typeof prop === 'string',
  });
  const context = vm.createContext(
    { Buffer, iml, debug: (...args) => debug(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')) },
    { name: 'custom IML functions', codeGeneration: { strings: false, wasm: false } },
  );
  const compiled = {};
  for (const name of names) {
    const code = sources[name];
    if (!NAME.test(name)) {
      throw new MakeError('InvalidConfigurationError', 'function_invalid', `custom IML function ${JSON.stringify(name)}: not a valid function name`, { path: `functions.${name}` });
    }
    if (typeof code !== 'string' || code.length > FUNCTION_LIMITS.sourceChars) {
      throw new MakeError('InvalidConfigurationError', 'function_too_long',
        `custom IML function ${name}: ${code?.length ?? 0} characters of source; Make allows at most ${FUNCTION_LIMITS.sourceChars}`, { path: `functions.${name}` });
    }
    try {
      // each source is a `function name(...) {...}` declaration; evaluate it to the function
      compiled[name] = new vm.Script(`(() => {\n${code}\n;return ${name};\n})()`, { filename: `functions/${name}.js` })
        .runInContext(context, { timeout: timeoutMs });
    } catch (e) {
      throw new MakeError('InvalidConfigurationError', 'function_invalid', `custom IML function ${name}: ${e.message}`, { path: `functions.${name}` });
    }
    if (typeof compiled[name] !== 'function') {
      throw new MakeError('InvalidConfigurationError', 'function_invalid', `custom IML function ${name}: the source does not define function ${name}`, { path: `functions.${name}` });
    }
  }
  // Calls go through a script so that the timeout covers the function's own run time.
  const callScript = new vm.Script('__fn.apply(__this, __args)', { filename: 'custom IML function call' });
  let depth = 0;
  for (const name of names) {
    fns[name] = (...args) => {
      const saved = [context.__fn, context.__this, context.__args];
      context.__fn = compiled[name];
      context.__this = { timezone };
      context.__args = args;
      depth++;
      try {
        // a nested call (iml.other() inside a function) runs within the outer call's timeout
        return depth > 1 ? compiled[name].apply({ timezone }, args) : callScript.runInContext(context, { timeout: timeoutMs });
      } catch (e) {
        if (e instanceof MakeError) throw e;
        const timedOut = /timed out/i.test(e?.message || '');
        throw new MakeError('RuntimeError', timedOut ? 'function_timeout' : 'function_error',
          `custom IML function ${name}: ${timedOut ? `did not finish within ${timeoutMs} ms` : e?.message ?? String(e)}`);
      } finally {
        depth--;
        [context.__fn, context.__this, context.__args] = saved;
      }
    };
  }
  // the tests of the functions run in this same context (see runFunctionTests)
  Object.defineProperty(fns, 'context', { value: context, enumerable: false });
  return fns;
}

/**
 * Runs the `test` code of custom functions (Mocha-style `it(name, fn)` with Node's `assert`,
 * as Make's editor runs them) in the functions' own context, so that values a test writes and
 * values a function returns share one realm; the functions are globals there for the tests'
 * sake, and each case has the same time limit. Returns [{function, test, ok, error?}].
 */
export function runFunctionTests(tests, fns, { timeoutMs = FUNCTION_LIMITS.timeoutMs } = {}) {
  const results = [];
  const context = fns.context;
  if (!context) return results;
  for (const [name, fn] of Object.entries(fns)) context[name] = fn;
  context.assert = assert;
  const run = new vm.Script('__case()', { filename: 'custom IML function test' });
  for (const [name, code] of Object.entries(tests || {})) {
    if (typeof code !== 'string' || !code.trim()) continue;
    const cases = [];
    context.it = (title, fn) => cases.push({ title, fn });
    try {
      new vm.Script(code, { filename: `functions/${name}/test.js` }).runInContext(context, { timeout: timeoutMs });
    } catch (e) {
      results.push({ function: name, test: '(loading the tests)', ok: false, error: e.message });
      continue;
    }
    for (const c of cases) {
      context.__case = c.fn;
      try {
        run.runInContext(context, { timeout: timeoutMs });
        results.push({ function: name, test: c.title, ok: true });
      } catch (e) {
        results.push({ function: name, test: c.title, ok: false, error: e.message });
      }
    }
  }
  for (const key of [...Object.keys(fns), 'assert', 'it', '__case']) delete context[key];
  return results;
}
