// Instant triggers: attach the app's webhook against the service (its `attach` RPC gets
// `webhook.url`, the runner's local URL), turn each delivery into bundles with the webhook's
// `verification`, `condition`, `iterate`, `output` and `respond`, enrich each bundle with the
// module's own communication (`payload` = the item), and detach on request.
import { MakeError, locate } from './errors.mjs';
import { runCommunication } from './communication.mjs';
import { withFaults } from './webhook-faults.mjs';

/** Bundles in arrival order; a delivery that failed comes out of next() as its error. */
function createQueue() {
  const items = [];
  const waiters = [];
  const settle = (waiter, item) => (item.error ? waiter.reject(item.error) : waiter.resolve(item.value));
  const put = (item) => {
    const w = waiters.shift();
    if (w) settle(w, item);
    else items.push(item);
  };
  return {
    push: (value) => put({ value }),
    fail: (error) => put({ error }),
    next(timeoutMs) {
      if (items.length) {
        const item = items.shift();
        return item.error ? Promise.reject(item.error) : Promise.resolve(item.value);
      }
      return new Promise((resolve, reject) => {
        const waiter = {
          resolve: (v) => { clearTimeout(timer); resolve(v); },
          reject: (e) => { clearTimeout(timer); reject(e); },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new MakeError('RuntimeError', 'no_delivery', `no webhook delivery within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
  };
}

/**
 * A matcher that tells a repeated delivery from a new change (the core's TriggerMatcher:
 * same card, same content = the same event), for one hook. Its one subscription is the
 * hook itself, so the folder parameter (an id or a name) does not have to match.
 */
function dedupeFor(rt, hook, parameters, options) {
  if (typeof rt.createMatcher !== 'function') throw new TypeError('attachWebhook: dedupe needs the core\'s TriggerMatcher (createRunner option createMatcher)');
  const type = String(parameters.type ?? 'createOrUpdate');
  // deliveries are matched by the hook they arrived at, so any valid folder id will do when
  // the parameter is a folder name
  const given = String(parameters.folder ?? '').trim();
  const folder = /^[1-9]\d*$/.test(given) ? given : '1';
  const matcher = rt.createMatcher([{ id: hook.id, folder, types: [type] }], options === true ? {} : options);
  return (req) => {
    let fired;
    try {
      fired = matcher.accept({ contentType: String(req.headers['content-type'] || 'application/json'), body: req.text }, { subscriptionId: hook.id });
    } catch {
      return false; // not a delivery the core can read: the app's webhook decides what it is
    }
    return fired.length === 0;
  };
}

/**
 * @param rt  the runner's internals: {app, walker, envFor(where), baseCtx(), server, scrub, createMatcher?}
 * @param options.dedupe  true (or TriggerMatcher options): a delivery of a change already
 *                        taken is answered as usual but makes no bundle (`hook.stats.duplicates`)
 * @param options.fault   (request, n) → {latencyMs?, httpStatus?, reset?, after?} or null:
 *                        injected faults on the answer (see webhook-faults.mjs)
 * @returns the hook: {id, url, data, received, errors, stats, next(), take(), detach()}
 */
export async function attachWebhook(rt, moduleName, parameters = {}, options = {}) {
  const module = rt.module(moduleName, ['instant_trigger']);
  const webhook = rt.app.webhooks[module.webhook];
  const spec = Array.isArray(webhook.communication) ? webhook.communication[0] : webhook.communication || {};
  const queue = createQueue();
  const received = [];
  const errors = [];
  let chain = Promise.resolve();
  let detached = false;
  const stats = { deliveries: 0, duplicates: 0, faults: 0 };
  const hook = { id: null, url: null, data: {}, received, errors, stats, module: moduleName };
  let isRepeat = () => false;

  const webhookVar = () => ({ ...hook.data, id: hook.id, url: hook.url });
  const fail = (e) => {
    const err = rt.scrub.error(locate(e, { module: moduleName }));
    errors.push(err);
    queue.fail(err);
  };

  const route = await rt.server.add(withFaults(options.fault, stats, async (req) => {
    const where = `webhooks.${webhook.name}`;
    const ctx = { ...rt.baseCtx(), parameters, data: parameters, webhook: webhookVar(),
      body: req.body, headers: req.headers, query: req.query, method: req.method };
    const { walker } = rt;
    stats.deliveries++;
    try {
      if (spec.verification && walker.test(spec.verification.condition ?? false, ctx, `${where}.verification.condition`)) {
        return respondWith(walker, spec.verification.respond, ctx, `${where}.verification.respond`);
      }
      let outputs = [];
      if (spec.condition === undefined || walker.test(spec.condition, ctx, `${where}.condition`)) {
        const container = spec.iterate === undefined ? undefined : typeof spec.iterate === 'object' ? spec.iterate.container : spec.iterate;
        const list = container === undefined ? [req.body] : walker.walk(container, ctx, `${where}.iterate`);
        const cond = typeof spec.iterate === 'object' ? spec.iterate.condition : undefined;
        for (const item of Array.isArray(list) ? list : list === undefined || list === null ? [] : [list]) {
          const itemCtx = container === undefined ? ctx : { ...ctx, item };
          if (cond !== undefined && !walker.test(cond, itemCtx, `${where}.iterate.condition`)) continue;
          outputs.push(spec.output === undefined ? (container === undefined ? req.body : item) : walker.walk(spec.output, itemCtx, `${where}.output`));
        }
      }
      const reply = respondWith(walker, spec.respond, ctx, `${where}.respond`);
      // Only a delivery processed without error is remembered as seen: one that failed above
      // was answered 500, and its retry must not be taken for a repeat.
      if (isRepeat(req)) {
        stats.duplicates++;
        return reply;
      }
      // enrichment runs after the answer, one request per bundle, in arrival order
      outputs = outputs.filter((o) => o !== undefined);
      chain = chain.then(() => enrich(rt, module, parameters, outputs, webhookVar()))
        .then((bundles) => { for (const b of bundles) { received.push(b); queue.push(b); } })
        .catch((e) => fail(e));
      return reply;
    } catch (e) {
      fail(e);
      return { status: 500, headers: { 'content-type': 'text/plain' }, body: 'the webhook could not process this delivery' };
    }
  }));
  hook.id = route.id;
  hook.url = route.url;
  if (options.dedupe) {
    try {
      isRepeat = dedupeFor(rt, hook, parameters, options.dedupe);
    } catch (e) {
      route.remove();
      throw e;
    }
  }

  if (webhook.attach) {
    try {
      const env = rt.envFor(`webhooks.${webhook.name}.attach`);
      const result = await runCommunication(webhook.attach, env, { ...rt.baseCtx(), parameters, data: parameters, webhook: webhookVar() });
      hook.data = result.data && typeof result.data === 'object' ? result.data : {};
    } catch (e) {
      route.remove();
      throw rt.scrub.error(locate(e, { module: moduleName, step: 'attach' }));
    }
  }

  hook.next = ({ timeoutMs = 5000 } = {}) => queue.next(timeoutMs);
  hook.take = async (count, { timeoutMs = 5000 } = {}) => {
    const out = [];
    const deadline = Date.now() + timeoutMs;
    while (out.length < count) out.push(await queue.next(Math.max(1, deadline - Date.now())));
    return out;
  };
  /** Waits until deliveries have been quiet for `quietMs`; returns all bundles received. */
  hook.settle = async ({ quietMs = 300 } = {}) => {
    let seen = -1;
    while (seen !== received.length + errors.length) {
      seen = received.length + errors.length;
      await new Promise((r) => setTimeout(r, quietMs));
      await chain;
    }
    return received;
  };
  hook.detach = async () => {
    if (detached) return;
    detached = true;
    try {
      if (webhook.detach) {
        const env = rt.envFor(`webhooks.${webhook.name}.detach`);
        await runCommunication(webhook.detach, env, { ...rt.baseCtx(), parameters, data: parameters, webhook: webhookVar() });
      }
    } catch (e) {
      throw rt.scrub.error(locate(e, { module: moduleName, step: 'detach' }));
    } finally {
      route.remove();
      rt.forget(hook);
    }
  };
  return hook;
}

function respondWith(walker, respond, ctx, where) {
  if (!respond) return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'Accepted' };
  const r = walker.walk(respond, ctx, where) || {};
  const headers = { ...(r.headers || {}) };
  let body = r.body;
  if (r.type === 'urlencoded' && body && typeof body === 'object') {
    body = new URLSearchParams(body).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (r.type === 'text' && body !== undefined && typeof body !== 'string') {
    body = String(body);
  }
  return { status: Number(r.status) || 200, headers, body: body ?? '' };
}

async function enrich(rt, module, parameters, outputs, webhook) {
  if (!module.communication) return outputs;
  const bundles = [];
  for (const payload of outputs) {
    const env = rt.envFor(`modules.${module.name}.communication`);
    const result = await runCommunication(module.communication, env, { ...rt.baseCtx(), parameters, payload, webhook });
    if (!result.bundles.length && result.stoppedBy !== 'condition') {
      throw new MakeError('DataError', 'no_output', `modules.${module.name}: the instant trigger's communication gave no bundle`);
    }
    bundles.push(...(result.bundles.length ? result.bundles.slice(0, 1) : [payload]));
  }
  return bundles;
}
