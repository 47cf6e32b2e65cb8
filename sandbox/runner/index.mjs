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

/** The core's engine, app dialect, with compiled templates cached per template and options. */
export function coreEvaluator(core = og) {
  if (!core || typeof core.evaluate !== 'function') return null;
  return (template, context, options) => core.evaluate(template, context, options);
}

export function createRunner(options) {
  return createBare({
    evaluate: coreEvaluator() ?? undefined,
    applyMapping: typeof og?.applyMapping === 'function' ? (mapper, bundles) => og.applyMapping(mapper, bundles) : undefined,
    ...options,
  });
}
