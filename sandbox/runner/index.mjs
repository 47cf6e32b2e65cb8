// The local Make runner: loads an app in Make's local-development layout and runs it the way
// Make does, with the core's IML engine (pkg/) doing every evaluation. See README.md.
import { createRunner as createBare } from './runner.mjs';

export { loadApp } from './loader.mjs';
export { MakeError, ERROR_TYPES } from './errors.mjs';
export { LIMITS } from './communication.mjs';
export { FUNCTION_LIMITS, loadFunctions } from './functions.mjs';
export { epochState, EPOCH_ALL_DATE } from './polling.mjs';

// The package needs the built wasm; without it a caller must inject `evaluate` itself.
let og = null;
try {
  og = await import('../../pkg/index.js');
} catch { /* not built: createRunner then requires options.evaluate */ }

const CACHE_LIMIT = 5000;

/**
 * The core's engine, app dialect. Templates are compiled once (per timezone and fixed `now`)
 * and kept, since an app evaluates the same few hundred templates over and over.
 */
export function coreEvaluator(core = og) {
  if (!core || typeof core.evaluate !== 'function') return null;
  if (typeof core.compile !== 'function') return (template, context, options) => core.evaluate(template, context, options);
  const cache = new Map();
  return (template, context, options = {}) => {
    const key = `${options.dialect ?? 'app'}\u0000${options.timezone ?? ''}\u0000${options.now ?? ''}\u0000${template}`;
    let compiled = cache.get(key);
    if (!compiled) {
      if (cache.size >= CACHE_LIMIT) {
        for (const old of cache.values()) old.free?.();
        cache.clear();
      }
      compiled = core.compile(template, options);
      cache.set(key, compiled);
    }
    return compiled.evaluate(context);
  };
}

export function createRunner(options) {
  return createBare({
    evaluate: coreEvaluator() ?? undefined,
    applyMapping: typeof og?.applyMapping === 'function' ? (mapper, bundles) => og.applyMapping(mapper, bundles) : undefined,
    createMatcher: typeof og?.TriggerMatcher === 'function' ? (subscriptions, opts) => new og.TriggerMatcher(subscriptions, null, opts) : undefined,
    ...options,
  });
}
