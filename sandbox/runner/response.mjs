// The response chain of one answer, in Make's order: error check (`valid`, status, `error`
// with its per-status overrides), then `temp`, then `iterate` with `output` per item (and the
// polling `trigger` id/date per item). `wrapper` and `limit` act on the whole run and are
// applied by the communication, after pagination.
import { MakeError, ERROR_TYPES } from './errors.mjs';

function errorSpecFor(errorSpec, status) {
  if (!errorSpec) return {};
  if (typeof errorSpec === 'string') return { message: errorSpec };
  const perStatus = errorSpec[String(status)];
  return perStatus ? { type: errorSpec.type, ...perStatus } : errorSpec;
}

/** Throws the Make error the app's `error` directive describes, or a default one. */
function fail({ walker, response, ctx, status, validSpec, where }) {
  const spec = { ...errorSpecFor(response.error, status) };
  if (validSpec && typeof validSpec === 'object' && status < 400) {
    if (validSpec.message) spec.message = validSpec.message;
    if (validSpec.type) spec.type = validSpec.type;
  }
  let message = spec.message !== undefined ? walker.walk(spec.message, ctx, `${where}.response.error.message`) : undefined;
  let type = spec.type !== undefined ? walker.walk(spec.type, ctx, `${where}.response.error.type`) : undefined;
  if (message === undefined || message === null || message === '') {
    message = status >= 400 ? `the service answered HTTP ${status}` : 'the response is not valid (response.valid is false)';
  }
  if (!ERROR_TYPES.includes(type)) type = status === 429 ? 'RateLimitError' : status === 401 ? 'InvalidAccessTokenError' : 'RuntimeError';
  throw new MakeError(type, status >= 400 ? 'http_error' : 'invalid_response',
    `[${status}] ${typeof message === 'string' ? message : JSON.stringify(message)}`, { statusCode: status, body: ctx.body });
}

/**
 * Processes one answer. Returns {items: [{output, trigger?}], temp, iterated}; `ctx` holds the
 * variables (body, headers, statusCode, temp, parameters, ...). `hasOutput` false means the
 * request's own output is not wanted (an earlier request of a multi-request communication).
 */
export function processAnswer({ walker, response = {}, ctx, where, triggerSpec }) {
  const status = ctx.statusCode;
  const validSpec = response.valid;
  const valid = validSpec === undefined ? true
    : typeof validSpec === 'object' && validSpec !== null ? walker.test(validSpec.condition, ctx, `${where}.response.valid.condition`)
      : walker.test(validSpec, ctx, `${where}.response.valid`);
  if (status >= 400 || !valid) fail({ walker, response, ctx, status, validSpec, where });

  if (response.temp !== undefined) {
    const temp = walker.walk(response.temp, ctx, `${where}.response.temp`);
    ctx.temp = { ...(ctx.temp || {}), ...(temp && typeof temp === 'object' ? temp : {}) };
  }

  const items = [];
  let iterated = false;
  if (response.iterate !== undefined && response.iterate !== null) {
    iterated = true;
    const container = typeof response.iterate === 'object' ? response.iterate.container : response.iterate;
    const condition = typeof response.iterate === 'object' ? response.iterate.condition : undefined;
    const list = walker.walk(container, ctx, `${where}.response.iterate`);
    if (list !== undefined && list !== null && !Array.isArray(list)) {
      throw new MakeError('DataError', 'iterate_not_array', `${where}.response.iterate: ${JSON.stringify(container)} is not an array (got ${typeof list})`);
    }
    for (const item of list || []) {
      const itemCtx = { ...ctx, item };
      if (condition !== undefined && !walker.test(condition, itemCtx, `${where}.response.iterate.condition`)) continue;
      items.push(outputOf({ walker, response, ctx: itemCtx, where, triggerSpec, fallback: item }));
    }
  } else {
    items.push(outputOf({ walker, response, ctx, where, triggerSpec, fallback: ctx.body }));
  }
  return { items, iterated };
}

function outputOf({ walker, response, ctx, where, triggerSpec, fallback }) {
  const output = response.output === undefined ? fallback : walker.walk(response.output, ctx, `${where}.response.output`);
  const entry = { output };
  if (triggerSpec) {
    entry.trigger = {
      id: triggerSpec.id === undefined ? undefined : walker.walk(triggerSpec.id, ctx, `${where}.response.trigger.id`),
      date: triggerSpec.date === undefined ? undefined : walker.walk(triggerSpec.date, ctx, `${where}.response.trigger.date`),
    };
  }
  return entry;
}
