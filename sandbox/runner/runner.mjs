// One runner = one app + one connection, as a Make scenario sees them. It wires the pieces
// (IML walk over the injected engine, communication, polling dedupe, webhook server, custom
// functions, scenarios) and keeps secrets out of everything it reports.
import { loadApp, component } from './loader.mjs';
import { createWalker } from './iml-walk.mjs';
import { runCommunication } from './communication.mjs';
import { MakeError, locate } from './errors.mjs';
import { connectionSecrets, createScrubber } from './sanitize.mjs';
import { loadFunctions, runFunctionTests } from './functions.mjs';
import { evaluateWithCustomCalls, mentionsCustom } from './custom-calls.mjs';
import { epochState, selectNew } from './polling.mjs';
import { createWebhookServer } from './webhook-server.mjs';
import { attachWebhook } from './instant.mjs';
import { runScenario, blueprintSteps } from './scenario.mjs';

/**
 * Only the variables a template can name cross into the engine: a reference to `body` has
 * the text "body" in it. This keeps an `iterate` over a large page from copying the whole
 * page once per item.
 */
function pruneContext(template, context) {
  const out = {};
  for (const key of Object.keys(context)) if (template.includes(key)) out[key] = context[key];
  return out;
}

const isEmpty = (v) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * @param options.app          a loaded app, or the folder of one
 * @param options.connection   the connection's parameter values ({companyId, apiKey}), or {parameters}
 * @param options.baseUrl      replaces the app's base URL (e.g. the sandbox's URL)
 * @param options.evaluate     (template, context, {dialect, timezone, now}) → value: the
 *                             core's IML engine (required; index.mjs supplies og.evaluate)
 * @param options.applyMapping (mapper, bundles) → params: the core's scenario mapper
 * @param options.createMatcher (subscriptions, options) → a TriggerMatcher, for webhook dedupe
 * @param options.fetch, onRequest(req), log(line), timezone, now, environment, functionTimeoutMs
 */
export function createRunner(options) {
  const app = typeof options.app === 'string' ? loadApp(options.app) : options.app;
  if (!app || !app.modules) throw new TypeError('createRunner: options.app must be a loaded app or its folder');
  if (typeof options.evaluate !== 'function') throw new TypeError('createRunner: options.evaluate (the IML engine) is required');
  const timezone = options.timezone || 'UTC';
  const connectionName = options.connectionName || Object.keys(app.connections)[0] || null;
  const connectionSpec = connectionName ? app.connections[connectionName] : null;
  const connectionParams = { ...(options.connection?.parameters ?? options.connection ?? {}) };
  let connectionData = {};
  const scrub = createScrubber(connectionSecrets(connectionParams, connectionSpec?.parameters));
  const hooks = new Set();
  const server = createWebhookServer();
  const freshBudget = () => ({ requests: 0 });

  const nowValue = () => (typeof options.now === 'function' ? options.now() : options.now);
  const engineOptions = () => {
    const o = { dialect: 'app', timezone };
    const now = nowValue();
    if (now !== undefined) o.now = now instanceof Date ? now.toISOString() : now;
    return o;
  };
  const engine = (template, context) => options.evaluate(template, pruneContext(template, context), engineOptions());
  // A built-in IML function called from a custom function goes to the core's engine too.
  const callBuiltin = (name, args) => {
    if (!/^[A-Za-z_]\w*$/.test(name)) throw new MakeError('RuntimeError', 'function_error', `iml.${name}: not an IML function name`);
    const ctx = {};
    const names = args.map((a, i) => {
      ctx[`arg${i + 1}`] = a === undefined ? null : JSON.parse(JSON.stringify(a));
      return `arg${i + 1}`;
    });
    return options.evaluate(`{{${name}(${names.join(', ')})}}`, ctx, engineOptions());
  };
  const functions = loadFunctions(
    Object.fromEntries(Object.entries(app.functions).map(([n, f]) => [n, f.code])),
    { callBuiltin, timezone, timeoutMs: options.functionTimeoutMs, debug: (line) => options.log?.(scrub(`debug: ${line}`)) },
  );

  const customNames = Object.keys(functions);
  const walker = createWalker((template, context) => (customNames.length && mentionsCustom(template, customNames)
    ? evaluateWithCustomCalls(template, context, functions, engine)
    : engine(template, context)));

  const appBaseUrl = (() => {
    if (typeof app.base.baseUrl !== 'string') return undefined;
    try { return walker.walk(app.base.baseUrl, baseCtx(), 'base.baseUrl'); } catch { return undefined; }
  })();

  function baseCtx() {
    return {
      connection: { ...connectionParams, ...connectionData },
      common: options.common ?? app.common,
      environment: options.environment ?? {},
      temp: {},
    };
  }

  function envFor(where, extra = {}) {
    return {
      walker, where, base: extra.noBase ? null : app.base, baseUrl: options.baseUrl, appBaseUrl,
      fetch: options.fetch, onRequest: options.onRequest, requestTimeoutMs: options.requestTimeoutMs,
      log: options.log ? (line) => options.log(scrub(line)) : undefined, scrub, budget: freshBudget(), ...extra,
    };
  }

  function module(name, types) {
    const m = component(app, 'modules', name);
    if (types && !types.includes(m.type)) {
      throw new MakeError('InvalidConfigurationError', 'wrong_module_type', `module ${name} is a ${m.type}, not ${types.join(' or ')}`, { module: name });
    }
    return m;
  }

  function checkRequired(m, params) {
    const specs = [...(Array.isArray(m.parameters) ? m.parameters : []), ...(Array.isArray(m.expect) ? m.expect : [])];
    const missing = specs.filter((p) => p && typeof p === 'object' && p.required && p.name && isEmpty(params[p.name])).map((p) => p.name);
    if (missing.length) {
      throw new MakeError('DataError', 'missing_parameter', `module ${m.name}: missing value of required parameter ${missing.map((n) => `'${n}'`).join(', ')}`, { module: m.name, path: missing[0] });
    }
  }

  async function guard(where, fn) {
    try {
      return await fn();
    } catch (e) {
      throw scrub.error(locate(e, where));
    }
  }

  /** Runs a module's communication → bundles (actions give one, searches any number). */
  async function runModule(name, params = {}) {
    return guard({ module: name }, async () => {
      const m = module(name, ['action', 'search', 'universal', 'trigger']);
      checkRequired(m, params);
      const env = envFor(`modules.${name}.communication`, { relativeOnly: m.type === 'universal' });
      const result = await runCommunication(m.communication, env, { ...baseCtx(), parameters: params });
      return result.bundles;
    });
  }

  async function pollTrigger(name, parameters = {}, state) {
    return guard({ module: name }, async () => {
      const m = module(name, ['trigger']);
      checkRequired(m, parameters);
      const specs = Array.isArray(m.communication) ? m.communication : [m.communication];
      const triggerSpec = specs[specs.length - 1]?.response?.trigger;
      if (!triggerSpec) throw new MakeError('InvalidConfigurationError', 'no_trigger_directive', `modules.${name}: a polling trigger needs response.trigger`, { module: name });
      const ctx0 = { ...baseCtx(), parameters };
      const type = walker.walk(triggerSpec.type, ctx0, `modules.${name}.response.trigger.type`);
      const order = walker.walk(triggerSpec.order, ctx0, `modules.${name}.response.trigger.order`);
      const current = state && (state.lastID !== undefined || state.lastDate !== undefined) ? state : epochState(state?.from ? state : { from: 'now' }, nowValue() ?? new Date());
      const data = { lastID: current.lastID ?? undefined, lastDate: current.lastDate ?? undefined };
      // with newest-first lists, a page that reaches an already seen item is the last one needed
      const unseen = (e) => selectNew([e], { ...current, prime: false }, { type }).emit.length === 1;
      const stopPaging = order === 'desc' ? (entries) => entries.some((e) => !unseen(e)) : undefined;
      const limitCount = (entries) => entries.filter(unseen).length;
      const env = envFor(`modules.${name}.communication`, { stopPaging, limitCount, applyLimit: false });
      const result = await runCommunication(m.communication, env, { ...ctx0, data });
      const { emit, state: next } = selectNew(result.entries, current, { type, limit: result.limit });
      return { bundles: emit.map((e) => e.output), state: next };
    });
  }

  /**
   * The Epoch panel's items: the epoch section merged over the trigger's communication. Each
   * item keeps the trigger's id (and date) for the item, which "Choose manually" starts after:
   * [{label, date, id}].
   */
  async function epochOptions(name, parameters = {}) {
    return guard({ module: name }, async () => {
      const m = module(name, ['trigger']);
      if (!m.epoch) return [];
      const comm = Array.isArray(m.communication) ? m.communication[m.communication.length - 1] : m.communication;
      const merged = { ...comm, ...m.epoch, response: { ...comm.response, ...m.epoch.response } };
      delete merged.response.wrapper;
      const result = await runCommunication(merged, envFor(`modules.${name}.epoch`), { ...baseCtx(), parameters, data: {} });
      return result.entries.slice(0, result.limit ?? result.entries.length).map((e) => ({
        ...e.output,
        id: e.output?.id ?? e.trigger?.id,
        date: e.output?.date ?? e.trigger?.date ?? null,
      }));
    });
  }

  const rt = {
    app, walker, scrub, server, envFor, baseCtx, module,
    runModule, pollTrigger,
    applyMapping: (mapper, bundles) => {
      if (typeof options.applyMapping !== 'function') throw new TypeError('createRunner: options.applyMapping (the core\'s scenario mapper) is required for scenarios');
      return options.applyMapping(mapper, bundles);
    },
    forget: (hook) => hooks.delete(hook),
    createMatcher: options.createMatcher,
  };

  return {
    app,
    functions,
    /** Runs the connection's communication (the validation call); stores `response.data`. */
    validateConnection: () => guard({ module: connectionName, step: 'connection' }, async () => {
      if (!connectionSpec) throw new MakeError('InvalidConfigurationError', 'no_connection', 'the app has no connection');
      const result = await runCommunication(connectionSpec.communication, envFor(`connections.${connectionName}.communication`, { noBase: true }),
        { ...baseCtx(), parameters: connectionParams });
      if (result.data && typeof result.data === 'object') connectionData = { ...connectionData, ...result.data };
      return { ok: true, data: result.data, uid: result.uid, metadata: result.metadata };
    }),
    rpc: (name, parameters = {}) => guard({ module: name, step: 'rpc' }, async () => {
      const r = component(app, 'rpcs', name);
      return (await runCommunication(r.communication, envFor(`rpcs.${name}.communication`), { ...baseCtx(), parameters })).bundles;
    }),
    runModule,
    runAction: async (name, parameters) => (await runModule(name, parameters))[0],
    runSearch: (name, parameters) => runModule(name, parameters),
    pollTrigger,
    epochOptions,
    epochState: (choice) => epochState(choice, nowValue() ?? new Date()),
    attachWebhook: (name, parameters, hookOptions) => guard({ module: name, step: 'attach' }, async () => {
      const hook = await attachWebhook(rt, name, parameters, hookOptions);
      hooks.add(hook);
      return hook;
    }),
    runScenario: (scenario) => runScenario(rt, scenario),
    /** Attaches the instant trigger of a blueprint's first module, with its parameters. */
    attachBlueprint: (blueprint) => {
      const { trigger } = blueprintSteps(blueprint);
      return guard({ module: trigger.module, step: 'attach' }, async () => {
        const hook = await attachWebhook(rt, trigger.module, trigger.parameters);
        hooks.add(hook);
        return hook;
      });
    },
    /**
     * Runs a blueprint (as `og.blueprint` exports it): `source` is {hook, count, timeoutMs} for
     * an instant trigger, {state} for a polling one, or {bundles} for given trigger output.
     */
    runBlueprint: (blueprint, source = {}) => {
      const { trigger, actions } = blueprintSteps(blueprint);
      const t = source.bundles ? { id: trigger.id, bundles: source.bundles }
        : source.hook ? { id: trigger.id, hook: source.hook, count: source.count, timeoutMs: source.timeoutMs }
          : { id: trigger.id, module: trigger.module, parameters: trigger.parameters, state: source.state };
      return runScenario(rt, { trigger: t, actions });
    },
    /** Runs the `test` code of the app's custom functions → [{function, test, ok, error?}]. */
    testFunctions: () => runFunctionTests(
      Object.fromEntries(Object.entries(app.functions).map(([n, f]) => [n, f.test])), functions,
      { timeoutMs: options.functionTimeoutMs },
    ),
    /** Detaches every hook still attached and stops the webhook server. */
    async close() {
      const errors = [];
      for (const hook of [...hooks]) {
        try { await hook.detach(); } catch (e) { errors.push(e); }
      }
      await server.close();
      if (errors.length) throw errors[0];
    },
  };
}
