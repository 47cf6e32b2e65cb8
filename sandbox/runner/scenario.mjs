// A scenario, as Make runs one: the trigger's bundles, one at a time, each flowing through the
// actions in order. Each action's parameters come from its mapper (scenario-dialect IML over
// the bundles so far, keyed by module id) through the core's applyMapping; a search that
// returns several bundles runs the rest of the flow once per bundle; a filter in front of a
// module that does not pass ends that bundle's run.
import { locate } from './errors.mjs';
import { checkFilter, passes } from './filters.mjs';

/**
 * @param rt        runner internals: {runModule(name, params), pollTrigger, applyMapping}
 * @param scenario  {trigger: {bundles} | {hook, count, timeoutMs} | {module, parameters, state},
 *                   actions: [{id?, module, mapper, parameters?, filter?}]}; a filter
 *                  ({name, conditions: [[{a, o, b}]]}) sits in front of its module
 * @returns {runs: [{trigger, outputs: {id: bundle}}], state?}
 */
export async function runScenario(rt, { trigger, actions = [] }) {
  const triggerId = String(trigger.id ?? 1);
  const steps = actions.map((a, i) => ({ ...a, id: String(a.id ?? Number(triggerId) + i + 1) }));
  for (const step of steps) if (step.filter) checkFilter(step.filter, `module ${step.id} (${step.module}) filter`);
  let bundles;
  let state;
  if (Array.isArray(trigger.bundles)) bundles = trigger.bundles;
  else if (trigger.hook) bundles = await trigger.hook.take(trigger.count ?? 1, { timeoutMs: trigger.timeoutMs ?? 5000 });
  else if (trigger.module) ({ bundles, state } = await rt.pollTrigger(trigger.module, trigger.parameters, trigger.state));
  else throw new TypeError('runScenario: trigger needs bundles, hook or module');

  const runs = [];
  for (const bundle of bundles) {
    const flows = await flow(rt, steps, 0, { [triggerId]: bundle });
    for (const outputs of flows) runs.push({ trigger: bundle, outputs });
  }
  return state === undefined ? { runs } : { runs, state };
}

async function flow(rt, steps, index, context) {
  if (index >= steps.length) return [context];
  const step = steps[index];
  let bundles;
  try {
    // a filter in front of a module that does not pass ends this bundle's run there
    if (step.filter && !passes(step.filter, context, rt.applyMapping)) return [context];
    const mapped = step.mapper ? rt.applyMapping(step.mapper, context) : {};
    const params = { ...(step.parameters || {}), ...mapped };
    bundles = await rt.runModule(step.module, params);
  } catch (e) {
    throw locate(e, { module: step.module, step: `module ${step.id} (${step.module})` });
  }
  const results = [];
  // an action gives one bundle; a search may give none (the flow stops there) or many
  for (const b of bundles) results.push(...await flow(rt, steps, index + 1, { ...context, [step.id]: b }));
  return results;
}

/** A module name from a blueprint's `app#<appId>:<name>` (or a bare name). */
const moduleName = (id) => String(id).replace(/^app#[^:]*:/, '');
/** Without Make's account-specific placeholders (`__IMTCONN__`, `__IMTHOOK__`). */
const ownParams = (p = {}) => Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith('__IMT')));

/**
 * A Make blueprint's linear flow as runner steps: {trigger: {id, module, parameters},
 * actions: [{id, module, parameters, mapper, filter?}]}. Routers are refused.
 */
export function blueprintSteps(blueprint) {
  const flow = blueprint?.flow;
  if (!Array.isArray(flow) || flow.length === 0) throw new TypeError('blueprint: no flow');
  const [first, ...rest] = flow;
  for (const m of flow) {
    if (m.routes) throw new TypeError(`blueprint module ${m.id}: routers are not supported by the runner`);
  }
  if (first.filter) throw new TypeError(`blueprint module ${first.id}: a filter on the trigger is not supported by the runner`);
  return {
    trigger: { id: String(first.id), module: moduleName(first.module), parameters: ownParams(first.parameters) },
    actions: rest.map((m) => ({
      id: String(m.id), module: moduleName(m.module), parameters: ownParams(m.parameters), mapper: m.mapper || {}, ...(m.filter ? { filter: m.filter } : {}),
    })),
  };
}
